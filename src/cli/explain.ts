import { writeStdout } from '../report/output-target.js';
import { Command, Option } from 'commander';
import { loadHospitals } from '../area/hospitals.js';
import type { Lang } from '../area/names.js';
import type { Level } from '../area/place.js';
import { AreaNotFound, findArea, type AreaRef } from '../area/lookup.js';
import { RowIssues } from '../data/issues.js';
import { findInputs } from '../data/inputs.js';
import { runEngine } from '../engine/run.js';
import { runManual, withManual } from '../manual/totals.js';
import { DataError, EXIT, UsageError } from '../errors.js';
import { arithmeticLines, type AreaFigures } from '../explain/arithmetic.js';
import { explainTemplate } from '../explain/describe.js';
import { PeriodError, resolvePeriod, type Period } from '../period/period.js';
import { buildAllRows, rollUp } from '../results/build.js';
import type { CheckedTemplate } from '../template/checked.js';
import { loadTemplates } from '../template/load.js';
import { didYouMean } from './help-texts.js';
import { BUNDLED_TEMPLATES, integer, todayYmd } from './options.js';
import { SUMMARY } from './summaries.js';
import { nounList } from '../text/plural.js';

interface ExplainOptions {
  templates: string[];
  lang: Lang;
  data?: string[];
  hospitals?: string;
  area?: string;
  level?: Level;
  fy?: number;
  round?: number;
}

export function explainCommand(setCode: (c: number) => void): Command {
  return new Command('explain')
    .description(SUMMARY.explain)
    .argument('<id>', 'the indicator id (see kpi list)')
    .option('--templates <paths...>', 'template files or folders', [BUNDLED_TEMPLATES])
    .addOption(new Option('--lang <lang>', 'language').choices(['th', 'en']).default('th'))
    .option('--data <paths...>', 'data to compute the area\'s figures from (with --area)')
    .option('--hospitals <file>', 'unit reference CSV: HOSPCODE, NAME, CHANGWAT, AMPUR')
    .option('--area <code>', 'region number, 2-digit province, 4-digit district, 5-digit unit or TH, or a Thai or English province or district name')
    .addOption(new Option('--level <level>', 'the level of --area when its code is ambiguous (regions 10–13 are also province codes)').choices(['region', 'province', 'district', 'unit', 'country']))
    .option('--fy <year>', 'fiscal year, BE (2567) or CE (2024)', integer('--fy'))
    .option('--round <months>', 'cumulative months from 1 October: 3, 6, 9 or 12 (default 12)', integer('--round'))
    .action(async (id: string, o: ExplainOptions) => {
      if ((o.data === undefined) !== (o.area === undefined)) throw new UsageError('--data and --area go together: the figures of one area need both');
      const all = await loadTemplates(o.templates);
      const t = all.find((x) => x.template.id === id);
      const ids = all.map((x) => x.template.id);
      if (!t) throw new UsageError(`no template with id ${id}${didYouMean(id, ids)} (known: ${ids.join(', ')})`);
      let text = explainTemplate(t, o.lang);
      if (o.data && o.area) text += '\n' + (await areaSection(t, all, o, o.data, o.area)).join('\n') + '\n';
      await writeStdout(text);
      setCode(EXIT.ok);
    });
}

/** `--area` as a code or a Thai/English name; a wrong one is a usage error in the chosen language. */
export function areaOf(text: string, level: Level | undefined, lang: Lang): AreaRef {
  try {
    return findArea(text, level, lang);
  } catch (e) {
    if (e instanceof AreaNotFound) throw new UsageError(`--area ${e.message}`);
    throw e;
  }
}

async function areaSection(t: CheckedTemplate, all: CheckedTemplate[], o: ExplainOptions, data: string[], area: string): Promise<string[]> {
  const { level, code } = areaOf(area, o.level, o.lang);
  const period = periodOf(o);
  const needed = [...(t.composite?.parts ?? []).map((p) => all.find((x) => x.template.id === p.indicator)!), t];
  const hospitals = o.hospitals ? await loadHospitals(o.hospitals) : null;
  const inputs = await findInputs(data);
  const manual = await runManual(needed, inputs, [period], hospitals, 'auto');
  if (manual.missing.length > 0) throw new DataError(manual.missing.map((m) => `${m.templateId} needs ${nounList('table', m.tables)} (the officer's CSV), not found in --data`).join('\n'));
  const engine = withManual(await runEngine(needed.filter((t) => t.template.manual === undefined), inputs, { period, hospitals, requireAll: true }, new RowIssues()), manual);
  const buildLevel = level === 'country' ? 'region' : level;
  const rows = buildAllRows(needed, (id) => engine.totals.get(id)!, { level: buildLevel, period, lang: o.lang, hospitals });
  const rowOf = (id: string) => rows.find((r) => r.indicator === id && r.area_code === code && (level === 'country') === (r.level === 'country'));
  const row = rowOf(t.template.id);
  const th = o.lang === 'th';
  if (!row) return [th ? `พื้นที่ ${code}: ไม่มีรายการที่นับได้ในระดับ ${level} ช่วง ${period.label}` : `Area ${code}: nothing counted at ${level} level in ${period.label}`];
  const values = rollUp(engine.totals.get(t.template.id) ?? new Map(), level).get(code) ?? new Map();
  const figures: AreaFigures = { row, values, parts: new Map((t.composite?.parts ?? []).map((p) => [p.indicator, rowOf(p.indicator)])) };
  return [th ? 'ผลของพื้นที่' : 'This area', ...arithmeticLines(t, figures, period, o.lang).map((l) => `  ${l}`)];
}

function periodOf(o: ExplainOptions): Period {
  try {
    return resolvePeriod({ fy: o.fy, round: o.round, today: todayYmd() });
  } catch (e) {
    if (e instanceof PeriodError) throw new UsageError(e.message);
    throw e;
  }
}
