import { parentPort } from 'node:worker_threads';
import { serveRanges } from './serve.js';

/** A reading thread: reads each range it is sent and posts its rows in batches, then how it ended. */
serveRanges(parentPort!);
