// A fake wx.qy for tests and the simulator, written from WeCom's documents (docs/platforms.md#wecom-client): what a
// WeCom client of `version` opened from `entry` answers. It refuses what WeCom refuses: any chat API before login,
// an API older clients lack, a chat API outside its entry, and a sendChatMessage whose body breaks the documented
// shape (msgtype and its object, a miniprogram message's appid / title / http(s) imgUrl / page ending in '.html',
// enterChat only on 3.1.10+). Sent messages are kept for the test or the simulated chat. No node import: the
// simulator's browser code may load it.

type Qy = WechatMiniprogram.Qy.Api;
type Entry = WechatMiniprogram.Qy.Entry;

export interface FakeChat {
  /** getCurExternalChat's chatId (group_chat_tools) or getCurCorpGroupChat's (chain_group_chat_tools). */
  chatId?: string;
  /** getCurExternalContact's userId (single_chat_tools). */
  externalUserId?: string;
  /** getCurCorpGroupContact's corpId and userId (chain_single_chat_tools). */
  corpGroupContact?: { corpId: string; userId: string };
}

export interface FakeWxQyOptions {
  /** The WeCom client's version, e.g. '4.1.0'. */
  version: string;
  entry: Entry;
  chat?: FakeChat;
  /** The code wx.qy.login hands out (the fake qyapi's, for the user looking). */
  login: () => string;
  /** The mini programs linked to the company (sendChatMessage's appid must be one). */
  linkedAppids: string[];
}

export interface FakeWxQy {
  qy: Qy;
  /** Every message sendChatMessage accepted, in order. */
  sent: WechatMiniprogram.Qy.SendChatMessageOption[];
  /** Every call, by name, in order (the simulator's call panel). */
  calls: string[];
}

/** Minimum WeCom versions, as documented (docs/platforms.md#wecom-client). */
export const QY_MIN_VERSION = {
  getContext: '3.0.24',
  getCurCorpGroupChat: '4.0.12',
  getCurCorpGroupContact: '4.0.8',
  enterChat: '3.1.10',
} as const;

/** The entry each chat API answers in. */
const ENTRY_OF = {
  getCurExternalChat: 'group_chat_tools',
  getCurExternalContact: 'single_chat_tools',
  getCurCorpGroupChat: 'chain_group_chat_tools',
  getCurCorpGroupContact: 'chain_single_chat_tools',
} as const;

/** Entries from which sendChatMessage sends into the current chat. */
const SEND_ENTRIES: readonly Entry[] = [
  'single_chat_tools',
  'group_chat_tools',
  'chain_single_chat_tools',
  'chain_group_chat_tools',
  'chat_attachment',
  'single_kf_tools',
];

