import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printWarnings } from '../src/cli/warnings.js';
import { kpi, ROOT, tempDir } from './helpers/cli.js';

// Issue 10: no input ends in exit 0 with empty or zero-filled results unless the data truly holds zero.
// fixtures/silent (hand counts in its README): FY2567 B = 2, A = 1, 50.00, all in province 50;
// ANC.DATE_SERV spans 2023-10-03 – 2024-09-27, LABOR.BDATE (the period's field) 2024-05-01 – 2024-09-28.
const SILENT = path.join(ROOT, 'fixtures', 'silent');
const HOSPITALS = path.join(SILENT, 'hospitals.csv');
const ANC_ONLY = ['--indicator', 'anc-first-visit-12wk'];

/** A copy of fixtures/silent with some files replaced or added. */
function export_(files: Record<string, string> = {}): string {
  const dir = tempDir('kpi-silent-');
  for (const f of ['PERSON.csv', 'ANC.csv', 'LABOR.csv']) copyFileSync(path.join(SILENT, f), path.join(dir, f));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

/** fixtures/silent's ANC without the GA column. */
const ANC_NO_GA = 'HOSPCODE,PID,SEQ,DATE_SERV,ANCNO,D_UPDATE\n10001,1,1,20231003,1,20231003100000\n10002,3,2,20240927,5,20240927100000\n';

function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.startsWith('kpi: warning: '));
}

