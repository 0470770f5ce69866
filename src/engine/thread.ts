import { parentPort } from 'node:worker_threads';
import { serveRanges } from '../parallel/serve.js';
import type { EvalSetup } from './threads.js';

/**
 * A reading thread that can also count (`threads.ts`): the engine is loaded only when the
 * first table to count here arrives, so a run that only reads on threads loads what it did.
 */
serveRanges(parentPort!, async (payload) => {
  const { rangeEvaluator } = await import('./threads.js');
  return rangeEvaluator(payload as EvalSetup);
});
