import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kpi, outline, type JsonDiff } from './diff-cli.js';

// Expected values are worked out by hand in fixtures/diff/README.md.
const F = 'fixtures/diff';
const OLD = `${F}/old.json`;
const NEW = `${F}/new.json`;

const json = (...args: string[]): JsonDiff => JSON.parse(kpi('diff', ...args, '--format', 'json').stdout) as JsonDiff;

const BY_HAND: Record<string, string> = {
  'pct-up province 10': 'improved newly-passing 50',
  'pct-up province 11': 'worsened newly-failing -20',
  'pct-up province 12': 'changed - 0',
  'pct-up province 14': 'removed - -',
  'pct-up province 15': 'added - -',
  'pct-up province 16': 'worsened - -0.1',
  'pct-up country TH': 'improved newly-passing 0.44',
  'rate-down province 10': 'worsened newly-failing 5',
  'rate-down province 11': 'improved newly-passing -10',
  'rate-down province 13': 'changed - -',
  'rate-down country TH': 'improved - -3.33',
  'gone country TH': 'removed - -',
};
const SAME = { 'pct-up province 13': 'same - 0', 'rate-down province 12': 'same - -' };

describe('kpi diff on the hand-made result files', () => {
  it('gives every row its status, flag and change', () => {
    const doc = json(OLD, NEW);
    expect(outline(doc)).toEqual(BY_HAND);
    expect(doc.summary).toEqual({ improved: 4, worsened: 3, changed: 2, added: 1, removed: 2, same: 2, 'newly-failing': 2, 'newly-passing': 3 });
  });

  it('lists the same rows too with --all, in indicator then area order, country last', () => {
    const doc = json(OLD, NEW, '--all');
    expect(outline(doc)).toEqual({ ...BY_HAND, ...SAME });
    expect(doc.rows.map((r) => `${r.indicator} ${r.area_code}`)).toEqual([
      'pct-up 10', 'pct-up 11', 'pct-up 12', 'pct-up 13', 'pct-up 14', 'pct-up 15', 'pct-up 16', 'pct-up TH',
      'rate-down 10', 'rate-down 11', 'rate-down 12', 'rate-down 13', 'rate-down TH', 'gone TH',
    ]);
    expect(doc.rows.find((r) => r.indicator === 'pct-up' && r.area_code === '12')).toMatchObject({ old: { a: 2, b: 4, result: 50 }, new: { a: 3, b: 6, result: 50 } });
  });

  it('exits 1 on differences, and the table starts with the summary line', () => {
    const r = kpi('diff', OLD, NEW, '--lang', 'en');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('4 improved, 3 worsened, 2 changed, 1 added, 2 removed, 2 newly below target, 3 newly meeting target, 2 same');
    expect(lines.filter((l) => /^(pct-up|rate-down|gone)  /.test(l))).toEqual([
      'pct-up  Test percentage  (FY2567 Q1 → FY2567 Q2)',
      'rate-down  Test rate  (FY2567 Q1 → FY2567 Q2)',
      'gone  Dropped indicator  (FY2567 Q1 → -)',
    ]);
    expect(r.stdout).toMatch(/^11 Samut Prakan +3 → 2 +5 +60\.00 → 40\.00 +-20\.00 +yes → no +5 → 1 +worsened, newly below target$/m);
    expect(r.stdout).not.toContain('\u001b[');
    expect(r.stdout).not.toMatch(/Pathum Thani +1 +2 /);
  });

  it('labels in Thai by default, percentage points for percentages', () => {
    const r = kpi('diff', OLD, NEW);
    expect(r.stdout.split('\n')[0]).toBe('ดีขึ้น 4, แย่ลง 3, เปลี่ยน 2, ใหม่ 1, หายไป 2, ตกเกณฑ์ใหม่ 2, ผ่านเกณฑ์ใหม่ 3, เท่าเดิม 2');
    expect(r.stdout).toContain('เปลี่ยนแปลง (จุดร้อยละ)');
    expect(r.stdout).toContain('เปลี่ยนแปลง (ต่อแสนประชากร)');
  });

  it('treats a change exactly equal to the tolerance as no change', () => {
    expect(outline(json(OLD, NEW, '--tolerance', '0.1'))['pct-up province 16']).toBe('changed - -0.1');
    expect(json(OLD, NEW, '--tolerance', '0.1').summary).toMatchObject({ improved: 4, worsened: 2, changed: 3 });
    expect(outline(json(OLD, NEW, '--tolerance', '0.09'))['pct-up province 16']).toBe('worsened - -0.1');
    const wide = json(OLD, NEW, '--tolerance', '0.44');
    expect(outline(wide)['pct-up country TH']).toBe('changed newly-passing 0.44');
    expect(wide.summary).toMatchObject({ improved: 3, worsened: 2, changed: 4 });
  });

  it('gives the same diff from CSV and JSON inputs', () => {
    const csv = (a: string, b: string) => kpi('diff', a, b, '--format', 'csv', '--all');
    const fromJson = csv(OLD, NEW);
    expect(fromJson.code).toBe(1);
    for (const [a, b] of [[`${F}/old.csv`, `${F}/new.csv`], [`${F}/old.csv`, NEW], [OLD, `${F}/new.csv`]] as const) {
      const r = csv(a, b);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe(fromJson.stdout);
    }
    expect(fromJson.stdout.split('\n')[0]).toBe('indicator,level,area_code,area_name,status,flag,period_old,period_new,a_old,a_new,b_old,b_new,result_old,result_new,change,target_old,target_new,pass_old,pass_new,score_old,score_new');
    expect(fromJson.stdout).toContain('\npct-up,province,16,Lop Buri,worsened,,FY2567 Q1,FY2567 Q2,501,500,1000,1000,50.10,50.00,-0.10,>= 50,>= 50,true,true,3,3\n');
  });

  it('reads the direction off the targets when both files are CSV, and says so', () => {
    const r = kpi('diff', `${F}/old.csv`, `${F}/new.csv`, '--format', 'json');
    const doc = JSON.parse(r.stdout) as JsonDiff;
    expect(outline(doc)).toEqual(BY_HAND);
    expect(doc.indicators.map((i) => `${i.id} ${i.better} ${i.better_from}`)).toEqual(['pct-up higher target', 'rate-down lower target', 'gone higher target']);
    expect(r.stderr).toContain('pct-up higher (target >= 50); rate-down lower (target <= 6.5); gone higher (target >= 80)');
  });

  it('gives 0 for a file against itself', () => {
    for (const f of [OLD, `${F}/new.csv`]) {
      const r = kpi('diff', f, f, '--lang', 'en');
      expect(r.code).toBe(0);
      expect(r.stdout.split('\n')[0]).toMatch(/^\d+ same$/);
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
    }
    expect(kpi('diff', OLD, OLD, '--lang', 'en').stdout).toBe('13 same\n');
  });

  it('exits 1 only for the kind of row --fail-on names', () => {
    expect(kpi('diff', OLD, NEW, '--fail-on', 'newly-failing').code).toBe(1);
    expect(kpi('diff', OLD, NEW, '--fail-on', 'worsened').code).toBe(1);
    // pct-up's national row improved and newly passes: nothing worsened, nothing newly failing.
    expect(kpi('diff', OLD, NEW, '--indicator', 'pct-up', '--level', 'country', '--fail-on', 'worsened').code).toBe(0);
    expect(kpi('diff', OLD, NEW, '--indicator', 'pct-up', '--level', 'country', '--fail-on', 'newly-failing').code).toBe(0);
    expect(kpi('diff', OLD, NEW, '--indicator', 'pct-up', '--level', 'country').code).toBe(1);
    // `gone` only has a removed row: a difference, but neither worse nor newly failing.
    expect(kpi('diff', OLD, NEW, '--indicator', 'gone', '--fail-on', 'worsened').code).toBe(0);
    expect(outline(json(OLD, NEW, '--indicator', 'gone'))).toEqual({ 'gone country TH': 'removed - -' });
  });

  it('filters by --indicator and --level', () => {
    expect(Object.keys(outline(json(OLD, NEW, '--indicator', 'rate-down', '--level', 'province')))).toEqual([
      'rate-down province 10', 'rate-down province 11', 'rate-down province 13',
    ]);
  });

  it('writes Markdown with the summary first', () => {
    const r = kpi('diff', OLD, NEW, '--format', 'md', '--lang', 'en');
    expect(r.stdout.split('\n')[0]).toBe('**4 improved, 3 worsened, 2 changed, 1 added, 2 removed, 2 newly below target, 3 newly meeting target, 2 same**');
    expect(r.stdout).toContain('## pct-up  Test percentage  (FY2567 Q1 → FY2567 Q2)');
    expect(r.stdout).toContain('| 16 Lop Buri | 501 → 500 | 1,000 | 50.10 → 50.00 | -0.10 | yes | 3 | worsened |');
  });

  describe('--out', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kpi-diff-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('writes the file instead of stdout, with the same exit code', () => {
      const out = path.join(dir, 'diff.csv');
      const r = kpi('diff', OLD, NEW, '--format', 'csv', '--out', out);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(readFileSync(out, 'utf8')).toBe(kpi('diff', OLD, NEW, '--format', 'csv').stdout);
    });
  });
});

