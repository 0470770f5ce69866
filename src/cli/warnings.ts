import { isoDate } from '../expr/dates.js';
import type { DateRange, PeriodField } from '../engine/coverage.js';
import type { Period } from '../period/period.js';

/** A warning of a run; `degrades` says what it costs the numbers, which `--strict` makes fatal. */
export interface Warning {
  readonly text: string;
  readonly degrades?: Degradation;
}

export type Degradation = 'rows' | 'skipped' | 'column' | 'units' | 'period' | 'address' | 'correction';

/**
 * Each warning once (a run may meet the same one twice). On a terminal, long
 * ones are wrapped to its width (at most 100) with an indent; in a log each
 * stays one line, so that `grep` finds it whole.
 */
export function printWarnings(warnings: readonly Warning[], stream: { write(s: string): unknown; isTTY?: boolean; columns?: number }): void {
  const width = stream.isTTY ? Math.min(stream.columns ?? 100, 100) : Infinity;
  for (const text of distinct(warnings)) stream.write(`${wrap(`kpi: warning: ${text}`, width)}\n`);
}

export function distinct(warnings: readonly Warning[]): string[] {
  return [...new Set(warnings.map((w) => w.text))];
}

/** Breaks at spaces before WIDTH columns; continuation lines are indented by four. */
export function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = `    ${word}`;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/**
 * One line per group of indicators skipped for the same missing tables, with
 * how many, and a total when there are several groups: running the whole
 * library on one export skips many, and the real warnings must stay visible.
 */
export function skippedGroups(missing: ReadonlyArray<{ templateId: string; tables: string[] }>): Warning[] {
  const groups = new Map<string, string[]>();
  for (const m of missing) {
    const key = m.tables.join(', ');
    groups.set(key, [...(groups.get(key) ?? []), m.templateId]);
  }
  const out: Warning[] = [...groups].map(([tables, ids]) => ({
    text: ids.length === 1
      ? `${ids[0]} skipped: it needs table${tables.includes(',') ? 's' : ''} ${tables}, not found in --data`
      : `${ids.length} indicators skipped, they need table${tables.includes(',') ? 's' : ''} ${tables}, not found in --data: ${ids.join(', ')}`,
    degrades: 'skipped',
  }));
  if (groups.size > 1) out.push({ text: `${missing.length} indicators skipped in all, their tables not found in --data`, degrades: 'skipped' });
  return out;
}

/** `FY2560 R12 (2016-10-01 – 2017-09-30)`. */
export function periodText(p: Period): string {
  return `${p.label} (${isoDate(p.start)} – ${isoDate(p.end)})`;
}

/**
 * Why an indicator counted nothing, from the dates its period fields hold:
 * `FY2560 R12 (…): no ANC rows; ANC.DATE_SERV spans 2023-10-03 – 2024-09-27`.
 */
export function emptyPeriodText(period: Period, fields: readonly PeriodField[], ranges: readonly DateRange[]): string {
  const parts = fields.map((f) => {
    const r = ranges.find((x) => x.table === f.table && x.field === f.field);
    const name = `${f.table}.${f.field}`;
    if (!r) return `${name} was not read`;
    if (r.first === null || r.last === null) return `no ${f.table} rows with a date in ${f.field}`;
    const span = `${name} spans ${isoDate(r.first)} – ${isoDate(r.last)}`;
    return r.last < period.start || r.first > period.end ? `no ${f.table} rows; ${span}` : span;
  });
  return [periodText(period), ...(parts.length > 0 ? [parts.join('; ')] : [])].join(': ');
}
