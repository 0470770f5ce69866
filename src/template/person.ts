import { tableDef } from '../data/tables.js';
import type { CheckedMeasure } from './checked.js';
import { isEither, isQuery, type QueryMeasure, type Template } from './schema.js';

type Report = (path: string, message: string) => void;

/** `"per": "person"`: rows are grouped by person (the person model), not by columns. */
export function isPersonWord(per: string): boolean {
  return per.trim().toLowerCase() === 'person';
}

/** What the person model asks of one query measure: persons need HOSPCODE and PID, and are placed at their home unit. */
export function checkPersonQuery(q: QueryMeasure, path: string, report: Report): boolean {
  const said: string[] = [];
  const say = (at: string, message: string) => { said.push(message); report(at, message); };
  if (q.latest && q.earliest) say(`${path}.earliest`, 'a measure keeps either the latest or the earliest rows, not both');
  if (q.person === undefined) {
    for (const key of ['latest', 'earliest'] as const) {
      if (q[key] && isPersonWord(q[key]!.per)) say(`${path}.${key}.per`, '"per": "person" groups rows by person: the measure needs "person" instead of "count"');
    }
    if (q.within) say(`${path}.within`, '"within" relates persons: the measure needs "person" instead of "count"');
    if (q.outside) say(`${path}.outside`, '"outside" relates persons: the measure needs "person" instead of "count"');
    return said.length === 0;
  }
  const fields = tableDef(q.from)?.fields;
  const lacking = ['HOSPCODE', 'PID'].filter((f) => fields && !fields.has(f));
  if (lacking.length > 0 || !fields) say(`${path}.person`, `${q.from} has no ${fields ? lacking.join(', ') : 'HOSPCODE, PID'} to find the person of a row`);
  if (q.area !== undefined && q.area !== 'unit') say(`${path}.area`, 'a person is placed at the home unit: a person measure takes no "area"');
  if (q.file !== undefined) say(`${path}.file`, 'a person measure reads persons from --data, not from a file');
  for (const key of ['latest', 'earliest'] as const) {
    if (q[key] && !isPersonWord(q[key]!.per)) say(`${path}.${key}.per`, `in a person measure "${key}" is kept per person: write "per": "person"`);
  }
  return said.length === 0;
}

/**
 * `either_of`, `within` and `outside` name person measures of the same template, without a
 * circle; returns the `either_of` measures (upper-cased) with their parts.
 */
export function checkPersonLinks(t: Template, measures: ReadonlyMap<string, CheckedMeasure>, report: Report): Map<string, string[]> {
  const eithers = new Map<string, string[]>();
  const declared = new Map(Object.entries(t.measures).map(([k, m]) => [k.toUpperCase(), { key: k, m }]));
  const isPersons = (name: string) => {
    const d = declared.get(name);
    return d !== undefined && (isEither(d.m) || measures.get(name)?.person != null);
  };
  const edges = new Map<string, string[]>();
  const refer = (from: string, names: readonly string[], at: string) => {
    names.forEach((n, i) => {
      const u = n.toUpperCase();
      if (!declared.has(u)) report(`${at}[${i}]`, `no measure named '${n}'`);
      else if (!isPersons(u)) report(`${at}[${i}]`, `'${n}' does not count persons (it needs "person", or is an either_of of such measures)`);
    });
    edges.set(from, [...(edges.get(from) ?? []), ...names.map((n) => n.toUpperCase())]);
  };
  for (const [name, { key, m }] of declared) {
    const at = `$.measures.${key}`;
    if (isEither(m)) {
      refer(name, m.either_of, `${at}.either_of`);
      eithers.set(name, m.either_of.map((p) => p.toUpperCase()));
      continue;
    }
    if (isQuery(m) || 'of' in m) {
      if (m.within) refer(name, m.within, `${at}.within`);
      if (m.outside) refer(name, m.outside, `${at}.outside`);
      const checked = measures.get(name);
      // An `of` measure keeps its parent's links: a circle through them is a circle too.
      if (checked) edges.set(name, [...new Set([...(edges.get(name) ?? []), ...checked.within, ...checked.outside])]);
    }
  }
  const circle = findCircle(edges);
  if (circle) report(`$.measures.${declared.get(circle)!.key}`, `measures name each other in a circle through ${declared.get(circle)!.key} (within / outside / either_of)`);
  return eithers;
}

function findCircle(edges: Map<string, string[]>): string | null {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (n: string): string | null => {
    if (state.get(n) === 'done') return null;
    if (state.get(n) === 'visiting') return n;
    state.set(n, 'visiting');
    for (const next of edges.get(n) ?? []) { const c = visit(next); if (c) return c; }
    state.set(n, 'done');
    return null;
  };
  for (const n of edges.keys()) { const c = visit(n); if (c) return c; }
  return null;
}
