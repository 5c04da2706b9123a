// A fake Feishu OpenAPI on 127.0.0.1, written from Feishu's documents (docs/platforms.md, "Feishu"), never from
// the service's code: the tenant_access_token, messages (POST, PATCH), chat info and members, and the web app's
// OAuth code exchange. It enforces what the documents state: every body's documented shape (unknown or missing
// fields refused), tokens, the bot in the group, update_multi before and after, the 14-day window, 5 PATCHes a
// second per message (HTTP 429, code 99991400), the same sender. The simulated group (group.ts) sits on top.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/** Feishu's documented codes the fake answers with (docs/platforms.md, "Feishu: the fake OpenAPI"). */
export const FAKE_CODES = {
  rateLimited: 99991400,
  invalidToken: 99991663,
  validation: 99992402,
  invalidAppSecret: 10014,
  invalidGrant: 20003,
  botNotInChat: 232011,
  messageNotFound: 230011,
  notShared: 230031,
  windowClosed: 230072,
  notSender: 230027,
} as const;

export const FAKE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
export const FAKE_PATCHES_PER_SECOND = 5;

export interface FakeMember {
  openId: string;
  name: string;
}

export interface FakeMessage {
  messageId: string;
  chatId: string;
  msgType: 'interactive' | 'text';
  /** The card (or text content) as last set, parsed. */
  content: Record<string, unknown>;
  sentAt: number;
  senderAppId: string;
  patches: number;
}

export interface FakeRequest {
  method: string;
  path: string;
  status: number;
  code: number;
}

export interface FakeFeishu {
  origin: string;
  appId: string;
  appSecret: string;
  addChat(chatId: string, name: string, members: FakeMember[], options?: { botIn?: boolean }): void;
  removeMember(chatId: string, openId: string): void;
  /** A one-time authorization code for `openId`, as requestAccess would hand the web app (3 minutes). */
  issueCode(openId: string): string;
  messages(chatId: string): FakeMessage[];
  requests: FakeRequest[];
  /** The last jsapi_ticket the fake issued ('' before any): what a real client checks h5sdk.config's signature with. */
  jsapiTicket(): string;
  /** The next `method` request to `path` fails, once: by default HTTP 500 with Feishu's internal error (1500). */
  failNext(method: string, path: string, answer?: { status: number; code: number; msg: string }): void;
  /** The fake's clock (ms); tests move it. */
  now: () => number;
  setNow(now: () => number): void;
  close(): Promise<void>;
}

type Body = Record<string, unknown>;
type Answer = { status: number; body: Body };

const ok = (data: unknown): Answer => ({ status: 200, body: { code: 0, msg: 'success', data } });
const refuse = (status: number, code: number, msg: string): Answer => ({ status, body: { code, msg } });
const isRecord = (value: unknown): value is Body =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The documented shape of a body: its required and optional string fields; anything else is refused. */
function shapeProblem(body: unknown, required: readonly string[], optional: readonly string[] = []): string | null {
  if (!isRecord(body)) return 'the body must be a JSON object';
  for (const key of Object.keys(body)) {
    if (!required.includes(key) && !optional.includes(key)) return `unknown field ${key}`;
  }
  for (const key of [...required, ...optional]) {
    if (key in body && typeof body[key] !== 'string') return `${key} must be a string`;
  }
  const missing = required.find((key) => typeof body[key] !== 'string' || body[key] === '');
  return missing === undefined ? null : `${missing} is required`;
}

/** An interactive card's content, as the messages API documents it: a JSON string of the card object. */
function cardOf(content: string): Body | null {
  try {
    const card: unknown = JSON.parse(content);
    if (!isRecord(card)) return null;
    const hasBody = Array.isArray(card.elements) || isRecord(card.i18n_elements) || isRecord(card.body);
    return hasBody ? card : null;
  } catch {
    return null;
  }
}

const shared = (card: Body): boolean => isRecord(card.config) && card.config.update_multi === true;

