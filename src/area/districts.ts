import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';

/** A district (อำเภอ, or เขต in Bangkok) by its 4-digit Interior code: CHANGWAT + AMPUR. */
export interface District {
  readonly code: string;
  /** With its prefix: อำเภอเมืองเชียงใหม่, เขตพระนคร. */
  readonly th: string;
  readonly en: string;
}

const rowSchema = z.object({ AMPUR_CODE: z.string().regex(/^\d{4}$/), NAME_TH: z.string().min(1), NAME_EN: z.string().min(1) });

/** reference/districts.csv, shipped in the package with its licence (reference/LICENSE-districts). */
const FILE = new URL('../../reference/districts.csv', import.meta.url);

function load(): ReadonlyMap<string, District> {
  const records = parse(readFileSync(FILE, 'utf8'), { columns: true, skip_empty_lines: true }) as unknown[];
  return new Map(records.map((r) => {
    const d = rowSchema.parse(r);
    // The source writes Bangkok's เขต with their prefix and the others' อำเภอ without it.
    const th = d.NAME_TH.startsWith('เขต') ? d.NAME_TH : `อำเภอ${d.NAME_TH}`;
    return [d.AMPUR_CODE, { code: d.AMPUR_CODE, th, en: d.NAME_EN }];
  }));
}

/** A lazy constant: the file is parsed once, on first use. */
let loaded: ReadonlyMap<string, District> | null = null;

/**
 * The districts by code, read on first use: only district names, district lookups and
 * `--area` by name need them (parsing the file costs ~40 ms that a run by province spares).
 */
export function districts(): ReadonlyMap<string, District> {
  return (loaded ??= load());
}
