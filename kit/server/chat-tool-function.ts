// The shell of every chat tool's cloud function: one invocation → the tool's handler through its action table, or
// the tool's timer. Whatever a handler throws becomes a typed answer: OUTCOME_UNKNOWN after a write that may have
// landed (the client re-reads), INTERNAL otherwise; nothing escapes to the client as an exception.
import type { ActionTable, Handlers } from '../core/action-table';
import { isRecord, route } from '../core/action-table';
import type { Locale } from '../core/locale';
import { localeIn } from '../core/locale';
import type { ApiResult, KitErrorCode } from '../core/result';
import { fail, LOCALE_FIELD, MEMBER_TICKET_FIELD } from '../core/result';
import { exchangeTickets } from './member-tickets';
import type { Clock, Log } from './ports';
import { OutcomeUnknownError } from './ports';

export interface ChatToolFunctionOptions<T extends ActionTable, R> {
  /** The tool's action table (core/action-table.ts): what a client may call, and how each request parses. */
  actions: T;
  /** One handler per action, given the parsed request and the call: who calls, in which language. */
  handlers: Handlers<T, Call>;
  clock: Clock;
  log: Log;
  /**
   * The tool's words for each code it may refuse with, in a language: a refusal then carries its text in the
   * caller's language (ApiError.text), and the client needs texts only for failures that happen without the server.
   */
  refusals?: (locale: Locale) => Readonly<Record<string, string>>;
  /**
   * What a timer trigger runs (e.g. a sweep over due records, sweep.ts), and the triggers the function's config.json
   * declares: only a timer event naming one of its timers runs it. Without a timer every timer event is refused.
   */
  timer?: { run: () => Promise<R>; triggers: readonly FunctionTrigger[] };
}

/** A trigger as a cloud function's config.json declares it (CloudBase's format; `config` is a timer's cron). */
export interface FunctionTrigger {
  name: string;
  type: string;
  config: string;
}

/** What a handler knows of a call besides its request. */
export interface Call {
  /** The caller, from the server context (never from the request). */
  userId: string;
  /** The language the caller's WeChat runs in (LOCALE_FIELD), for whatever the answer words. */
  locale: Locale;
}

/** An answer, with the member ticket the caller's client presents from now on when the call issued one. */
export type Answer<T> = ApiResult<T> & { [MEMBER_TICKET_FIELD]?: string };

export interface ChatToolFunction<R> {
  /**
   * One call from the chat tool: `event` is untrusted, `userId` comes from the server context. The member ticket
   * and the language beside the request's fields are taken off before the action table parses them
   * (member-tickets.ts, LOCALE_FIELD); the language goes to the handler (a missing or unknown one: localeIn).
   */
  handle(event: unknown, userId: string): Promise<Answer<unknown>>;
  /** The timer's run; INVALID_REQUEST when the tool has no timer. */
  sweep(): Promise<R | ApiResult<never, KitErrorCode>>;
  /**
   * Routes one invocation. A mini program call always carries OPENID and goes to handle(); a timer trigger carries
   * none, and runs the timer when its TriggerName is a timer the function's config.json declares. A client therefore
   * cannot start a timer run (its OPENID routes it to handle(), which refuses the timer's shape), and neither can
   * an event without identity that merely looks like a timer's (the function has no HTTP trigger: docs/backend.md,
   * "Deploy"); anything else is refused.
   */
  main(event: unknown, userId: string): Promise<unknown>;
}

/** CloudBase timer events look like { Type: 'Timer', TriggerName, Time } (docs/platform.md, "Timer triggers"). */
const isTimerEvent = (event: unknown, timers: ReadonlySet<string>): boolean =>
  isRecord(event) && event.Type === 'Timer' && typeof event.TriggerName === 'string' && timers.has(event.TriggerName);

/** WeChat adds `userInfo` ({appId, openId}) to client events; identity comes from getWXContext instead. */
function withoutPlatformFields(event: unknown): unknown {
  if (!isRecord(event)) return event;
  return Object.fromEntries(Object.entries(event).filter(([key]) => key !== 'userInfo'));
}

/** The member ticket and the language beside a request's fields, and the request without them. */
function callFieldsOf(event: unknown): { ticket: unknown; locale: Locale; request: unknown } {
  if (!isRecord(event)) return { ticket: undefined, locale: localeIn(undefined), request: event };
  const { [MEMBER_TICKET_FIELD]: ticket, [LOCALE_FIELD]: locale, ...request } = event;
  return { ticket, locale: localeIn(locale), request };
}

export function createChatToolFunction<T extends ActionTable, R = never>(
  options: ChatToolFunctionOptions<T, R>,
): ChatToolFunction<R> {
  const { actions, handlers, clock, log, timer, refusals } = options;
  const timers = new Set(
    (timer?.triggers ?? []).filter((trigger) => trigger.type === 'timer').map((trigger) => trigger.name),
  );

  async function answer(request: unknown, call: Call): Promise<ApiResult<unknown>> {
    try {
      return await route(actions, handlers, request, clock.now(), call);
    } catch (error) {
      log('an action failed', error);
      // A write that may have landed is never reported as one that changed nothing.
      if (error instanceof OutcomeUnknownError) return fail('OUTCOME_UNKNOWN', error.message);
      return fail('INTERNAL', 'the service failed');
    }
  }

  /** A refusal in the caller's words, when the tool words its refusals and has a text for the code. */
  function worded(result: ApiResult<unknown>, locale: Locale): ApiResult<unknown> {
    const text = result.ok ? undefined : refusals?.(locale)[result.error.code];
    return result.ok || text === undefined ? result : { ...result, error: { ...result.error, text } };
  }

  async function handle(event: unknown, userId: string): Promise<Answer<unknown>> {
    const { ticket, locale, request } = callFieldsOf(event);
    const exchanged = await exchangeTickets(ticket, async () =>
      worded(await answer(request, { userId, locale }), locale),
    );
    const { result, issued } = exchanged;
    return issued === null ? result : { ...result, [MEMBER_TICKET_FIELD]: issued };
  }

  async function sweep(): Promise<R | ApiResult<never, KitErrorCode>> {
    if (timer === undefined) return fail('INVALID_REQUEST', 'this function has no timer');
    try {
      return await timer.run();
    } catch (error) {
      log('the timer failed', error);
      return fail('INTERNAL', 'the timer failed');
    }
  }

  return {
    handle,
    sweep,
    async main(event, userId) {
      if (userId !== '') return handle(withoutPlatformFields(event), userId);
      if (isTimerEvent(event, timers)) return sweep();
      return fail('INVALID_REQUEST', 'no caller identity');
    },
  };
}
