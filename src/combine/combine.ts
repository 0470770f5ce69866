import { coverageOf, type Coverage } from '../area/coverage.js';
import type { Hospitals } from '../area/hospitals.js';
import { placeByUnit } from '../area/place.js';
import { ResultFileError } from '../diff/errors.js';
import { namesIn } from '../expr/ast.js';
import { toDecimalString } from '../num/rational.js';
import type { Period } from '../period/period.js';
import { buildAllRows, type BuildOptions } from '../results/build.js';
import { buildPeriodRows } from '../results/periods.js';
import { nameTotal, shownRows } from '../results/shown.js';
import type { IndicatorInfo, ResultDocument, ResultRow } from '../results/schema.js';
import type { CheckedTemplate } from '../template/checked.js';
import { checkTemplateVersions, checkUnitsOnce, commonPeriods } from './consistency.js';
import { periodOfLabel } from './period-label.js';
import type { UnitResultFile } from './read.js';
import { countedMeasures, unitTotals, type Remainder, type Totals } from './totals.js';

export interface CombineOptions extends Omit<BuildOptions, 'period'> {
  /** The `--hospitals` file, named in warnings. */
  readonly hospitalsFile?: string;
}

/** A warning of the merge; `degrades` as `compute` marks them, for `--strict`. */
export interface CombineWarning {
  readonly text: string;
  readonly degrades?: 'skipped' | 'units' | 'address';
}

export interface Combined {
  readonly periods: readonly Period[];
  /** Set when the files compare two fiscal years (`--compare-fy`). */
  readonly compareFyBE?: number;
  readonly infos: IndicatorInfo[];
  /** Rows in template order, each indicator's as `compute` builds them (the total row named for the coverage); not yet sorted. */
  readonly rows: ResultRow[];
  readonly coverage: Coverage;
  readonly warnings: CombineWarning[];
  /** How many indicators were merged (the others, if any, show one row saying why not). */
  readonly merged: number;
  readonly inputs: ResultDocument['inputs'];
}

/**
 * Unit results of separate runs (one per province) rolled up and scored as one run:
 * each unit's A and B placed through `--hospitals`, then the very roll-up, formula and
 * scoring of `compute` (`src/results`). `templates` are those to merge, in output order.
 */
export function combineResults(files: readonly UnitResultFile[], templates: readonly CheckedTemplate[], o: CombineOptions): Combined {
  const periods = commonPeriods(files).map((label) => {
    const p = periodOfLabel(label);
    if (!p) throw new ResultFileError(`period "${label}" is not one kpi compute writes`, files[0]!.file);
    return p;
  });
  checkUnitsOnce(files);
  checkTemplateVersions(files, new Map(templates.map((t) => [t.template.id, t])));
  const warnings: CombineWarning[] = [];
  const reasons = notMerged(templates, files);
  const merged = withParts(templates.filter((t) => !reasons.has(t.template.id) && files.some((f) => has(f, t))), reasons);
  warnings.push(...missingFrom(merged, files));
  const { totalsOf, remainders } = periodTotals(periods, merged, files, o.hospitals);
  const rows = periods.length === 1 ? buildAllRows(merged, (id) => totalsOf(0, id), { ...o, period: periods[0]! })
    : buildPeriodRows(merged, periods, totalsOf, o);
  const units = unitsOf(files, merged);
  const coverage = coverageOf(units.map((u) => placeByUnit(u, o.hospitals)));
  const shown = shownRows(templates, merged, nameTotal(rows, coverage, o.lang), reasons, o, periods);
  warnings.push(...remainders.map(remainderWarning), ...unplaced(units, o), ...fileWarnings(files));
  return {
    periods,
    ...compared(periods),
    ...shown,
    coverage,
    warnings,
    merged: merged.length,
    inputs: files.flatMap((f) => f.doc.inputs),
  };
}

/** Every merged indicator's unit totals per period, as the engine's `periodTotals` hands them to `compute`. */
function periodTotals(periods: readonly Period[], merged: readonly CheckedTemplate[], files: readonly UnitResultFile[], hospitals: Hospitals | null): { totalsOf: (period: number, id: string) => Totals; remainders: Remainder[] } {
  const totals = new Map<string, Totals>();
  const remainders: Remainder[] = [];
  periods.forEach((p, i) => {
    for (const t of merged.filter((t) => !t.composite)) {
      const u = unitTotals(t, p, files.filter((f) => has(f, t)), hospitals);
      totals.set(`${i} ${t.template.id}`, u.totals);
      remainders.push(...u.remainders);
    }
  });
  return { totalsOf: (i, id) => totals.get(`${i} ${id}`)!, remainders };
}

