import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, ROOT } from './helpers/cli.js';

/** Which source modules (of dist/ and of packages) `npm run build` put in each file of dist/bundle/ (scripts/bundle.mjs). */
const BUNDLED = (JSON.parse(readFileSync(path.join(ROOT, 'dist/bundle-meta.json'), 'utf8')) as { outputs: Record<string, { inputs: Record<string, unknown> }> }).outputs;

/** A module by its package's name, or by its path from dist/. */
const moduleName = (file: string) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file)?.[1] ?? file.replace(/^.*\/dist\//, 'dist/');

/**
 * The modules a run of the real CLI loads, read through a module hook: each bundle file
 * loaded stands for the modules built into it, each package left out of the bundle for itself.
 */
function loaded(args: string[]): string[] {
  const r = spawnSync(process.execPath, ['--import', path.join(ROOT, 'tests/helpers/log-loads.mjs'), path.join(ROOT, 'bin/kpi.js'), ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(r.status, r.stderr).toBe(0);
  const urls = [...r.stderr.matchAll(/^kpi-load (.+)$/gm)].map((m) => m[1]!);
  const files = urls.flatMap((u) => {
    const bundled = /\/(dist\/bundle\/[^/]+\.js)$/.exec(u)?.[1];
    return bundled ? Object.keys(BUNDLED[bundled]?.inputs ?? { [`unknown bundle file ${bundled}`]: 0 }) : [u];
  });
  return [...new Set(files.map(moduleName))];
}

const HEAVY = ['exceljs', 'zod', 'chalk', 'yauzl', 'csv-parse', 'csv-stringify'];

describe('start-up loads only what the run needs', () => {
  it('kpi --version loads no package and none of the pipeline', () => {
    const mods = loaded(['--version']);
    expect(mods).toContain('dist/cli/version.js');
    expect(mods.filter((m) => !m.startsWith('dist/') && !m.endsWith('bin/kpi.js'))).toEqual([]);
    expect(mods.filter((m) => m.startsWith('dist/') && !['dist/cli/run.js', 'dist/cli/version.js', 'dist/errors.js'].includes(m))).toEqual([]);
  });

  it('kpi --help loads commander and the help texts, no command', () => {
    const mods = loaded(['--help']);
    expect(mods).toContain('commander');
    expect(mods.filter((m) => HEAVY.includes(m))).toEqual([]);
    expect(mods.filter((m) => /^dist\/(engine|template|report|data|results)\//.test(m) || m === 'dist/cli/compute.js')).toEqual([]);
  });

  it('a table run loads neither exceljs, the HTML report, the zip reader, the SQL compiler nor the CSV writer', () => {
    const mods = loaded(['compute', '--data', 'fixtures/demo', '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--quiet']);
    expect(mods).toContain('dist/engine/run.js');
    expect(mods.filter((m) => ['exceljs', 'yauzl', 'dist/report/html.js', 'dist/report/xlsx.js', 'dist/cli/merge.js', 'dist/cli/cases.js', 'dist/sql/compute.js', 'dist/report/csv.js'].includes(m))).toEqual([]);
  });

  it('the top-level help, listing commands unloaded, is the help of the loaded commands', () => {
    const quick = kpi(['--help']);
    const full = kpi(['help']);
    expect(quick.code).toBe(0);
    expect(quick.stdout).toContain('merge [options] <results...>');
    expect(quick.stdout).toBe(full.stdout);
    expect(kpi(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
