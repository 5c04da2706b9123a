// The groupTask actions, written against ports only. Identity: the caller's openid from the server
// context, and the room and group_openid the platform resolves from the cloudID string. Every action
// returns an ApiResult; nothing thrown by a store or the platform escapes.
import type { ApiResult as Answer, Handlers } from 'chat-tool-kit';
import { route } from 'chat-tool-kit';
import type { ApiResult } from '../../../packageChatTool/core/api';
import type { CardActivity, CardAnswer, CardSync, SetChatToolMsgBody } from 'chat-tool-kit';
import { cardInSync, cardUpdates, newBinding, VERSION_TYPE } from 'chat-tool-kit';
import { fail, ok } from '../../../packageChatTool/core/result';
import {
  cardTargetOf,
  checkRenewal,
  checkRoom,
  createTask,
  deadlinePassed,
  tickTask,
} from '../../../packageChatTool/core/task';
import type { Member, Room, Task, TaskDraft } from '../../../packageChatTool/core/types';
import { isOneToOneChat } from '../../../packageChatTool/core/types';
import type { TaskActions } from '../../../packageChatTool/core/task-actions';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import { audienceWithout, textsShownToOthers } from '../../../packageChatTool/core/validate';
import type { Viewer } from '../../../packageChatTool/core/view';
import {
  pendingGroupOpenids,
  reminderOf,
  shareOf,
  summarizeListing,
  viewTask,
} from '../../../packageChatTool/core/view';
import type { Clock, OpenData, OpenDataResult, TaskRepository, TextCheck, WeChatPlatform } from './ports';
import { OutcomeUnknownError, PlatformError } from './ports';

export interface GroupTaskDeps {
  tasks: TaskRepository;
  wechat: WeChatPlatform;
  clock: Clock;
  /** A new unique task id ([A-Za-z0-9_-], at most 64 characters). */
  newId(): string;
  /** How long an action waits for setChatToolMsg before answering; the timer retries. */
  cardSyncTimeoutMs: number;
  /** How long createTask waits for WeChat's content check (default CONTENT_CHECK_TIMEOUT_MS). */
  contentCheckTimeoutMs?: number;
  /** Wall time one timer run may spend (default 6 s); the rest waits for the next run. */
  sweepBudgetMs?: number;
  log(message: string, detail?: unknown): void;
}

/** Tasks listed per room or per member; the newest first. */
export const LIST_LIMIT = 50;
/** Room members read for an "everyone" reminder. */
export const REMIND_LIMIT = 500;
/** Tasks one timer run looks at, within SWEEP_BUDGET_MS of wall time. */
export const SWEEP_LIMIT = 100;
export const SWEEP_BUDGET_MS = 6000;
/**
 * msgSecCheck's scene for a task: 3 (论坛, forum), a post the user publishes for a whole group to read; not 1
 * (资料, the user's profile), 2 (评论, a reply to someone else's post) nor 4 (社交日志, a personal feed entry).
 */
export const CONTENT_SCENE: TextCheck['scene'] = 3;
/** How long createTask waits for the content check before refusing with CONTENT_CHECK_FAILED. */
export const CONTENT_CHECK_TIMEOUT_MS = 3000;

/** WeChat's system error (docs/platform.md#error-codes): nothing says whether the call was applied. */
const SYSTEM_ERROR = -1;
/**
 * Refusals of the call itself, before WeChat looks at the card (docs/platform.md#error-codes): cloud call not
 * supported or not permitted, token, capability not granted, malformed JSON, and, over HTTPS, no access token to
 * be had (grant_type, appid, secret, IP whitelist). They say nothing about the card.
 */
const API_REFUSALS = new Set([-604100, -604101, 40001, 42001, 48001, 47001, 40002, 40013, 40125, 40164]);

export interface SweepReport {
  looked: number;
  moved: number;
  cardUpdates: number;
  cardFailures: number;
  /** Store errors; the next run tries again. */
  storeFailures: number;
}

