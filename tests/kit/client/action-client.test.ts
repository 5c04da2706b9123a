// The kit's action client, on a table that knows nothing of tasks, as a second tool would declare its own.
import {
  actionMethods,
  CLOUD_ID_REUSE_MS,
  chatProof,
  createActionClient,
  envVersion,
  KIT_ERROR_CODES,
  parseRequest,
  recordId,
  returns,
  type ClientFailure,
  type WeChat,
} from 'chat-tool-kit';

const POLL = {
  vote: {
    request: { chatProof, pollId: recordId, option: recordId },
    response: returns<{ votes: number }>(),
  },
  listPolls: { request: { chatProof }, response: returns<string[]>() },
  about: { request: {}, response: returns<{ version: string }>() },
};
const POLL_ERROR_CODES = ['POLL_CLOSED', 'ALREADY_VOTED'] as const;
type PollErrorCode = (typeof POLL_ERROR_CODES)[number];

/** The WeChat calls the client makes (the language it runs in goes with every call); anything else would fail. */
interface FakeWeChat {
  chatToolInfo: jest.Mock;
  callFunction: jest.Mock;
  language: jest.Mock;
}

type Answer = () => Promise<unknown>;

function fakeWeChat(overrides: { chatToolInfo?: Answer; callFunction?: Answer } = {}): FakeWeChat {
  return {
    chatToolInfo: jest.fn(overrides.chatToolInfo ?? (async () => ({ cloudID: 'cloud-1' }))),
    callFunction: jest.fn(overrides.callFunction ?? (async () => ({ ok: true, data: null }))),
    language: jest.fn(() => 'en_US'),
  };
}

function clientOf(platform: FakeWeChat, now: () => number = Date.now) {
  return createActionClient<typeof POLL, PollErrorCode>(
    'groupPoll',
    POLL_ERROR_CODES,
    () => platform as unknown as WeChat,
    now,
  );
}

const failure = (code: string) => ({ ok: false, error: { code, message: code } });

