// The six sends into the chat: each wrapper passes its documented fields to its wx API, and each refusal is a
// SendError with a code, before WeChat is called (outside a chat tool, a required field empty, a web address for a
// file) or after (WeChat refused, the user cancelled).
import {
  SENDS,
  SendError,
  createWeChat,
  isWebAddress,
  notifyGroupMembers,
  sendProblem,
  sendToChat,
  shareAppMessageToGroup,
  shareEmojiToGroup,
  shareFileToGroup,
  shareImageToGroup,
  shareVideoToGroup,
  useWeChat,
  type SendApi,
  type SendOptions,
} from 'chat-tool-kit';

/** One valid message per send, each field a file on the phone where one is wanted. */
const VALID: SendOptions = {
  shareAppMessageToGroup: { title: '周六爬山', path: '/packageAny/pages/record/index?id=r1' },
  shareImageToGroup: { imagePath: 'wxfile://tmp_1.png' },
  shareVideoToGroup: { videoPath: 'wxfile://tmp_2.mp4', thumbPath: 'wxfile://tmp_3.png', entrancePath: '/p?id=1' },
  shareFileToGroup: { filePath: 'wxfile://usr/list.csv', fileName: 'list.csv', needShowEntrance: false },
  shareEmojiToGroup: { imagePath: 'http://tmp/cheer.gif' },
  notifyGroupMembers: { title: '周六爬山', members: ['g-bob'], entrancePath: '/p?id=1', type: 'participate' },
};
const APIS = Object.keys(SENDS) as SendApi[];

/** Each send's wrapper, as a page imports it. */
const WRAPPERS: { [A in SendApi]: (options: SendOptions[A]) => Promise<void> } = {
  shareAppMessageToGroup,
  shareImageToGroup,
  shareVideoToGroup,
  shareFileToGroup,
  shareEmojiToGroup,
  notifyGroupMembers,
};
const wrapper = <A extends SendApi>(api: A) => WRAPPERS[api] as (options: SendOptions[A]) => Promise<void>;

/** Installs a wx whose send APIs record their options and answer with `answer`; in a chat tool unless `category` says. */
function installWx(category = 'chatTool', answer: () => Promise<unknown> = async () => ({ errMsg: 'ok' })) {
  const calls: [string, unknown][] = [];
  const api: Record<string, unknown> = { getApiCategory: () => category };
  for (const name of APIS) {
    api[name] = (options: unknown) => {
      calls.push([name, options]);
      return answer();
    };
  }
  useWeChat(createWeChat(api as unknown as WechatMiniprogram.Wx));
  return calls;
}

afterEach(() => useWeChat(null));

async function refusal(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

describe.each(APIS)('%s', (api) => {
  test('in a chat tool, its wrapper passes the options to wx as they are', async () => {
    const calls = installWx();
    await wrapper(api)(VALID[api]);
    expect(calls).toEqual([[api, VALID[api]]]);
  });

  test('outside a chat tool, refuses without calling WeChat', async () => {
    const calls = installWx('default');
    const error = await refusal(wrapper(api)(VALID[api]));
    expect([error.api, error.code]).toEqual([api, 'NOT_IN_CHAT_TOOL']);
    expect(calls).toEqual([]);
  });

  test.each(SENDS[api].required.map(String))('refuses an empty required %s without calling WeChat', async (field) => {
    const calls = installWx();
    const options = { ...VALID[api], [field]: field === 'members' ? [] : '' };
    const error = await refusal(sendToChat(api, options));
    expect([error.code, error.detail]).toEqual(['MISSING_FIELD', field]);
    expect(calls).toEqual([]);
  });

  test('a refusal by WeChat is PLATFORM with its errMsg, a cancel is CANCELLED', async () => {
    installWx('chatTool', () => Promise.reject({ errMsg: `${api}:fail can only be called from a tap` }));
    const error = await refusal(wrapper(api)(VALID[api]));
    expect([error.code, error.detail]).toEqual(['PLATFORM', `${api}:fail can only be called from a tap`]);
    installWx('chatTool', () => Promise.reject({ errMsg: `${api}:fail cancel` }));
    expect((await refusal(wrapper(api)(VALID[api]))).code).toBe('CANCELLED');
  });
});

describe('files on the phone', () => {
  const FILE_FIELDS = APIS.flatMap((api) => SENDS[api].files.map((field) => [api, String(field)] as const));

  test('every file field is one the documents say must be a local or temporary path', () => {
    expect(FILE_FIELDS).toEqual([
      ['shareImageToGroup', 'imagePath'],
      ['shareVideoToGroup', 'videoPath'],
      ['shareVideoToGroup', 'thumbPath'],
      ['shareFileToGroup', 'filePath'],
      ['shareEmojiToGroup', 'imagePath'],
    ]);
  });

  test.each(FILE_FIELDS)('%s refuses a web address in %s before calling WeChat', async (api, field) => {
    for (const address of ['https://res.wx.qq.com/a.png', 'http://example.com/a.png', 'http://127.0.0.1:8080/a']) {
      const calls = installWx();
      const error = await refusal(sendToChat(api, { ...VALID[api], [field]: address }));
      expect([error.code, error.detail]).toEqual(['WEB_ADDRESS', field]);
      expect(calls).toEqual([]);
    }
  });

  test('the phone’s and the developer tools’ local files are files, any host with a dot or port is the web', () => {
    for (const local of ['wxfile://tmp_1.png', 'wxfile://usr/list.csv', 'http://tmp/a.png', 'http://usr/list.csv']) {
      expect(isWebAddress(local)).toBe(false);
    }
    for (const web of ['https://tmp/a.png', 'HTTP://cdn.example.com/a', 'http://localhost:3000/a.png']) {
      expect(isWebAddress(web)).toBe(true);
    }
    expect(sendProblem('shareImageToGroup', { imagePath: 'http://tmp/a.png' })).toBeNull();
  });
});

test('tap-only: every send but the card, as the documents say (emoji: silent, so the kit plays safe)', () => {
  expect(APIS.filter((api) => SENDS[api].tapOnly)).toEqual([
    'shareImageToGroup',
    'shareVideoToGroup',
    'shareFileToGroup',
    'shareEmojiToGroup',
    'notifyGroupMembers',
  ]);
  expect(APIS.filter((api) => SENDS[api].entrance)).toEqual([
    'shareImageToGroup',
    'shareVideoToGroup',
    'shareFileToGroup',
    'shareEmojiToGroup',
  ]);
});

test('a wrapper calls WeChat synchronously, so a tap-only send made in a tap stays within it', () => {
  const calls = installWx();
  void shareFileToGroup(VALID.shareFileToGroup);
  expect(calls).toEqual([['shareFileToGroup', VALID.shareFileToGroup]]);
});

test('the port’s own sends (remind, shareImage) fail with a SendError too', async () => {
  const platform = createWeChat({
    notifyGroupMembers: () => Promise.reject({ errMsg: 'notifyGroupMembers:fail cancel' }),
  } as unknown as WechatMiniprogram.Wx);
  expect((await refusal(platform.remind(VALID.notifyGroupMembers))).code).toBe('CANCELLED');
});
