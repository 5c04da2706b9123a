// The repository methods that are one core rule inside one atomic step, written once for every store.
// Each store brings only its atomic step (CloudBase: a revision-guarded update; SQLite: an IMMEDIATE
// transaction), so which rule a method runs, with which room check, cannot drift between them.
import type { ApiResult } from '../../../packageChatTool/core/api';
import { fail, ok } from '../../../packageChatTool/core/result';
import type { JoinOutcome } from '../../../packageChatTool/core/task';
import {
  endTask,
  inRoom,
  joinTask,
  leaveTask,
  markClosingSoon,
  renewActivity,
  tickTask,
} from '../../../packageChatTool/core/task';
import type { Member, Task } from '../../../packageChatTool/core/types';
import type { TaskRepository } from './ports';

/**
 * Reads the task, applies `rule` and commits the task `taskOf` picks from its result (nothing when it picks
 * null), atomically; NOT_FOUND when the task is missing, the rule's refusal unchanged.
 */
export type AtomicStep = <R>(
  taskId: string,
  rule: (task: Task) => ApiResult<R>,
  taskOf: (result: R) => Task | null,
) => ApiResult<R> | Promise<ApiResult<R>>;

export type RuleSteps = Pick<TaskRepository, 'leave' | 'markClosingSoon' | 'end' | 'renew' | 'tick'>;

const same = (task: Task) => task;

/** The sign-up rule with its room check; each store applies it its own way (CloudBase with atomic operators). */
export const joinRule = (
  roomId: string,
  member: Member,
  now: number,
): ((task: Task) => ApiResult<{ task: Task; outcome: JoinOutcome }>) =>
  inRoom(roomId, (task) => joinTask(task, member, now));

export function ruleSteps(step: AtomicStep): RuleSteps {
  return {
    async leave(taskId, roomId, openid, now) {
      return step(
        taskId,
        inRoom(roomId, (task) => leaveTask(task, openid, now)),
        (r) => r.task,
      );
    },
    async markClosingSoon(taskId, roomId, openid, now) {
      return step(
        taskId,
        inRoom(roomId, (task) => markClosingSoon(task, openid, now)),
        same,
      );
    },
    async end(taskId, roomId, openid, now) {
      return step(
        taskId,
        inRoom(roomId, (task) => endTask(task, openid, now)),
        same,
      );
    },
    async renew(taskId, roomId, replaces, card, now) {
      return step(
        taskId,
        inRoom(roomId, (task) => renewActivity(task, replaces, card, now)),
        (r) => (r.renewed ? r.task : null),
      );
    },
    async tick(taskId, now) {
      const result = await step(
        taskId,
        (task) => {
          const next = tickTask(task, now);
          return next === null ? fail('WRONG_STATE', 'nothing to do') : ok(next);
        },
        same,
      );
      return result.ok ? result.data : null;
    },
  };
}
