// The only way a chat tool's pages reach its cloud function: typed calls derived from the tool's action table
// (actionMethods reads which actions it has and what each request declares; the server alone validates). Every call carries a fresh cloudID from
// wx.getChatToolInfo so the server derives the room and the caller's group_openid itself; an expired cloudID is
// re-read once and the call retried. The member ticket the server last answered goes with every call in the chat, so an
// instance that has not seen the user need not read who they are (kit/server/member-tickets.ts). Every call names the
// language WeChat runs in, which the server words its answers in (LOCALE_FIELD).
import type { ActionTable, RequestOf, ResponseOf } from '../core/action-table';
import { KIT_ERROR_CODES, LOCALE_FIELD, MEMBER_TICKET_FIELD, type ApiResult, type KitErrorCode } from '../core/result';
import { failed, succeed, type Outcome } from './failure';
import { currentLocale } from './i18n';
import { weChat, type WeChat } from './wechat';

/** A cloudID is valid 5 minutes (docs/platform.md, "cloudID and getOpenData"); reuse it for 4 to save a round trip. */
export const CLOUD_ID_REUSE_MS = 4 * 60 * 1000;

const RETRY_WITH_NEW_CLOUD_ID: ReadonlySet<string> = new Set<KitErrorCode>([
  'CHAT_PROOF_EXPIRED',
  'CHAT_PROOF_INVALID',
]);

/** What a page passes for action `A`: its request without the chat proof, which the client adds itself. */
export type ActionBody<T extends ActionTable, A extends keyof T> = Omit<RequestOf<T, A>, 'chatProof'>;

/** The answer to action `A`: its response, or a code of the server's (`C` and the kit's) or of the client's. */
export type ActionOutcome<T extends ActionTable, A extends keyof T, C extends string> = Promise<
  Outcome<ResponseOf<T, A>, C | KitErrorCode>
>;

export interface ActionClient<T extends ActionTable, C extends string> {
  /** Calls `action` as the user in the chat the tool is open in (NOT_IN_CHAT outside one). */
  call<A extends keyof T & string>(action: A, body: ActionBody<T, A>): ActionOutcome<T, A, C>;
  /** Calls an action whose request carries no chat proof: it works outside a chat too. */
  callOutsideChat<A extends keyof T & string>(action: A, body: RequestOf<T, A>): ActionOutcome<T, A, C>;
}

/**
 * A client of the cloud function `functionName`, whose table is `T` and whose own error codes are `errorCodes`
 * (the kit's are always known). An answer that is no ApiResult, or carries a code neither knows, is INTERNAL.
 * `platform` is read on every call, so a platform installed later with useWeChat takes effect.
 */
export function createActionClient<T extends ActionTable, C extends string>(
  functionName: string,
  errorCodes: readonly C[],
  platform: () => WeChat = weChat,
  now: () => number = Date.now,
): ActionClient<T, C> {
  const known: ReadonlySet<unknown> = new Set<string>([...KIT_ERROR_CODES, ...errorCodes]);
  let cached: { cloudID: string; at: number } | null = null;
  let ticket: string | null = null;

  function isApiResult(value: unknown): value is ApiResult<unknown, C | KitErrorCode> {
    if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
    if (value.ok === true) return 'data' in value;
    if (value.ok !== false || !('error' in value)) return false;
    const { error } = value;
    if (typeof error !== 'object' || error === null || !('code' in error) || !known.has(error.code)) return false;
    return !('text' in error) || typeof error.text === 'string';
  }

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

  async function send<A extends keyof T & string>(action: A, request: object): ActionOutcome<T, A, C> {
    let result: unknown;
    try {
      const data = { action, [LOCALE_FIELD]: currentLocale(platform), ...request };
      result = await platform().callFunction(functionName, data);
    } catch {
      return failed('NETWORK');
    }
    if (!isApiResult(result)) return failed('INTERNAL');
    if (MEMBER_TICKET_FIELD in result && typeof result[MEMBER_TICKET_FIELD] === 'string') {
      ticket = result[MEMBER_TICKET_FIELD];
    }
    // The one trust in the server's shape: the handler of `action` answers ResponseOf<T, A> (the action table
    // makes it), and the client carries no schema to check it again.
    return result.ok ? succeed(result.data as ResponseOf<T, A>) : failed(result.error.code, result.error.text);
  }

  async function sendInChat<A extends keyof T & string>(
    action: A,
    body: ActionBody<T, A>,
    fresh: boolean,
  ): ActionOutcome<T, A, C> {
    const id = await cloudID(fresh);
    if (id === null) return failed('NOT_IN_CHAT');
    return send(action, { chatProof: id, ...(ticket === null ? {} : { [MEMBER_TICKET_FIELD]: ticket }), ...body });
  }

  return {
    call: async (action, body) => {
      const first = await sendInChat(action, body, false);
      if (first.ok || !RETRY_WITH_NEW_CLOUD_ID.has(first.code)) return first;
      return sendInChat(action, body, true);
    },
    callOutsideChat: (action, body) => send(action, body),
  };
}

