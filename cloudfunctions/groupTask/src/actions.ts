// The groupTask handlers, written against ports only, on the kit's server part (kit/server): identity from the
// chatProof (the room, the caller bound to their group_openid), the content check, card sync, the function shell that
// routes through the action table and turns anything thrown into a typed answer, and the timer (./timer.ts). Every
// action returns an ApiResult; nothing thrown by a store or the platform escapes.
import type { Handlers, Locale } from 'chat-tool-kit';
import type { ApiResult, TaskSummaryPage } from '../../../packageChatTool/core/api';
import { newBinding, VERSION_TYPE } from 'chat-tool-kit';
import { MEMBERS_FIRST_PAGE, MEMBERS_PAGE, TASKS_PAGE } from '../../../packageChatTool/core/limits';
import type { TaskCursor } from '../../../packageChatTool/core/pages';
import {
  memberPage,
  memberWindowAfter,
  readMemberCursor,
  readTaskCursor,
  taskCursorText,
} from '../../../packageChatTool/core/pages';
import type { Asker, TaskHead, TaskSight } from '../../../packageChatTool/core/task-record';
import { sightOf } from '../../../packageChatTool/core/task-record';
import { fail, ok } from '../../../packageChatTool/core/result';
import {
  cardTargetOf,
  checkRenewal,
  checkRoom,
  createTask,
  deadlinePassed,
  TARGET_STATE,
} from '../../../packageChatTool/core/task';
import type { Room, Task, TaskDraft } from '../../../packageChatTool/core/types';
import type { TaskActions } from '../../../packageChatTool/core/task-actions';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import { audienceWithout, textsShownToOthers } from '../../../packageChatTool/core/task-fields';
import { exportCsv, exportFileName } from '../../../packageChatTool/core/task-export';
import type { Reader, TaskListing } from '../../../packageChatTool/core/view';
import {
  pendingMemberIds,
  reminderOf,
  shareOf,
  summarizeListing,
  viewSight,
  viewTask,
} from '../../../packageChatTool/core/view';
import { wordsIn } from '../../../packageChatTool/core/task-words';
import type { Call, ChatToolFunction } from '../../../kit/server/chat-tool-function';
import { createChatToolFunction } from '../../../kit/server/chat-tool-function';
import { triggers } from '../config.json';
import type { TextsShown } from '../../../kit/server/content-check';
import { createContentCheck } from '../../../kit/server/content-check';
import type { CardRecorded } from '../../../kit/server/card-sync';
import { createCardSync } from '../../../kit/server/card-sync';
import type { Caller } from '../../../kit/server/identity';
import { createIdentity } from '../../../kit/server/identity';
import type { MemberBindings, TextCheck, ToolContext } from '../../../kit/server/ports';
import type { MarkInLine, TaskRepository } from './ports';
import type { SweepReport } from './timer';
import { createTaskTimer } from './timer';

export interface GroupTaskDeps extends ToolContext {
  tasks: TaskRepository;
  /** Who presented which group_openid in which room (kit/server/member-bindings.ts). */
  bindings: MemberBindings;
  /** How long createTask waits for WeChat's content check (default: the kit's CONTENT_CHECK_TIMEOUT_MS). */
  contentCheckTimeoutMs?: number;
  /** Wall time one timer run may spend (default: the kit's SWEEP_BUDGET_MS); the rest waits for the next run. */
  sweepBudgetMs?: number;
  /** Tasks, hence setChatToolMsg calls, one timer run has in flight at once (default: the kit's SWEEP_CONCURRENCY). */
  timerConcurrency?: number;
}

/** The caller in their room (kit/server/identity.ts), and the language they read. */
type CallerIn = Caller & { locale: Locale };

/** A task list's cursor, when the request sent one. */
const cursorOf = (after: string | null): ApiResult<TaskCursor | null> =>
  after === null ? ok(null) : readTaskCursor(after);