function has(f: UnitResultFile, t: CheckedTemplate): boolean {
  return f.doc.indicators.some((i) => i.id === t.template.id && i.not_computed === undefined);
}

/**
 * Why an indicator cannot be merged: a file could not compute it, or its formula reads
 * measures other than A and B, which a result row does not carry.
 */
function notMerged(templates: readonly CheckedTemplate[], files: readonly UnitResultFile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const t of templates) {
    const id = t.template.id;
    const failed = files.flatMap((f) => f.doc.indicators.filter((i) => i.id === id && i.not_computed !== undefined).map((i) => `${f.file}: ${i.not_computed}`));
    if (failed.length > 0) { out.set(id, failed.join('; ')); continue; }
    if (!files.some((f) => has(f, t)) || !t.formula) continue;
    const others = [...new Set(namesIn(t.formula).map((n) => n.name.toUpperCase()))].filter((n) => !(countedMeasures(t) as string[]).includes(n));
    if (others.length > 0) out.set(id, `its formula reads ${others.join(', ')}, which a result file does not hold (it holds A and B): compute it in one run`);
  }
  return out;
}

/** A weighted composite is graded from its parts' scores: without every part, it is left out. */
function withParts(merged: readonly CheckedTemplate[], reasons: Map<string, string>): CheckedTemplate[] {
  const ids = new Set(merged.filter((t) => !t.composite).map((t) => t.template.id));
  return merged.filter((t) => {
    const lacking = (t.composite?.parts ?? []).filter((p) => !ids.has(p.indicator)).map((p) => p.indicator);
    if (lacking.length > 0) reasons.set(t.template.id, `its weighted part${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} could not be merged`);
    return lacking.length === 0;
  });
}

/** An indicator some files lack (their run skipped it) adds up fewer units than the others. */
function missingFrom(merged: readonly CheckedTemplate[], files: readonly UnitResultFile[]): CombineWarning[] {
  return merged.flatMap((t) => {
    const lacking = files.filter((f) => !has(f, t)).map((f) => f.file);
    return lacking.length === 0 ? [] : [{ text: `${t.template.id} is not in ${lacking.join(', ')}: its rows add up the other files' units only`, degrades: 'skipped' as const }];
  });
}

function unitsOf(files: readonly UnitResultFile[], merged: readonly CheckedTemplate[]): string[] {
  const ids = new Set(merged.map((t) => t.template.id));
  return [...new Set(files.flatMap((f) => f.doc.results.filter((r) => r.level === 'unit' && ids.has(r.indicator)).map((r) => r.area_code)))];
}

function remainderWarning(r: Remainder): CombineWarning {
  return { text: `${r.file}: ${r.indicator}'s national row holds ${r.measure} ${toDecimalString(r.value)} beyond its units (rows placed by area code or residence): counted only in the national row`, degrades: 'address' };
}

function unplaced(units: readonly string[], o: CombineOptions): CombineWarning[] {
  if (o.level === 'unit') return [];
  if (!o.hospitals) return units.length > 0 ? [{ text: 'no --hospitals file: units count only in the national row (and at --by unit)' }] : [];
  return units.filter((u) => !o.hospitals!.has(u)).sort().map((u) => ({ text: `unit ${u} is not in ${o.hospitalsFile}: it appears only in the national row (and at --by unit)`, degrades: 'units' as const }));
}

/** Files of `--compare-fy` hold the year's periods, then as many of another year. */
function compared(periods: readonly Period[]): { compareFyBE?: number } {
  const half = periods.length / 2;
  if (!Number.isInteger(half) || half === 0) return {};
  const year = (ps: readonly Period[]) => new Set(ps.map((p) => p.fyBE));
  const first = year(periods.slice(0, half));
  const second = year(periods.slice(half));
  if (first.size !== 1 || second.size !== 1) return {};
  const [a] = first;
  const [b] = second;
  return a !== b ? { compareFyBE: b! } : {};
}

/** Each file's own warnings, once each, with the files that gave them (77 provinces skip the same tables). */
function fileWarnings(files: readonly UnitResultFile[]): CombineWarning[] {
  const from = new Map<string, string[]>();
  for (const f of files) for (const w of f.doc.warnings) from.set(w, [...(from.get(w) ?? []), f.file]);
  return [...from].map(([w, names]) => ({ text: `${names.length === files.length && names.length > 1 ? `all ${names.length} files` : names.join(', ')}: ${w}` }));
}
