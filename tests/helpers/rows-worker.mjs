import { parentPort } from 'node:worker_threads';
import { serveRanges } from '../../dist/parallel/serve.js';
import { rowsEvaluator } from './rows-evaluator.mjs';

serveRanges(parentPort, async () => rowsEvaluator('worker'));
