// The timer's walk over the records that are due (a deadline near, a card lagging behind): a bounded number of
// records at once, within a wall-clock budget, one record's failure never stopping the others; what is left waits
// for the next run.

/** Wall time one timer run may spend by default: well inside the function's timeout (10 s, docs/backend.md). */
export const SWEEP_BUDGET_MS = 6000;
/**
 * Records one timer run visits at once by default. A visit makes one WeChat call at a time, so this bounds the
 * calls in flight; WeChat publishes no rate limit for setChatToolMsg (docs/platform.md, "setChatToolMsg").
 */
export const SWEEP_CONCURRENCY = 20;

export interface SweepOptions<S> {
  /** The ids of due records, those waiting longest first (so records that keep failing cannot starve the rest). */
  due(): Promise<string[]>;
  /**
   * One record's step; what it learned, or null when there was nothing to do. Throwing counts as a failure.
   * `until` is the run's end in wall time (Date.now()): a visit starts no call that could end after it.
   */
  visit(id: string, until: number): Promise<S | null>;
  /** Default SWEEP_BUDGET_MS. */
  budgetMs?: number;
  /** Visits in flight at most; default SWEEP_CONCURRENCY. */
  concurrency?: number;
  /**
   * A visit starts only while this much of the budget is left (default 0): what its first call may take, so the end
   * of a run is not spent marking records looked at with no time to do anything for them.
   */
  reserveMs?: number;
  log(message: string, detail?: unknown): void;
}

export interface SweepRun<S> {
  /** Records visited (the budget may leave some of `due` for the next run). */
  looked: number;
  /** What each visit that did something answered, in the order of `due`. */
  steps: S[];
  /** Visits that threw, and a due list that could not be read: the next run tries again. */
  failures: number;
}

export async function sweepDue<S>({
  due,
  visit,
  budgetMs = SWEEP_BUDGET_MS,
  concurrency = SWEEP_CONCURRENCY,
  reserveMs = 0,
  log,
}: SweepOptions<S>): Promise<SweepRun<S>> {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`not a concurrency: ${concurrency}`);
  let ids: string[];
  try {
    ids = await due();
  } catch (error) {
    log('the timer could not list what is due', error);
    return { looked: 0, steps: [], failures: 1 };
  }
  // Wall time, not the business clock: the function must answer before its own timeout.
  const until = Date.now() + budgetMs;
  const answers: (S | null)[] = [];
  let looked = 0;
  let failures = 0;
  /** One of `concurrency` lanes: takes the next due record while the budget lasts. */
  async function lane(): Promise<void> {
    while (looked < ids.length && Date.now() + reserveMs < until) {
      const index = looked;
      looked += 1;
      const id = ids[index] as string;
      try {
        answers[index] = await visit(id, until);
      } catch (error) {
        log(`the timer failed on ${id}`, error);
        failures += 1;
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, lane));
  const steps = answers.filter((step): step is S => step !== null && step !== undefined);
  return { looked, steps, failures };
}
