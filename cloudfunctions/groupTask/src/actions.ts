// The groupTask handlers and the task timer's step, written against ports only, on the kit's server part
// (kit/server): identity from the cloudID (the room, the caller bound to their group_openid), the content check,
// card sync, the function shell that routes through the action table and turns anything thrown into a typed
// answer, and the sweep driver. Every action returns an ApiResult; nothing thrown by a store or the platform escapes.
import type { Handlers } from 'chat-tool-kit';
import type { ApiResult } from '../../../packageChatTool/core/api';
import { newBinding, VERSION_TYPE } from 'chat-tool-kit';
import { fail, ok } from '../../../packageChatTool/core/result';
import {
  cardTargetOf,
  checkRenewal,
  checkRoom,
  createTask,
  deadlinePassed,
  tickTask,
} from '../../../packageChatTool/core/task';
import type { Room, Task, TaskDraft } from '../../../packageChatTool/core/types';
import type { TaskActions } from '../../../packageChatTool/core/task-actions';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import { audienceWithout, textsShownToOthers } from '../../../packageChatTool/core/task-fields';
import type { Viewer } from '../../../packageChatTool/core/view';
import {
  pendingGroupOpenids,
  reminderOf,
  shareOf,
  summarizeListing,
  viewTask,
} from '../../../packageChatTool/core/view';
import type { ChatToolFunction } from '../../../kit/server/chat-tool-function';
import { createChatToolFunction } from '../../../kit/server/chat-tool-function';
import type { TextsShown } from '../../../kit/server/content-check';
import { createContentCheck } from '../../../kit/server/content-check';
import { createCardSync } from '../../../kit/server/card-sync';
import type { Caller } from '../../../kit/server/identity';
import { createIdentity } from '../../../kit/server/identity';
import type { MemberBindings, TextCheck, ToolContext } from '../../../kit/server/ports';
import { sweepDue } from '../../../kit/server/sweep';
import type { TaskRepository } from './ports';

export interface GroupTaskDeps extends ToolContext {
  tasks: TaskRepository;
  /** Who presented which group_openid in which room (kit/server/member-bindings.ts). */
  bindings: MemberBindings;
  /** How long createTask waits for WeChat's content check (default: the kit's CONTENT_CHECK_TIMEOUT_MS). */
  contentCheckTimeoutMs?: number;
  /** Wall time one timer run may spend (default: the kit's SWEEP_BUDGET_MS); the rest waits for the next run. */
  sweepBudgetMs?: number;
}

/** Tasks listed per room or per member; the newest first. */
export const LIST_LIMIT = 50;
/** Room members read for an "everyone" reminder. */
export const REMIND_LIMIT = 500;
/** Tasks one timer run looks at, within its wall-time budget (kit/server/sweep.ts). */
export const SWEEP_LIMIT = 100;
/**
 * msgSecCheck's scene for a task: 3 (论坛, forum), a post the user publishes for a whole group to read; not 1
 * (资料, the user's profile), 2 (评论, a reply to someone else's post) nor 4 (社交日志, a personal feed entry).
 */
export const CONTENT_SCENE: TextCheck['scene'] = 3;

export interface SweepReport {
  looked: number;
  moved: number;
  cardUpdates: number;
  cardFailures: number;
  /** Store errors; the next run tries again. */
  storeFailures: number;
}

/** What the content check reads of a draft: every text the chat will see (validate.ts DRAFT_FIELDS). */
const textsOf = (draft: TaskDraft): TextsShown => ({
  title: draft.title,
  content: textsShownToOthers(draft).join('\n'),
});

/** What one timer visit did to a task. */
interface TaskSwept {
  moved: boolean;
  sent: number;
  failed: boolean;
}

