import { describe, expect, it } from 'vitest';
import { kpi } from './helpers/cli.js';

/**
 * Follow-up lists counted by hand: ANC, breastfeeding and drowning from the rows of
 * fixtures/demo (README there), HT control from fixtures/library (README there).
 * Ages are completed years at the period's end; dates are shown YYYY-MM-DD.
 */
const DEMO = ['--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--lang', 'en'];
const LIB = ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv', '--fy', '2567', '--lang', 'en'];

interface CasesDoc {
  indicator: string;
  period: string;
  area: { level: string; code: string };
  which: string;
  counts: { a: number; b: number };
  cases: Array<Record<string, string | number | null>>;
  warnings: string[];
}

function cases(args: string[]): CasesDoc {
  const r = kpi(['cases', ...args, '--format', 'json']);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as CasesDoc;
}

/** The columns every list has, then the template's fields and the reason. */
const who = (unit: string, pid: string, sex: string, age: number, home: string) => ({ unit, pid, sex, age, home_unit: home });

describe('anc-first-visit-12wk on the demo data', () => {
  it('lists the three women of B not in A nationally, by unit, with their delivery, first ANC, GA and reason', () => {
    const doc = cases(['anc-first-visit-12wk', ...DEMO, '--area', 'TH']);
    expect(doc).toMatchObject({ indicator: 'anc-first-visit-12wk', period: 'FY2567 R12', area: { level: 'country', code: 'TH' }, which: 'missing', counts: { a: 5, b: 8 } });
    // 10001-2: delivered 2024-01-15, first ANC of that pregnancy 2023-07-17 at GA 14 (her GA 8 visit of 2022-01-05
    // belongs to the earlier pregnancy); 10002-1: her only visit has no GA; 20001-2: no ANC at all.
    // Born 1998-07-20, 1999-01-01, 1997-07-07.
    expect(doc.cases).toEqual([
      { ...who('10001', '2', 'female', 26, '10001'), unit_name: 'รพ.สต.บ้านหนึ่ง', record_unit: '10001', bdate: '2024-01-15', first_anc: '2023-07-17', ga: '14', reason: 'first ANC at GA 14 weeks (2023-07-17)' },
      { ...who('10002', '1', 'female', 25, '10002'), unit_name: 'รพ.สต.บ้านสอง', record_unit: '10002', bdate: '2024-03-01', first_anc: '', ga: '', reason: 'no ANC visit with a recorded GA found for this pregnancy' },
      { ...who('20001', '2', 'female', 27, '20001'), unit_name: 'รพ.สต.บ้านสี่', record_unit: '20001', bdate: '2024-02-10', first_anc: '', ga: '', reason: 'no ANC visit with a recorded GA found for this pregnancy' },
    ]);
  });

  it('keeps to the area asked: province 50 has 10001-2 and 10002-1; unit 10003 has no one', () => {
    expect(cases(['anc-first-visit-12wk', ...DEMO, '--area', '50']).cases.map((c) => `${c.unit}-${c.pid}`)).toEqual(['10001-2', '10002-1']);
    expect(cases(['anc-first-visit-12wk', ...DEMO, '--area', '10003']).cases).toEqual([]);
  });

  it('lists A and B with --which: round 6 drops 10003-1 (delivered 2024-09-30)', () => {
    const achieved = cases(['anc-first-visit-12wk', ...DEMO, '--area', 'TH', '--round', '6', '--which', 'achieved']);
    expect(achieved.cases.map((c) => `${c.unit}-${c.pid}`)).toEqual(['10001-3', '10001-1', '20001-1', '99999-1']);
    expect(achieved.cases[0]).not.toHaveProperty('reason');
    // 10001-3 is registered nowhere (TYPEAREA 2): no home unit, listed at 10001, the unit of her rows.
    expect(achieved.cases[0]).toMatchObject({ home_unit: '', age: 34, bdate: '2023-10-01', first_anc: '2023-03-19', ga: '12' });
    // 20001-1's first ANC is the one at 10001 (2023-05-01, GA 11), not her home unit's (2023-07-03, GA 20).
    expect(achieved.cases[2]).toMatchObject({ home_unit: '20001', bdate: '2023-11-20', first_anc: '2023-05-01', ga: '11' });
    const group = cases(['anc-first-visit-12wk', ...DEMO, '--area', 'TH', '--round', '6', '--which', 'group']);
    // Sorted by unit, then delivery: 10001-3 (2023-10-01) before 10001-1 (2023-11-05) before 10001-2 (2024-01-15).
    expect(group.cases.map((c) => `${c.unit}-${c.pid} ${c.reason}`)).toEqual([
      '10001-3 counted in A', '10001-1 counted in A', '10001-2 first ANC at GA 14 weeks (2023-07-17)',
      '10002-1 no ANC visit with a recorded GA found for this pregnancy', '20001-1 counted in A',
      '20001-2 no ANC visit with a recorded GA found for this pregnancy', '99999-1 counted in A',
    ]);
  });

  it('prints the follow-up list as a table with Thai labels by default', () => {
    const r = kpi(['cases', 'anc-first-visit-12wk', '--data', 'fixtures/demo', '--hospitals', 'fixtures/demo/hospitals.csv', '--fy', '2567', '--area', '10001']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^หน่วยบริการ\s+ชื่อหน่วยบริการ\s+PID\s+เพศ\s+อายุ \(ปี\)\s+หน่วยบริการที่ขึ้นทะเบียน\s+หน่วยบริการที่ให้ข้อมูล\s+วันที่คลอด\s+วันที่ฝากครรภ์ครั้งแรก\s+อายุครรภ์ \(สัปดาห์\)\s+เหตุผล$/);
    expect(lines[3]).toMatch(/^10001\s+รพ\.สต\.บ้านหนึ่ง\s+2\s+หญิง\s+26\s+10001\s+10001\s+2024-01-15\s+2023-07-17\s+14\s+ฝากครรภ์ครั้งแรกเมื่ออายุครรภ์ 14 สัปดาห์ \(2023-07-17\)$/);
    expect(lines[4]).toBe('1 คน (B − A = 3 − 2)');
  });
});

