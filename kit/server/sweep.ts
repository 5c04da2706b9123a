// The timer's walk over the records that are due (a deadline near, a card lagging behind): within a wall-clock
// budget, one record's failure never stops the others, and what is left waits for the next run.

/** Wall time one timer run may spend by default: well inside the function's timeout. */
export const SWEEP_BUDGET_MS = 6000;

export interface SweepOptions<S> {
  /** The ids of due records, those waiting longest first (so records that keep failing cannot starve the rest). */
  due(): Promise<string[]>;
  /** One record's step; what it learned, or null when there was nothing to do. Throwing counts as a failure. */
  visit(id: string): Promise<S | null>;
  /** Default SWEEP_BUDGET_MS. */
  budgetMs?: number;
  log(message: string, detail?: unknown): void;
}

export interface SweepRun<S> {
  /** Records visited (the budget may leave some of `due` for the next run). */
  looked: number;
  /** What each visit that did something answered, in order. */
  steps: S[];
  /** Visits that threw, and a due list that could not be read: the next run tries again. */
  failures: number;
}

export async function sweepDue<S>({
  due,
  visit,
  budgetMs = SWEEP_BUDGET_MS,
  log,
}: SweepOptions<S>): Promise<SweepRun<S>> {
  const run: SweepRun<S> = { looked: 0, steps: [], failures: 0 };
  let ids: string[];
  try {
    ids = await due();
  } catch (error) {
    log('the timer could not list what is due', error);
    return { ...run, failures: 1 };
  }
  // Wall time, not the business clock: the function must answer before its own timeout.
  const stopAt = Date.now() + budgetMs;
  for (const id of ids) {
    if (Date.now() >= stopAt) break;
    run.looked += 1;
    try {
      const step = await visit(id);
      if (step !== null) run.steps.push(step);
    } catch (error) {
      log(`the timer failed on ${id}`, error);
      run.failures += 1;
    }
  }
  return run;
}
