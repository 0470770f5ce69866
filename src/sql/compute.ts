import type { Hospitals } from '../area/hospitals.js';
import { openDb } from '../db/connection.js';
import type { EngineResult } from '../engine/run.js';
import type { Period } from '../period/period.js';
import type { CheckedTemplate } from '../template/checked.js';
import { engineResultFromDb } from './engine-result.js';

/** Opens `url`, counts every template there, and closes it whatever happens. */
export async function computeOnDb(templates: readonly CheckedTemplate[], periods: readonly Period[], url: string, hospitals: Hospitals | null, requireAll: boolean): Promise<EngineResult> {
  const db = await openDb(url);
  try {
    return await engineResultFromDb(templates, periods, db, hospitals, requireAll);
  } finally {
    await db.close();
  }
}
