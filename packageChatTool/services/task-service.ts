// The only way pages reach the server: the kit's action client (chat-tool-kit createActionClient) over the
// `groupTask` function's table (core/task-actions.ts, imported for its types only: the chat tool carries no
// validator). The client adds the cloudID, re-reads it once when it expired and types every failure.
import { createActionClient, weChat, type ActionOutcome, type WeChat } from 'chat-tool-kit';
import type { FailureCode as KitFailureCode, Outcome as KitOutcome } from 'chat-tool-kit';
import type { ErrorCode } from '../core/api';
import { ERROR_CODES, TASK_FUNCTION } from '../core/api';
import type { ActionName, TaskActions, TaskRequest } from '../core/task-actions';

/** Why a call failed: a code of the server's or of the client's (NETWORK, NOT_IN_CHAT, PLATFORM). */
export type FailureCode = KitFailureCode<ErrorCode>;
export type Outcome<T> = KitOutcome<T, ErrorCode>;

type Answer<A extends ActionName> = ActionOutcome<TaskActions, A, ErrorCode>;
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

/** `platform` is read on every call, so a platform installed later with useWeChat takes effect. */
export function createTaskService(platform: () => WeChat = weChat, now: () => number = Date.now): TaskService {
  const { call } = createActionClient<TaskActions, ErrorCode>(TASK_FUNCTION, ERROR_CODES, platform, now);
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
