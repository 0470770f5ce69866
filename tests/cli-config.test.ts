import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from './helpers/cli.js';
import { DEMO, DEMO_HOSPITALS, kpiIn } from './helpers/demo.js';

const ANC = 'anc-first-visit-12wk';

/** A working directory holding `kpi.config.json` (or another name) with these values. */
function withConfig(values: unknown, name = 'kpi.config.json'): string {
  const dir = tempDir();
  writeFileSync(path.join(dir, name), typeof values === 'string' ? values : JSON.stringify(values, null, 2));
  return dir;
}

const base = { data: DEMO, hospitals: DEMO_HOSPITALS, fy: 2567, indicator: ANC, format: 'csv', by: 'province' };

describe('--config and kpi.config.json', () => {
  it('takes every default from ./kpi.config.json and says so on stderr', () => {
    const r = kpiIn(withConfig(base), ['compute']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kpi: defaults from kpi.config.json');
    // ANC at province level, hand-counted in report-xlsx.test.ts: Khon Kaen B=2 A=1 (no score: no ladder).
    expect(r.stdout.split('\n')[1]).toBe(`${ANC},FY2567 R12,province,40,ขอนแก่น,1,2,50.00,>= 60,false,`);
  });

  it('lets flags override the file (file < flags)', () => {
    const r = kpiIn(withConfig(base), ['compute', '--by', 'region', '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { results: Array<{ level: string; area_code: string; a: number; b: number }> };
    expect(new Set(doc.results.map((x) => x.level))).toEqual(new Set(['region', 'country']));
    // Region 1 holds Chiang Mai (B=4, A=2) and Lamphun (B=1, A=1): B=5, A=3.
    expect(doc.results.find((x) => x.area_code === '1')).toMatchObject({ a: 3, b: 5 });
  });

  it('treats the period as one choice: --quarter on the command line replaces the file\'s round', () => {
    const r = kpiIn(withConfig({ ...base, round: 6 }), ['compute', '--quarter', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[1]).toMatch(/^anc-first-visit-12wk,FY2567 Q1,/);
  });

  it('resolves paths relative to the config file, not the working directory', () => {
    const dir = tempDir();
    mkdirSync(path.join(dir, 'conf'));
    const rel = (p: string) => path.relative(path.join(dir, 'conf'), p);
    writeFileSync(path.join(dir, 'conf', 'monthly.json'), JSON.stringify({ ...base, data: [rel(DEMO)], hospitals: rel(DEMO_HOSPITALS), out: 'result.csv' }));
    const r = kpiIn(dir, ['compute', '--config', 'conf/monthly.json', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('defaults from');
    expect(kpi(['compute', '--no-config', '--data', DEMO, '--hospitals', DEMO_HOSPITALS, '--fy', '2567', '--by', 'province', '--format', 'csv', '--indicator', ANC]).stdout)
      .toBe(readFileSync(path.join(dir, 'conf', 'result.csv'), 'utf8'));
  });

  it('--quiet silences the notice but not warnings', () => {
    const r = kpiIn(withConfig(base), ['compute', '--quiet']);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('defaults from');
    expect(r.stderr).toContain('kpi: warning: unit 99999 is not in');
  });

  it('applies a configured excel: true to CSV only, so a job can also write other formats', () => {
    const dir = withConfig({ ...base, excel: true });
    const csv = path.join(dir, 'r.csv');
    expect(kpiIn(dir, ['compute', '--out', csv]).code).toBe(0);
    expect([...readFileSync(csv).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const r = kpiIn(dir, ['compute', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{')).toBe(true);
  });

  it('--no-config ignores ./kpi.config.json', () => {
    const r = kpiIn(withConfig({ ...base, format: 'nonsense' }), ['compute', '--no-config']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("required option '--data <paths...>' not specified");
  });

  it('reports every problem of a bad config with file and JSON path, exit 2', () => {
    const r = kpiIn(withConfig({ data: DEMO, formt: 'csv', by: 'county', fy: '2567', round: 5 }), ['compute']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('kpi.config.json: $.formt: not a compute option (did you mean format?) (known: templates, data,');
    expect(r.stderr).toContain('kpi.config.json: $.by: Invalid option: expected one of "region"|"province"|"district"|"unit"');
    expect(r.stderr).toContain('kpi.config.json: $.fy: Invalid input: expected number, received string');
    expect(r.stderr).toContain('kpi.config.json: $.round: Invalid option: expected one of 3|6|9|12');
  });

  it('reports broken JSON with line and column, exit 2', () => {
    const r = kpiIn(withConfig('{\n  "by": "province",\n}\n', 'bad.json'), ['compute', '--config', 'bad.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kpi: bad\.json: \$: not valid JSON at line 3, column 1: .*\n$/);
  });

  it('a missing --config file is an error, exit 2', () => {
    const r = kpiIn(tempDir(), ['compute', '--config', 'nope.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kpi: nope.json: $: cannot read: ENOENT\n');
  });
});