describe('action client', () => {
  test('sends the action, a cloudID and the body to the named function, and answers its data', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: { votes: 3 } }) });
    const result = await clientOf(platform).call('vote', { pollId: 'p1', option: 'a' });
    expect(platform.callFunction).toHaveBeenCalledWith('groupPoll', {
      action: 'vote',
      locale: 'en',
      chatProof: 'cloud-1',
      pollId: 'p1',
      option: 'a',
    });
    // What the client sent is what the table's server side accepts, once the function shell took the language off.
    const [, { locale, ...sent }] = platform.callFunction.mock.calls[0] as [string, { locale: string }];
    expect([locale, parseRequest(POLL, sent, Date.now()).ok]).toEqual(['en', true]);
    expect(result).toEqual({ ok: true, data: { votes: 3 } });
  });

  test('names the language WeChat runs in with every call, in the chat and outside, as the kit reads it', async () => {
    const platform = fakeWeChat();
    platform.language.mockReturnValue('zh_TW');
    await clientOf(platform).call('vote', { pollId: 'p1', option: 'a' });
    platform.language.mockReturnValue('fr');
    await clientOf(platform).callOutsideChat('about', {});
    const sent = platform.callFunction.mock.calls.map(([, data]) => (data as { locale?: string }).locale);
    expect(sent).toEqual(['zh-CN', 'en']);
  });

  test("a refusal keeps the server's words for it; words that are no text make the answer INTERNAL", async () => {
    const refused = { ok: false, error: { code: 'POLL_CLOSED', message: 'closed', text: 'The poll is closed' } };
    const worded = fakeWeChat({ callFunction: async () => refused });
    expect(await clientOf(worded).call('vote', { pollId: 'p1', option: 'a' })).toEqual({
      ok: false,
      code: 'POLL_CLOSED',
      text: 'The poll is closed',
    });
    const broken = fakeWeChat({ callFunction: async () => ({ ...refused, error: { ...refused.error, text: 7 } }) });
    expect(await clientOf(broken).call('vote', { pollId: 'p1', option: 'a' })).toEqual({ ok: false, code: 'INTERNAL' });
  });

  test('keeps the member ticket an answer carries and presents it with each later call in the chat, never outside', async () => {
    const answers = [
      { ok: true, data: ['p1'], memberTicket: 't1' },
      { ok: true, data: { votes: 1 } },
      { ...failure('POLL_CLOSED'), memberTicket: 't2' },
      { ok: true, data: { version: '1' }, memberTicket: 7 },
      { ok: true, data: { votes: 2 } },
    ];
    const platform = fakeWeChat({ callFunction: async () => answers.shift() });
    const client = clientOf(platform);
    expect(await client.call('listPolls', {})).toEqual({ ok: true, data: ['p1'] });
    await client.call('vote', { pollId: 'p1', option: 'a' });
    await client.call('vote', { pollId: 'p1', option: 'b' });
    await client.callOutsideChat('about', {});
    await client.call('vote', { pollId: 'p1', option: 'c' });
    const sent = platform.callFunction.mock.calls.map(([, data]) => (data as { memberTicket?: string }).memberTicket);
    expect(sent).toEqual([undefined, 't1', 't1', undefined, 't2']);
  });

  test.each(
    [...KIT_ERROR_CODES, ...POLL_ERROR_CODES].filter(
      (code) => code !== 'CHAT_PROOF_EXPIRED' && code !== 'CHAT_PROOF_INVALID',
    ),
  )("turns the server error %s (the kit's or the tool's) into a typed failure without retrying", async (code) => {
    const platform = fakeWeChat({ callFunction: async () => failure(code) });
    expect(await clientOf(platform).call('listPolls', {})).toEqual({ ok: false, code });
    expect(platform.callFunction).toHaveBeenCalledTimes(1);
  });

  test('a rejected call is a NETWORK failure', async () => {
    const platform = fakeWeChat({
      callFunction: async () => {
        throw new Error('cloud.callFunction:fail timeout');
      },
    });
    expect(await clientOf(platform).call('listPolls', {})).toEqual({ ok: false, code: 'NETWORK' });
  });

  test.each([null, undefined, 'text', { ok: false, error: { code: 'SOMETHING_NEW' } }, { ok: true }])(
    'an answer outside the contract (%p) is INTERNAL',
    async (answer) => {
      const platform = fakeWeChat({ callFunction: async () => answer });
      expect(await clientOf(platform).call('vote', { pollId: 'p1', option: 'a' })).toEqual({
        ok: false,
        code: 'INTERNAL',
      });
    },
  );

  test("a code of another tool is outside this tool's contract: INTERNAL", async () => {
    const platform = fakeWeChat({ callFunction: async () => failure('TASK_FULL') });
    expect(await clientOf(platform).call('listPolls', {})).toEqual({ ok: false, code: 'INTERNAL' });
  });

  test('without getChatToolInfo the call fails with NOT_IN_CHAT and never reaches the server', async () => {
    const platform = fakeWeChat({
      chatToolInfo: async () => {
        throw new Error('getChatToolInfo:fail not in chat tool');
      },
    });
    expect(await clientOf(platform).call('listPolls', {})).toEqual({ ok: false, code: 'NOT_IN_CHAT' });
    expect(platform.callFunction).not.toHaveBeenCalled();
  });

  test('an action without a cloudID is called outside a chat: no getChatToolInfo, no cloudID sent', async () => {
    const platform = fakeWeChat({
      chatToolInfo: async () => {
        throw new Error('getChatToolInfo:fail not in chat tool');
      },
      callFunction: async () => ({ ok: true, data: { version: '1' } }),
    });
    expect(await clientOf(platform).callOutsideChat('about', {})).toEqual({ ok: true, data: { version: '1' } });
    expect(platform.chatToolInfo).not.toHaveBeenCalled();
    expect(platform.callFunction).toHaveBeenCalledWith('groupPoll', { action: 'about', locale: 'en' });
  });

  test.each(['CHAT_PROOF_EXPIRED', 'CHAT_PROOF_INVALID'])(
    'on %s it re-reads getChatToolInfo and retries once',
    async (code) => {
      let n = 0;
      const platform = fakeWeChat({
        chatToolInfo: async () => ({ cloudID: `cloud-${++n}` }),
        callFunction: jest
          .fn()
          .mockResolvedValueOnce(failure(code))
          .mockResolvedValueOnce({ ok: true, data: { votes: 1 } }),
      });
      const result = await clientOf(platform).call('vote', { pollId: 'p1', option: 'a' });
      expect(result.ok).toBe(true);
      expect(platform.callFunction).toHaveBeenCalledTimes(2);
      expect(platform.callFunction.mock.calls[1][1]).toMatchObject({ chatProof: 'cloud-2' });
    },
  );

  test('gives up after one retry', async () => {
    const platform = fakeWeChat({ callFunction: async () => failure('CHAT_PROOF_EXPIRED') });
    expect(await clientOf(platform).call('vote', { pollId: 'p1', option: 'a' })).toEqual({
      ok: false,
      code: 'CHAT_PROOF_EXPIRED',
    });
    expect(platform.callFunction).toHaveBeenCalledTimes(2);
  });

  test('reuses a cloudID for four minutes, then reads a new one', async () => {
    let clock = 0;
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: [] }) });
    const client = clientOf(platform, () => clock);
    await client.call('listPolls', {});
    clock = CLOUD_ID_REUSE_MS - 1;
    await client.call('listPolls', {});
    expect(platform.chatToolInfo).toHaveBeenCalledTimes(1);
    clock = CLOUD_ID_REUSE_MS;
    await client.call('listPolls', {});
    expect(platform.chatToolInfo).toHaveBeenCalledTimes(2);
  });
});

