// The group task's own port: its repository. The platform, the clock and the member bindings are the kit's ports
// (kit/server/ports.ts). task-store.ts implements it once, on the kit's store primitive (CloudBase or SQLite).
import type { ApiResult } from '../../../packageChatTool/core/api';
import type { CardBinding, CardSync } from 'chat-tool-kit';
import type { JoinOutcome } from '../../../packageChatTool/core/task';
import type { Member, Participant, Task } from '../../../packageChatTool/core/types';
import type { TaskListing } from '../../../packageChatTool/core/view';

/**
 * Every method that changes a task is one atomic step: it reads, applies the rule from core/task.ts and
 * commits only if nothing changed in between (retrying otherwise). Methods acting for a caller take the
 * caller's room and refuse with WRONG_ROOM inside the same step; NOT_FOUND when the task is missing.
 */
export interface TaskRepository {
  insert(task: Task): Promise<void>;
  get(taskId: string): Promise<Task | null>;
  /** The room's tasks, newest first, as `viewer` (a member of that room) stands in them. */
  listByRoom(roomId: string, viewer: Member, limit: number): Promise<TaskListing[]>;
  /** Tasks the member created, signed up for or waits for; newest first. */
  listByMember(openid: string, limit: number): Promise<TaskListing[]>;
  join(
    taskId: string,
    roomId: string,
    member: Member,
    now: number,
  ): Promise<ApiResult<{ task: Task; outcome: JoinOutcome }>>;
  leave(
    taskId: string,
    roomId: string,
    openid: string,
    now: number,
  ): Promise<ApiResult<{ task: Task; promoted: Participant | null }>>;
  markClosingSoon(taskId: string, roomId: string, openid: string, now: number): Promise<ApiResult<Task>>;
  end(taskId: string, roomId: string, openid: string, now: number): Promise<ApiResult<Task>>;
  /** A new card in place of the one whose activity_id is `replaces`; if another renewal came first, its card. */
  renew(
    taskId: string,
    roomId: string,
    replaces: string,
    card: CardBinding,
    now: number,
  ): Promise<ApiResult<{ task: Task; renewed: boolean }>>;
  /** The timer's deadline rule (core tickTask); null when nothing changed. */
  tick(taskId: string, now: number): Promise<Task | null>;
  /**
   * Records what a sync learned about the card of `activityId` (kit/core/card.ts cardAfter; null, and nothing
   * recorded, if the card was renewed meanwhile), and whether the card still lags behind the task.
   */
  recordCard(taskId: string, activityId: string, sync: CardSync): Promise<Task | null>;
  /**
   * Ids of tasks whose deadline is near or past while not ended, or whose live card lags behind; the
   * least recently swept first, so tasks that keep failing cannot starve the others.
   */
  dueForTimer(now: number, limit: number): Promise<string[]>;
  /** Notes that the timer looked at the task (its place in the next dueForTimer). */
  markSwept(taskId: string, now: number): Promise<void>;
}