describe('breastfeeding-exclusive-6mo on the demo data', () => {
  it('lists 10001-10, FOOD 3 at her latest visit (5 months old)', () => {
    const doc = cases(['breastfeeding-exclusive-6mo', ...DEMO, '--area', 'TH']);
    expect(doc.counts).toEqual({ a: 3, b: 4 });
    // Born 2023-06-01: 1 completed year on 2024-09-30; 5 months on 2023-11-15.
    expect(doc.cases).toEqual([
      { ...who('10001', '10', 'female', 1, '10001'), unit_name: 'รพ.สต.บ้านหนึ่ง', last_visit: '2023-11-15', age_months: '5', food: '3', reason: 'not exclusively breastfed at the last visit (FOOD 3)' },
    ]);
  });

  it('lists A of province 50 and of round 6', () => {
    expect(cases(['breastfeeding-exclusive-6mo', ...DEMO, '--area', '50', '--which', 'achieved']).cases.map((c) => `${c.unit}-${c.pid} ${c.last_visit} ${c.food}`)).toEqual(['10002-5 2024-03-01 1']);
    // Round 6: 20001-5 has no visit by 2024-03-31; 10003-5's later row of 2024-03-01 (FOOD 1) is the one kept.
    expect(cases(['breastfeeding-exclusive-6mo', ...DEMO, '--area', 'TH', '--round', '6', '--which', 'achieved']).cases.map((c) => `${c.unit}-${c.pid} ${c.food}`)).toEqual(['10002-5 1', '10003-5 1']);
  });
});