// Compile-time assertions, checked by `npm run check` (tsc on tsconfig.node.json): each line marked as an
// expected error must stay an error, or the check fails with "Unused '@ts-expect-error' directive".
test('types: the body is the request without its cloudID, the answer is the response or a known code', async () => {
  const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: { votes: 1 } }) });
  const client = clientOf(platform);
  // @ts-expect-error vote needs its option
  await client.call('vote', { pollId: 'p1' });
  // @ts-expect-error the client adds the chat proof itself
  await client.call('vote', { chatProof: 'c', pollId: 'p1', option: 'a' });
  // @ts-expect-error the table has no such action
  await client.call('archive', {});
  const voted = await client.call('vote', { pollId: 'p1', option: 'a' });
  if (voted.ok) {
    const votes: number = voted.data.votes;
    // @ts-expect-error vote answers votes, not a title
    expect(voted.data.title).toBeUndefined();
    expect(votes).toBe(1);
  } else {
    const code: PollErrorCode | (typeof KIT_ERROR_CODES)[number] | ClientFailure = voted.code;
    // @ts-expect-error a code of another tool is never among this client's
    const other: typeof voted.code = 'TASK_FULL';
    expect([code, other]).toBeDefined();
  }
});

describe('action methods', () => {
  const TABLE = {
    ...POLL,
    createPoll: { request: { chatProof, envVersion, question: recordId }, response: returns<string>() },
  };

  function methodsOf(platform: FakeWeChat & { envVersion?: jest.Mock }) {
    const weChat = () => platform as unknown as WeChat;
    return actionMethods(
      TABLE,
      createActionClient<typeof TABLE, PollErrorCode>('groupPoll', POLL_ERROR_CODES, weChat),
      weChat,
    );
  }

  test('one method per action of the table', () => {
    expect(Object.keys(methodsOf(fakeWeChat())).sort()).toEqual(Object.keys(TABLE).sort());
  });

  test('adds the cloudID where the request declares it, and the build where it declares envVersion', async () => {
    const platform = { ...fakeWeChat(), envVersion: jest.fn(() => 'trial') };
    const methods = methodsOf(platform);
    await methods.vote({ pollId: 'p1', option: 'a' });
    expect(platform.callFunction).toHaveBeenLastCalledWith('groupPoll', {
      action: 'vote',
      locale: 'en',
      chatProof: 'cloud-1',
      pollId: 'p1',
      option: 'a',
    });
    await methods.createPoll({ question: 'lunch' });
    expect(platform.callFunction).toHaveBeenLastCalledWith('groupPoll', {
      action: 'createPoll',
      locale: 'en',
      chatProof: 'cloud-1',
      question: 'lunch',
      envVersion: 'trial',
    });
    const [, { locale, ...sent }] = platform.callFunction.mock.calls[1] as [string, { locale: string }];
    expect([locale, parseRequest(TABLE, sent, Date.now()).ok]).toEqual(['en', true]);
  });

  test('an action without a cloudID works outside a chat', async () => {
    const platform = fakeWeChat({ chatToolInfo: async () => Promise.reject(new Error('not in a chat tool')) });
    expect(await methodsOf(platform).about({})).toEqual({ ok: true, data: null });
    expect(await methodsOf(platform).listPolls({})).toEqual({ ok: false, code: 'NOT_IN_CHAT' });
  });

  test('types: a method takes what a page sends, without the fields the client fills in', async () => {
    const methods = methodsOf(fakeWeChat());
    // @ts-expect-error the client adds the chat proof itself
    await methods.vote({ pollId: 'p1', option: 'a', chatProof: 'c' });
    // @ts-expect-error the option is required
    await methods.vote({ pollId: 'p1' });
    expect(methods.vote).toBeInstanceOf(Function);
  });
});
