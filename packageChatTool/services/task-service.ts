// The only way pages reach the server: the kit's action client (chat-tool-kit createActionClient) over the
// `groupTask` function's table (core/task-actions.ts), one method per action. The client adds the chatProof (and the
// build's envVersion where a request declares it), re-reads the chatProof once when it expired and types every failure.
// The table itself is the server's: loading it would ship every field parser (core/task-fields.ts) to the client,
// which sends requests but never checks them. The client needs only what its calls add, and the compiler holds that
// to the table (docs/pages.md, "Size").
import { createActionClient, weChat, type ActionMethods, type WeChat } from 'chat-tool-kit';
import type { Failure as KitFailure, Outcome as KitOutcome } from 'chat-tool-kit';
import type { ErrorCode } from '../core/api';
import { ERROR_CODES, TASK_FUNCTION } from '../core/api';
import type { ActionName, TaskActions } from '../core/task-actions';

export type Outcome<T> = KitOutcome<T, ErrorCode>;
/** A failed call as a page words it: its code, and the server's words when it answered some. */
export type Failure = Pick<KitFailure<ErrorCode>, 'code' | 'text'>;

/** A method per action of the table (core/task-actions.ts): a new action needs nothing here. */
export type TaskService = ActionMethods<TaskActions, ErrorCode>;

/** The actions whose request declares `field`. */
type Declaring<F extends string> = {
  [A in ActionName]: F extends keyof TaskActions[A]['request'] ? A : never;
}[ActionName];

/** Exactly the actions whose request declares envVersion: one more or one fewer fails to compile. */
const SENDS_ENV_VERSION: Record<Declaring<'envVersion'>, true> = { createTask: true, renewCard: true };
/** Exactly the actions whose request carries no chatProof (none yet): they are sent outside a chat too. */
const OUTSIDE_CHAT: Record<Exclude<ActionName, Declaring<'chatProof'>>, true> = {};

/** `platform` is read on every call, so a platform installed later with useWeChat takes effect. */
export function createTaskService(platform: () => WeChat = weChat, now: () => number = Date.now): TaskService {
  const client = createActionClient<TaskActions, ErrorCode>(TASK_FUNCTION, ERROR_CODES, platform, now);
  const method = (action: ActionName) => (body: object) => {
    const sent = action in SENDS_ENV_VERSION ? { ...body, envVersion: platform().envVersion() } : body;
    // Each body is that action's PageBody (TaskService's type), completed above as its request declares.
    return action in OUTSIDE_CHAT ? client.callOutsideChat(action, sent as never) : client.call(action, sent as never);
  };
  // A method is made on first use and kept, so a page (or a test's spy) reads the same one every time. `then` is
  // no action: `await` and an async return read it to tell a promise, and must find none.
  const methods: Record<string, unknown> = {};
  return new Proxy(methods, {
    get: (made, action) => {
      if (typeof action !== 'string' || action === 'then') return undefined;
      if (!(action in made)) made[action] = method(action as ActionName);
      return made[action];
    },
  }) as TaskService;
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