describe('drowning-deaths-under-15 on the demo data', () => {
  it('lists the deaths (A) by default, since A is not a part of B', () => {
    const doc = cases(['drowning-deaths-under-15', ...DEMO, '--area', 'TH']);
    expect(doc.which).toBe('achieved');
    // 10001-9 born 2015-05-05, died 2024-04-10 (8); 10002-6 born 2017-07-07, died 2024-08-15 (7); 20001-4 born 2016-06-06, died 2023-12-25 (7).
    expect(doc.cases).toEqual([
      { ...who('10001', '9', 'male', 9, '10001'), unit_name: 'รพ.สต.บ้านหนึ่ง', record_unit: '10001', ddeath: '2024-04-10', cdeath: 'W74', age_at_death: '8' },
      { ...who('10002', '6', 'female', 7, '10002'), unit_name: 'รพ.สต.บ้านสอง', record_unit: '10002', ddeath: '2024-08-15', cdeath: 'W749', age_at_death: '7' },
      { ...who('20001', '4', 'female', 8, '20001'), unit_name: 'รพ.สต.บ้านสี่', record_unit: '20001', ddeath: '2023-12-25', cdeath: 'W69', age_at_death: '7' },
    ]);
    expect(cases(['drowning-deaths-under-15', ...DEMO, '--area', 'TH', '--round', '6']).cases.map((c) => `${c.unit}-${c.pid}`)).toEqual(['20001-4']);
  });

  it('says when A is not inside B: the missing list of province 50 is all of B', () => {
    const doc = cases(['drowning-deaths-under-15', ...DEMO, '--area', '50', '--which', 'missing']);
    // B 50: 10001-8, 10001-10, 10002-3 (living children); the two deaths there (10001-9, 10002-6) are not in B.
    expect(doc.cases.map((c) => `${c.unit}-${c.pid} ${c.reason}`)).toEqual([
      '10001-8 no drowning death in the period', '10001-10 no drowning death in the period', '10002-3 no drowning death in the period',
    ]);
    expect(doc.warnings).toContain('2 persons are in A but not in B: the list is B − A + 2');
  });
});

const PERSONS = ['--data', 'fixtures/persons', '--hospitals', 'fixtures/persons/hospitals.csv', '--fy', '2567', '--lang', 'en'];

/**
 * The person model (fixtures/persons/README.md): one row per person, at the home unit, whatever
 * unit gave the rows; `record_unit` is the unit of the deciding record. Persons by their README letter.
 */
describe('ht-control on the persons data', () => {
  it('lists O (diabetic, 135/85 and 130/82) and I (one reading only), each at the home unit', () => {
    const doc = cases(['ht-control', ...PERSONS, '--area', 'TH']);
    expect(doc.counts).toEqual({ a: 3, b: 5 });
    expect(doc.cases).toEqual([
      { ...who('10001', '7', 'male', 66, '10001'), unit_name: 'PCU Ban Nong (health-promoting hospital)', record_unit: '10001', readings: '135/85 (2024-01-15, 10001); 130/82 (2024-06-15, 10001)', last_visit: '2024-06-15', reason: 'last two readings not both below 140/80 (also diabetic): 135/85 (2024-01-15, 10001); 130/82 (2024-06-15, 10001)' },
      { ...who('20001', '2', 'male', 58, '20001'), unit_name: 'PCU Ban Pa (health-promoting hospital)', record_unit: '20001', readings: '120/70 (2024-03-01, 20001)', last_visit: '2024-03-01', reason: 'one reading only in the period: 120/70 (2024-03-01, 20001)' },
    ]);
  });

  it('lists A once per person at home, with the unit of the deciding readings', () => {
    const doc = cases(['ht-control', ...PERSONS, '--area', 'TH', '--which', 'achieved']);
    // A: readings at the hospital 10003 (home 10001, PID 1 there); B: home 10002 (PID 1), readings at 10001 then 10002; P at 20001.
    expect(doc.cases.map((c) => `${c.unit}-${c.pid} record ${c.record_unit}: ${c.readings}`)).toEqual([
      '10001-1 record 10003: 135/75 (2024-02-01, 10003); 130/78 (2024-05-01, 10003)',
      '10002-1 record 10002: 138/88 (2023-10-15, 10001); 132/86 (2024-04-01, 10002)',
      '20001-4 record 20001: 135/85 (2024-01-10, 20001); 138/88 (2024-07-10, 20001)',
    ]);
    // B's CHRONIC row is 10001's, but B counts once, at the home unit 10002.
    expect(cases(['ht-control', ...PERSONS, '--area', '10001', '--which', 'group']).cases.map((c) => `${c.unit}-${c.pid}`)).toEqual(['10001-1', '10001-7']);
  });
});

