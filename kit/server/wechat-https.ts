// WeChat's server API over HTTPS, for what a cloud call cannot do: setChatToolMsg where WeChat refuses
// chattoolmsg.send by cloud call (docs/platform.md, "setChatToolMsg through cloud call"). The access token comes from
// getStableAccessToken (docs/platform.md, "Access token"). node:https, no dependency: every Node version CloudBase
// offers has it, while global fetch needs Node 18.
import http from 'node:http';
import https from 'node:https';
import type { SetChatToolMsgBody } from '../core/card';
import type { ChatPlatform } from './ports';
import { PlatformError } from './ports';

/** One POST of a JSON body; resolves with the HTTP status and the response text. */
export type HttpsTransport = (request: { url: string; body: string }) => Promise<{ status: number; body: string }>;

/** The function's environment variables (set in the CloudBase console) that enable the HTTPS API. */
export const APPID_VARIABLE = 'WECHAT_APPID';
export const APPSECRET_VARIABLE = 'WECHAT_APPSECRET';

export const WECHAT_API_BASE = 'https://api.weixin.qq.com';

export interface WeChatHttpsOptions {
  appid: string;
  /** AppSecret: sent in stable_token's body only, never logged, never in an error. */
  secret: string;
  /** Default WECHAT_API_BASE; the emulator's transport answers any base. */
  baseUrl?: string;
  /** Default nodeTransport. */
  transport?: HttpsTransport;
  now?: () => number;
}

/** The appid and secret the environment gives, or null when either is missing. */
export function credentialsFrom(
  env: Record<string, string | undefined>,
): Pick<WeChatHttpsOptions, 'appid' | 'secret'> | null {
  const appid = env[APPID_VARIABLE]?.trim() ?? '';
  const secret = env[APPSECRET_VARIABLE]?.trim() ?? '';
  return appid === '' || secret === '' ? null : { appid, secret };
}

/** How long a request may take before it is dropped (the action has answered long before: cardSyncTimeoutMs). */
const REQUEST_TIMEOUT_MS = 8000;

/** POST over node:https (node:http for an http: URL, e.g. a local twin). */
export const nodeTransport: HttpsTransport = ({ url, body }) =>
  new Promise((resolve, reject) => {
    const target = new URL(url);
    const send = target.protocol === 'http:' ? http.request : https.request;
    const request = send(
      target,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(body);
  });

/** Invalid or not latest / expired (docs/platform.md, "Error codes"): fetch a token again and retry once. */
const TOKEN_REFUSALS = new Set([40001, 42001]);
/** WeChat renews a stable token in its last 5 minutes, the old one staying valid meanwhile (docs/platform.md, "Access token"). */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60 * 1000;

interface Token {
  value: string;
  renewAt: number;
}

/** The card part of the kit's platform port over HTTPS. */
export interface WeChatHttpsClient extends Pick<ChatPlatform, 'updateCard'> {
  /** POST /cgi-bin/message/wxopen/chattoolmsg/send; rejects with PlatformError when WeChat refuses or is unreachable. */
  updateCard(body: SetChatToolMsgBody): Promise<void>;
}

export function createWeChatHttpsClient(options: WeChatHttpsOptions): WeChatHttpsClient {
  const { appid, secret } = options;
  const base = (options.baseUrl ?? WECHAT_API_BASE).replace(/\/+$/, '');
  const transport = options.transport ?? nodeTransport;
  const now = options.now ?? Date.now;
  let token: Token | null = null;
  let refreshing: Promise<Token> | null = null;

  /** An error text with neither the secret nor a token in it, cut short. */
  function redacted(text: string): string {
    let clean = text.split(secret).join('***');
    if (token !== null) clean = clean.split(token.value).join('***');
    return clean.slice(0, 200);
  }

  async function post(path: string, body: unknown): Promise<Record<string, unknown>> {
    let answer: { status: number; body: string };
    try {
      answer = await transport({ url: `${base}${path}`, body: JSON.stringify(body) });
    } catch (error) {
      throw new PlatformError(-1, redacted(`${path.split('?')[0]} unreachable: ${String(error)}`));
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(answer.body);
    } catch {
      parsed = null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new PlatformError(-1, `${path.split('?')[0]} answered HTTP ${answer.status} without JSON`);
    }
    const result = parsed as Record<string, unknown>;
    if (typeof result.errcode === 'number' && result.errcode !== 0) {
      throw new PlatformError(result.errcode, redacted(typeof result.errmsg === 'string' ? result.errmsg : ''));
    }
    return result;
  }

  async function fetchToken(): Promise<Token> {
    const answer = await post('/cgi-bin/stable_token', {
      grant_type: 'client_credential',
      appid,
      secret,
      force_refresh: false,
    });
    const { access_token: value, expires_in: expiresIn } = answer;
    if (typeof value !== 'string' || value === '' || typeof expiresIn !== 'number') {
      throw new PlatformError(-1, 'stable_token returned no access_token');
    }
    return { value, renewAt: now() + Math.max(0, expiresIn * 1000 - RENEW_BEFORE_EXPIRY_MS) };
  }

  /** The cached token, or a new one; concurrent callers share one stable_token request. */
  async function accessToken(): Promise<string> {
    if (token !== null && now() < token.renewAt) return token.value;
    refreshing ??= fetchToken().finally(() => {
      refreshing = null;
    });
    token = await refreshing;
    return token.value;
  }

  async function send(body: SetChatToolMsgBody): Promise<void> {
    const value = await accessToken();
    try {
      await post(`/cgi-bin/message/wxopen/chattoolmsg/send?access_token=${encodeURIComponent(value)}`, body);
    } catch (error) {
      if (error instanceof PlatformError && TOKEN_REFUSALS.has(error.errcode) && token?.value === value) token = null;
      throw error;
    }
  }

  return {
    async updateCard(body) {
      try {
        await send(body);
      } catch (error) {
        if (!(error instanceof PlatformError) || !TOKEN_REFUSALS.has(error.errcode)) throw error;
        await send(body);
      }
    },
  };
}
