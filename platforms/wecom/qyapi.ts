// The three qyapi calls the WeCom server makes, with the linked app's access_token (docs/platforms.md#wecom-identity):
// gettoken (cached until it expires; a call refused for an expired or invalid token gets a new one once),
// miniprogram/jscode2session (wx.qy.login's code → corpid and userid) and externalcontact/groupchat/get (a customer
// group's members). Every refusal is a QyApiError with qyapi's errcode; the secret and the token never reach a log.
import { isRecord } from '../../kit/core/action-table';
import type { Clock } from '../../kit/server/ports';

/** qyapi's errcodes the server acts on (docs/platforms.md#wecom-error-codes). */
export const QY_ERRCODE = {
  invalidToken: 40014,
  tokenExpired: 42001,
  invalidCode: 40029,
  invalidGroup: 40050,
} as const;

/** Refresh the token this long before qyapi says it expires, so no call leaves with a token about to lapse. */
export const TOKEN_MARGIN_MS = 5 * 60_000;

export class QyApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`qyapi error ${errcode}: ${errmsg}`);
    this.name = 'QyApiError';
  }
}

/** What jscode2session answers: the user's company and userid (session_key stays on the server, unused). */
export interface QySession {
  corpid: string;
  userid: string;
}

/** One member of a customer group: type 1 a member of the company, 2 an external contact. */
export interface QyGroupMember {
  userid: string;
  type: 1 | 2;
}

export interface QyApi {
  session(code: string): Promise<QySession>;
  groupChatMembers(chatId: string): Promise<QyGroupMember[]>;
}

export interface QyApiOptions {
  apiBase: string;
  corpId: string;
  corpSecret: string;
  clock: Clock;
  fetch?: typeof fetch;
}

type Json = Record<string, unknown>;

/** An answer's errcode (absent means 0 for some calls), or a QyApiError for a shape qyapi never answers. */
function checked(answer: unknown): Json {
  if (!isRecord(answer)) throw new QyApiError(-1, 'qyapi answered something that is not a JSON object');
  const errcode = answer.errcode ?? 0;
  if (typeof errcode !== 'number') throw new QyApiError(-1, 'qyapi answered a non-numeric errcode');
  if (errcode !== 0) throw new QyApiError(errcode, typeof answer.errmsg === 'string' ? answer.errmsg : '');
  return answer;
}

const text = (answer: Json, key: string): string => {
  const value = answer[key];
  if (typeof value !== 'string' || value === '') throw new QyApiError(-1, `qyapi's answer lacks ${key}`);
  return value;
};

export function createQyApi({ apiBase, corpId, corpSecret, clock, fetch: get = fetch }: QyApiOptions): QyApi {
  let cached: { token: string; until: number } | null = null;
  let pending: Promise<string> | null = null;

  async function request(path: string, query: Record<string, string>, body?: Json): Promise<unknown> {
    const url = `${apiBase}/${path}?${new URLSearchParams(query).toString()}`;
    const response = await get(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: body === undefined ? undefined : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new QyApiError(-1, `qyapi answered HTTP ${response.status} for ${path}`);
    return response.json();
  }

  async function freshToken(): Promise<string> {
    const answer = checked(await request('gettoken', { corpid: corpId, corpsecret: corpSecret }));
    const token = text(answer, 'access_token');
    const expiresIn = answer.expires_in;
    if (typeof expiresIn !== 'number') throw new QyApiError(-1, "qyapi's gettoken answer lacks expires_in");
    cached = { token, until: clock.now() + expiresIn * 1000 - TOKEN_MARGIN_MS };
    return token;
  }

  /** The cached token while it lasts; concurrent callers share one gettoken. */
  function token(): Promise<string> {
    if (cached !== null && clock.now() < cached.until) return Promise.resolve(cached.token);
    pending ??= freshToken().finally(() => {
      pending = null;
    });
    return pending;
  }

  /** A call with the token; refused for the token itself (expired early, or reset), once more with a new one. */
  async function withToken(path: string, query: Record<string, string>, body?: Json): Promise<Json> {
    const first = await token();
    try {
      return checked(await request(path, { access_token: first, ...query }, body));
    } catch (error) {
      const stale =
        error instanceof QyApiError &&
        (error.errcode === QY_ERRCODE.tokenExpired || error.errcode === QY_ERRCODE.invalidToken);
      if (!stale) throw error;
      if (cached?.token === first) cached = null;
      return checked(await request(path, { access_token: await token(), ...query }, body));
    }
  }

  return {
    async session(code) {
      const answer = await withToken('miniprogram/jscode2session', { js_code: code, grant_type: 'authorization_code' });
      return { corpid: text(answer, 'corpid'), userid: text(answer, 'userid') };
    },
    async groupChatMembers(chatId) {
      const answer = await withToken('externalcontact/groupchat/get', {}, { chat_id: chatId, need_name: 0 });
      const chat = answer.group_chat;
      if (!isRecord(chat) || !Array.isArray(chat.member_list)) {
        throw new QyApiError(-1, "qyapi's groupchat/get answer lacks group_chat.member_list");
      }
      return chat.member_list.flatMap((member): QyGroupMember[] =>
        isRecord(member) && typeof member.userid === 'string' && (member.type === 1 || member.type === 2)
          ? [{ userid: member.userid, type: member.type }]
          : [],
      );
    },
  };
}
