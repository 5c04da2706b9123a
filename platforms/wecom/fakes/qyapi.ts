// A fake qyapi on 127.0.0.1, written from WeCom's documents and never from the server's code: gettoken,
// miniprogram/jscode2session and externalcontact/groupchat/get (docs/platforms.md#wecom-identity). It enforces what
// they document: the method of each call, its required parameters and body shape (anything else is refused with
// 40058), the token's 7200 s life (the same token until then, 42001 after, 40014 for one it never issued), a login
// code valid 5 minutes and once (40029 otherwise), and a chat it does not hold (40050). Every request is kept, so a
// test can check what the server sent.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const TOKEN_LIFE_S = 7200;
export const CODE_LIFE_MS = 5 * 60_000;

export interface FakeGroupMember {
  userid: string;
  type: 1 | 2;
}

export interface FakeQyRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  answer: Record<string, unknown>;
}

export interface FakeQyApiOptions {
  corpId: string;
  corpSecret: string;
  /** The fake's clock (default Date.now): a test moves it to expire tokens and codes. */
  now?: () => number;
}

export interface FakeQyApi {
  url: string;
  /** The code wx.qy.login gives `userid` of `corpId` (default: the fake's company). */
  issueCode(userid: string, corpId?: string): string;
  /** A customer group of the company, with its members. */
  addGroupChat(chatId: string, members: FakeGroupMember[]): void;
  /** WeCom answers `errcode` to the next call of `path`, once (a fault, e.g. -1 busy). */
  failNext(path: string, errcode: number): void;
  /** Every token issued so far is invalidated (as a reset secret does): the next call with one gets 40014. */
  revokeTokens(): void;
  requests: FakeQyRequest[];
  close(): Promise<void>;
}

const ERRMSG: Record<number, string> = {
  0: 'ok',
  [-1]: 'system busy',
  40001: 'invalid secret',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40029: 'invalid code',
  40050: 'invalid group id',
  40058: 'invalid Request Parameter',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41008: 'missing code',
  42001: 'access_token expired',
};

const refusal = (errcode: number) => ({ errcode, errmsg: ERRMSG[errcode] ?? 'error' });

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export async function startFakeQyApi({ corpId, corpSecret, now = Date.now }: FakeQyApiOptions): Promise<FakeQyApi> {
  const tokens = new Map<string, number>();
  let current: { token: string; expiresAt: number } | null = null;
  const codes = new Map<string, { corpid: string; userid: string; expiresAt: number }>();
  const groups = new Map<string, FakeGroupMember[]>();
  const faults = new Map<string, number>();
  const requests: FakeQyRequest[] = [];
  const id = () => randomBytes(18).toString('base64url');

  /** The token check every call but gettoken makes; null when it holds. */
  function tokenProblem(query: Record<string, string>): number | null {
    const token = query.access_token;
    if (token === undefined || token === '') return 41001;
    const expiresAt = tokens.get(token);
    if (expiresAt === undefined) return 40014;
    return now() < expiresAt ? null : 42001;
  }

  function gettoken(method: string, query: Record<string, string>) {
    if (method !== 'GET') return refusal(40058);
    if (!query.corpid) return refusal(41002);
    if (!query.corpsecret) return refusal(41004);
    if (query.corpid !== corpId) return refusal(40013);
    if (query.corpsecret !== corpSecret) return refusal(40001);
    // The same token while it lasts, a new one after (WeCom's gettoken documents both).
    if (current === null || now() >= current.expiresAt) {
      current = { token: id(), expiresAt: now() + TOKEN_LIFE_S * 1000 };
      tokens.set(current.token, current.expiresAt);
    }
    const expiresIn = Math.ceil((current.expiresAt - now()) / 1000);
    return { errcode: 0, errmsg: 'ok', access_token: current.token, expires_in: expiresIn };
  }

  function jscode2session(method: string, query: Record<string, string>) {
    if (method !== 'GET') return refusal(40058);
    const problem = tokenProblem(query);
    if (problem !== null) return refusal(problem);
    if (!query.js_code) return refusal(41008);
    if (query.grant_type !== 'authorization_code') return refusal(40058);
    const code = codes.get(query.js_code);
    codes.delete(query.js_code);
    if (code === undefined || now() >= code.expiresAt) return refusal(40029);
    return { errcode: 0, errmsg: 'ok', corpid: code.corpid, userid: code.userid, session_key: id() };
  }

  function groupchatGet(method: string, query: Record<string, string>, body: unknown) {
    if (method !== 'POST') return refusal(40058);
    const problem = tokenProblem(query);
    if (problem !== null) return refusal(problem);
    const keys = isRecord(body) ? Object.keys(body) : [];
    if (
      !isRecord(body) ||
      typeof body.chat_id !== 'string' ||
      body.chat_id === '' ||
      !keys.every((key) => key === 'chat_id' || key === 'need_name') ||
      (body.need_name !== undefined && body.need_name !== 0 && body.need_name !== 1)
    ) {
      return refusal(40058);
    }
    const members = groups.get(body.chat_id);
    if (members === undefined) return refusal(40050);
    return {
      errcode: 0,
      errmsg: 'ok',
      group_chat: {
        chat_id: body.chat_id,
        name: 'customer group',
        owner: members.find((member) => member.type === 1)?.userid ?? '',
        create_time: Math.floor(now() / 1000),
        member_list: members.map((member) => ({
          ...member,
          join_time: Math.floor(now() / 1000),
          join_scene: 1,
          ...(body.need_name === 1 ? { name: member.userid } : {}),
        })),
        admin_list: [],
      },
    };
  }

  const routes: Record<string, (method: string, query: Record<string, string>, body: unknown) => object> = {
    '/cgi-bin/gettoken': (method, query) => gettoken(method, query),
    '/cgi-bin/miniprogram/jscode2session': (method, query) => jscode2session(method, query),
    '/cgi-bin/externalcontact/groupchat/get': groupchatGet,
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams.entries());
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = undefined;
      let answer: Record<string, unknown>;
      try {
        body = text === '' ? undefined : JSON.parse(text);
        const route = routes[url.pathname];
        const fault = faults.get(url.pathname.replace(/^\/cgi-bin\//, ''));
        if (route === undefined) answer = { errcode: 404, errmsg: 'no such api' };
        else if (fault !== undefined) {
          faults.delete(url.pathname.replace(/^\/cgi-bin\//, ''));
          answer = refusal(fault);
        } else answer = { ...route(req.method ?? '', query, body) };
      } catch {
        answer = refusal(40058);
      }
      requests.push({ method: req.method ?? '', path: url.pathname, query, body, answer });
      res.writeHead(url.pathname in routes ? 200 : 404, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/cgi-bin`,
    issueCode(userid, corpid = corpId) {
      const code = id();
      codes.set(code, { corpid, userid, expiresAt: now() + CODE_LIFE_MS });
      return code;
    },
    addGroupChat(chatId, members) {
      groups.set(chatId, members);
    },
    failNext(path, errcode) {
      faults.set(path, errcode);
    },
    revokeTokens() {
      tokens.clear();
      current = null;
    },
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
