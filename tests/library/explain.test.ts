import { describe, expect, it } from 'vitest';
import { kpi as run } from '../helpers/cli.js';

const LIB = ['--data', 'fixtures/library', '--hospitals', 'fixtures/library/hospitals.csv', '--fy', '2567'];

describe('kpi list', () => {
  it('lists id, title, level, unit and target in English', () => {
    const r = run(['list', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^id +title +level +unit +target$/);
    expect(r.stdout).toMatch(/^anc-first-visit-12wk +Pregnant women with a first antenatal visit at ≤ 12 weeks +province +percent +>= 60$/m);
    expect(r.stdout).toMatch(/^dm-new-cases +New diabetes cases per 100,000 +region +per 100,000 +-$/m);
  });

  it('speaks Thai by default and covers all three levels', () => {
    const r = run(['list']);
    expect(r.stdout.split('\n')[0]).toMatch(/^รหัส +ชื่อตัวชี้วัด +ระดับ +หน่วย +เป้าหมาย$/);
    expect(r.stdout).toMatch(/^ihd-deaths +อัตราตายจากโรคหลอดเลือดหัวใจ \(ต่อประชากรแสนคน\) +กระทรวง +ต่อแสนประชากร +<= 21\.105$/m);
  });

  it('writes JSON with both languages', () => {
    const r = run(['list', '--format', 'json']);
    const rows = JSON.parse(r.stdout) as Array<{ id: string; level: string | null; target: string | null; title: { th: string; en: string } }>;
    expect(rows.length).toBeGreaterThanOrEqual(20);
    // healthy-cities-self-assessment comes from seed 000, not the book: it has no book level.
    expect(new Set(rows.map((x) => x.level))).toEqual(new Set(['ministry', 'region', 'province', null]));
    expect(rows.filter((x) => x.level === null).map((x) => x.id)).toEqual(['healthy-cities-self-assessment']);
    expect(rows.find((x) => x.id === 'teen-repeat-pregnancy')).toMatchObject({ level: 'region', target: '<= 11.5', title: { en: 'Repeat pregnancies among women aged 15–19' } });
  });
});

describe('kpi explain', () => {
  it('explains the ANC template in English, in full', () => {
    const r = run(['explain', 'anc-first-visit-12wk', '--lang', 'en']);
    expect(r.code, r.stderr).toBe(0);
    // The rebuilt definition (issue 13): B from LABOR, F the first ANC of the pregnancy, A of F; no ladder, so no Scoring.
    expect(r.stdout).toBe(`anc-first-visit-12wk — Pregnant women with a first antenatal visit at ≤ 12 weeks
Definition from: FY2558 template book, line 2483
Reference: MOPH KPI template FY2558, province level #2
Level: province · Unit: percent · higher is better · rounded to 2 decimals (halves away from zero)

What is counted
  B: all persons (linked by CID) of LABOR, placed at the home unit, where
     - the delivery date falls within the period
     - BTYPE is empty or BTYPE is not '6'
  F: all persons (linked by CID) of ANC, placed at the home unit, keeping after the conditions only the row with the earliest DATE_SERV per person, over all the data, where
     - GA is not empty
     - the service date is at most the end of the period
     - the days from the start of the period − 308 days to the service date is at least GA × 7
     - is a person of B
  A: those of F where
     - GA is at most 12

Formula
  A ÷ B × 100

Target
  at least 60; round 3: at least 15; round 6: at least 30; round 9: at least 45; round 12: at least 60

Notes
  - B (lines 2484, 2486, 2490): women who delivered in the period (LABOR.BDATE in the period, BTYPE 6 abortion left out), residents or not, each woman once (linked across units by CID) even when both the delivering hospital and her home unit report the same delivery.
  - A: the women of B whose first ANC of this pregnancy (the earliest ANC row with a recorded GA, from any unit) was at GA ≤ 12 weeks. 'This pregnancy' is approximated: visits up to the period's end whose pregnancy began (DATE_SERV − GA weeks) no earlier than 44 weeks before the period's start, since the files do not tie an ANC visit to a delivery across units; an earlier pregnancy delivered less than about 13 months before can leak in. A visit without GA cannot be placed and is not taken as the first; a woman with no ANC, or none with GA, is in B but not in A.
  - Not the book's (declared): the book counts a woman at the unit where she delivered ("ที่มาคลอดที่สถานบริการฯ"), while the person model places her at her home unit (TYPEAREA 1 or 3), or, registered nowhere, at the unit of her latest row (D_UPDATE); unit and district figures therefore differ from the book's when a woman delivers away from home: read the result at province level or above. The book counts deliveries in Ministry (OPS) hospitals; the template counts every delivery in LABOR (a home or private-hospital birth reported by the home unit included). The book sets no score ladder (lines 2496–2498 give round targets 15/30/45/60 only), so no score is given.
`);
  });

  it('explains caries at age 3 in Thai with the arithmetic of province 40, in full', () => {
    const r = run(['explain', 'caries-age-3', '--lang', 'th', ...LIB, '--area', '40']);
    expect(r.code, r.stderr).toBe(0);
    // Province 40 (fixtures/library/README.md): Q06 examined at 3 without caries, Q05 at 3 with a filling: 1 of 2.
    expect(r.stdout).toBe(`caries-age-3 — อัตราฟันผุในเด็กอายุ 3 ปี
ที่มาของนิยาม: หนังสือแม่แบบตัวชี้วัด ปีงบประมาณ 2558 บรรทัด 3598
ที่มา: MOPH KPI template FY2558, province level #33 (seed 003 line 3598)
ระดับ: จังหวัด · หน่วย: ร้อยละ · ค่าน้อยดี · ปัดเศษ 2 ตำแหน่ง (ครึ่งปัดออกจากศูนย์)

สิ่งที่นับ
  B: จำนวนไม่ซ้ำของ HOSPCODE, PID จากแฟ้ม DENTAL เชื่อมกับแฟ้ม PERSON ด้วย HOSPCODE, PID จัดพื้นที่ตามหน่วยบริการ (HOSPCODE) หลังกรองแล้วเก็บแถวที่ DATE_SERV ล่าสุดต่อ HOSPCODE, PID โดย
     - วันที่รับบริการ อยู่ในช่วงเวลาที่ประเมิน
     - อายุ 3 ปีเต็ม ณ วันที่รับบริการ
  A: เฉพาะรายใน B ที่
     - DCARIES มากกว่า 0 หรือ DFILLING มากกว่า 0 หรือ DEXTRACT มากกว่า 0

สูตรคำนวณ
  A ÷ B × 100

เป้าหมาย
  ไม่เกิน 70.3; รอบ 12 เดือน: ไม่เกิน 70.3

หมายเหตุ
  - ฟันผุ = ฟันน้ำนมผุ อุด หรือถอน (DCARIES, DFILLING, DEXTRACT มากกว่า 0) ตามคำนิยาม; นับการตรวจครั้งล่าสุดต่อเด็กที่อายุ 3 ปีเต็ม
  - "ลดลงร้อยละ 2 ต่อปี" จาก baseline 72.3 (บรรทัด 3600, 3610) อ่านได้สองแบบ: ลดลง 2 จุดร้อยละ (72.3 − 2 = 70.3) หรือลดลงร้อยละ 2 ของค่าเดิม (72.3 × 0.98 = 70.85); แม่แบบเลือกแบบแรก (≤ 70.3) เพราะตัวชี้วัดเป็นร้อยละอยู่แล้ว และเป็นเกณฑ์ที่เข้มกว่า
  - หนังสือวัดจากการสุ่มสำรวจของจังหวัด (บรรทัด 3614) ช่วง มิ.ย.–ก.ย. (บรรทัด 3607); แม่แบบนับการตรวจทุกครั้งในแฟ้ม DENTAL ไม่ใช่กลุ่มตัวอย่าง และนับทั้งช่วงเวลาที่เลือก: ใช้ --from YYYY-06-01 --to YYYY-09-30 เพื่อให้ตรงช่วงสำรวจ

ผลของพื้นที่
  40 ขอนแก่น (FY2567 R12)
    B = 2
    A = 1
    A ÷ B × 100 = 1 ÷ 2 × 100 = 50
    ปัดเศษ 2 ตำแหน่ง: 50.00
    เป้าหมาย (รอบ 12 เดือน): ไม่เกิน 70.3 → ผ่าน
`);
  });

  it('shows the weighted sum of the worked example for region 1', () => {
    const r = run(['explain', 'consumer-protection-weighted', '--lang', 'en', ...LIB, '--area', '1']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`  1 Health region 1 (FY2567 R12)
    consumer-protection-management-level: score 5 × 0.5 = 2.5
    consumer-protection-clinics-beauty: score 4 × 0.1 = 0.4
    consumer-protection-clinics-unlicensed: score 4 × 0.1 = 0.4
    consumer-protection-food: score 3 × 0.15 = 0.45
    consumer-protection-ads: score 5 × 0.15 = 0.75
    Σ = 4.5
    rounded to 2 decimals: 4.50
    score: 4 (in the band (4, 4.5])
`);
  });

  it('renders the person measures of HT control: within / outside, the last two readings, A = either A1 or A2', () => {
    const r = run(['explain', 'ht-control', '--lang', 'en', ...LIB, '--area', '50']);
    expect(r.stdout).toContain('  R: registered living persons (linked by CID) of CHRONICFU, placed at the home unit, keeping after the conditions only the 2 rows with the latest DATE_SERV per person, all 2 rows required, where\n');
    expect(r.stdout).toContain('  A1: those of R whose every kept row meets\n     - SBP is below 140\n     - DBP is below 90\n     - is not a person of DM\n');
    expect(r.stdout).toContain('  A: the persons in any of A1, A2 (each once)\n');
    // Province 50 (fixtures/library/README.md): B = P05, P06, P08; DM = P01, P05; two readings: P05, P06
    // (P08 has one); A1 (no DM, < 140/90): P06; A2 (DM, < 140/80): P05.
    expect(r.stdout).toContain('    B = 3\n    DM = 2\n    R = 2\n    A1 = 1\n    A2 = 1\n    A = 2\n    A ÷ B × 100 = 2 ÷ 3 × 100 = ≈ 66.666667\n    rounded to 2 decimals: 66.67\n');
    // No target since issue 13 (the book's is per region, from 2557 results it does not give): nothing judged.
    expect(r.stdout).not.toContain('target: at least');
  });

  it('renders ages as people say them', () => {
    const r = run(['explain', 'births-women-15-19-per-1000', '--lang', 'en']);
    expect(r.stdout).toContain('     - age 15 to 19 completed years at the delivery date\n');
    expect(run(['explain', 'drowning-deaths-under-15', '--lang', 'th']).stdout).toContain('     - อายุน้อยกว่า 15 ปีเต็ม ณ วันที่เสียชีวิต\n');
  });

  it('rejects an unknown id and --area without --data with exit 2', () => {
    const unknown = run(['explain', 'no-such-indicator']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no template with id no-such-indicator');
    const lone = run(['explain', 'caries-age-3', '--area', '40']);
    expect(lone.code).toBe(2);
    expect(lone.stderr).toContain('--data and --area go together');
  });
});