describe('kpi diff on trouble', () => {
  it.each([
    ['bad-type.json', 8, 'not a kpi result document: $.results[1].a'],
    ['bad-syntax.json', 6, 'not valid JSON'],
    ['bad-token.json', 7, 'not valid JSON'],
    ['short-row.csv', 3, 'not valid CSV'],
    ['bad-pass.csv', 3, 'column pass'],
    ['duplicate.csv', 4, 'pct-up province 10 appears twice (first at line 2)'],
    ['not-results.csv', 1, 'not a kpi result table'],
  ])('%s: exit 2 with file and line', (name, line, message) => {
    for (const args of [[`${F}/${name}`, NEW], [OLD, `${F}/${name}`]]) {
      const r = kpi('diff', ...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`kpi: ${F}/${name}:${line}: ${message}`);
    }
  });

  it('exit 2 for a missing file, a bad tolerance, an unknown indicator or option value', () => {
    expect(kpi('diff', `${F}/nowhere.json`, NEW)).toMatchObject({ code: 2, stdout: '', stderr: `kpi: ${F}/nowhere.json: cannot read: ENOENT\n` });
    expect(kpi('diff', OLD, NEW, '--tolerance', '-1').code).toBe(2);
    expect(kpi('diff', OLD, NEW, '--tolerance', 'abc').code).toBe(2);
    expect(kpi('diff', OLD, NEW, '--indicator', 'nope')).toMatchObject({ code: 2, stdout: '' });
    expect(kpi('diff', OLD, NEW, '--fail-on', 'bogus').code).toBe(2);
    expect(kpi('diff', OLD).code).toBe(2);
  });
});
