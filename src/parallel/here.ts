import type { RangeJob } from '../data/range.js';
import type { RangeListener } from './pool.js';
import { collectIssues, failureOf, type EvaluatorFactory, type RangeEvaluator } from './serve.js';

/**
 * The main thread as one of the counting threads: while it waits for a range and has none of
 * its own, it evaluates one as a worker does (`serveRanges`; `ReadPool` decides when), and the
 * partial waits for its turn with the others'. On two cores, two JavaScript threads (this one and a worker) count as much as three
 * did, without the third's V8 warming the same code and time-slicing the cores' caches.
 */
export class HereSlot {
  // Setups apply in order, each before the ranges sent after it (as on a worker's port).
  private evaluator: Promise<RangeEvaluator | null> = Promise.resolve(null);
  /** Whether a range is being evaluated here. */
  busy = false;

  constructor(private readonly evaluatorFor: EvaluatorFactory) {}

  setup(payload: unknown): void {
    this.evaluator = this.evaluator.catch(() => null).then(() => this.evaluatorFor(payload));
    // A failed setup fails the ranges that follow it; with none yet, it must not end the run.
    this.evaluator.catch(() => undefined);
  }

  /** Evaluates `job` and tells `listener` how it ended (declined, as on a worker, when the evaluator would rather it were read in its turn). */
  async evaluate(job: RangeJob, listener: RangeListener): Promise<void> {
    const { issues, sink } = collectIssues();
    try {
      const e = (await this.evaluator)!;
      const done = await e.evaluate(job, sink);
      if (done) listener.done(done.end, issues, done.partial, (buffers) => e.recycle(buffers));
      else listener.declined();
    } catch (e) {
      listener.failed(failureOf(e));
    }
  }
}
