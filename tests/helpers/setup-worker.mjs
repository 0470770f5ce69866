// A reading thread for tests/pool.test.ts (run from the build, as `kpi` runs it): its
// evaluator names the setup it was made from and the range it was given, so a test sees
// which setup counted each range. A short wait lets ranges queue up behind busy threads.
import { parentPort } from 'node:worker_threads';
import { serveRanges } from '../../dist/parallel/serve.js';

serveRanges(parentPort, async (setup) => ({
  evaluate: async (job) => {
    await new Promise((resolve) => setTimeout(resolve, 5));
    return { end: { rows: 0, skipped: 0, lines: 0, next: job.to }, partial: { setup, from: job.from }, transfer: [] };
  },
  recycle: () => undefined,
}));
