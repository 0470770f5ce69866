import type { IndicatorInfo } from '../results/schema.js';
import { parseTarget } from '../score/target.js';
import type { ResultFile } from './result-file.js';

/** What the comparison knows of one indicator, from whichever file could tell. */
export interface DiffIndicator {
  readonly id: string;
  readonly title: IndicatorInfo['title'] | null;
  readonly unit: IndicatorInfo['unit'] | null;
  /** `null`: the direction is unknown, so a moved result is only `changed`. */
  readonly better: IndicatorInfo['better'] | null;
  readonly decimals: number;
  /** `file`: an indicators section said so; `target`: read off the target's operator. */
  readonly betterFrom: 'file' | 'target' | 'unknown';
}

export interface Indicators {
  /** In the order indicators first appear: NEW's rows, then OLD's. */
  readonly byId: ReadonlyMap<string, DiffIndicator>;
  /** Said on stderr: how a direction was decided when no file carried one. */
  readonly notes: readonly string[];
}

/**
 * NEW's indicators section wins over OLD's (the latest template says what is better);
 * when neither file has one (two CSV files), `>=`/`>` targets mean higher is better
 * and `<=`/`<` lower.
 */
export function resolveIndicators(old: ResultFile, neu: ResultFile): Indicators {
  const infos = new Map<string, IndicatorInfo>();
  for (const f of [old, neu]) for (const i of f.indicators ?? []) infos.set(i.id, i);
  const ids = [...new Set([...neu.rows, ...old.rows].map((r) => r.row.indicator))];
  const byId = new Map<string, DiffIndicator>();
  const inferred: string[] = [];
  for (const id of ids) {
    const decimals = Math.max(neu.decimals.get(id) ?? 0, old.decimals.get(id) ?? 0);
    const info = infos.get(id);
    if (info) {
      byId.set(id, { id, title: info.title, unit: info.unit, better: info.better, decimals, betterFrom: 'file' });
      continue;
    }
    const target = [...neu.rows, ...old.rows].find((r) => r.row.indicator === id)!.row.target;
    const better = betterOfTarget(target);
    inferred.push(better ? `${id} ${better} (target ${target})` : `${id} unknown (target "${target}"): its moves are shown as changed`);
    byId.set(id, { id, title: null, unit: null, better, decimals, betterFrom: better ? 'target' : 'unknown' });
  }
  const notes = inferred.length === 0 ? [] : [`which way is better was read off the target where no indicators section (a CSV file has none) said it: ${inferred.join('; ')}`];
  return { byId, notes };
}

function betterOfTarget(text: string): DiffIndicator['better'] {
  const op = parseTarget(text)?.op;
  return op === '>=' || op === '>' ? 'higher' : op === '<=' || op === '<' ? 'lower' : null;
}

/** Percentages change in percentage points, not percent. */
export function isPercent(i: DiffIndicator): boolean {
  return i.unit?.en.toLowerCase() === 'percent' || i.unit?.th === 'ร้อยละ';
}