describe('rule 1: nothing computed is an error', () => {
  it('an empty --data folder exits 3 with one line naming what was found and needed, and writes nothing', () => {
    const dir = tempDir('kpi-empty-');
    const out = path.join(dir, 'r.json');
    const r = kpi(['compute', '--data', path.join(dir), '--fy', '2567', '--format', 'json', '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^kpi: nothing computed: --data holds no table; the templates need (\w+, )*ANC, CHRONIC, .*PERSON/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('a folder without any table the templates need exits 3 and names the table it found', () => {
    const dir = tempDir('kpi-other-');
    writeFileSync(path.join(dir, 'notes.csv'), 'A,B\n1,2\n');
    const r = kpi(['compute', '--data', dir, '--fy', '2567']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/kpi: nothing computed: --data holds table NOTES; the templates need (\w+, )*ANC, /);
  });
});

describe('rule 2: a missing column is never read as zeros', () => {
  // With an HDC summary table, so that another indicator is computed beside the one lacking GA.
  const dir = export_({ 'ANC.csv': ANC_NO_GA, 's_kpi_anc12.csv': readFileSync(path.join(ROOT, 'fixtures', 'hdc', 's_kpi_anc12.csv'), 'utf8') });
  const both = ['compute', '--data', dir, '--hospitals', HOSPITALS, '--fy', '2567', '--by', 'province', '--lang', 'en', '--indicator', 'anc-first-visit-12wk', 'anc-first-visit-12wk-hdc'];

  it('shows the indicator as not computed in the terminal table, with no numbers', () => {
    const r = kpi(both);
    expect(r.code).toBe(0);
    expect(r.stderr.replace(/\n {4}/g, ' ')).toContain(`kpi: warning: anc-first-visit-12wk not computed: ${path.relative(ROOT, dir)}/ANC.csv has no column GA\n`);
    const block = r.stdout.split('\n\n').find((b) => b.startsWith('anc-first-visit-12wk  '))!;
    expect(block).toContain('not computed: ');
    expect(block).toContain('ANC.csv has no column GA');
    expect(block).not.toMatch(/\d+\.\d\d/);
    // Under the header one rule, not a second one above a total with no rows before it.
    expect(block.split('\n').filter((l) => l.startsWith('─'))).toHaveLength(1);
  });

  it('in JSON the indicators section says why, and its only row has no A, B, result or score', () => {
    const r = kpi([...both, '--format', 'json']);
    const doc = JSON.parse(r.stdout) as { indicators: Array<{ id: string; not_computed?: string }>; results: Array<{ indicator: string; a: unknown; b: unknown; result: unknown; score: unknown; area_name: string }> };
    expect(doc.indicators.find((i) => i.id === 'anc-first-visit-12wk')?.not_computed).toMatch(/ANC\.csv has no column GA$/);
    const rows = doc.results.filter((x) => x.indicator === 'anc-first-visit-12wk');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ a: null, b: null, result: null, score: null });
    expect(rows[0]!.area_name).toMatch(/^not computed: .*ANC\.csv has no column GA$/);
    expect(doc.indicators.find((i) => i.id === 'anc-first-visit-12wk-hdc')?.not_computed).toBeUndefined();
    expect(doc.results.filter((x) => x.indicator === 'anc-first-visit-12wk-hdc').length).toBeGreaterThan(1);
  });

  it('in CSV and Markdown the row says not computed, with empty numbers', () => {
    const csv = kpi([...both, '--format', 'csv']).stdout.split('\n').filter((l) => l.startsWith('anc-first-visit-12wk,'));
    expect(csv).toHaveLength(1);
    expect(csv[0]).toMatch(/^anc-first-visit-12wk,FY2567 R12,country,TH,not computed: .*ANC\.csv has no column GA,,,,,,$/);
    expect(kpi([...both, '--format', 'md']).stdout).toMatch(/not computed: .*ANC\.csv has no column GA/);
    expect(kpi([...both, '--format', 'html']).stdout).toMatch(/not computed: .*ANC\.csv has no column GA/);
  });

  it('with nothing else computed the run exits 3; --strict makes it exit 3 always, writing nothing', () => {
    const alone = kpi(['compute', '--data', dir, '--fy', '2567', ...ANC_ONLY]);
    expect(alone.code).toBe(3);
    expect(alone.stderr).toContain('kpi: nothing computed: --data holds tables ANC, LABOR, PERSON, S_KPI_ANC12; the templates need ANC, LABOR, PERSON; 1 not computed for missing columns');
    const out = path.join(dir, 'strict.csv');
    const strict = kpi([...both, '--strict', '--format', 'csv', '--out', out]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('kpi: --strict: 1 indicator was not computed for missing columns; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('kpi check reports it as an error naming the file and the templates that need it', () => {
    const r = kpi(['check', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/error +ANC +missing-column .*ANC\.csv has no column GA, needed by anc-first-visit-12wk/);
  });

  it('columns no template uses, such as HOSPCODE9, may be absent without harm', () => {
    // fixtures/silent lacks HOSPCODE9, CID, NAME and most of PERSON and ANC.
    const r = kpi(['check', '--data', SILENT, '--hospitals', HOSPITALS, '--templates', path.join(ROOT, 'templates', 'anc-first-visit-12wk.json')]);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('missing-column');
    expect(kpi(['compute', '--data', SILENT, '--fy', '2567', ...ANC_ONLY]).stderr).not.toContain('has no column');
  });
});

describe('rule 3: a period with no data says so', () => {
  const run = (extra: string[]) => kpi(['compute', '--data', SILENT, '--hospitals', HOSPITALS, '--by', 'province', '--format', 'csv', ...ANC_ONLY, ...extra]);

  it('--fy 2560 on FY2567 data: a warning names the period and the range found', () => {
    const r = run(['--fy', '2560']);
    expect(r.code).toBe(0);
    expect(r.stderr.replace(/\n {4}/g, ' ')).toContain(
      'kpi: warning: FY2560 R12 (2016-10-01 – 2017-09-30): no LABOR rows; LABOR.BDATE spans 2024-05-01 – 2024-09-28: B is 0 in every area (anc-first-visit-12wk)',
    );
  });

  it('no --fy in a later fiscal year (FY2567 data): the same warning', () => {
    // The default is the fiscal year of today, which is after FY2567 from 1 October 2024 on.
    const r = run([]);
    expect(r.code).toBe(0);
    expect(r.stderr.replace(/\n {4}/g, ' ')).toMatch(/kpi: warning: FY25\d\d R12 \(\d{4}-10-01 – \d{4}-09-30\): no LABOR rows; LABOR\.BDATE spans 2024-05-01 – 2024-09-28: B is 0 in every area \(anc-first-visit-12wk\)/);
  });

  it('--strict makes an empty period exit 3, writing nothing', () => {
    const out = path.join(tempDir(), 'r.csv');
    const r = run(['--fy', '2560', '--strict', '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kpi: --strict: an indicator counted nothing in the period; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('a BE --from/--to is read as Buddhist Era and converted (2566-10-01 is 2023-10-01), never as CE', () => {
    const r = run(['--from', '2566-10-01', '--to', '2567-09-30']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kpi: --from 2566-10-01 read as Buddhist Era: 2023-10-01, --to 2567-09-30 read as Buddhist Era: 2024-09-30');
    // Hand count (fixtures/silent/README.md): B = 2, A = 1, 50.00 in province 50.
    expect(r.stdout).toContain('anc-first-visit-12wk,2023-10-01..2024-09-30,province,50,เชียงใหม่,1,2,50.00,>= 60,false,');
    expect(warnings(r.stderr)).toEqual([]);
  });

  it('a BE date that does not exist once converted is refused with a hint (exit 2)', () => {
    // 2566 BE is 2023 CE, not a leap year.
    const r = run(['--from', '2566-02-29', '--to', '2566-03-31']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--from 2566-02-29: not a date (write YYYY-MM-DD or YYYYMMDD, the year CE such as 2023 or BE such as 2566)');
  });
});

describe('rule 4: --strict makes every degradation fatal', () => {
  it('an indicator skipped for a missing table exits 3 and writes nothing', () => {
    const out = path.join(tempDir(), 'r.json');
    const r = kpi(['compute', '--data', SILENT, '--hospitals', HOSPITALS, '--fy', '2567', '--format', 'json', '--strict', '--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kpi: --strict: indicators were skipped for missing tables');
    expect(existsSync(out)).toBe(false);
  });

  it('a unit missing from the hospitals file exits 3', () => {
    const dir = export_({ 'hospitals.csv': 'HOSPCODE,NAME,CHANGWAT,AMPUR\n10001,Unit one,50,01\n' });
    const r = kpi(['compute', '--data', dir, '--hospitals', path.join(dir, 'hospitals.csv'), '--fy', '2567', ...ANC_ONLY, '--strict']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kpi: --strict: 1 unit is not in the hospitals file; nothing written');
  });

  it('without --strict the same runs exit 0 with the warnings', () => {
    const r = kpi(['compute', '--data', SILENT, '--hospitals', HOSPITALS, '--fy', '2567', '--format', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('indicators skipped in all, their tables not found in --data');
  });
});

describe('rule 5: --out is checked before any data is read', () => {
  it('a missing folder fails at once, before an unreadable table is even opened', () => {
    // The empty ANC.csv stops any run that reads it; the --out error must come first.
    const dir = export_({ 'ANC.csv': '' });
    const r = kpi(['compute', '--data', dir, '--fy', '2567', ...ANC_ONLY, '--out', path.join(dir, 'no-such-folder', 'r.csv')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`kpi: ${path.join(dir, 'no-such-folder', 'r.csv')}: cannot write: folder ${path.join(dir, 'no-such-folder')} does not exist\n`);
  });

  it('a folder as --out fails before reading', () => {
    const dir = export_({ 'ANC.csv': '' });
    const r = kpi(['compute', '--data', dir, '--fy', '2567', ...ANC_ONLY, '--out', dir]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe(`kpi: ${dir}: cannot write: is a folder (give a file name)\n`);
  });
});

describe('rule 6: kpi check', () => {
  it('exits 3 on a folder with no recognised table', () => {
    const empty = kpi(['check', '--data', tempDir()]);
    expect(empty.code).toBe(3);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toContain('kpi: no 43-file or summary table in --data (no .txt, .csv or .zip file found): nothing to check');
    const dir = tempDir();
    writeFileSync(path.join(dir, 'notes.txt'), 'A|B\n1|2\n');
    const other = kpi(['check', '--data', dir]);
    expect(other.code).toBe(3);
    expect(other.stderr).toContain('no 43-file or summary table in --data (files found:');
  });

  it('reports per table the rows, the date range of each date field and the fiscal years', () => {
    const r = kpi(['check', '--data', SILENT, '--hospitals', HOSPITALS, '--format', 'json']);
    const report = JSON.parse(r.stdout) as { tables: Array<{ table: string; rows: number; dates: Array<{ field: string; first: string; last: string; fiscal_years: number[] }> }> };
    const anc = report.tables.find((t) => t.table === 'ANC')!;
    expect(anc.rows).toBe(2);
    expect(anc.dates.find((d) => d.field === 'DATE_SERV')).toEqual({ field: 'DATE_SERV', first: '20231003', last: '20240927', fiscal_years: [2567] });
    const person = report.tables.find((t) => t.table === 'PERSON')!;
    // Births 1995-03-15 (FY2538), 1998-07-20 (FY2541), 1999-01-01 (FY2542).
    expect(person.dates.find((d) => d.field === 'BIRTH')).toEqual({ field: 'BIRTH', first: '19950315', last: '19990101', fiscal_years: [2538, 2541, 2542] });
    const table = kpi(['check', '--data', SILENT, '--hospitals', HOSPITALS]).stdout;
    expect(table).toMatch(/ANC +DATE_SERV +2023-10-03 +2024-09-27 +2567\n/);
    expect(table).toMatch(/PERSON +BIRTH +1995-03-15 +1999-01-01 +2538, 2541–2542\n/);
  });
});

describe('rule 7: warnings stay readable', () => {
  it('one line per group of skipped indicators with a count, and a total (whole lines in a log)', () => {
    const r = kpi(['compute', '--data', SILENT, '--hospitals', HOSPITALS, '--fy', '2567', '--format', 'csv']);
    expect(r.stderr).toContain('kpi: warning: 5 indicators skipped, they need table CONSUMER_PROTECTION, not found in --data: consumer-protection-ads, consumer-protection-clinics-beauty, consumer-protection-clinics-unlicensed, consumer-protection-food, consumer-protection-management-level\n');
    expect(r.stderr).toMatch(/kpi: warning: \d+ indicators skipped in all, their tables not found in --data\n/);
    expect(r.stderr).not.toMatch(/\n {4}/);
  });

  it('on a terminal, long warnings are wrapped to its width (at most 100) with an indent', () => {
    let out = '';
    const tty = { isTTY: true, columns: 60, write: (s: string) => { out += s; } };
    const long = { text: '4 indicators skipped, they need table CONSUMER_PROTECTION, not found in --data: consumer-protection-ads, consumer-protection-clinics' };
    printWarnings([long, long], tty);
    expect(out).toBe(
      'kpi: warning: 4 indicators skipped, they need table\n' +
        '    CONSUMER_PROTECTION, not found in --data:\n' +
        '    consumer-protection-ads, consumer-protection-clinics\n',
    );
  });

  it('the same warning is never printed twice', () => {
    // The same header-only file given twice would be reported twice.
    const dir = export_({ 'DEATH.csv': 'HOSPCODE,PID,DDEATH,CDEATH,D_UPDATE\n' });
    const r = kpi(['compute', '--data', '.', 'DEATH.csv', '--fy', '2567', '--indicator', 'anc-first-visit-12wk', 'drowning-deaths-under-15'], { cwd: dir });
    const lines = warnings(r.stderr);
    expect(lines.filter((l) => l.includes('DEATH.csv: header only, no rows'))).toHaveLength(1);
    expect(new Set(lines).size).toBe(lines.length);
  });
});

describe('rule 8: symbolic links under --data', () => {
  it('links to files and to folders are followed', () => {
    const dir = tempDir('kpi-links-');
    mkdirSync(path.join(dir, 'month'));
    symlinkSync(path.join(SILENT, 'PERSON.csv'), path.join(dir, 'month', 'PERSON.csv'));
    symlinkSync(SILENT, path.join(dir, 'linked-folder'));
    const files = kpi(['compute', '--data', path.join(dir, 'month'), path.join(SILENT, 'ANC.csv'), path.join(SILENT, 'LABOR.csv'), '--hospitals', HOSPITALS, '--fy', '2567', '--by', 'province', '--format', 'csv', ...ANC_ONLY]);
    expect(files.code).toBe(0);
    expect(files.stdout).toContain(',province,50,เชียงใหม่,1,2,50.00,');
    const folder = kpi(['compute', '--data', dir, '--hospitals', HOSPITALS, '--fy', '2567', '--by', 'province', '--format', 'csv', ...ANC_ONLY]);
    expect(folder.code).toBe(0);
    // The linked folder holds PERSON once more; the two PERSON files merge by key, so the count is unchanged.
    expect(folder.stdout).toContain(',province,50,เชียงใหม่,1,2,50.00,');
  });

  it('a broken link and a link back up are named in a warning, not skipped silently', () => {
    const dir = export_();
    symlinkSync(path.join(dir, 'gone.csv'), path.join(dir, 'NEWBORN.csv'));
    symlinkSync(dir, path.join(dir, 'loop'));
    const r = kpi(['compute', '--data', dir, '--fy', '2567', ...ANC_ONLY], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('kpi: warning: NEWBORN.csv: a symbolic link to nothing: not read\n');
    expect(r.stderr).toContain('kpi: warning: loop: a symbolic link back to a folder above it: not read again\n');
  });
});

describe('the shipped monthly script (scripts/kpi-monthly.sh, README "Scheduled runs") fails on an empty export', () => {
  it('exits 3 and writes no result', () => {
    const dir = tempDir('kpi-cron-');
    mkdirSync(path.join(dir, 'export'));
    copyFileSync(HOSPITALS, path.join(dir, 'hospitals.csv'));
    const r = sh(dir, [path.join(ROOT, 'scripts', 'kpi-monthly.sh'), 'export', 'hospitals.csv', 'results', '--by', 'province']);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('kpi: nothing computed: --data holds no table');
    expect(readdirNames(path.join(dir, 'results'))).toEqual([]);
  });
});

function sh(cwd: string, args: string[], env: Record<string, string> = {}): { code: number | null; stderr: string } {
  const r = spawnSync('sh', args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env } });
  return { code: r.status, stderr: r.stderr };
}

function readdirNames(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
