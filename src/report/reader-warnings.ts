import type { Lang } from '../area/names.js';
import { periodText } from './labels.js';

/**
 * The run's warnings as a reader of a handed-on report needs them: in the report's language,
 * saying what they mean for the numbers, with no command-line flags. Unknown units are summed
 * into one line. A warning of a kind not known here is kept, with its flags put into words.
 */
export function readerWarnings(warnings: readonly string[], lang: Lang): string[] {
  const th = lang === 'th';
  const out: string[] = [];
  let units = 0;
  let unitRows = 0;
  for (const w of warnings) {
    const unit = /^unit \d+ is not in .*: its (\d+) counted rows? appears? only in the national row/.exec(w);
    if (unit) {
      units++;
      unitRows += Number(unit[1]);
      continue;
    }
    out.push(reworded(w, th));
  }
  if (units > 0) {
    out.unshift(th
      ? `หน่วยบริการ ${units} แห่งไม่อยู่ในแฟ้มหน่วยบริการ: นับได้ ${unitRows} รายการ ซึ่งรวมอยู่ในแถวรวมเท่านั้น ไม่อยู่ในพื้นที่ใด`
      : `${units} unit${units === 1 ? '' : 's'} not in the unit reference: ${unitRows} counted row${unitRows === 1 ? ' appears' : 's appear'} only in the total row, in no area`);
  }
  return out;
}

function reworded(w: string, th: boolean): string {
  const many = /^(\d+) indicators skipped, (?:their tables not found in --data: (.*)|they need tables? (.*), not found in --data: (.*))$/.exec(w);
  if (many) {
    const list = many[2] ?? `${many[4]} (${many[3]})`;
    return th ? `ไม่ได้คำนวณ ${many[1]} ตัวชี้วัด เพราะข้อมูลที่ได้รับไม่มีแฟ้มที่ต้องใช้: ${list}` : `${many[1]} indicators not computed: the data received lacks their tables: ${list}`;
  }
  const one = /^(\S+) skipped: it needs tables? (.*), not found in --data$/.exec(w);
  if (one) return th ? `ไม่ได้คำนวณ ${one[1]} เพราะข้อมูลที่ได้รับไม่มีแฟ้ม ${one[2]}` : `${one[1]} not computed: the data received has no ${one[2]} table`;
  const all = /^(\d+) indicators skipped in all, their tables not found in --data$/.exec(w);
  if (all) return th ? `รวมไม่ได้คำนวณ ${all[1]} ตัวชี้วัด เพราะข้อมูลที่ได้รับไม่มีแฟ้มที่ต้องใช้` : `${all[1]} indicators in all not computed: the data received lacks their tables`;
  const empty = /^(FY\d{4} [RQ]\d+) \(.*\): (?:.*: )?B is 0 in every area \((.*)\)$/.exec(w);
  if (empty) return th ? `${periodText(empty[1]!, 'th')}: ไม่มีข้อมูลที่นับได้ (B เป็น 0 ทุกพื้นที่): ${empty[2]}` : `${empty[1]}: nothing counted (B is 0 in every area): ${empty[2]}`;
  const parts = /^(\S+) skipped: its weighted parts? (.*) (?:was|were) not computed$/.exec(w);
  if (parts) return th ? `ไม่ได้คำนวณ ${parts[1]} เพราะไม่ได้คำนวณตัวชี้วัดย่อย ${parts[2]}` : `${parts[1]} not computed: its parts ${parts[2]} were not computed`;
  if (w.startsWith('no --hospitals file')) {
    return th ? 'ไม่ได้ใช้แฟ้มหน่วยบริการ: รายการที่นับตามหน่วยบริการรวมอยู่ในแถวรวมเท่านั้น ไม่อยู่ในพื้นที่ใด' : 'No unit reference was used: rows counted by unit appear only in the total row, in no area';
  }
  const skipped = /^(.+?):(\d+): (.*) \((\d+) rows? skipped/.exec(w);
  if (skipped) return th ? `${skipped[1]}: ${skipped[4]} แถวอ่านไม่ได้และไม่ได้นับ (${skipped[3]}; บรรทัดแรก ${skipped[2]})` : `${skipped[1]}: ${skipped[4]} unreadable row(s) not counted (${skipped[3]}; first at line ${skipped[2]})`;
  const over = /^(\S+): (\w+) (\S+) has A \((\d+)\) greater than B \((\d+)\)$/.exec(w);
  if (over) return th ? `${over[1]}: พื้นที่ ${over[3]} มีผลงาน (A = ${over[4]}) มากกว่าเป้าหมาย (B = ${over[5]}) ควรตรวจสอบข้อมูล` : `${over[1]}: area ${over[3]} has more achieved (A = ${over[4]}) than its target group (B = ${over[5]}): check the data`;
  return w.replace(/ ?\(and at --by unit\)/g, '').replace(/--data/g, th ? 'ข้อมูลที่ได้รับ' : 'the data').replace(/--by \w+/g, '').replace(/--[a-z-]+/g, '').replace(/\s{2,}/g, ' ').trim();
}