describe('dm-control and dm-new-cases on the persons data', () => {
  it('dm-control: M, whose last two FPG (95 at 10001, 140 at 10002) are not both 70–130', () => {
    const doc = cases(['dm-control', ...PERSONS, '--area', 'TH']);
    expect(doc.counts).toEqual({ a: 6, b: 7 });
    expect(doc.cases.map((c) => `${c.unit}-${c.pid} ${c.sex} ${c.age} record ${c.record_unit}: ${c.reason}`)).toEqual([
      '10002-5 female 59 record 10002: last two FPG not both 70–130: 95 (2024-05-10, 10001); 140 (2024-08-10, 10002)',
    ]);
  });

  it('dm-new-cases lists A: E (2024-02-10 at 10002) and M (2024-05-01 at 10001, placed at home 10002)', () => {
    const doc = cases(['dm-new-cases', ...PERSONS, '--area', 'TH']);
    expect(doc.cases.map((c) => `${c.unit}-${c.pid} record ${c.record_unit} ${c.date_diag} ${c.code}`)).toEqual([
      '10002-3 record 10002 2024-02-10 E119',
      '10002-5 record 10001 2024-05-01 E119',
    ]);
  });
});

describe('kpi cases: formats and refusals', () => {
  it('writes CSV with machine names, and for Excel with a BOM and CRLF', () => {
    const r = kpi(['cases', 'anc-first-visit-12wk', ...DEMO, '--area', '20001', '--format', 'csv']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('unit,unit_name,pid,sex,age,home_unit,record_unit,bdate,first_anc,ga,reason\n20001,รพ.สต.บ้านสี่,2,female,27,20001,20001,2024-02-10,,,no ANC visit with a recorded GA found for this pregnancy\n');
    const x = kpi(['cases', 'anc-first-visit-12wk', ...DEMO, '--area', '20001', '--format', 'csv', '--excel']);
    expect(x.stdout.startsWith('\uFEFFunit,unit_name,pid')).toBe(true);
    expect(x.stdout).toContain('\r\n20001,');
  });

  it('refuses lists that are not of persons, and unknown indicators', () => {
    const sums = kpi(['cases', 'births-women-15-19-per-1000', ...LIB, '--area', 'TH']);
    expect(sums.code).toBe(2);
    expect(sums.stderr).toContain('measure A sums LBORN in LABOR, not persons');
    const composite = kpi(['cases', 'consumer-protection-weighted', ...LIB, '--area', 'TH']);
    expect(composite.code).toBe(2);
    expect(composite.stderr).toContain('weighted composite');
    expect(kpi(['cases', 'no-such-indicator', ...LIB, '--area', 'TH']).code).toBe(2);
  });

  it('needs --area, and --out for a workbook', () => {
    expect(kpi(['cases', 'anc-first-visit-12wk', ...DEMO]).code).toBe(2);
    const x = kpi(['cases', 'anc-first-visit-12wk', ...DEMO, '--area', 'TH', '--format', 'xlsx']);
    expect(x.code).toBe(2);
    expect(x.stderr).toContain('--out');
  });
});
