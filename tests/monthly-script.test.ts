import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers/cli.js';
import { DEMO } from './helpers/demo.js';

const SCRIPT = path.join(ROOT, 'scripts', 'kpi-monthly.sh');

/** Started from an unrelated folder with a bare PATH (as cron does): kpi is found beside the script. */
function monthly(cwd: string, args: string[], month: string) {
  const r = spawnSync('sh', [SCRIPT, ...args], {
    cwd, encoding: 'utf8',
    env: { PATH: `/usr/bin:/bin:${path.dirname(process.execPath)}`, NO_COLOR: '1', KPI_MONTH: month },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('scripts/kpi-monthly.sh', () => {
  it('files a month, then gates the next on areas newly below target (exit 1)', () => {
    const cwd = tempDir();
    // Data and hospitals relative to the folder it is started in, results into a new folder.
    const data = path.relative(cwd, DEMO);
    const common = [data, path.join(data, 'hospitals.csv'), 'out', '--by', 'province', '--indicator', 'drowning-deaths-under-15'];
    // Whole fiscal years: the book judges drowning once a year, so a part-year window is not judged (issue 13).
    // FY2566 (1 October 2022 to 30 September 2023) has no drowning death in the demo: 0.00 passes ≤ 6.5.
    const first = monthly(cwd, [...common, '--from', '2022-10-01', '--to', '2023-09-30'], '2024-03');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('2024-03 computed; no results for 2024-02 to compare with');
    for (const ext of ['json', 'xlsx', 'html']) expect(existsSync(path.join(cwd, 'out', `kpi-2024-03.${ext}`))).toBe(true);
    // fixtures/demo/README.md: Chiang Mai drowning deaths 2/3 in FY2567, 66,666.67 (fails).
    const second = monthly(cwd, [...common, '--from', '2023-10-01', '--to', '2024-09-30'], '2024-04');
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('an area newly fell below its target since 2024-03');
    const diff = readFileSync(path.join(cwd, 'out', 'diff-2024-04.csv'), 'utf8');
    expect(diff).toMatch(/drowning-deaths-under-15,province,50,.*newly-failing/);
  });

  it('says how to call it (exit 2) and passes on a data error (exit 3)', () => {
    const cwd = tempDir();
    const usage = monthly(cwd, ['only-one'], '2024-03');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: kpi-monthly.sh DATA HOSPITALS RESULTS');
    const missing = monthly(cwd, ['no-such-folder', path.join(DEMO, 'hospitals.csv'), 'out'], '2024-03');
    expect(missing.code).toBe(3);
  });
});
