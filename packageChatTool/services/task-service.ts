// The only way pages reach the server: the kit's action client (chat-tool-kit createActionClient) over the
// `groupTask` function's table (core/task-actions.ts), one method per action. The client adds the chatProof (and the
// build's envVersion where a request declares it), re-reads the chatProof once when it expired and types every failure.
// The table itself is the server's: loading it would ship every field parser (core/task-fields.ts) to the client,
// which sends requests but never checks them. The client needs only what its calls add, and the compiler holds that
// to the table (docs/pages.md, "Size").
import {
  createActionClient,
  methodsOf,
  weChat,
  type ActionMethods,
  type RequestShapes,
  type WeChat,
} from 'chat-tool-kit';
import type { Failure as KitFailure, Outcome as KitOutcome } from 'chat-tool-kit';
import type { ErrorCode } from '../core/api';
import { ERROR_CODES, TASK_FUNCTION } from '../core/api';
import type { TaskActions } from '../core/task-actions';

export type Outcome<T> = KitOutcome<T, ErrorCode>;
/** A failed call as a page words it: its code, and the server's words when it answered some. */
export type Failure = Pick<KitFailure<ErrorCode>, 'code' | 'text'>;

/** A method per action of the table (core/task-actions.ts): a new action needs nothing here. */
export type TaskService = ActionMethods<TaskActions, ErrorCode>;

/** Exactly what the client adds to which request (one action more or fewer fails to compile): see above. */
const SHAPES: RequestShapes<TaskActions> = { envVersion: { createTask: true, renewCard: true } };

/** `platform` is read on every call, so a platform installed later with useWeChat takes effect. */
export function createTaskService(platform: () => WeChat = weChat): TaskService {
  return methodsOf(SHAPES, createActionClient<TaskActions, ErrorCode>(TASK_FUNCTION, ERROR_CODES, platform), platform);
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
