// The only way pages reach the server: the kit's action client (chat-tool-kit createActionClient) over the
// `groupTask` function's table (core/task-actions.ts), one method per action. The client adds the cloudID (and the
// build's envVersion where a request declares it), re-reads the cloudID once when it expired and types every failure.
import { actionMethods, createActionClient, weChat, type ActionMethods, type WeChat } from 'chat-tool-kit';
import type { FailureCode as KitFailureCode, Outcome as KitOutcome } from 'chat-tool-kit';
import type { ErrorCode } from '../core/api';
import { ERROR_CODES, TASK_FUNCTION } from '../core/api';
import type { TaskActions } from '../core/task-actions';
import { TASK_ACTIONS } from '../core/task-actions';

/** Why a call failed: a code of the server's or of the client's (NETWORK, NOT_IN_CHAT, PLATFORM). */
export type FailureCode = KitFailureCode<ErrorCode>;
export type Outcome<T> = KitOutcome<T, ErrorCode>;

/** A method per action of the table (core/task-actions.ts): a new action needs nothing here. */
export type TaskService = ActionMethods<TaskActions, ErrorCode>;

/** `platform` is read on every call, so a platform installed later with useWeChat takes effect. */
export function createTaskService(platform: () => WeChat = weChat, now: () => number = Date.now): TaskService {
  const client = createActionClient<TaskActions, ErrorCode>(TASK_FUNCTION, ERROR_CODES, platform, now);
  return actionMethods(TASK_ACTIONS, client, platform);
}

let current: TaskService | null = null;

/** The service pages use: the cloud function unless a test or the simulator installed another. */
export function taskService(): TaskService {
  // Not `??=` (ES2021): the chat tool ships as written, at ES2020 (docs/platform.md#engines).
  if (current === null) current = createTaskService();
  return current;
}

export function useTaskService(replacement: TaskService | null): void {
  current = replacement;
}
