import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './cli.js';

/**
 * A template for reading tests that need ANC and PERSON only: B = resident women (TYPEAREA 1 or
 * 3, DISCHARGE 9) with a first visit (ANCNO 1) in the period, one per HOSPCODE + PID; A = those of
 * them at GA ≤ 12. A lost ANC or PERSON row shows in its numbers. It is the bundled
 * anc-first-visit-12wk before issue 13, which now counts deliveries from LABOR.
 */
export const ANC_VISITS_ID = 'anc-first-visits';

const TEMPLATE = {
  id: ANC_VISITS_ID,
  reference: 'tests/helpers/anc-visits.ts',
  title: { th: 'ฝากครรภ์ครั้งแรก', en: 'First ANC visits' },
  unit: { th: 'ร้อยละ', en: 'percent' },
  formula: 'A / B * 100',
  decimals: 2,
  better: 'higher',
  target: '>= 60',
  measures: {
    B: {
      from: 'ANC',
      join: { PERSON: ['HOSPCODE', 'PID'] },
      where: ["ANCNO = '1'", 'DATE_SERV in period', "PERSON.TYPEAREA in ('1', '3')", "PERSON.DISCHARGE = '9'"],
      count: 'distinct HOSPCODE, PID',
    },
    A: { of: 'B', where: ['num(GA) <= 12'] },
  },
};

/** Writes the template into a fresh folder and gives its path. */
export function ancVisitsTemplate(): string {
  const file = path.join(tempDir('kpi-anc-visits-'), `${ANC_VISITS_ID}.json`);
  writeFileSync(file, JSON.stringify(TEMPLATE));
  return file;
}
