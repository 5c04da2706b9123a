// The group task's timer (docs/backend.md, "The timer"): each due task's deadline rule (core tickTask), then its
// card brought in line, many tasks at once on the kit's sweep driver, within the run's wall-time budget. A card
// whose calls the budget cut short keeps what WeChat accepted and stays due: the next run sends only the rest.
import type { Log } from '../../../kit/server/ports';
import { sweepDue } from '../../../kit/server/sweep';
import { tickTask } from '../../../packageChatTool/core/task';
import type { Task } from '../../../packageChatTool/core/types';
import type { TaskRepository } from './ports';

/**
 * Due tasks one run reads: more than a run gets through at the default budget and concurrency (about 290 when
 * WeChat answers in 200 ms: bench/timer.ts), so the budget, not the list, ends a busy run.
 */
export const SWEEP_LIMIT = 500;

/** What a card sync did, as the timer counts it (kit/server/card-sync.ts CardSynced). */
export interface CardStep {
  sent: number;
  failed: boolean;
  deferred: number;
}

export interface TaskTimerDeps {
  tasks: Pick<TaskRepository, 'dueForTimer' | 'markSwept' | 'get' | 'tick'>;
  /** Brings the task's card in line, starting no WeChat call that could end after `until` (wall time). */
  syncCard(task: Task, until: number): Promise<CardStep>;
  clock: { now(): number };
  log: Log;
  /** Wall time one run may spend (default: the kit's SWEEP_BUDGET_MS); the rest waits for the next run. */
  budgetMs?: number;
  /** Tasks, hence WeChat calls, in flight at once (default: the kit's SWEEP_CONCURRENCY). */
  concurrency?: number;
  /** How long one card call may take (its time-out): no task is started with less of the budget left. */
  callTimeoutMs: number;
}

export interface SweepReport {
  looked: number;
  moved: number;
  cardUpdates: number;
  cardFailures: number;
  /** Cards whose remaining calls the budget left to the next run. */
  cardsDeferred: number;
  /** Store errors; the next run tries again. */
  storeFailures: number;
}

/** What one timer visit did to a task. */
interface TaskSwept extends CardStep {
  moved: boolean;
}

/** The timer: deadlines move tasks to closing soon / ended; lagging cards are synced again. Idempotent. */
export function createTaskTimer(deps: TaskTimerDeps): () => Promise<SweepReport> {
  const { tasks, clock, log } = deps;

  async function sweepTask(taskId: string, now: number, until: number): Promise<TaskSwept | null> {
    await tasks.markSwept(taskId, now);
    let task = await tasks.get(taskId);
    if (task === null) return null;
    let moved = false;
    if (tickTask(task, now) !== null) {
      const ticked = await tasks.tick(task.id, now);
      if (ticked !== null) {
        moved = true;
        task = ticked;
      }
    }
    return { moved, ...(await deps.syncCard(task, until)) };
  }

  return async function sweep() {
    const now = clock.now();
    const run = await sweepDue({
      due: () => tasks.dueForTimer(now, SWEEP_LIMIT),
      visit: (taskId, until) => sweepTask(taskId, now, until),
      budgetMs: deps.budgetMs,
      concurrency: deps.concurrency,
      reserveMs: deps.callTimeoutMs,
      log,
    });
    return {
      looked: run.looked,
      moved: run.steps.filter((step) => step.moved).length,
      cardUpdates: run.steps.reduce((sum, step) => sum + step.sent, 0),
      cardFailures: run.steps.filter((step) => step.failed).length,
      cardsDeferred: run.steps.filter((step) => step.deferred > 0).length,
      storeFailures: run.failures,
    };
  };
}
