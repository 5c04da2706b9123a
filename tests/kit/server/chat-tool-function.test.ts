// The function shell: routing through the tool's action table, typed answers for whatever a handler throws, and
// the split between client calls (they carry OPENID) and timer triggers (they carry none).
import type { Field, Handlers, Locale } from 'chat-tool-kit';
import { DEFAULT_LOCALE, fail, ok, returns } from 'chat-tool-kit';
import { createChatToolFunction, type Call } from '../../../kit/server/chat-tool-function';
import { currentExchange } from '../../../kit/server/member-tickets';
import { OutcomeUnknownError } from '../../../kit/server/ports';

const text: Field<string> = (value) =>
  typeof value === 'string' ? ok(value) : fail('INVALID_REQUEST', 'text must be a string');

/** As a function's config.json declares them: one timer, and a trigger of another kind. */
const TRIGGERS = [
  { name: 'sweep', type: 'timer', config: '0 * * * * * *' },
  { name: 'web', type: 'http', config: '' },
];

const ACTIONS = {
  echo: { request: { text }, response: returns<{ text: string; userId: string }>() },
  speak: { request: {}, response: returns<Locale>() },
  ticket: { request: {}, response: returns<unknown>() },
  explode: { request: {}, response: returns<null>() },
};

describe('kit function shell', () => {
  let thrown: unknown;
  let logged: string[];
  let timerRuns: number;
  const handlers: Handlers<typeof ACTIONS, Call> = {
    echo: async ({ text: said }, { userId }) => ok({ text: said, userId }),
    speak: async (_, { locale }) => ok(locale),
    // As identity does: reads the presented ticket, answers a new one.
    ticket: async () => {
      const exchange = currentExchange()!;
      exchange.issued = 'new';
      return ok(exchange.presented);
    },
    explode: async () => {
      throw thrown;
    },
  };
  const make = (withTimer = true) =>
    createChatToolFunction({
      actions: ACTIONS,
      handlers,
      clock: { now: () => 0 },
      log: (message) => logged.push(message),
      timer: withTimer
        ? {
            run: async () => {
              timerRuns += 1;
              return { looked: timerRuns };
            },
            triggers: TRIGGERS,
          }
        : undefined,
    });

  beforeEach(() => {
    thrown = new Error('disk on fire');
    logged = [];
    timerRuns = 0;
  });

  it("routes a call to its handler with the caller's userId, without WeChat's userInfo", async () => {
    const event = { action: 'echo', text: 'hi', userInfo: { appId: 'wx1', openId: 'oForged' } };
    expect(await make().main(event, 'oAlice')).toEqual({ ok: true, data: { text: 'hi', userId: 'oAlice' } });
    expect(await make().handle({ action: 'echo', text: 'hi' }, 'oBob')).toEqual({
      ok: true,
      data: { text: 'hi', userId: 'oBob' },
    });
  });

  it('takes the member ticket off the request before the table parses it, and answers the one the call issued', async () => {
    expect(await make().main({ action: 'echo', text: 'hi', memberTicket: 'old' }, 'oAlice')).toEqual({
      ok: true,
      data: { text: 'hi', userId: 'oAlice' },
    });
    expect(await make().main({ action: 'ticket', memberTicket: 'old' }, 'oAlice')).toEqual({
      ok: true,
      data: 'old',
      memberTicket: 'new',
    });
    expect(await make().main({ action: 'ticket' }, 'oAlice')).toEqual({
      ok: true,
      data: undefined,
      memberTicket: 'new',
    });
  });

  it("takes the caller's language off the request before the table parses it, and hands it to the handler", async () => {
    const spoken = async (event: object) =>
      ((await make().main({ action: 'speak', ...event }, 'oAlice')) as { data: Locale }).data;
    expect(await spoken({ locale: 'en' })).toBe('en');
    expect(await spoken({ locale: 'zh-CN' })).toBe('zh-CN');
    // As the kit's localeOf reads a language: any zh* is Chinese, anything else English.
    expect(await spoken({ locale: 'zh_TW' })).toBe('zh-CN');
    expect(await spoken({ locale: 'fr' })).toBe('en');
    // Missing or not a text: DEFAULT_LOCALE, never an error.
    expect(await spoken({})).toBe(DEFAULT_LOCALE);
    expect(await spoken({ locale: 7 })).toBe(DEFAULT_LOCALE);
    expect(DEFAULT_LOCALE).toBe('zh-CN');
    expect(await make().main({ action: 'echo', text: 'hi', locale: 'en', memberTicket: 'old' }, 'oAlice')).toEqual({
      ok: true,
      data: { text: 'hi', userId: 'oAlice' },
    });
  });

  it("words a refusal in the caller's language when the tool words its refusals, and only then", async () => {
    const worded = createChatToolFunction({
      actions: ACTIONS,
      handlers,
      clock: { now: () => 0 },
      log: () => undefined,
      refusals: (locale) => ({ UNKNOWN_ACTION: locale === 'en' ? 'Reopen the tool' : '请重新打开' }),
    });
    expect(await worded.main({ action: 'nope', locale: 'en' }, 'oAlice')).toMatchObject({
      error: { code: 'UNKNOWN_ACTION', text: 'Reopen the tool' },
    });
    expect(await worded.main({ action: 'nope' }, 'oAlice')).toMatchObject({
      error: { code: 'UNKNOWN_ACTION', text: '请重新打开' },
    });
    // A code without words, and a tool that words none, answer the code alone.
    expect(await worded.main({ action: 'echo', text: 1 }, 'oAlice')).not.toHaveProperty('error.text');
    expect(await make().main({ action: 'nope', locale: 'en' }, 'oAlice')).not.toHaveProperty('error.text');
    expect(await worded.main({ action: 'speak', locale: 'en' }, 'oAlice')).toEqual({ ok: true, data: 'en' });
  });

  it('refuses what the table does not declare', async () => {
    const codeOf = async (event: unknown) => {
      const answer = (await make().main(event, 'oAlice')) as { ok: boolean; error?: { code: string } };
      return answer.ok ? 'ok' : answer.error?.code;
    };
    expect(await codeOf({ action: 'nope' })).toBe('UNKNOWN_ACTION');
    expect(await codeOf({ action: 'echo', text: 1 })).toBe('INVALID_REQUEST');
    expect(await codeOf({ action: 'echo', text: 'hi', userId: 'oBob' })).toBe('INVALID_REQUEST');
    expect(await codeOf('echo')).toBe('INVALID_REQUEST');
  });

  it('answers OUTCOME_UNKNOWN after a write that may have landed, INTERNAL for anything else, and logs both', async () => {
    thrown = new OutcomeUnknownError('the database timed out on a write');
    expect(await make().main({ action: 'explode' }, 'oAlice')).toEqual({
      ok: false,
      error: { code: 'OUTCOME_UNKNOWN', message: 'the database timed out on a write' },
    });
    thrown = new Error('disk on fire');
    expect(await make().main({ action: 'explode' }, 'oAlice')).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'the service failed' },
    });
    thrown = 'not even an Error';
    expect(await make().handle({ action: 'explode' }, 'oAlice')).toMatchObject({ error: { code: 'INTERNAL' } });
    expect(logged).toEqual(['an action failed', 'an action failed', 'an action failed']);
  });

  it('runs the timer for a timer trigger only: never for a client, nor for an event without identity', async () => {
    const fn = make();
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep', Time: '2026-01-01' }, '')).toEqual({ looked: 1 });
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep' }, 'oAlice')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await fn.main({ action: 'echo', text: 'hi' }, '')).toEqual({
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'no caller identity' },
    });
    expect(await fn.main(null, '')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(timerRuns).toBe(1);
    expect(await fn.sweep()).toEqual({ looked: 2 });
  });

  it("runs the timer only for a trigger name the function's config.json declares as a timer", async () => {
    const fn = make();
    for (const event of [
      { Type: 'Timer' },
      { Type: 'Timer', TriggerName: 'hourly', Time: '2026-01-01' },
      { Type: 'Timer', TriggerName: 'web' },
      { Type: 'Timer', TriggerName: ['sweep'] },
      { Type: 'timer', TriggerName: 'sweep' },
      { TriggerName: 'sweep' },
    ]) {
      expect(await fn.main(event, '')).toEqual({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: 'no caller identity' },
      });
    }
    expect(timerRuns).toBe(0);
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep', Time: '2026-01-01' }, '')).toEqual({ looked: 1 });
  });

  it('refuses a timer event when the tool has no timer, and turns a throwing timer into INTERNAL', async () => {
    expect(await make(false).main({ Type: 'Timer', TriggerName: 'sweep' }, '')).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    const broken = createChatToolFunction({
      actions: ACTIONS,
      handlers,
      clock: { now: () => 0 },
      log: (message) => logged.push(message),
      timer: {
        run: async () => {
          throw new Error('no database');
        },
        triggers: TRIGGERS,
      },
    });
    expect(await broken.main({ Type: 'Timer', TriggerName: 'sweep' }, '')).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(logged).toEqual(['the timer failed']);
  });
});
