import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Template values that would break out of a badly quoted SQL literal. */
export const HOSTILE = [
  "x'); DROP TABLE chronic; --",
  "a\\'b",
  'back\\slash\\',
  'say "double" `back` [square]',
  "*/ '' OR 1=1 /*",
  "a'b",
];

/** One template per hostile value: B counts CHRONIC rows whose CHRONIC is exactly that value. */
export function hostileTemplates(dir: string): string {
  const folder = path.join(dir, 'hostile-templates');
  mkdirSync(folder, { recursive: true });
  HOSTILE.forEach((v, i) => {
    const literal = `'${v.replace(/'/g, "''")}'`;
    writeFileSync(path.join(folder, `h${i}.json`), JSON.stringify({
      id: `hostile-${i}`, title: { th: 'ทดสอบ', en: 'test' }, reference: 'test', unit: { th: 'ราย', en: 'rows' },
      formula: 'A / B * 100', better: 'higher',
      measures: { B: { from: 'CHRONIC', where: [`CHRONIC = ${literal}`], count: 'rows' }, A: { of: 'B', where: ['DATE_DIAG in period'] } },
    }));
  });
  return folder;
}

/** One CHRONIC row per hostile value (pipe-delimited: no value holds a pipe), each at unit 10001. */
export function hostileData(dir: string): string {
  const folder = path.join(dir, 'hostile-data');
  mkdirSync(folder, { recursive: true });
  const rows = HOSTILE.map((v, i) => `10001|${i + 1}|20240101|${v}`);
  writeFileSync(path.join(folder, 'CHRONIC.txt'), ['HOSPCODE|PID|DATE_DIAG|CHRONIC', ...rows].join('\r\n') + '\r\n');
  writeFileSync(path.join(folder, 'hospitals.csv'), 'HOSPCODE,NAME,CHANGWAT,AMPUR\n10001,PCU One,50,01\n');
  return folder;
}

