// The one adapter of Feishu's OpenAPI: the SDK's Client (its `domain` points at open.feishu.cn, or at a fake on
// 127.0.0.1 in tests and `npm start`), with the tenant_access_token it fetches and caches itself. Every call
// answers typed data or throws FeishuError with Feishu's code (docs/platforms.md, "Feishu: OpenAPI calls").
import * as lark from '@larksuiteoapi/node-sdk';
import type { Log } from '../../kit/server/ports';

/** A refusal from Feishu: its `code`, `msg` and the HTTP status it came with. */
export class FeishuError extends Error {
  constructor(
    readonly code: number,
    readonly msg: string,
    readonly status: number,
  ) {
    super(`Feishu error ${code} (HTTP ${status}): ${msg}`);
    this.name = 'FeishuError';
  }
}

/** Feishu's code for "request trigger frequency limit", sent with HTTP 429 (docs/platforms.md, "Feishu: updating the card"). */
export const RATE_LIMITED = 99991400;

export interface ChatInfo {
  name: string;
  /** Whether the bot may post there: Feishu answers chat info only to a bot in the group. */
  chatMode: string;
}

/** A member of a group as the group API lists them (bots are not listed). */
export interface ChatMember {
  openId: string;
  name: string;
}

export interface FeishuApi {
  /** Posts an interactive card into a group; its message_id. */
  sendCard(chatId: string, card: object): Promise<string>;
  /** Replaces a card the bot sent (update_multi cards only, 14 days, 5 QPS per message). */
  patchCard(messageId: string, card: object): Promise<void>;
  chat(chatId: string): Promise<ChatInfo>;
  /** Every member of the group, page by page (at most `limit`). */
  members(chatId: string, limit: number): Promise<ChatMember[]>;
  /** The open_id of whoever a web app's authorization code was issued to (OAuth token, then user_info). */
  openIdOfCode(code: string): Promise<string>;
  /** A jsapi_ticket for the web app's JSAPI authentication (h5sdk.config), and how long it lives (seconds). */
  jsapiTicket(): Promise<{ ticket: string; expiresIn: number }>;
}

interface Envelope {
  code?: unknown;
  msg?: unknown;
  data?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The SDK's default cache is one per process: each client keeps its own tokens (one per fake in tests). */
function ownCache(): lark.Cache {
  const entries = new Map<string, { value: unknown; expiresAt: number }>();
  const keyOf = (key: unknown, namespace = '') => `${namespace}\u0000${String(key)}`;
  return {
    async set(key, value, expiresAt, options) {
      entries.set(keyOf(key, options?.namespace), { value, expiresAt: expiresAt ?? Infinity });
      return true;
    },
    async get(key, options) {
      const entry = entries.get(keyOf(key, options?.namespace));
      return entry !== undefined && entry.expiresAt > Date.now() ? entry.value : undefined;
    },
  };
}

export interface FeishuApiOptions {
  appId: string;
  appSecret: string;
  domain: string;
  log: Log;
}

export function feishuApi({ appId, appSecret, domain, log }: FeishuApiOptions): FeishuApi {
  const logger = {
    error: (...message: unknown[]) => log('Feishu SDK', message),
    warn: (...message: unknown[]) => log('Feishu SDK', message),
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
  };
  const client = new lark.Client({
    appId,
    appSecret,
    domain,
    oauthBaseUrl: domain,
    appType: lark.AppType.SelfBuild,
    cache: ownCache(),
    logger,
    loggerLevel: lark.LoggerLevel.error,
  });

  /** One request; the envelope's `data` when code is 0, FeishuError otherwise (whatever the HTTP status). */
  async function call(request: {
    method: 'GET' | 'POST' | 'PATCH';
    url: string;
    params?: Record<string, string>;
    data?: Record<string, unknown>;
    userToken?: string;
  }): Promise<Envelope> {
    const { userToken, ...payload } = request;
    let body: unknown;
    try {
      body = await client.request(payload, userToken === undefined ? undefined : lark.withUserAccessToken(userToken));
    } catch (error) {
      const response = isRecord(error) && isRecord(error.response) ? error.response : null;
      if (response === null) throw error;
      const data = isRecord(response.data) ? response.data : {};
      const status = typeof response.status === 'number' ? response.status : 0;
      throw new FeishuError(
        Number(data.code ?? -1),
        String(data.msg ?? data.error_description ?? 'HTTP error'),
        status,
      );
    }
    const envelope: Envelope = isRecord(body) ? body : {};
    if (envelope.code !== 0) throw new FeishuError(Number(envelope.code ?? -1), String(envelope.msg ?? ''), 200);
    return envelope;
  }

  const dataOf = (envelope: Envelope): Record<string, unknown> => (isRecord(envelope.data) ? envelope.data : {});
  const text = (value: unknown): string => (typeof value === 'string' ? value : '');

  return {
    async sendCard(chatId, card) {
      const sent = await call({
        method: 'POST',
        url: '/open-apis/im/v1/messages',
        params: { receive_id_type: 'chat_id' },
        data: { receive_id: chatId, msg_type: 'interactive', content: JSON.stringify(card) },
      });
      const messageId = text(dataOf(sent).message_id);
      if (messageId === '') throw new FeishuError(-1, 'no message_id in the answer', 200);
      return messageId;
    },
    async patchCard(messageId, card) {
      await call({
        method: 'PATCH',
        url: `/open-apis/im/v1/messages/${encodeURIComponent(messageId)}`,
        data: { content: JSON.stringify(card) },
      });
    },
    async chat(chatId) {
      const data = dataOf(await call({ method: 'GET', url: `/open-apis/im/v1/chats/${encodeURIComponent(chatId)}` }));
      return { name: text(data.name), chatMode: text(data.chat_mode) };
    },
    async members(chatId, limit) {
      const members: ChatMember[] = [];
      let pageToken = '';
      do {
        const params: Record<string, string> = { member_id_type: 'open_id', page_size: '100' };
        if (pageToken !== '') params.page_token = pageToken;
        const url = `/open-apis/im/v1/chats/${encodeURIComponent(chatId)}/members`;
        const data = dataOf(await call({ method: 'GET', url, params }));
        for (const item of Array.isArray(data.items) ? data.items : []) {
          if (isRecord(item) && text(item.member_id) !== '') {
            members.push({ openId: text(item.member_id), name: text(item.name) });
          }
        }
        pageToken = data.has_more === true ? text(data.page_token) : '';
      } while (pageToken !== '' && members.length < limit);
      return members.slice(0, limit);
    },
    async openIdOfCode(code) {
      // The OAuth token endpoint answers RFC 6749's fields at the top level, with `code` 0 beside them.
      const token = await call({
        method: 'POST',
        url: '/open-apis/authen/v2/oauth/token',
        data: { grant_type: 'authorization_code', client_id: appId, client_secret: appSecret, code },
      });
      const accessToken = text((token as Record<string, unknown>).access_token);
      if (accessToken === '') throw new FeishuError(-1, 'no access_token in the answer', 200);
      const user = dataOf(await call({ method: 'GET', url: '/open-apis/authen/v1/user_info', userToken: accessToken }));
      const openId = text(user.open_id);
      if (openId === '') throw new FeishuError(-1, 'no open_id in user_info', 200);
      return openId;
    },
    async jsapiTicket() {
      const data = dataOf(await call({ method: 'POST', url: '/open-apis/jssdk/ticket/get' }));
      const ticket = text(data.ticket);
      if (ticket === '') throw new FeishuError(-1, 'no ticket in the answer', 200);
      return { ticket, expiresIn: typeof data.expire_in === 'number' ? data.expire_in : 0 };
    },
  };
}