export function versionAtLeast(version: string, minimum: string): boolean {
  const a = version.split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** Why a sendChatMessage body breaks the documented shape, or null. */
export function messageProblem(option: Record<string, unknown>, linkedAppids: string[]): string | null {
  const { msgtype } = option;
  if (typeof msgtype !== 'string') return 'msgtype is required';
  const body = option[msgtype];
  if (typeof body !== 'object' || body === null) return `${msgtype} is required with msgtype ${msgtype}`;
  if (msgtype !== 'miniprogram')
    return ['text', 'image', 'video', 'file', 'news'].includes(msgtype) ? null : 'bad msgtype';
  const { appid, title, imgUrl, page } = body as Record<string, unknown>;
  if (!isText(appid) || !isText(title) || !isText(imgUrl) || !isText(page)) {
    return 'miniprogram needs appid, title, imgUrl and page';
  }
  if (!linkedAppids.includes(appid)) return 'appid is not a mini program linked to the company';
  if (!/^https?:\/\//.test(imgUrl)) return 'invalid imgUrl';
  if (!page.endsWith('.html')) return "page must end in '.html'";
  if (page.includes('?')) return 'page carries no query';
  return null;
}

export function createFakeWxQy(options: FakeWxQyOptions): FakeWxQy {
  const { version, entry, chat = {}, linkedAppids } = options;
  const sent: WechatMiniprogram.Qy.SendChatMessageOption[] = [];
  const calls: string[] = [];
  let loggedIn = false;

  function answer<T>(name: string, option: WechatMiniprogram.Qy.Callbacks<T>, result: T | string) {
    calls.push(name);
    // WeCom answers asynchronously, as WeChat does.
    setTimeout(() => {
      if (typeof result === 'string') option.fail?.({ errMsg: `qy.${name}:fail ${result}` });
      else option.success?.(result);
      option.complete?.();
    }, 0);
  }

  function chatApi<T>(name: keyof typeof ENTRY_OF, option: WechatMiniprogram.Qy.Callbacks<T>, result: T | undefined) {
    const minimum = name in QY_MIN_VERSION ? QY_MIN_VERSION[name as keyof typeof QY_MIN_VERSION] : null;
    if (minimum !== null && !versionAtLeast(version, minimum)) return answer(name, option, 'not supported');
    if (!loggedIn) return answer(name, option, 'please login first');
    if (entry !== ENTRY_OF[name] || result === undefined) return answer(name, option, `without context of ${name}`);
    return answer(name, option, result);
  }

  const qy: Qy = {
    login(option) {
      loggedIn = true;
      answer('login', option, { code: options.login(), errMsg: 'qy.login:ok' });
    },
    checkSession(option) {
      answer('checkSession', option, loggedIn ? { errMsg: 'qy.checkSession:ok' } : 'session expired');
    },
    getContext(option) {
      if (!versionAtLeast(version, QY_MIN_VERSION.getContext)) return answer('getContext', option, 'not supported');
      if (!loggedIn) return answer('getContext', option, 'please login first');
      return answer('getContext', option, { entry, errMsg: 'qy.getContext:ok' });
    },
    getCurExternalChat: (option) =>
      chatApi(
        'getCurExternalChat',
        option,
        chat.chatId === undefined ? undefined : { chatId: chat.chatId, errMsg: 'ok' },
      ),
    getCurExternalContact: (option) =>
      chatApi(
        'getCurExternalContact',
        option,
        chat.externalUserId === undefined
          ? undefined
          : { userId: chat.externalUserId, errMsg: 'qy.getCurExternalContact:ok' },
      ),
    getCurCorpGroupChat: (option) =>
      chatApi(
        'getCurCorpGroupChat',
        option,
        chat.chatId === undefined ? undefined : { chatId: chat.chatId, errMsg: 'ok' },
      ),
    getCurCorpGroupContact: (option) =>
      chatApi(
        'getCurCorpGroupContact',
        option,
        chat.corpGroupContact === undefined
          ? undefined
          : { ...chat.corpGroupContact, errMsg: 'qy.getCurCorpGroupContact:ok' },
      ),
    sendChatMessage(option) {
      if (!loggedIn) return answer('sendChatMessage', option, 'please login first');
      if (!SEND_ENTRIES.includes(entry))
        return answer('sendChatMessage', option, 'without context of external contact');
      if (option.enterChat !== undefined && !versionAtLeast(version, QY_MIN_VERSION.enterChat)) {
        return answer('sendChatMessage', option, 'enterChat needs WeCom 3.1.10');
      }
      const body = Object.fromEntries(
        Object.entries(option).filter(([key]) => key !== 'success' && key !== 'fail' && key !== 'complete'),
      );
      const problem = messageProblem(body, linkedAppids);
      if (problem !== null) return answer('sendChatMessage', option, problem);
      sent.push(body as WechatMiniprogram.Qy.SendChatMessageOption);
      return answer('sendChatMessage', option, { errMsg: 'qy.sendChatMessage:ok' });
    },
  };
  return { qy, sent, calls };
}

/**
 * wx.request as the fake WeCom client runs it, over fetch: a POST's data sent as JSON; the answer's body parsed when
 * it is JSON, else handed over as its text, as wx.request does.
 */
export async function fakeRequest(
  option: Pick<WechatMiniprogram.RequestOption, 'url' | 'method' | 'header' | 'data'>,
): Promise<{ statusCode: number; data: unknown }> {
  const method = option.method ?? 'GET';
  const response = await fetch(option.url, {
    method,
    headers: { 'content-type': 'application/json', ...(option.header as Record<string, string> | undefined) },
    body: method === 'POST' ? JSON.stringify(option.data) : undefined,
  });
  const text = await response.text();
  try {
    return { statusCode: response.status, data: JSON.parse(text) as unknown };
  } catch {
    return { statusCode: response.status, data: text };
  }
}
