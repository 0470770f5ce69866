import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roundPeriod } from '../../src/period/period.js';
import { buildCompositeRows } from '../../src/results/build.js';
import type { ResultRow } from '../../src/results/schema.js';
import { loadTemplates } from '../../src/template/load.js';
import { TemplateError } from '../../src/errors.js';

const base = {
  title: { th: 'ก', en: 'x' }, reference: 'test', unit: { th: 'ระดับ', en: 'level' }, decimals: 2, better: 'higher', target: '>= 4.51',
};

async function folder(files: Record<string, unknown>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'kpi-composite-'));
  for (const [name, json] of Object.entries(files)) await writeFile(path.join(dir, name), JSON.stringify(json));
  return dir;
}

const part = (id: string) => ({ ...base, id, formula: 'A', scoring: { ladder: [1, 2, 3, 4, 5] }, measures: { A: { from: 'S', sum: 'V', area: { region: 'R' } } } });
const composite = (weights: number[], extra: Record<string, unknown> = {}) => ({
  ...base,
  id: 'w',
  scoring: {
    weighted: weights.map((weight, i) => ({ indicator: `p${i + 1}`, weight })),
    bands: [
      { score: 1, range: '[2.51, 3.00]' }, { score: 2, range: '(3.00, 3.50]' }, { score: 3, range: '(3.50, 4.00]' },
      { score: 4, range: '(4.00, 4.50]' }, { score: 5, range: '(4.50, 5.00]' },
    ],
  },
  ...extra,
});

const scoreRow = (indicator: string, score: number | null): ResultRow => ({
  indicator, period: 'FY2558 R12', level: 'region', area_code: '1', area_name: '', a: null, b: null, result: score, target: '>= 1', pass: null, score,
});

describe('weighted composite', () => {
  it('reproduces the book\'s worked example: 0.50×5 + 0.20×4 + 0.15×3 + 0.15×5 = 4.5, level 4', async () => {
    const dir = await folder({ 'p1.json': part('p1'), 'p2.json': part('p2'), 'p3.json': part('p3'), 'p4.json': part('p4'), 'w.json': composite([0.5, 0.2, 0.15, 0.15]) });
    const templates = await loadTemplates([dir]);
    const w = templates.find((t) => t.template.id === 'w')!;
    const rows = new Map([['p1', [scoreRow('p1', 5)]], ['p2', [scoreRow('p2', 4)]], ['p3', [scoreRow('p3', 3)]], ['p4', [scoreRow('p4', 5)]]]);
    const [region1, country] = buildCompositeRows(w, rows, { level: 'region', period: roundPeriod(2558, 12), lang: 'en', hospitals: null });
    expect(region1).toMatchObject({ indicator: 'w', area_code: '1', result: 4.5, score: 4, pass: false, a: null, b: null });
    expect(country).toMatchObject({ area_code: 'TH', result: null, score: null });
  });

  it('rejects weights that do not sum to exactly 1, unknown parts and a missing grade', async () => {
    const dir = await folder({ 'p1.json': part('p1'), 'p2.json': part('p2'), 'w.json': { ...composite([0.1, 0.2, 0.6]), scoring: { weighted: [{ indicator: 'p1', weight: 0.1 }, { indicator: 'p2', weight: 0.2 }, { indicator: 'nope', weight: 0.6 }] } } });
    const err = await loadTemplates([dir]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateError);
    const messages = (err as TemplateError).problems.map((p) => `${p.path}: ${p.message}`);
    expect(messages).toContain('$.scoring.weighted: the weights must sum to 1, they sum to 0.9');
    expect(messages).toContain('$.scoring: a weighted composite is graded by exactly one of "ladder" and "bands"');
  });

  it('rejects a part that is not loaded with the composite', async () => {
    const bad = composite([0.5, 0.5]);
    bad.scoring.weighted[1]!.indicator = 'nope';
    const dir = await folder({ 'p1.json': part('p1'), 'w.json': bad });
    const err = await loadTemplates([dir]).catch((e: unknown) => e);
    expect((err as TemplateError).problems.map((p) => `${p.path}: ${p.message}`)).toEqual(['$.scoring.weighted[1].indicator: no template with id "nope" is loaded with it']);
  });

  it('accepts 0.7 + 0.2 + 0.1, which floating point does not sum to 1', async () => {
    expect(0.7 + 0.2 + 0.1).not.toBe(1);
    const dir = await folder({ 'p1.json': part('p1'), 'p2.json': part('p2'), 'p3.json': part('p3'), 'w.json': composite([0.7, 0.2, 0.1]) });
    await expect(loadTemplates([dir])).resolves.toHaveLength(4);
  });
});