/** What a page sends for action `A`: its request without what the client fills in (chatProof, envVersion). */
export type PageBody<T extends ActionTable, A extends keyof T> = Omit<RequestOf<T, A>, 'chatProof' | 'envVersion'>;

/** One method per action of a table, each taking what a page sends and answering that action's outcome. */
export type ActionMethods<T extends ActionTable, C extends string> = {
  [A in keyof T & string]: (body: PageBody<T, A>) => ActionOutcome<T, A, C>;
};

/** The actions of `T` whose request declares `field`. */
type Declaring<T extends ActionTable, F extends string> = {
  [A in keyof T & string]: F extends keyof T[A]['request'] ? A : never;
}[keyof T & string];

/**
 * All a client needs of a table: the actions whose request declares envVersion, and those that carry no chat proof
 * (sent outside a chat too). The types hold it to the table: one action more or fewer fails to compile, so a tool
 * can declare it without loading the table's field parsers into its package (docs/pages.md, "Size").
 */
export type RequestShapes<T extends ActionTable> = {
  envVersion: Record<Declaring<T, 'envVersion'>, true>;
} & OutsideChat<Exclude<keyof T & string, Declaring<T, 'chatProof'>>>;

/** The actions sent outside a chat; a table whose every action carries a chat proof may leave them out. */
type OutsideChat<A extends string> = [A] extends [never]
  ? { outsideChat?: Record<A, true> }
  : { outsideChat: Record<A, true> };

/** The request shapes, read from the table itself. */
export function shapesOf<T extends ActionTable>(table: T): RequestShapes<T> {
  const envVersion: Record<string, true> = {};
  const outsideChat: Record<string, true> = {};
  for (const action of Object.keys(table)) {
    const { request } = table[action]!;
    if ('envVersion' in request) envVersion[action] = true;
    if (!('chatProof' in request)) outsideChat[action] = true;
  }
  // Built from the table's own declarations, which is what RequestShapes<T> describes.
  return { envVersion, outsideChat } as RequestShapes<T>;
}

/**
 * A method for every action of a table whose requests are shaped as `shapes` says (a new action needs no client
 * code): the client adds the chat proof where the request carries one (NOT_IN_CHAT outside a chat) and the build's
 * envVersion where it declares that, which the server turns into the card's version_type. A method is made on first
 * use and kept, so a page (or a test's spy) reads the same one every time.
 */
export function methodsOf<T extends ActionTable, C extends string>(
  shapes: RequestShapes<T>,
  client: ActionClient<T, C>,
  platform: () => WeChat,
): ActionMethods<T, C> {
  const method = (action: keyof T & string) => (body: object) => {
    const sent = action in shapes.envVersion ? { ...body, envVersion: platform().envVersion() } : body;
    // Each body is that action's PageBody (ActionMethods' type), completed above as its request declares.
    return action in (shapes.outsideChat ?? {})
      ? client.callOutsideChat(action, sent as never)
      : client.call(action, sent as never);
  };
  // `then` is no action: `await` and an async return read it to tell a promise, and must find none.
  return new Proxy({} as Record<string, unknown>, {
    get: (methods, action) =>
      typeof action !== 'string' || action === 'then'
        ? undefined
        : (methods[action] ?? (methods[action] = method(action))),
  }) as ActionMethods<T, C>;
}

/** A method for every action of `table`: methodsOf, with the shapes read from the table. */
export function actionMethods<T extends ActionTable, C extends string>(
  table: T,
  client: ActionClient<T, C>,
  platform: () => WeChat = weChat,
): ActionMethods<T, C> {
  const methods = methodsOf(shapesOf(table), client, platform);
  // Made now, so that the methods are listed (Object.keys) as the table's actions.
  for (const action of Object.keys(table)) void methods[action as keyof T & string];
  return methods;
}