/** A page of a task list, from TASKS_PAGE + 1 tasks read: one more than a page says whether there is a next. */
function tasksPage(listings: TaskListing[], viewer: Reader): TaskSummaryPage {
  const items = listings.slice(0, TASKS_PAGE).map((listing) => summarizeListing(listing, viewer));
  const last = items[items.length - 1];
  return {
    items,
    next:
      listings.length > TASKS_PAGE && last !== undefined
        ? taskCursorText({ createdAt: last.createdAt, id: last.id })
        : null,
  };
}
/** Room members read for an "everyone" reminder. */
export const REMIND_LIMIT = 500;
/**
 * msgSecCheck's scene for a task: 3 (论坛, forum), a post the user publishes for a whole group to read; not 1
 * (资料, the user's profile), 2 (评论, a reply to someone else's post) nor 4 (社交日志, a personal feed entry).
 */
export const CONTENT_SCENE: TextCheck['scene'] = 3;

/** What the content check reads of a draft: every text the chat will see (validate.ts DRAFT_FIELDS). */
const textsOf = (draft: TaskDraft): TextsShown => ({
  title: draft.title,
  content: textsShownToOthers(draft).join('\n'),
});

/** A card as recorded: with the whole task (recordCard), or with the sight a one-mark record updated (recordMark). */
type TaskCardRecorded = CardRecorded & ({ task: Task } | { sight: TaskSight });

/**
 * What a one-mark record rests on: the sight the sign-up read, whom it was read for, and with `inLine` (the card
 * showed everything before the sign-up) what the write needs to say the card is in line again.
 */
interface MarkPremise {
  sight: TaskSight;
  inLine: MarkInLine | null;
  asker: Asker;
}

/**
 * The card told to mark the member who just took a place on it, knowing only the task's head: as if it showed no
 * mark yet, so only that member is sent (the others it lacks are the timer's).
 */
const markTarget = (head: TaskHead, memberId: string): CardRecorded => ({
  binding: { ...head.card, shown: { ...head.card.shown, doneMemberIds: [] } },
  target: { kind: head.kind, state: TARGET_STATE[head.state], done: [memberId] },
});

