// The group task's own port: its repository. The platform, the clock and the member bindings are the kit's ports
// (kit/server/ports.ts). task-store.ts implements it once, on the kit's store primitive (CloudBase or SQLite).
import type { ApiResult } from '../../../packageChatTool/core/api';
import type { CardBinding, CardSync } from 'chat-tool-kit';
import type { JoinOutcome } from '../../../packageChatTool/core/task';
import type { Member, Participant, Task } from '../../../packageChatTool/core/types';
import type { MemberList } from '../../../packageChatTool/core/api';
import type { ListWindow, TaskCursor } from '../../../packageChatTool/core/pages';
import type { Asker, TaskSight } from '../../../packageChatTool/core/task-record';
import type { CardInLine } from '../../../packageChatTool/core/task-changes';
import type { TaskListing } from '../../../packageChatTool/core/view';

/** What a sign-up on a card otherwise in line left: enough to say the card is in line again once it marks them. */
export interface MarkInLine extends CardInLine {
  /** The timer's bookkeeping as read, and its due time once the card is in line (task-store.ts timerDueOf). */
  sweptAt: number;
  timerDueAt: number | null;
}

/**
 * Every method that changes a task is one atomic step: it reads, applies the rule from core/task.ts and
 * commits only if nothing changed in between (retrying otherwise). Methods acting for a caller take the
 * caller's room and refuse with WRONG_ROOM inside the same step; NOT_FOUND when the task is missing.
 */
export interface TaskRepository {
  insert(task: Task): Promise<void>;
  get(taskId: string): Promise<Task | null>;
  /**
   * One read of what the task page shows `asker` (core/task-record.ts TaskSight): the head, their facts and the first
   * `page` items of each list; never a whole list. WRONG_ROOM from another room, NOT_FOUND when missing.
   */
  sight(taskId: string, roomId: string, asker: Asker, page: number): Promise<ApiResult<TaskSight>>;
  /** `count` items of a list from position `start`, and the list's size: one read of that much. */
  members(
    taskId: string,
    roomId: string,
    list: MemberList,
    start: number,
    count: number,
  ): Promise<ApiResult<ListWindow<Participant>>>;
  /** The room's tasks after `after` (newest first, then by id), as `viewer` (a member of that room) stands in them. */
  listByRoom(roomId: string, viewer: Member, after: TaskCursor | null, limit: number): Promise<TaskListing[]>;
  /** Tasks the member created, signed up for or waits for; newest first, then by id, after `after`. */
  listByMember(userId: string, after: TaskCursor | null, limit: number): Promise<TaskListing[]>;
  /**
   * A sign-up, decided on the member's sight of the task (read with `page` items of each list, by default a task
   * page's first: MEMBERS_FIRST_PAGE) and committed in one guarded write; the sight as the sign-up left it.
   */
  join(
    taskId: string,
    roomId: string,
    member: Member,
    now: number,
    page?: number,
    note?: string,
  ): Promise<ApiResult<{ sight: TaskSight; outcome: JoinOutcome; cardLags: boolean; inLine: MarkInLine | null }>>;
  /**
   * The member's own note on their entry, in place, in one guarded write that reads no list (core noteChange):
   * sign-ups landing meanwhile are kept, and so is the note. The sight as the edit left it.
   */
  setNote(
    taskId: string,
    roomId: string,
    asker: Asker,
    note: string,
    now: number,
    page?: number,
  ): Promise<ApiResult<TaskSight>>;
  /** Leaving, as join: the first waiting member (one item read) takes a freed place. */
  leave(
    taskId: string,
    roomId: string,
    member: Asker,
    now: number,
    page?: number,
  ): Promise<
    ApiResult<{ sight: TaskSight; promoted: Participant | null; cardLags: boolean; inLine: MarkInLine | null }>
  >;
  /**
   * Records that WeChat marked `memberId` on the card `activityId` without reading the task (core markChange);
   * with `inLine` (what a sign-up on a card otherwise in line left), also that the card is in line again. False when
   * not recorded (renewed, moved on, marked already, or not in line after all): the caller records the whole sync
   * instead, or leaves it to the timer.
   */
  recordMark(taskId: string, activityId: string, memberId: string, inLine: MarkInLine | null): Promise<boolean>;
  markClosingSoon(taskId: string, roomId: string, userId: string, now: number): Promise<ApiResult<Task>>;
  end(taskId: string, roomId: string, userId: string, now: number): Promise<ApiResult<Task>>;
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