interface Caller {
  room: Room;
  member: Member;
}

const CHAT_TYPES = [1, 2, 3, 4] as const;

/** The chat open data describe, and the caller's group_openid in it when they carry one (getGroupEnterInfo may not). */
function chatOf(data: OpenData): ApiResult<{ room: Room; groupOpenid: string | null }> {
  const chatType = CHAT_TYPES.find((type) => type === data.chat_type);
  const id = chatType !== undefined && isOneToOneChat(chatType) ? data.open_single_roomid : data.opengid;
  if (chatType === undefined || typeof id !== 'string' || id === '') {
    return fail('CLOUD_ID_INVALID', 'the cloudID does not describe a chat (use wx.getChatToolInfo)');
  }
  const groupOpenid = typeof data.group_openid === 'string' && data.group_openid !== '' ? data.group_openid : null;
  return ok({ room: { id, chatType }, groupOpenid });
}

/** Settles like `work`, or with 'timeout' after `ms` (the work itself goes on; its outcome is ignored). */
async function within<T>(work: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

export function createGroupTask(deps: GroupTaskDeps) {
  const { tasks, wechat, clock, log } = deps;
  /** The chat a cloudID names, and the caller in it when it carries their group_openid (bound to them, or refused). */
  async function chatOfCloudId(
    cloudID: string,
    openid: string,
  ): Promise<ApiResult<{ room: Room; member: Member | null }>> {
    let resolved: OpenDataResult;
    try {
      resolved = await wechat.resolveOpenData(cloudID, openid);
    } catch (error) {
      log('getOpenData failed', error);
      return fail('PLATFORM_FAILED', 'WeChat could not resolve the cloudID; try again');
    }
    if (!resolved.ok) return fail(resolved.code, resolved.message);
    const chat = chatOf(resolved.data);
    if (!chat.ok) return chat;
    const { room, groupOpenid } = chat.data;
    if (groupOpenid === null) return ok({ room, member: null });
    const member = { openid, groupOpenid };
    const owner = await tasks.bindMember(room.id, member, clock.now());
    if (owner !== openid) {
      log('refused a group_openid bound to another openid (a replayed cloudID?)', { room: room.id, openid });
      return fail('CLOUD_ID_FOREIGN', 'this chat identity belongs to another user');
    }
    return ok({ room, member });
  }

  async function identify(cloudID: string, openid: string): Promise<ApiResult<Caller>> {
    const chat = await chatOfCloudId(cloudID, openid);
    if (!chat.ok) return chat;
    const { room, member } = chat.data;
    if (member === null)
      return fail('CLOUD_ID_INVALID', 'the cloudID carries no group_openid (use wx.getChatToolInfo)');
    return ok({ room, member });
  }

  /** Records an answer that came after its sync gave up: its place among the card's calls is unknown. */
  function recordLate(task: Task, body: SetChatToolMsgBody): void {
    const late: CardSync = { version: null, answers: [{ body, answer: 'accepted' }] };
    tasks.recordCard(task.id, task.card.activityId, late).catch((error: unknown) => {
      log(`recording a late card answer of task ${task.id} failed`, error);
    });
  }

  /**
   * WeChat's answer to one call. A refusal applied nothing; after a time-out, a system error or a network error
   * the call may still land, so its outcome is unknown.
   */
  async function send(task: Task, body: SetChatToolMsgBody): Promise<CardAnswer> {
    const call = wechat.setChatToolMsg(body);
    try {
      if ((await within(call, deps.cardSyncTimeoutMs)) !== 'timeout') return 'accepted';
      log(`setChatToolMsg timed out for task ${task.id}; its outcome is unknown`);
      call.then(
        () => recordLate(task, body),
        () => undefined,
      );
      return 'unknown';
    } catch (error) {
      log(`setChatToolMsg failed for task ${task.id}`, error instanceof PlatformError ? error.message : error);
      if (!(error instanceof PlatformError) || error.errcode === SYSTEM_ERROR) return 'unknown';
      return API_REFUSALS.has(error.errcode) ? 'failed' : 'refused';
    }
  }

  /**
   * Brings the card in line with the stored task and records what WeChat answered (kit/core/card.ts cardAfter).
   * Best effort: what is left undone or unknown keeps the task on the timer's list.
   */
  async function syncCard(task: Task): Promise<{ task: Task; sent: number; failed: boolean }> {
    const answers: CardSync['answers'] = [];
    for (const body of cardUpdates(task.card, cardTargetOf(task), clock.now())) {
      const answer = await send(task, body);
      answers.push({ body, answer });
      if (answer !== 'accepted') break;
    }
    const sent = answers.filter(({ answer }) => answer === 'accepted').length;
    const failed = answers.some(({ answer }) => answer !== 'accepted');
    try {
      const sync = { version: task.card.shown.version, answers };
      const recorded = await tasks.recordCard(task.id, task.card.activityId, sync);
      if (recorded === null) return { task, sent, failed };
      // A refused end that proves an earlier one landed leaves the card in sync: an answer, not a failure.
      return { task: recorded, sent, failed: failed && !cardInSync(recorded.card, cardTargetOf(recorded)) };
    } catch (error) {
      log(`recording the card of task ${task.id} failed`, error);
      return { task, sent, failed: true };
    }
  }

  /** A new activity_id, or PLATFORM_FAILED with `refusal`, which tells the user what was kept. */
  async function newActivity(refusal: string): Promise<ApiResult<CardActivity>> {
    try {
      return ok(await wechat.createActivityId());
    } catch (error) {
      log('createActivityId failed', error);
      return fail('PLATFORM_FAILED', refusal);
    }
  }

  /**
   * WeChat's content check on every text of the draft the chat will see, before anything is stored. 'review'
   * is refused too: the card shows the text to the whole chat at once and the starter has no human review
   * queue (docs/backend.md, "Content check").
   */
  async function checkContent(draft: TaskDraft, openid: string): Promise<ApiResult<null>> {
    const check = { openid, scene: CONTENT_SCENE, title: draft.title, content: textsShownToOthers(draft).join('\n') };
    let answer: Awaited<ReturnType<WeChatPlatform['checkText']>> | 'timeout';
    try {
      answer = await within(wechat.checkText(check), deps.contentCheckTimeoutMs ?? CONTENT_CHECK_TIMEOUT_MS);
    } catch (error) {
      log('msgSecCheck failed', error instanceof PlatformError ? error.message : error);
      return fail('CONTENT_CHECK_FAILED', 'WeChat could not check the text; nothing was saved');
    }
    if (answer === 'timeout') {
      log('msgSecCheck timed out');
      return fail('CONTENT_CHECK_FAILED', 'WeChat did not check the text in time; nothing was saved');
    }
    if (answer.verdict === 'pass') return ok(null);
    log(`msgSecCheck answered ${answer.verdict}`, { openid, traceId: answer.traceId });
    return answer.verdict === 'risky'
      ? fail('CONTENT_RISKY', "WeChat's content check refused the text; nothing was saved")
      : fail('CONTENT_REVIEW', "WeChat's content check flagged the text for review; nothing was saved");
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
      const caller = await identify(request.cloudID, openid);
      return caller.ok ? handler(request, caller.data) : caller;
    };

  const show = (task: Task, caller: Caller) => viewTask(task, viewerOf(caller), clock.now());

  /** Each action of the table (core/task-actions.ts), answered for the caller's openid from the server context. */
  const handlers: Handlers<TaskActions, string> = {
    resolveChat: async ({ cloudID }, openid) => {
      const chat = await chatOfCloudId(cloudID, openid);
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
      const checked = await checkContent(request.task, caller.member.openid);
      if (!checked.ok) return checked;
      const activity = await newActivity('WeChat did not create the card; nothing was saved');
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
      const members = task.audience.kind === 'everyone' ? await tasks.roomMembers(task.room.id, REMIND_LIMIT) : [];
      return ok(reminderOf(task, pendingGroupOpenids(task, members)));
    }),
    renewCard: asCaller(async (request, caller) => {
      const found = await taskInRoom(request.taskId, caller.room);
      if (!found.ok) return found;
      const allowed = checkRenewal(found.data, caller.member.openid);
      if (!allowed.ok) return allowed;
      // Every re-send is a new card with a new activity_id (docs/platform.md#second-share-of-one-activity_id).
      const activity = await newActivity('WeChat did not create a new card; the current one is unchanged');
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

  return {
    /** One call from the chat tool: `event` is untrusted, `openid` comes from the server context. */
    async handle(event: unknown, openid: string): Promise<Answer<unknown>> {
      try {
        return await route(TASK_ACTIONS, handlers, event, clock.now(), openid);
      } catch (error) {
        log('groupTask failed', error);
        // A write that may have landed is never reported as one that changed nothing.
        if (error instanceof OutcomeUnknownError) return fail('OUTCOME_UNKNOWN', error.message);
        return fail('INTERNAL', 'the service failed');
      }
    },

    /** The timer: deadlines move tasks to closing soon / ended; lagging cards are retried. Idempotent. */
    async sweep(): Promise<SweepReport> {
      const now = clock.now();
      const report: SweepReport = { looked: 0, moved: 0, cardUpdates: 0, cardFailures: 0, storeFailures: 0 };
      let due: string[];
      try {
        due = await tasks.dueForTimer(now, SWEEP_LIMIT);
      } catch (error) {
        log('timer could not list due tasks', error);
        return { ...report, storeFailures: 1 };
      }
      // Wall time, not the business clock: the function must answer before its own timeout.
      const stopAt = Date.now() + (deps.sweepBudgetMs ?? SWEEP_BUDGET_MS);
      for (const taskId of due) {
        if (Date.now() >= stopAt) break;
        report.looked += 1;
        try {
          await tasks.markSwept(taskId, now);
          let task = await tasks.get(taskId);
          if (task === null) continue;
          if (tickTask(task, now) !== null) {
            const moved = await tasks.tick(task.id, now);
            if (moved !== null) {
              report.moved += 1;
              task = moved;
            }
          }
          const synced = await syncCard(task);
          report.cardUpdates += synced.sent;
          if (synced.failed) report.cardFailures += 1;
        } catch (error) {
          log(`timer failed on task ${taskId}`, error);
          report.storeFailures += 1;
        }
      }
      return report;
    },
  };
}

export type GroupTask = ReturnType<typeof createGroupTask>;

/**
 * Routes one function invocation. A mini program call always carries OPENID and goes to handle();
 * timer triggers carry none and run the sweep. A client therefore cannot start a sweep (its OPENID routes
 * it to handle(), which refuses the timer's shape), and the sweep is idempotent anyway.
 */
export async function dispatch(groupTask: GroupTask, event: unknown, openid: string): Promise<unknown> {
  if (openid !== '') return groupTask.handle(withoutPlatformFields(event), openid);
  if (isTimerEvent(event)) return groupTask.sweep();
  return fail('INVALID_REQUEST', 'no caller identity');
}

/** CloudBase timer events look like { Type: 'Timer', TriggerName, Time }. */
function isTimerEvent(event: unknown): boolean {
  return typeof event === 'object' && event !== null && 'Type' in event && event.Type === 'Timer';
}

/** WeChat adds `userInfo` ({appId, openId}) to client events; identity comes from getWXContext instead. */
function withoutPlatformFields(event: unknown): unknown {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return event;
  return Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'userInfo'));
}
