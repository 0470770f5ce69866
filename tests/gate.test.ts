import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kpi, tempDir } from './helpers/cli.js';

/*
 * Rows outside every period are checked but not built (`src/engine/gate.ts`): nothing a user
 * sees may change. Nine ANC rows, counted by hand for FY2567 (2023-10-01 – 2024-09-30):
 *   line 2  11111  20231105  ANCNO 1   in the period: B, A
 *   line 3  11111  20220105            before it (turned away)
 *   line 4  11111  20230230            impossible date: reported, skipped
 *   line 5  1111   20220101            HOSPCODE of 4 digits, outside the period: reported, skipped
 *   line 6  22222  20240915  ANCNO 1   B, A
 *   line 7  22222  20250101            after it (turned away)
 *   line 8  22222  (empty)             no date (turned away)
 *   line 9  11111  4 fields            reported, skipped
 *   line 10 22222  20240930  ANCNO 2   B (the period's last day)
 * So 11111: A 1, B 1; 22222: A 1, B 2; 6 rows read, 3 skipped.
 */
const ANC = `HOSPCODE,PID,SEQ,DATE_SERV,GA,ANCNO
11111,1,1,20231105,10,1
11111,2,1,20220105,10,1
11111,3,1,20230230,10,1
1111,4,1,20220101,10,1
22222,5,1,20240915,12,1
22222,6,1,20250101,12,1
22222,7,1,,12,1
11111,8,1,20210101
22222,9,1,20240930,13,2
`;

const TEMPLATE = {
  id: 'anc-visits',
  title: { th: 'การฝากครรภ์', en: 'Antenatal visits in the period, first visits among them' },
  reference: 'test',
  unit: { th: 'ร้อยละ', en: 'percent' },
  formula: 'A / B * 100',
  decimals: 2,
  better: 'higher',
  target: '>= 60',
  measures: {
    B: { from: 'ANC', where: ['DATE_SERV in period'], count: 'rows' },
    A: { of: 'B', where: ["ANCNO = '1'"] },
  },
};

interface Output {
  results: Array<{ level: string; area_code: string; a: number; b: number }>;
  inputs: Array<{ rows: number; skipped: number }>;
}

function setup(): { dir: string; args: (fy: string) => string[] } {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'ANC.csv'), ANC);
  writeFileSync(path.join(dir, 'anc-visits.json'), JSON.stringify(TEMPLATE));
  return { dir, args: (fy) => ['compute', '--templates', path.join(dir, 'anc-visits.json'), '--data', path.join(dir, 'ANC.csv'), '--fy', fy, '--by', 'unit'] };
}

const WARNINGS = ['ANC.csv:4: impossible date in DATE_SERV', 'ANC.csv:5: HOSPCODE not 5 digits', 'ANC.csv:9: 4 fields, header has 6'];

describe('rows outside every period', () => {
  for (const [label, threads, env] of [['one thread', '1', {}], ['ranges of 7 bytes on 4 threads', '4', { KPI_RANGE_BYTES: '7' }]] as const) {
    it(`are read and checked, not counted (${label})`, () => {
      const { args } = setup();
      const r = kpi([...args('2567'), '--format', 'json', '--threads', threads], { env });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Output;
      const units = out.results.filter((x) => x.level === 'unit').map((x) => [x.area_code, x.a, x.b]);
      expect(units).toEqual([['11111', 1, 1], ['22222', 1, 2]]);
      expect(out.inputs).toEqual([expect.objectContaining({ rows: 6, skipped: 3 })]);
      for (const w of WARNINGS) expect(r.stderr).toContain(w);
    });

    it(`still give the dates the data spans (${label})`, () => {
      const { args } = setup();
      const r = kpi([...args('2570'), '--threads', threads], { env });
      // Every readable row lies outside FY2570; the bad ones are not among the dates.
      expect(r.stderr).toContain('no ANC rows; ANC.DATE_SERV spans 2022-01-05 – 2025-01-01');
      for (const w of WARNINGS) expect(r.stderr).toContain(w);
    });
  }
});

describe('rows outside every period, on threads, with a record that spans lines', () => {
  // Row 3's NOTE holds two lines that look like rows (dated 1900 and 2099). A range cut inside
  // that field is dropped by the main thread and read again there; the dates a thread saw in
  // it must not stand in for dates of later ranges. The readable rows are dated 2023-11-05,
  // 2023-11-06, forty times 2022-01-01, then 2026-01-01 and 2020-01-01: all outside FY2570.
  const rows = Array.from({ length: 40 }, (_, i) => `11111,${100 + i},1,20220101,10,1,y`);
  const anc = ['HOSPCODE,PID,SEQ,DATE_SERV,GA,ANCNO,NOTE', '11111,1,1,20231105,10,1,x', '22222,2,1,20231106,10,1,"a', '11111,9,1,19000101,10,1,b', '11111,9,1,20991231,10,1,c', 'z"', ...rows, '11111,998,1,20260101,10,1,y', '11111,999,1,20200101,10,1,y', ''].join('\n');

  it('give the span of the rows, whichever thread reads which range', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'ANC.csv'), anc);
    writeFileSync(path.join(dir, 'anc-visits.json'), JSON.stringify(TEMPLATE));
    const args = ['compute', '--templates', path.join(dir, 'anc-visits.json'), '--data', path.join(dir, 'ANC.csv'), '--fy', '2570', '--threads', '2'];
    // Which thread gets which range varies from run to run: several runs, each must be right.
    for (let run = 0; run < 5; run++) {
      const r = kpi(args, { env: { KPI_RANGE_BYTES: '40' } });
      expect(r.stderr).toContain('no ANC rows; ANC.DATE_SERV spans 2020-01-01 – 2026-01-01');
    }
  });
});
