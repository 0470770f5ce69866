import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_HOSPITALS } from './helpers/demo.js';
// @ts-expect-error the fixture script is plain JavaScript
import { makeRealExport } from '../fixtures/real-export/make.mjs';

interface Packed { filename: string; files: Array<{ path: string }> }

function run(cmd: string, args: string[], cwd: string) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A fresh machine's install: the packed tarball into an empty prefix, with no compiler there.
 * `npm test` has just built dist/, so the pack skips `prepack` (a second build would rewrite
 * dist/ under the other tests' feet); the tarball is then checked to carry that bundled JS.
 */
describe('npm pack → npm install -g kpi-*.tgz', () => {
  it('installs with no compiler and runs --version, the demo and a Windows-style export from another folder', async () => {
    const work = tempDir('kpi-pack-');
    const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const [packed] = JSON.parse(pack.stdout) as Packed[];
    const files = packed!.files.map((f) => f.path);
    expect(files).toContain('dist/bundle/run.js');
    expect(files).toContain('dist/bundle/thread.js');
    expect(files.filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bundle/'))).toEqual([]);
    expect(files).not.toContain('scripts/bundle.mjs');
    expect(files).toContain('bin/kpi.js');
    expect(files).toContain('templates/anc-first-visit-12wk.json');
    expect(files).toContain('reference/districts.csv');
    expect(files).toContain('reference/LICENSE-districts');
    expect(files).toContain('scripts/kpi-monthly.sh');
    expect(files).toContain('scripts/kpi-monthly.ps1');
    expect(files.filter((f) => f.startsWith('src/') || f.startsWith('tests/'))).toEqual([]);

    const prefix = path.join(work, 'prefix');
    const tgz = path.join(work, packed!.filename);
    const install = run('npm', ['install', '-g', '--prefix', prefix, tgz, '--prefer-offline', '--no-audit', '--no-fund'], work);
    expect(install.code, install.stderr).toBe(0);
    const installed = path.join(prefix, 'lib', 'node_modules', 'kpi');
    // No install script (it would need tsc, which a user's machine does not have).
    expect(JSON.parse(readFileSync(path.join(installed, 'package.json'), 'utf8')).scripts.prepare).toBeUndefined();
    expect(existsSync(path.join(installed, 'node_modules', 'typescript'))).toBe(false);

    const kpi = path.join(prefix, 'bin', 'kpi');
    const version = run(kpi, ['--version'], work);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version);

    // Without installing: npx runs the package file from the folder holding it.
    const npx = run('npx', ['--yes', `./${packed!.filename}`, '--version'], work);
    expect(npx.code, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toBe(version.stdout.trim());

    // The demo with the bundled templates of the installed package; hand counts in fixtures/demo/README.md:
    // Khon Kaen 2/1 = 50.00, Chiang Mai 4/2 = 50.00, Lamphun 1/1 = 100.00.
    const demo = run(kpi, ['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--by', 'province',
      '--indicator', 'anc-first-visit-12wk', '--format', 'csv', '--lang', 'en'], work);
    expect(demo.code, demo.stderr).toBe(0);
    const rows = demo.stdout.trim().split('\n').slice(1).map((l) => l.split(',').slice(3, 8).join(','));
    expect(rows).toEqual(['40,Khon Kaen,1,2,50.00', '50,Chiang Mai,2,4,50.00', '51,Lamphun,1,1,100.00', 'TH,Thailand,5,8,62.50']);

    // The same records as a Windows system exports them (Windows-874, CRLF, pipes; month 2 zipped)
    // give the same district rows, named from the bundled district list.
    const exported = path.join(work, 'export');
    await makeRealExport(exported);
    const byDistrict = ['--fy', '2567', '--by', 'district', '--indicator', 'anc-first-visit-12wk', '--format', 'csv'];
    const clean = run(kpi, ['compute', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, ...byDistrict], work);
    const windows = run(kpi, ['compute', '--data', path.join(exported, 'month-1'), path.join(exported, 'month-2.zip'),
      '--hospitals', path.join(exported, 'hospitals-tis620.csv'), ...byDistrict], work);
    expect(windows.code, windows.stderr).toBe(0);
    expect(windows.stdout).toBe(clean.stdout);
    expect(windows.stdout).toContain(',district,5001,อำเภอเมืองเชียงใหม่,2,3,66.67,');
  }, 300_000);
});
