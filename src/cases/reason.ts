import type { Lang } from '../area/names.js';
import { conditionWords } from '../explain/condition.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { Sets } from './sets.js';

/**
 * Why a person is not in A, in plain words: the measure on A's way where they
 * dropped out (`A` of `B` with GA ≤ 12: in B but not in A, so A's own
 * conditions failed; `A` of `H` from LABFU: not in H, so no such LABFU row),
 * in the template's words for that measure when it gives them, else the
 * measure's conditions as `kpi explain` words them. With a `sum_of` or
 * `either_of` A, the part that applies to the person (its `within` / `outside`)
 * and whose chain they went furthest along decides.
 */
export function reasonText(t: CheckedTemplate, sets: Sets, id: string, fields: Record<string, string>, lang: Lang): string {
  if (sets.get('A')?.has(id)) return lang === 'th' ? 'นับเป็นผลงาน (A)' : 'counted in A';
  const where = pathTo(t, sets, id, 'A').dropout;
  if (!where) return '';
  const holes = (text: string) => [...text.matchAll(/\{([^}]*)\}/g)].map((h) => h[1]!);
  // The first of the template's texts whose holes all have a value; the last one whatever they hold.
  const texts = t.cases?.reasons.get(where) ?? [];
  const given = texts.find((r) => holes(r[lang]).every((h) => fields[h])) ?? texts[texts.length - 1];
  if (given) return given[lang].replace(/\{([^}]*)\}/g, (_, name: string) => fields[name] || '-');
  return defaultReason(t, where, lang);
}

/**
 * The measure whose rows decided about the person: the last on A's way that holds them (A
 * itself when they are in A); `null` when they dropped out at the root.
 */
export function decidingMeasure(t: CheckedTemplate, sets: Sets, id: string): string | null {
  return pathTo(t, sets, id, 'A').holder;
}

interface Path {
  /** The first measure on the way that does not hold the person (`null`: they are in `name`). */
  readonly dropout: string | null;
  /** The last measure on the way that holds them. */
  readonly holder: string | null;
  readonly depth: number;
  /** The person meets the part's `within` / `outside` (a part for others, e.g. the 140/80 rule for diabetics, is not theirs). */
  readonly theirs: boolean;
}

/** How far along the way to `name` the person got; of a `sum_of` / `either_of`, the part that is theirs and went furthest. */
function pathTo(t: CheckedTemplate, sets: Sets, id: string, name: string): Path {
  const parts = t.totals.get(name) ?? t.eithers.get(name);
  if (parts) {
    const paths = parts.map((p) => pathTo(t, sets, id, p));
    return paths.reduce((best, p) => (Number(p.theirs) - Number(best.theirs) || p.depth - best.depth) > 0 ? p : best);
  }
  const chain = chainOf(t, name);
  const i = chain.findIndex((m) => !sets.get(m)?.has(id));
  const depth = i === -1 ? chain.length : i;
  const m = t.measures.get(name);
  const theirs = !m || (m.within.every((w) => sets.get(w)?.has(id)) && !m.outside.some((o) => sets.get(o)?.has(id)));
  return { dropout: i === -1 ? null : chain[i]!, holder: depth === 0 ? null : chain[depth - 1]!, depth, theirs };
}

/** `A` of `H` of … back to the query measure, root first (upper-cased names). */
function chainOf(t: CheckedTemplate, name: string): string[] {
  const raw = Object.entries(t.template.measures).find(([k]) => k.toUpperCase() === name)?.[1];
  if (!raw || !('of' in raw)) return [name];
  return [...chainOf(t, raw.of.toUpperCase()), name];
}

function defaultReason(t: CheckedTemplate, name: string, lang: Lang): string {
  const th = lang === 'th';
  const m = t.measures.get(name)!;
  if (m.rootName === name) return th ? `ไม่พบรายการใน ${m.query.from} ที่เข้าเงื่อนไขของ ${name}` : `no ${m.query.from} row meeting the conditions of ${name}`;
  const raw = Object.entries(t.template.measures).find(([k]) => k.toUpperCase() === name)![1];
  const parent = 'of' in raw ? t.measures.get(raw.of.toUpperCase()) : undefined;
  const own = m.extra.slice(parent?.extra.length ?? 0).map((e) => conditionWords(e, lang)).join(th ? ' และ ' : ' and ');
  if (m.every && m.query.latest) {
    const n = m.query.latest.keep ?? 1;
    return th ? `${n} ครั้งล่าสุดไม่เข้าเงื่อนไขทุกครั้ง: ${own}` : `not every one of the last ${n} rows meets: ${own}`;
  }
  return th ? `ไม่เข้าเงื่อนไข: ${own}` : `does not meet: ${own}`;
}
