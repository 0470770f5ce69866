import type { z } from 'zod';
import { resultDocumentSchema, type ResultDocument } from '../results/schema.js';
import { ResultFileError } from './errors.js';
import { lineAt, lineOfPath } from './json-locate.js';
import type { LocatedRow, ResultFile } from './result-file.js';

/** A result document of `compute --format json`, checked against its schema. */
export function readJsonResults(file: string, text: string): ResultFile {
  const { doc, rows } = readJsonDocument(file, text);
  return { file, format: 'json', period: doc.period, rows, indicators: doc.indicators, decimals: new Map(doc.indicators.map((i) => [i.id, i.decimals])) };
}

/** The whole document (its warnings and inputs too, which `kpi merge` carries on) and its rows with their lines. */
export function readJsonDocument(file: string, text: string): { doc: ResultDocument; rows: LocatedRow[] } {
  const doc = parseResultDocument(file, text);
  return { doc, rows: doc.results.map((row, i) => ({ row, line: lineOfPath(text, ['results', i]) })) };
}

/** The document checked against its schema; errors name file and line. */
function parseResultDocument(file: string, text: string): ResultDocument {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const at = firstBadOffset(text);
    throw new ResultFileError(`not valid JSON: ${cleanMessage((e as Error).message)}`, file, lineAt(text, at));
  }
  const parsed = resultDocumentSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ResultFileError(`not a kpi result document: ${pathText(issue.path)}: ${describe(issue)}`, file, lineOfPath(text, issue.path));
  }
  return parsed.data;
}

/**
 * Where parsing first goes wrong. Node does not always say (`Unexpected token 'x', …`),
 * but a prefix of valid JSON fails only for running out of text, and that property
 * shrinks with the prefix, so the longest such prefix ends at the bad character.
 */
function firstBadOffset(text: string): number {
  const fine = (n: number) => {
    try {
      JSON.parse(text.slice(0, n));
      return true;
    } catch (e) {
      const m = (e as Error).message;
      const pos = /at position (\d+)/.exec(m);
      return m.includes('end of JSON input') || (pos !== null && Number(pos[1]) >= n);
    }
  };
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fine(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function cleanMessage(m: string): string {
  return m.replace(/ in JSON at position \d+.*$/, '').replace(/, .* is not valid JSON$/s, '');
}

function pathText(p: readonly PropertyKey[]): string {
  return '$' + p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}

function describe(i: z.core.$ZodIssue): string {
  if (i.code === 'unrecognized_keys') return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `"${k}"`).join(', ')}`;
  if (i.code === 'invalid_type' && i.message.includes('undefined')) return `missing field (${i.expected})`;
  return i.message;
}
