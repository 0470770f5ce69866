import { DataError } from '../errors.js';
import { indicatorInfo } from '../results/build.js';
import type { IndicatorInfo } from '../results/schema.js';
import type { CheckedTemplate } from '../template/checked.js';
import type { UnitResultFile } from './read.js';

/**
 * What every file must share to be added up: the same periods, in the same order.
 * Files of two fiscal years, rounds or windows side by side would sum two different things.
 */
export function commonPeriods(files: readonly UnitResultFile[]): string[] {
  const [first, ...rest] = files;
  const labels = (f: UnitResultFile) => f.doc.periods ?? [f.doc.period];
  const want = labels(first!);
  for (const f of rest) {
    if (labels(f).join(', ') !== want.join(', ')) {
      throw new DataError(`computed for ${labels(f).join(', ')}, but ${first!.file} for ${want.join(', ')}: merge files of the same period (--fy, --round, …)`, f.file);
    }
  }
  return want;
}

/** A unit in two files would be counted twice: refused, naming the unit and both files. */
export function checkUnitsOnce(files: readonly UnitResultFile[]): void {
  const owner = new Map<string, string>();
  for (const f of files) {
    for (const code of new Set(f.doc.results.filter((r) => r.level === 'unit').map((r) => r.area_code))) {
      const other = owner.get(code);
      if (other === f.file) throw new DataError(`${f.file} is given twice: each unit must come from one file only`);
      if (other !== undefined) throw new DataError(`unit ${code} is in both ${other} and ${f.file}: each unit must come from one file only (it would be counted twice)`);
      owner.set(code, f.file);
    }
  }
}

/**
 * Each file's description of an indicator (title, unit, decimals, direction) must be the
 * template's: a file computed with another version of a template is not added to this one's.
 */
export function checkTemplateVersions(files: readonly UnitResultFile[], templates: ReadonlyMap<string, CheckedTemplate>): void {
  for (const f of files) {
    for (const info of f.doc.indicators) {
      const t = templates.get(info.id);
      if (!t) continue;
      const differs = differingFields(info, indicatorInfo(t));
      if (differs.length > 0) {
        throw new DataError(`${info.id} was computed with another version of its template than ${t.file} (${differs.join(', ')} differ${differs.length === 1 ? 's' : ''}): recompute it, or give --templates the version it used`, f.file);
      }
    }
  }
}

function differingFields(a: IndicatorInfo, b: IndicatorInfo): string[] {
  const fields = ['title', 'unit', 'better', 'decimals'] as const;
  return fields.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}