export function createGroupTask(deps: GroupTaskDeps): ChatToolFunction<SweepReport> {
  const { tasks, bindings, platform, clock, log, tickets } = deps;
  const identity = createIdentity({ platform, bindings, clock, log, tickets });
  const checkContent = createContentCheck({
    platform,
    scene: CONTENT_SCENE,
    timeoutMs: deps.contentCheckTimeoutMs,
    log,
  });
  /** A note is all its author wrote for the chat to read, so the check reads it alone; none ('') needs no check. */
  const checkNote = async (userId: string, note: string) =>
    note === '' ? ok(null) : checkContent(userId, { title: '', content: note });
  // The card's record lives on the task (task.card); the kit syncs it and the repository records the answers:
  // a sign-up's single mark in one write with no read (core markChange), anything else on the whole task.
  const cards = createCardSync<TaskCardRecorded, MarkPremise>({
    platform,
    clock,
    timeoutMs: deps.cardSyncTimeoutMs,
    log,
    records: {
      async recordCard(taskId, activityId, sync) {
        const task = await tasks.recordCard(taskId, activityId, sync);
        return task === null ? null : { task, binding: task.card, target: cardTargetOf(task) };
      },
      async recordMark(taskId, activityId, memberId, { sight, inLine, asker }) {
        for (const attempt of inLine === null ? [null] : [inLine, null]) {
          if (await tasks.recordMark(taskId, activityId, memberId, attempt)) {
            const { head } = sight;
            const { binding, target } = markTarget(head, memberId);
            const counts = { ...head.counts, marked: head.counts.marked + 1 };
            const facts = { ...sight.facts, marked: sight.facts.marked || memberId === asker.memberId };
            return {
              binding: { ...binding, shown: { ...binding.shown, doneMemberIds: [memberId] } },
              target,
              sight: { ...sight, head: { ...head, counts, cardInSync: attempt !== null }, facts },
            };
          }
        }
        return null;
      },
    },
  });

  /**
   * Brings the task's card in line with the task, starting no call that could end after `until` (the timer's
   * budget); the task as its card was recorded (or as given).
   */
  async function syncCard(task: Task, until?: number) {
    const { recorded, sent, failed, deferred } = await cards.sync(task.id, task.card, cardTargetOf(task), until);
    return { task: recorded !== null && 'task' in recorded ? recorded.task : task, sent, failed, deferred };
  }

  async function taskInRoom(taskId: string, room: Room): Promise<ApiResult<Task>> {
    const task = await tasks.get(taskId);
    if (task === null) return fail('NOT_FOUND', 'no such task');
    return checkRoom(task, room.id);
  }

  const viewerOf = (caller: CallerIn): Reader => ({
    userId: caller.member.userId,
    roomId: caller.room.id,
    memberId: caller.member.memberId,
    locale: caller.locale,
  });

  /** A handler that needs the caller in their room: identity first, from the request's chatProof. */
  const asCaller =
    <R extends { chatProof: string }, T>(handler: (request: R, caller: CallerIn) => Promise<ApiResult<T>>) =>
    async (request: R, { userId, locale }: Call): Promise<ApiResult<T>> => {
      const caller = await identity.caller(request.chatProof, userId);
      return caller.ok ? handler(request, { ...caller.data, locale }) : caller;
    };

  const show = (task: Task, caller: CallerIn) => viewTask(task, viewerOf(caller), clock.now());
  const showSight = (sight: TaskSight, caller: CallerIn) => viewSight(sight, viewerOf(caller), clock.now());

  /**
   * Marks the member who just took a place on the card, knowing only what the sign-up read (markTarget); the kit
   * records it in one write when that mark is all WeChat's in-order answers did, otherwise on the whole task.
   */
  async function markOnCard(sight: TaskSight, memberId: string, inLine: MarkInLine | null, asker: Asker) {
    const { binding, target } = markTarget(sight.head, memberId);
    const mark = { memberId, premise: { sight, inLine, asker } };
    const { recorded } = await cards.sync(sight.head.id, binding, target, undefined, mark);
    if (recorded === null) return sight;
    return 'sight' in recorded ? recorded.sight : sightOf(recorded.task, asker, MEMBERS_FIRST_PAGE);
  }

  /** Each action of the table (core/task-actions.ts), answered for the caller's userId from the server context. */
  const handlers: Handlers<TaskActions, Call> = {
    resolveChat: async ({ chatProof }, { userId }) => {
      const chat = await identity.chatOf(chatProof, userId);
      return chat.ok ? ok({ roomId: chat.data.room.id, chatType: chat.data.room.chatType }) : chat;
    },
    listMyTasks: async (request, { userId, locale }) => {
      const after = cursorOf(request.after);
      if (!after.ok) return after;
      const viewer: Reader = { userId, roomId: null, memberId: null, locale };
      return ok(tasksPage(await tasks.listByMember(userId, after.data, TASKS_PAGE + 1), viewer));
    },
    listRoomTasks: asCaller(async (request, caller) => {
      const after = cursorOf(request.after);
      if (!after.ok) return after;
      const list = await tasks.listByRoom(caller.room.id, caller.member, after.data, TASKS_PAGE + 1);
      return ok(tasksPage(list, viewerOf(caller)));
    }),
    listMembers: asCaller(async (request, caller) => {
      const after = readMemberCursor(request.after);
      if (!after.ok) return after;
      const { start, count } = memberWindowAfter(after.data, MEMBERS_PAGE);
      const read = await tasks.members(request.taskId, caller.room.id, request.list, start, count);
      return read.ok ? ok(memberPage(read.data, after.data, MEMBERS_PAGE)) : read;
    }),
    createTask: asCaller(async (request, caller) => {
      const audience = audienceWithout(request.task.audience, caller.member.memberId);
      if (!audience.ok) return audience;
      const checked = await checkContent(caller.member.userId, textsOf(request.task));
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
      const sight = await tasks.sight(request.taskId, caller.room.id, caller.member, MEMBERS_FIRST_PAGE);
      return sight.ok ? ok(showSight(sight.data, caller)) : sight;
    }),
    join: asCaller(async (request, caller) => {
      const checked = await checkNote(caller.member.userId, request.note);
      if (!checked.ok) return checked;
      const { taskId, note } = request;
      const joined = await tasks.join(taskId, caller.room.id, caller.member, clock.now(), MEMBERS_FIRST_PAGE, note);
      if (!joined.ok) return joined;
      const { sight, cardLags, inLine } = joined.data;
      if (!cardLags) return ok(showSight(sight, caller));
      return ok(showSight(await markOnCard(sight, caller.member.memberId, inLine, caller.member), caller));
    }),
    leave: asCaller(async (request, caller) => {
      const left = await tasks.leave(request.taskId, caller.room.id, caller.member, clock.now(), MEMBERS_FIRST_PAGE);
      if (!left.ok) return left;
      const { sight, promoted, cardLags, inLine } = left.data;
      if (promoted === null || !cardLags) return ok(showSight(sight, caller));
      return ok(showSight(await markOnCard(sight, promoted.memberId, inLine, caller.member), caller));
    }),
    setNote: asCaller(async (request, caller) => {
      const checked = await checkNote(caller.member.userId, request.note);
      if (!checked.ok) return checked;
      const { taskId, note } = request;
      const noted = await tasks.setNote(taskId, caller.room.id, caller.member, note, clock.now(), MEMBERS_FIRST_PAGE);
      return noted.ok ? ok(showSight(noted.data, caller)) : noted;
    }),
    exportTask: asCaller(async (request, caller) => {
      // The one read of whole lists, and the creator's only: the file holds every member, a bounded number
      // (core/limits.ts EXPORT_MAX_BYTES).
      const found = await taskInRoom(request.taskId, caller.room);
      if (!found.ok) return found;
      const task = found.data;
      if (task.creator.userId !== caller.member.userId) return fail('NOT_CREATOR', 'only the creator can export');
      return ok({ fileName: exportFileName(task), csv: exportCsv(task) });
    }),
    markClosingSoon: asCaller(async (request, caller) => {
      const changed = await tasks.markClosingSoon(request.taskId, caller.room.id, caller.member.userId, clock.now());
      return changed.ok ? ok(show((await syncCard(changed.data)).task, caller)) : changed;
    }),
    endTask: asCaller(async (request, caller) => {
      const changed = await tasks.end(request.taskId, caller.room.id, caller.member.userId, clock.now());
      return changed.ok ? ok(show((await syncCard(changed.data)).task, caller)) : changed;
    }),
    pendingMembers: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      if (!found.ok) return found;
      const task = found.data;
      if (task.creator.userId !== caller.member.userId) {
        return fail('NOT_CREATOR', 'only the creator can remind members');
      }
      if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
      // As sign-ups are: the deadline ends the task whether or not the timer has run yet.
      if (deadlinePassed(task, clock.now())) return fail('DEADLINE_PASSED', 'the deadline has passed');
      const members = task.audience.kind === 'everyone' ? await bindings.roomMembers(task.room.id, REMIND_LIMIT) : [];
      return ok(reminderOf(task, pendingMemberIds(task, members)));
    }),
    renewCard: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      if (!found.ok) return found;
      const allowed = checkRenewal(found.data, caller.member.userId);
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

  const sweep = createTaskTimer({
    tasks,
    syncCard,
    clock,
    log,
    budgetMs: deps.sweepBudgetMs,
    concurrency: deps.timerConcurrency,
    callTimeoutMs: deps.cardSyncTimeoutMs,
  });

  return createChatToolFunction({
    actions: TASK_ACTIONS,
    handlers,
    clock,
    log,
    refusals: (locale) => wordsIn(locale).refusals,
    timer: { run: sweep, triggers },
  });
}

export type GroupTask = ReturnType<typeof createGroupTask>;