export function createGroupTask(deps: GroupTaskDeps): ChatToolFunction<SweepReport> {
  const { tasks, bindings, wechat, clock, log } = deps;
  const identity = createIdentity({ wechat, bindings, clock, log });
  const checkContent = createContentCheck({ wechat, scene: CONTENT_SCENE, timeoutMs: deps.contentCheckTimeoutMs, log });
  // The card's record lives on the task (task.card); the kit syncs it and the repository records the answers.
  const cards = createCardSync({
    wechat,
    clock,
    timeoutMs: deps.cardSyncTimeoutMs,
    log,
    records: {
      async recordCard(taskId, activityId, sync) {
        const task = await tasks.recordCard(taskId, activityId, sync);
        return task === null ? null : { task, binding: task.card, target: cardTargetOf(task) };
      },
    },
  });

  /** Brings the task's card in line with the task; the task as its card was recorded (or as given). */
  async function syncCard(task: Task): Promise<{ task: Task; sent: number; failed: boolean }> {
    const { recorded, sent, failed } = await cards.sync(task.id, task.card, cardTargetOf(task));
    return { task: recorded?.task ?? task, sent, failed };
  }

  async function taskInRoom(taskId: string, room: Room): Promise<ApiResult<Task>> {
    const task = await tasks.get(taskId);
    if (task === null) return fail('NOT_FOUND', 'no such task');
    return checkRoom(task, room.id);
  }

  const viewerOf = (caller: Caller): Viewer => ({
    openid: caller.member.openid,
    roomId: caller.room.id,
    groupOpenid: caller.member.groupOpenid,
  });

  /** A handler that needs the caller in their room: identity first, from the request's cloudID. */
  const asCaller =
    <R extends { cloudID: string }, T>(handler: (request: R, caller: Caller) => Promise<ApiResult<T>>) =>
    async (request: R, openid: string): Promise<ApiResult<T>> => {
      const caller = await identity.caller(request.cloudID, openid);
      return caller.ok ? handler(request, caller.data) : caller;
    };

  const show = (task: Task, caller: Caller) => viewTask(task, viewerOf(caller), clock.now());

  /** Each action of the table (core/task-actions.ts), answered for the caller's openid from the server context. */
  const handlers: Handlers<TaskActions, string> = {
    resolveChat: async ({ cloudID }, openid) => {
      const chat = await identity.chatOf(cloudID, openid);
      return chat.ok ? ok({ roomId: chat.data.room.id, chatType: chat.data.room.chatType }) : chat;
    },
    listMyTasks: async (_request, openid) => {
      const mine = await tasks.listByMember(openid, LIST_LIMIT);
      const viewer: Viewer = { openid, roomId: null, groupOpenid: null };
      return ok(mine.map((listing) => summarizeListing(listing, viewer)));
    },
    listRoomTasks: asCaller(async (_request, caller) => {
      const list = await tasks.listByRoom(caller.room.id, caller.member, LIST_LIMIT);
      return ok(list.map((listing) => summarizeListing(listing, viewerOf(caller))));
    }),
    createTask: asCaller(async (request, caller) => {
      const audience = audienceWithout(request.task.audience, caller.member.groupOpenid);
      if (!audience.ok) return audience;
      const checked = await checkContent(caller.member.openid, textsOf(request.task));
      if (!checked.ok) return checked;
      const activity = await cards.newActivity('WeChat did not create the card; nothing was saved');
      if (!activity.ok) return activity;
      const task = createTask({
        id: deps.newId(),
        draft: { ...request.task, audience: audience.data },
        room: caller.room,
        creator: caller.member,
        card: newBinding(activity.data, VERSION_TYPE[request.envVersion]),
        now: clock.now(),
      });
      await tasks.insert(task);
      return ok({ task: show(task, caller), share: shareOf(task) });
    }),
    getTask: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      return found.ok ? ok(show(found.data, caller)) : found;
    }),
    join: asCaller(async (request, caller) => {
      const joined = await tasks.join(request.taskId, caller.room.id, caller.member, clock.now());
      if (!joined.ok) return joined;
      if (joined.data.outcome === 'waitlisted') return ok(show(joined.data.task, caller));
      return ok(show((await syncCard(joined.data.task)).task, caller));
    }),
    leave: asCaller(async (request, caller) => {
      const left = await tasks.leave(request.taskId, caller.room.id, caller.member.openid, clock.now());
      if (!left.ok) return left;
      if (left.data.promoted === null) return ok(show(left.data.task, caller));
      return ok(show((await syncCard(left.data.task)).task, caller));
    }),
    markClosingSoon: asCaller(async (request, caller) => {
      const changed = await tasks.markClosingSoon(request.taskId, caller.room.id, caller.member.openid, clock.now());
      return changed.ok ? ok(show((await syncCard(changed.data)).task, caller)) : changed;
    }),
    endTask: asCaller(async (request, caller) => {
      const changed = await tasks.end(request.taskId, caller.room.id, caller.member.openid, clock.now());
      return changed.ok ? ok(show((await syncCard(changed.data)).task, caller)) : changed;
    }),
    pendingMembers: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      if (!found.ok) return found;
      const task = found.data;
      if (task.creator.openid !== caller.member.openid) {
        return fail('NOT_CREATOR', 'only the creator can remind members');
      }
      if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
      // As sign-ups are: the deadline ends the task whether or not the timer has run yet.
      if (deadlinePassed(task, clock.now())) return fail('DEADLINE_PASSED', 'the deadline has passed');
      const members = task.audience.kind === 'everyone' ? await bindings.roomMembers(task.room.id, REMIND_LIMIT) : [];
      return ok(reminderOf(task, pendingGroupOpenids(task, members)));
    }),
    renewCard: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      if (!found.ok) return found;
      const allowed = checkRenewal(found.data, caller.member.openid);
      if (!allowed.ok) return allowed;
      // Every re-send is a new card with a new activity_id (docs/platform.md#second-share-of-one-activity_id).
      const activity = await cards.newActivity('WeChat did not create a new card; the current one is unchanged');
      if (!activity.ok) return activity;
      const { card } = found.data;
      const versionType = request.envVersion === null ? card.versionType : VERSION_TYPE[request.envVersion];
      const renewal = newBinding(activity.data, versionType);
      const renewed = await tasks.renew(request.taskId, caller.room.id, card.activityId, renewal, clock.now());
      if (!renewed.ok) return renewed;
      // A renewal that lost to another one hands out the winner's card, never its own unused activity_id.
      return ok({ task: show(renewed.data.task, caller), share: shareOf(renewed.data.task) });
    }),
  };

  /** One task's timer step: the deadline rule (core tickTask), then the card brought in line. */
  async function sweepTask(taskId: string, now: number): Promise<TaskSwept | null> {
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
    const synced = await syncCard(task);
    return { moved, sent: synced.sent, failed: synced.failed };
  }

  /** The timer: deadlines move tasks to closing soon / ended; lagging cards are retried. Idempotent. */
  async function sweep(): Promise<SweepReport> {
    const now = clock.now();
    const run = await sweepDue({
      due: () => tasks.dueForTimer(now, SWEEP_LIMIT),
      visit: (taskId) => sweepTask(taskId, now),
      budgetMs: deps.sweepBudgetMs,
      log,
    });
    return {
      looked: run.looked,
      moved: run.steps.filter((step) => step.moved).length,
      cardUpdates: run.steps.reduce((sum, step) => sum + step.sent, 0),
      cardFailures: run.steps.filter((step) => step.failed).length,
      storeFailures: run.failures,
    };
  }

  return createChatToolFunction({ actions: TASK_ACTIONS, handlers, clock, log, timer: sweep });
}

export type GroupTask = ReturnType<typeof createGroupTask>;
