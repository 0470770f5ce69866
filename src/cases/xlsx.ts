import ExcelJS from 'exceljs';
import type { Lang } from '../area/names.js';
import { displayWidth } from '../report/width.js';
import type { CaseList } from './list.js';
import { columns, countLine, title } from './render.js';

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/** One sheet: a title row, the header (frozen with it), one row per person, the count last; columns as wide as their text. */
export async function renderCasesXlsx(list: CaseList, lang: Lang): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'kpi';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet(list.indicator.slice(0, 31));
  const cols = columns(list, lang);
  ws.addRow([title(list, lang)]).font = { bold: true };
  ws.addRow(cols.map((c) => c.label)).font = { bold: true };
  for (const r of list.cases) ws.addRow(cols.map((c) => c.cell(r)));
  ws.addRow([]);
  ws.addRow([countLine(list, lang)]);
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: 2 }];
  cols.forEach((c, i) => {
    const cells = [c.label, ...list.cases.map((r) => String(c.cell(r) ?? ''))];
    ws.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...cells.map((s) => displayWidth(s) + 2)));
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