export async function startFakeFeishu(options: { appId?: string; appSecret?: string } = {}): Promise<FakeFeishu> {
  const appId = options.appId ?? 'cli_fake0000000001';
  const appSecret = options.appSecret ?? randomBytes(16).toString('hex');
  let now = () => Date.now();
  const tenantTokens = new Map<string, number>();
  const userTokens = new Map<string, { openId: string; expiresAt: number }>();
  const codes = new Map<string, { openId: string; expiresAt: number }>();
  const chats = new Map<string, { name: string; members: FakeMember[]; botIn: boolean }>();
  const messages = new Map<string, FakeMessage>();
  const patchTimes = new Map<string, number[]>();
  const requests: FakeRequest[] = [];
  const names = new Map<string, string>();
  let jsapiTicket = '';
  const faults: { method: string; path: string; status: number; code: number; msg: string }[] = [];

  const id = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;

  function tenantOk(headers: http.IncomingHttpHeaders): boolean {
    const token = headers.authorization?.replace(/^Bearer /, '') ?? '';
    const expiresAt = tenantTokens.get(token);
    // Tokens expire on the wall clock, as the SDK's cache counts: the fake clock moves only message ages.
    return expiresAt !== undefined && expiresAt > Date.now();
  }

  function route(method: string, url: URL, headers: http.IncomingHttpHeaders, body: unknown): Answer {
    const path = url.pathname;
    if (method === 'POST' && path === '/open-apis/auth/v3/tenant_access_token/internal') {
      const problem = shapeProblem(body, ['app_id', 'app_secret']);
      if (problem !== null) return refuse(400, FAKE_CODES.validation, problem);
      if (!isRecord(body) || body.app_id !== appId || body.app_secret !== appSecret) {
        return refuse(400, FAKE_CODES.invalidAppSecret, 'app_id or app_secret is invalid');
      }
      const token = id('t-');
      tenantTokens.set(token, Date.now() + 7200_000);
      return { status: 200, body: { code: 0, msg: 'ok', tenant_access_token: token, expire: 7200 } };
    }
    if (method === 'POST' && path === '/open-apis/authen/v2/oauth/token') {
      const problem = shapeProblem(body, ['grant_type', 'client_id', 'client_secret', 'code'], ['redirect_uri']);
      if (problem !== null) return refuse(400, FAKE_CODES.validation, problem);
      const given = body as Body;
      if (given.grant_type !== 'authorization_code' || given.client_id !== appId || given.client_secret !== appSecret) {
        return {
          status: 400,
          body: { code: FAKE_CODES.invalidGrant, error: 'invalid_client', error_description: 'client' },
        };
      }
      const grant = codes.get(String(given.code));
      codes.delete(String(given.code));
      if (grant === undefined || grant.expiresAt <= now()) {
        return {
          status: 400,
          body: { code: FAKE_CODES.invalidGrant, error: 'invalid_grant', error_description: 'code' },
        };
      }
      const token = id('u-');
      userTokens.set(token, { openId: grant.openId, expiresAt: now() + 7200_000 });
      return {
        status: 200,
        body: { code: 0, access_token: token, expires_in: 7200, token_type: 'Bearer', scope: '' },
      };
    }
    if (method === 'GET' && path === '/open-apis/authen/v1/user_info') {
      const user = userTokens.get(headers.authorization?.replace(/^Bearer /, '') ?? '');
      if (user === undefined || user.expiresAt <= now()) return refuse(401, FAKE_CODES.invalidToken, 'invalid token');
      return ok({ open_id: user.openId, name: names.get(user.openId) ?? '' });
    }
    if (!tenantOk(headers)) return refuse(401, FAKE_CODES.invalidToken, 'Invalid access token for authorization');

    if (method === 'POST' && path === '/open-apis/im/v1/messages') {
      if (url.searchParams.get('receive_id_type') !== 'chat_id') {
        return refuse(400, FAKE_CODES.validation, 'receive_id_type must be chat_id here');
      }
      const problem = shapeProblem(body, ['receive_id', 'msg_type', 'content'], ['uuid']);
      if (problem !== null) return refuse(400, FAKE_CODES.validation, problem);
      const given = body as Record<string, string>;
      const chat = chats.get(given.receive_id);
      if (chat === undefined || !chat.botIn) return refuse(400, FAKE_CODES.botNotInChat, 'the bot is not in the chat');
      if (given.msg_type !== 'interactive') return refuse(400, FAKE_CODES.validation, 'msg_type: only interactive');
      const card = cardOf(given.content);
      if (card === null) return refuse(400, FAKE_CODES.validation, 'content must be a card as a JSON string');
      const message: FakeMessage = {
        messageId: id('om_'),
        chatId: given.receive_id,
        msgType: 'interactive',
        content: card,
        sentAt: now(),
        senderAppId: appId,
        patches: 0,
      };
      messages.set(message.messageId, message);
      return ok({
        message_id: message.messageId,
        chat_id: message.chatId,
        msg_type: 'interactive',
        create_time: String(message.sentAt),
        sender: { id: appId, id_type: 'app_id', sender_type: 'app' },
      });
    }
    if (method === 'POST' && path === '/open-apis/jssdk/ticket/get') {
      if (body !== undefined && !(isRecord(body) && Object.keys(body).length === 0)) {
        return refuse(400, FAKE_CODES.validation, 'this API takes no body');
      }
      jsapiTicket = id('');
      return ok({ ticket: jsapiTicket, expire_in: 7200 });
    }
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (method === 'PATCH' && patch !== null) {
      const problem = shapeProblem(body, ['content']);
      if (problem !== null) return refuse(400, FAKE_CODES.validation, problem);
      const message = messages.get(decodeURIComponent(patch[1] ?? ''));
      if (message === undefined) return refuse(400, FAKE_CODES.messageNotFound, 'message not found');
      if (message.senderAppId !== appId) return refuse(400, FAKE_CODES.notSender, 'not the sender of the message');
      const card = cardOf(String((body as Body).content));
      if (card === null) return refuse(400, FAKE_CODES.validation, 'content must be a card as a JSON string');
      if (!shared(message.content) || !shared(card)) {
        return refuse(400, FAKE_CODES.notShared, 'update_multi must be true before and after the update');
      }
      if (now() - message.sentAt > FAKE_WINDOW_MS) return refuse(400, FAKE_CODES.windowClosed, 'sent over 14 days ago');
      const times = (patchTimes.get(message.messageId) ?? []).filter((at) => Date.now() - at < 1000);
      if (times.length >= FAKE_PATCHES_PER_SECOND) {
        return refuse(429, FAKE_CODES.rateLimited, 'request trigger frequency limit');
      }
      patchTimes.set(message.messageId, [...times, Date.now()]);
      message.content = card;
      message.patches += 1;
      return ok({});
    }
    const chatPath = /^\/open-apis\/im\/v1\/chats\/([^/]+)(\/members)?$/.exec(path);
    if (method === 'GET' && chatPath !== null) {
      const chat = chats.get(decodeURIComponent(chatPath[1] ?? ''));
      if (chat === undefined || !chat.botIn) return refuse(400, FAKE_CODES.botNotInChat, 'the bot is not in the chat');
      if (chatPath[2] === undefined) {
        return ok({
          name: chat.name,
          chat_mode: 'group',
          chat_type: 'private',
          description: '',
          owner_id_type: 'open_id',
        });
      }
      if (url.searchParams.get('member_id_type') !== 'open_id') {
        return refuse(400, FAKE_CODES.validation, 'member_id_type: open_id expected');
      }
      const size = Number(url.searchParams.get('page_size') ?? '20');
      if (!Number.isInteger(size) || size < 1 || size > 100) return refuse(400, FAKE_CODES.validation, 'page_size');
      const start = Number(url.searchParams.get('page_token') ?? '0');
      const page = chat.members.slice(start, start + size);
      const more = start + size < chat.members.length;
      return ok({
        items: page.map((m) => ({ member_id_type: 'open_id', member_id: m.openId, name: m.name, tenant_key: 'fake' })),
        page_token: more ? String(start + size) : '',
        has_more: more,
        member_total: chat.members.length,
      });
    }
    return refuse(404, 404, `no such API: ${method} ${path}`);
  }

  /** An injected fault first (failNext), else the route's answer; a body that is not JSON is refused. */
  function answerOf(request: http.IncomingMessage, url: URL, text: string): Answer {
    const index = faults.findIndex((f) => f.method === request.method && f.path === url.pathname);
    const fault = faults[index];
    if (fault !== undefined) {
      faults.splice(index, 1);
      return refuse(fault.status, fault.code, fault.msg);
    }
    let body: unknown;
    try {
      body = text === '' ? undefined : JSON.parse(text);
    } catch {
      return refuse(400, FAKE_CODES.validation, 'the body is not JSON');
    }
    try {
      return route(request.method ?? 'GET', url, request.headers, body);
    } catch {
      return refuse(400, FAKE_CODES.validation, 'the request does not have the documented shape');
    }
  }

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const text = Buffer.concat(chunks).toString('utf8');
      const answer = answerOf(request, url, text);
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        status: answer.status,
        code: Number(answer.body.code ?? 0),
      });
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    origin: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    addChat(chatId, name, members, { botIn = true } = {}) {
      for (const member of members) names.set(member.openId, member.name);
      chats.set(chatId, { name, members: [...members], botIn });
    },
    removeMember(chatId, openId) {
      const chat = chats.get(chatId);
      if (chat !== undefined) chat.members = chat.members.filter((member) => member.openId !== openId);
    },
    issueCode(openId) {
      const code = id('code-');
      codes.set(code, { openId, expiresAt: now() + 3 * 60_000 });
      return code;
    },
    jsapiTicket: () => jsapiTicket,
    failNext(method, path, answer = { status: 500, code: 1500, msg: 'internal error' }) {
      faults.push({ method, path, ...answer });
    },
    messages: (chatId) => [...messages.values()].filter((message) => message.chatId === chatId),
    requests,
    now: () => now(),
    setNow(next) {
      now = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
