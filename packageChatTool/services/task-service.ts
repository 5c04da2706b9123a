// The only way pages reach the server: typed calls to the `groupTask` cloud function, derived from its action
// table (core/task-actions.ts, imported for its types only: the chat tool carries no validator). Every call
// carries a fresh cloudID from wx.getChatToolInfo so the server derives the room and the caller's group_openid
// itself; an expired cloudID is re-read once and the call retried.
import type { ApiResult, ErrorCode } from '../core/api';
import { ERROR_CODES, TASK_FUNCTION } from '../core/api';
import type { ActionName, TaskRequest, TaskResponse } from '../core/task-actions';
import type { WeChat } from '../platform/wechat';
import { weChat } from '../platform/wechat';
import { fail, succeed, type Outcome } from './failure';

/** What a page passes for action `A`: its request without the cloudID, which the service adds itself. */
type Arguments<A extends ActionName> = Omit<TaskRequest<A>, 'cloudID'>;
type Answer<A extends ActionName> = Promise<Outcome<TaskResponse<A>>>;
type TaskId = TaskRequest<'getTask'>['taskId'];

export interface TaskService {
  /** The chat the tool is open in: its room and its type (one-to-one or group). */
  chat(): Answer<'resolveChat'>;
  listRoomTasks(): Answer<'listRoomTasks'>;
  getTask(taskId: TaskId): Answer<'getTask'>;
  createTask(task: TaskRequest<'createTask'>['task']): Answer<'createTask'>;
  join(taskId: TaskId): Answer<'join'>;
  leave(taskId: TaskId): Answer<'leave'>;
  pendingMembers(taskId: TaskId): Answer<'pendingMembers'>;
  markClosingSoon(taskId: TaskId): Answer<'markClosingSoon'>;
  endTask(taskId: TaskId): Answer<'endTask'>;
  renewCard(taskId: TaskId): Answer<'renewCard'>;
}

/** A cloudID is valid 5 minutes (docs/platform.md, "cloudID and getOpenData"); reuse it for 4 to save a round trip. */
export const CLOUD_ID_REUSE_MS = 4 * 60 * 1000;

const RETRY_WITH_NEW_CLOUD_ID: ReadonlySet<ErrorCode> = new Set(['CLOUD_ID_EXPIRED', 'CLOUD_ID_INVALID']);

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const { error } = value;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    (ERROR_CODES as readonly unknown[]).includes(error.code)
  );
}

/** `platform` is read on every call, so a platform installed later with useWeChat takes effect. */
export function createTaskService(platform: () => WeChat = weChat, now: () => number = Date.now): TaskService {
  let cached: { cloudID: string; at: number } | null = null;

  async function cloudID(fresh: boolean): Promise<string | null> {
    if (!fresh && cached && now() - cached.at < CLOUD_ID_REUSE_MS) return cached.cloudID;
    try {
      const info = await platform().chatToolInfo();
      cached = { cloudID: info.cloudID, at: now() };
      return info.cloudID;
    } catch {
      cached = null;
      return null;
    }
  }

  async function send<A extends ActionName>(action: A, body: Arguments<A>, fresh: boolean): Answer<A> {
    const id = await cloudID(fresh);
    if (id === null) return fail('NOT_IN_CHAT');
    let result: unknown;
    try {
      result = await platform().callFunction(TASK_FUNCTION, { action, cloudID: id, ...body });
    } catch {
      return fail('NETWORK');
    }
    if (!isApiResult(result)) return fail('INTERNAL');
    // The one trust in the server's shape: the handler of `action` answers TaskResponse<A> (the action table
    // makes it), and the client carries no schema to check it again.
    return result.ok ? succeed(result.data as TaskResponse<A>) : fail(result.error.code);
  }

  async function call<A extends ActionName>(action: A, body: Arguments<A>): Answer<A> {
    const first = await send(action, body, false);
    if (first.ok || !RETRY_WITH_NEW_CLOUD_ID.has(first.code as ErrorCode)) return first;
    return send(action, body, true);
  }

  return {
    chat: () => call('resolveChat', {}),
    listRoomTasks: () => call('listRoomTasks', {}),
    getTask: (taskId) => call('getTask', { taskId }),
    createTask: (task) => call('createTask', { envVersion: platform().envVersion(), task }),
    join: (taskId) => call('join', { taskId }),
    leave: (taskId) => call('leave', { taskId }),
    pendingMembers: (taskId) => call('pendingMembers', { taskId }),
    markClosingSoon: (taskId) => call('markClosingSoon', { taskId }),
    endTask: (taskId) => call('endTask', { taskId }),
    renewCard: (taskId) => call('renewCard', { taskId, envVersion: platform().envVersion() }),
  };
}

let current: TaskService | null = null;

/** The service pages use: the cloud function unless a test or the simulator installed another. */
export function taskService(): TaskService {
  current ??= createTaskService();
  return current;
}

export function useTaskService(replacement: TaskService | null): void {
  current = replacement;
}
