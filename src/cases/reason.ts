import type { Lang } from '../area/names.js';
import { conditionWords } from '../explain/condition.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { Sets } from './sets.js';

/**
 * Why a person is not in A, in plain words: the measure on A's way where they
 * dropped out (`A` of `B` with GA ≤ 12: in B but not in A, so A's own
 * conditions failed; `A` of `H` from LABFU: not in H, so no such LABFU row),
 * in the template's words for that measure when it gives them, else the
 * measure's conditions as `kpi explain` words them. With a `sum_of` A, the
 * part whose chain the person went furthest along decides.
 */
export function reasonText(t: CheckedTemplate, sets: Sets, id: string, fields: Record<string, string>, lang: Lang): string {
  if (sets.get('A')?.has(id)) return lang === 'th' ? 'นับเป็นผลงาน (A)' : 'counted in A';
  const where = furthest(t, sets, id, 'A')?.measure;
  if (!where) return '';
  const holes = (text: string) => [...text.matchAll(/\{([^}]*)\}/g)].map((h) => h[1]!);
  // The first of the template's texts whose holes all have a value; the last one whatever they hold.
  const texts = t.cases?.reasons.get(where) ?? [];
  const given = texts.find((r) => holes(r[lang]).every((h) => fields[h])) ?? texts[texts.length - 1];
  if (given) return given[lang].replace(/\{([^}]*)\}/g, (_, name: string) => fields[name] || '-');
  return defaultReason(t, where, lang);
}

/** The first measure on the way to `name` that does not hold the person, and how far along they got. */
function furthest(t: CheckedTemplate, sets: Sets, id: string, name: string): { measure: string; depth: number } | null {
  const parts = t.totals.get(name);
  if (parts) {
    let best: { measure: string; depth: number } | null = null;
    for (const p of parts) {
      const f = furthest(t, sets, id, p);
      if (f && (!best || f.depth > best.depth)) best = f;
    }
    return best;
  }
  const chain = chainOf(t, name);
  const i = chain.findIndex((m) => !sets.get(m)?.has(id));
  return i === -1 ? null : { measure: chain[i]!, depth: i };
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
