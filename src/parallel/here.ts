import type { RangeJob } from '../data/range.js';
import type { RangeListener } from './pool.js';
import { evaluateRange, nextEvaluator, type EvaluatorFactory, type RangeEvaluator } from './serve.js';

/**
 * The main thread as one of the counting threads: while it waits for a range and has none of
 * its own, it evaluates one as a worker does (`serveRanges`; `ReadPool` decides when), and the
 * partial waits for its turn with the others'. On two cores, two JavaScript threads (this one
 * and a worker) count as much as three did, without the third's V8 warming the same code and
 * time-slicing the cores' caches.
 */
export class HereSlot {
  private evaluator: Promise<RangeEvaluator | null> = Promise.resolve(null);
  private evaluating = false;

  constructor(private readonly evaluatorFor: EvaluatorFactory) {}

  /** Whether a range is being evaluated here. */
  get busy(): boolean {
    return this.evaluating;
  }

  setup(payload: unknown): void {
    this.evaluator = nextEvaluator(this.evaluator, this.evaluatorFor, payload);
  }

  /** Evaluates `job` and tells `listener` how it ended, as a worker's message would. */
  async evaluate(job: RangeJob, listener: RangeListener): Promise<void> {
    this.evaluating = true;
    const r = await evaluateRange(this.evaluator, job);
    this.evaluating = false;
    if (r.kind === 'done') listener.done(r.end, r.issues, r.partial, (buffers) => r.evaluator.recycle(buffers));
    else if (r.kind === 'declined') listener.declined();
    else listener.failed(r.failure);
  }
}
