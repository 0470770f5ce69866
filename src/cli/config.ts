import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { EXIT, formatProblem, KpiError, type TemplateProblem } from '../errors.js';
import { jsonErrorAt } from '../template/json-error.js';
import { describe, flattenIssues, jsonPath } from '../template/load.js';
import { didYouMean } from './help-texts.js';
import { fromConfigFolder } from './paths.js';
import { SORTS } from '../report/sort.js';
import type { ComputeOptions } from './compute.js';

/** Read from the working directory when no `--config` is given (and not `--no-config`). */
export const CONFIG_FILE = 'kpi.config.json';

export const LEVELS = ['region', 'province', 'district', 'unit'] as const;
export const FORMATS = ['table', 'csv', 'json', 'md', 'xlsx', 'html'] as const;
export const LANGS = ['th', 'en'] as const;
export const ENCODINGS = ['auto', 'utf8', 'tis620'] as const;

const oneOrMore = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]);

/** Defaults for `kpi compute`, keyed by the option names users already know from `--help`. */
export const computeConfigSchema = z.strictObject({
  templates: oneOrMore.optional(),
  data: oneOrMore.optional(),
  hospitals: z.string().min(1).optional(),
  fy: z.number().int().positive().optional(),
  round: z.literal([3, 6, 9, 12]).optional(),
  quarter: z.number().int().min(1).max(4).optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  by: z.enum(LEVELS).optional(),
  indicator: oneOrMore.optional(),
  format: z.enum(FORMATS).optional(),
  out: z.string().min(1).optional(),
  lang: z.enum(LANGS).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  strict: z.boolean().optional(),
  excel: z.boolean().optional(),
  quiet: z.boolean().optional(),
  sort: z.enum(SORTS).optional(),
});

export type ComputeConfig = z.infer<typeof computeConfigSchema>;

/** Everything wrong with a config file, each with its JSON path; exit 2 like a bad template. */
export class ConfigError extends KpiError {
  readonly exitCode = EXIT.usage;
  override name = 'ConfigError';
  constructor(readonly problems: readonly TemplateProblem[]) {
    super(problems.map(formatProblem).join('\n'));
  }
}

export interface FoundConfig {
  /** As the user named it (or `kpi.config.json`), for messages. */
  readonly file: string;
  /** Picked up from the working directory without being asked for: worth a notice. */
  readonly implicit: boolean;
  readonly values: Partial<ComputeOptions>;
}

/** `--config FILE`, else `./kpi.config.json` if it exists; `false` is `--no-config`. */
export async function findConfig(option: string | false | undefined): Promise<FoundConfig | null> {
  if (option === false) return null;
  if (option !== undefined) return { file: option, implicit: false, values: await loadConfig(option) };
  const present = await access(CONFIG_FILE).then(() => true, () => false);
  return present ? { file: CONFIG_FILE, implicit: true, values: await loadConfig(CONFIG_FILE) } : null;
}

export async function loadConfig(file: string): Promise<Partial<ComputeOptions>> {
  const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new ConfigError([{ file, path: '$', message: `cannot read: ${e.code ?? e.message}` }]);
  });
  let json: unknown;
  try {
    json = JSON.parse(withoutComments(text.replace(/^\uFEFF/, '')));
  } catch (e) {
    const at = jsonErrorAt(text);
    throw new ConfigError([{ file, path: '$', message: `not valid JSON at line ${at.line}, column ${at.column}: ${(e as Error).message.split('\n')[0]}` }]);
  }
  const parsed = computeConfigSchema.safeParse(json);
  if (!parsed.success) {
    throw new ConfigError(flattenIssues(parsed.error.issues).flatMap((i) => problemsOf(file, i)));
  }
  return normalise(parsed.data, path.dirname(file));
}

/**
 * `kpi init` writes a file explained by whole-line `//` comments. Only whole lines are
 * blanked (a JSON string cannot span lines, so none is touched), and line numbers stay true.
 */
function withoutComments(text: string): string {
  return text.replace(/^[ \t]*\/\/.*$/gm, '');
}

/** A misspelt option is the likeliest mistake: point at it by name and list the right ones. */
function problemsOf(file: string, i: ReturnType<typeof flattenIssues>[number]): TemplateProblem[] {
  if (i.code !== 'unrecognized_keys') return [{ file, path: jsonPath(i.path), message: describe(i) }];
  const known = Object.keys(computeConfigSchema.shape).join(', ');
  return i.keys.map((k) => ({ file, path: jsonPath([...i.path, k]), message: `not a compute option${didYouMean(k, Object.keys(computeConfigSchema.shape))} (known: ${known})` }));
}

/**
 * Lists where the command line allows several values, and paths relative to the config
 * file's folder (so a config works from any working directory), rewritten relative to the
 * working directory so that messages and `inputs` read as if typed there.
 */
function normalise(c: ComputeConfig, folder: string): Partial<ComputeOptions> {
  const list = (v: string | string[] | undefined) => (v === undefined ? undefined : typeof v === 'string' ? [v] : v);
  const place = (p: string) => fromConfigFolder(p, folder, process.cwd());
  const { templates, data, indicator, hospitals, out, ...rest } = c;
  const values: Partial<ComputeOptions> = {
    ...rest,
    templates: list(templates)?.map(place),
    data: list(data)?.map(place),
    indicator: list(indicator),
    hospitals: hospitals === undefined ? undefined : place(hospitals),
    out: out === undefined ? undefined : place(out),
  };
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}

const PERIOD_KEYS: ReadonlyArray<keyof ComputeOptions> = ['round', 'quarter', 'from', 'to'];

/**
 * Config values fill what the command line left unset (or at its default). The period is one
 * choice: `--quarter 2` on the command line replaces a config's `round`, it does not clash with it.
 */
export function applyConfig<T extends Partial<ComputeOptions>>(options: T, config: Partial<ComputeOptions>, onCommandLine: (key: keyof ComputeOptions) => boolean): T {
  const periodOnCommandLine = PERIOD_KEYS.some(onCommandLine);
  const out: Record<string, unknown> = { ...options };
  for (const [key, value] of Object.entries(config)) {
    const k = key as keyof ComputeOptions;
    if (onCommandLine(k) || (periodOnCommandLine && PERIOD_KEYS.includes(k))) continue;
    out[key] = value;
  }
  return out as T;
}
