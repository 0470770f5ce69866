import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi } from './helpers/cli.js';

const DEMO = ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567'];

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kpi-err-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('kpi validate', () => {
  it('reports all three mistakes of a template, with JSON paths and carets, exit 2', () => {
    const r = kpi(['validate', 'fixtures/invalid/three-mistakes.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe([
      'fixtures/invalid/three-mistakes.json: $.measures.A: unknown field "wher"',
      "fixtures/invalid/three-mistakes.json: $.measures.B.where[0]: expected a value (field, number, quoted text or parenthesis), found '='",
      "    ANCNO = = '1'",
      '            ^',
      'fixtures/invalid/three-mistakes.json: $.measures.B.where[1]: PERSON has no field TYPEAREAX (did you mean TYPEAREA?)',
      "    PERSON.TYPEAREAX in ('1', '3')",
      '    ^^^^^^^^^^^^^^^^',
      '3 problems found',
      '',
    ].join('\n'));
  });

  it('accepts the bundled templates', () => {
    const r = kpi(['validate', 'templates']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+ templates valid: /);
  });

  it('reports broken JSON with line and column', () => {
    const dir = tempDir({ 'bad.json': '{\n  "id": "x",\n  "title": }\n' });
    const r = kpi(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.json: \$: not valid JSON at line 3, column 12: /);
  });

  it('reports an unreadable file among the others in file-name order, though all are read at once', () => {
    const dir = tempDir({ 'a.json': '{ not json', 'c.json': readFileSync('templates/anc-first-visit-12wk.json', 'utf8'), 'd.json': '{}' });
    mkdirSync(path.join(dir, 'b.json'));
    const r = kpi(['validate', dir]);
    expect(r.code).toBe(2);
    const files = r.stderr.split('\n').filter((l) => l.startsWith(dir)).map((l) => path.basename(l.split(':')[0]!));
    expect([...new Set(files)]).toEqual(['a.json', 'b.json', 'd.json']);
    expect(r.stderr).toContain(`${path.join(dir, 'b.json')}: $: cannot read: EISDIR`);
  });

  it('keeps that order across the batches files are read in (40 files, one unreadable near the end)', () => {
    const names = Array.from({ length: 40 }, (_, i) => `t${String(i).padStart(2, '0')}.json`);
    const dir = tempDir(Object.fromEntries(names.filter((n) => n !== 't35.json').map((n) => [n, '{}'])));
    mkdirSync(path.join(dir, 't35.json'));
    const r = kpi(['validate', dir]);
    expect(r.code).toBe(2);
    const files = r.stderr.split('\n').filter((l) => l.startsWith(dir)).map((l) => path.basename(l.split(':')[0]!));
    expect([...new Set(files)]).toEqual(names);
  });

  it('rejects overlapping bands, an unordered ladder and an unknown measure in the formula', () => {
    const t = JSON.parse(JSON.stringify({
      id: 'x', title: { th: 'x', en: 'x' }, reference: 'r', unit: { th: 'x', en: 'x' }, formula: 'A / C * 100', better: 'lower', target: '<= 5',
      scoring: { bands: [{ score: 1, range: '(5, inf)' }, { score: 2, range: '[4, 5]' }, { score: 3, range: '[0, 4]' }] },
      measures: { A: { from: 'DEATH', where: ['icd10(CDEATH, \'W65-W74\')'], count: 'rows' }, B: { from: 'PERSON', count: 'rows' } },
    })) as Record<string, unknown>;
    const dir = tempDir({ 'a.json': JSON.stringify(t), 'b.json': JSON.stringify({ ...t, id: 'y', formula: 'A / B', scoring: { ladder: [1, 2, 3, 4, 5] } }) });
    const r = kpi(['validate', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("a.json: $.formula: unknown measure 'C' (this template defines A, B)");
    expect(r.stderr).toContain('a.json: $.scoring.bands[2].range: "[0, 4]" overlaps band 1 ("[4, 5]")');
    expect(r.stderr).toContain('b.json: $.scoring.ladder[1]: with better "lower" each threshold must be below the one before');
  });
});

describe('exit codes of kpi compute', () => {
  it('exits 2 on a template error before reading any data', () => {
    const r = kpi(['compute', '--templates', 'fixtures/invalid/three-mistakes.json', '--data', 'no/such/folder']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown field "wher"');
    expect(r.stderr).not.toContain('no such file');
  });

  it('exits 2 on bad options', () => {
    expect(kpi(['compute', ...DEMO, '--round', '5']).code).toBe(2);
    expect(kpi(['compute', ...DEMO, '--by', 'village']).code).toBe(2);
    expect(kpi(['compute', ...DEMO, '--indicator', 'nope']).stderr).toContain('no template with id nope');
    expect(kpi(['compute', '--fy', '2567']).stderr).toContain("required option '--data <paths...>' not specified");
    expect(kpi(['frobnicate']).code).toBe(2);
  });

  it('exits 3 for a missing data folder', () => {
    const r = kpi(['compute', '--data', 'no/such/folder', '--fy', '2567']);
    expect([r.code, r.stderr.trim()]).toEqual([3, 'kpi: no/such/folder: no such file or folder']);
  });

  it('exits 3 naming the table and the template when a named indicator has no table', () => {
    const dir = tempDir({ 'PERSON.csv': 'HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA\n10001,1,20100101,9,1\n' });
    const r = kpi(['compute', '--data', dir, '--fy', '2567', '--indicator', 'anc-first-visit-12wk']);
    expect([r.code, r.stderr.trim()]).toEqual([3, 'kpi: anc-first-visit-12wk needs tables LABOR, ANC, not found in --data']);
  });

  it('skips, with a warning, indicators whose tables are absent when running them all', () => {
    const dir = tempDir({
      'PERSON.csv': 'HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA\n10001,1,20100101,9,1\n',
      'DEATH.csv': 'HOSPCODE,PID,DDEATH,CDEATH\n',
    });
    const r = kpi(['compute', '--templates', 'templates/anc-first-visit-12wk.json', 'templates/drowning-deaths-under-15.json', '--data', dir, '--fy', '2567', '--by', 'unit', '--format', 'csv']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('anc-first-visit-12wk skipped: it needs tables LABOR, ANC, not found in --data');
    expect(r.stdout.trim().split('\n').slice(1)).toEqual([
      'drowning-deaths-under-15,FY2567 R12,unit,10001,หน่วยบริการ 10001 (ไม่อยู่ในแฟ้มหน่วยบริการ),0,1,0.00,<= 6.5,true,5',
      'drowning-deaths-under-15,FY2567 R12,country,TH,ภาพรวมประเทศ,0,1,0.00,<= 6.5,true,5',
    ]);
  });

  it('exits 3 naming the column and the template when a column is missing', () => {
    const dir = tempDir({
      'PERSON.csv': 'HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA\n10001,1,19900101,9,1\n',
      'ANC.csv': 'HOSPCODE,DATE_SERV,ANCNO\n10001,20231105,1\n',
      'LABOR.csv': 'HOSPCODE,PID,GRAVIDA,BDATE,BTYPE\n10001,1,1,20240501,1\n',
    });
    const r = kpi(['compute', '--data', dir, '--fy', '2567', '--indicator', 'anc-first-visit-12wk']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/ANC\.csv:1: ANC has no column PID \(needed by anc-first-visit-12wk\)/);
  });

  it('reports unreadable rows and makes them fatal under --strict, writing nothing', () => {
    const dir = tempDir({
      'PERSON.csv': 'HOSPCODE,PID,BIRTH,DISCHARGE,TYPEAREA\n10001,1,19900101,9,1\n10001,2,19900230,9,1\n',
      'ANC.csv': 'HOSPCODE,PID,DATE_SERV,ANCNO,GA,D_UPDATE\n10001,1,20231105,1,10,20231105100000\n10001,1,20231105\n10001,2,20231131,1,9,20231201100000\n',
      'LABOR.csv': 'HOSPCODE,PID,GRAVIDA,BDATE,BTYPE,D_UPDATE\n10001,1,1,20240520,1,20240521100000\n10001,2,1,20240520,1,20240521100000\n',
    });
    const args = ['compute', '--data', dir, '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--by', 'unit', '--format', 'csv'];
    const lenient = kpi(args);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toContain('ANC.csv:4: impossible date in DATE_SERV (row skipped)');
    // Both women delivered (B = 2); PID 2's only visit is the skipped row, so only PID 1 has a first ANC at GA ≤ 12 (A = 1).
    expect(lenient.stdout).toContain('unit,10001,หน่วยบริการ 10001 (ไม่อยู่ในแฟ้มหน่วยบริการ),1,2,50.00');
    expect(lenient.stderr).toContain('ANC.csv:3: 3 fields, header has 6 (row skipped)');
    const out = path.join(dir, 'out.csv');
    const strict = kpi([...args, '--strict', '--out', out]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toContain('--strict: 2 rows could not be read; nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('warns when no hospitals file places units', () => {
    const r = kpi(['compute', '--data', 'fixtures/demo', '--fy', '2567', '--indicator', 'anc-first-visit-12wk', '--format', 'csv']);
    expect(r.stderr).toContain('no --hospitals file: rows placed by unit count only in the national row');
    expect(r.stdout).toContain('anc-first-visit-12wk,FY2567 R12,country,TH,ภาพรวมประเทศ,5,8,62.50,>= 60,true,');
  });
});
