// The ONE adapter around wx-server-sdk, whose typings are loose (openapi is Record<string, any>,
// database results are unions with void, DYNAMIC_CURRENT_ENV is a symbol where a string is typed).
// Casts and `any` are allowed here and nowhere else (eslint.config.mjs names this file); everything past this
// file is typed by the ports.
import type * as WxServerSdk from 'wx-server-sdk';
import type { CardActivity } from '../core/card';
import type { CloudDatabase } from './store/cloudbase';
import type { ChatPlatform, ChatResolution, TextVerdict } from './ports';
import { PlatformError } from './ports';
import type { OpenData } from './wechat-open-data';
import { chatOfOpenData, CLOUD_ID_EXPIRED_ERRCODE } from './wechat-open-data';
import {
  APPID_VARIABLE,
  APPSECRET_VARIABLE,
  createWeChatHttpsClient,
  credentialsFrom,
  type HttpsTransport,
  type WeChatHttpsClient,
} from './wechat-https';

type Sdk = typeof WxServerSdk;

/** What the platform needs from wx-server-sdk; tests pass a stand-in of this shape. */
export interface SdkSurface {
  openapi: unknown;
  getOpenData(param: { list: string[] }): unknown;
  getWXContext(): unknown;
}

/** Initialises the SDK for the environment the function runs in. */
export function initSdk(sdk: Sdk): void {
  sdk.init({ env: sdk.DYNAMIC_CURRENT_ENV as any });
}

/** Outside WeChat's runtime (the real-CloudBase contract test): an environment with API keys. */
export function initSdkWithKeys(
  sdk: Sdk,
  keys: { env: string; secretId: string; secretKey: string; sessionToken?: string },
): void {
  sdk.init(keys as any);
}

/** cloud.database() typed as the store's port. */
export function databaseOf(raw: unknown): CloudDatabase {
  return raw as CloudDatabase;
}

/** The caller as WeChat injected it; empty for timer triggers and server-side calls. */
export function callerOpenid(sdk: SdkSurface): string {
  const { OPENID } = sdk.getWXContext() as { OPENID?: unknown };
  return typeof OPENID === 'string' ? OPENID : '';
}

function asPlatformError(error: unknown): PlatformError {
  const e = error as { errCode?: unknown; errMsg?: unknown } | null;
  const errcode = typeof e?.errCode === 'number' ? e.errCode : -1;
  const errmsg = typeof e?.errMsg === 'string' ? e.errMsg : String(error);
  return new PlatformError(errcode, errmsg);
}

/** WeChat's expiration_time is a timestamp of unstated unit; read as seconds (docs/platform.md, "createActivityId"). */
export function toMilliseconds(timestamp: number): number {
  return timestamp < 1e12 ? timestamp * 1000 : timestamp;
}

const VERDICTS: readonly TextVerdict[] = ['pass', 'review', 'risky'];

/** getOpenData reports an expired cloudID either by throwing or per item. */
const EXPIRED: ChatResolution = {
  ok: false,
  code: 'CHAT_PROOF_EXPIRED',
  message: 'the cloudID expired; read a new one',
};

/** wx-server-sdk's errCode for an API it has no cloud call for (docs/platform.md, "setChatToolMsg through cloud call"). */
export const CLOUD_CALL_UNSUPPORTED = -604100;

export interface PlatformOptions {
  /** The function's environment variables: WECHAT_APPID and WECHAT_APPSECRET enable the HTTPS fallback. */
  env?: Record<string, string | undefined>;
  /** How HTTPS requests reach WeChat (default node:https to api.weixin.qq.com); the local runner passes the emulator's. */
  transport?: HttpsTransport;
  now?: () => number;
  log?: (message: string) => void;
}

/** The kit's platform port on WeChat: cards, chats and the content check through wx-server-sdk. */
export function platformOf(sdk: SdkSurface, options: PlatformOptions = {}): ChatPlatform {
  const openapi = sdk.openapi as any;
  const credentials = credentialsFrom(options.env ?? {});
  const log = options.log ?? (() => undefined);
  /**
   * Set once the cloud call is refused as unsupported; the instance then keeps to HTTPS (null: no credentials,
   * so the refusal stands and was logged).
   */
  let https: WeChatHttpsClient | null | undefined;

  function switchToHttps(): WeChatHttpsClient | null {
    if (https !== undefined) return https;
    if (credentials === null) {
      log(`setChatToolMsg is refused by cloud call; set ${APPID_VARIABLE}/${APPSECRET_VARIABLE} to use the HTTPS API`);
      https = null;
    } else {
      log('setChatToolMsg is refused by cloud call; this instance uses the HTTPS API from now on');
      https = createWeChatHttpsClient({ ...credentials, transport: options.transport, now: options.now });
    }
    return https;
  }

  return {
    async createCard(): Promise<CardActivity> {
      let result: any;
      try {
        // Without openid/unionid: those are for private messages only (docs/platform.md, "createActivityId"). The SDK
        // camelCases the answer.
        result = await openapi.updatableMessage.createActivityId({});
      } catch (error) {
        throw asPlatformError(error);
      }
      if (typeof result?.activityId !== 'string' || typeof result?.expirationTime !== 'number') {
        throw new PlatformError(-1, 'createActivityId returned no activity_id');
      }
      return { activityId: result.activityId, expiresAt: toMilliseconds(result.expirationTime) };
    },

    async updateCard(body) {
      if (https) return https.updateCard(body);
      try {
        // snake_case keys pass the SDK's camel→snake conversion unchanged (docs/platform.md, "wx-server-sdk").
        await openapi.chattoolmsg.send(body);
      } catch (error) {
        const failure = asPlatformError(error);
        if (failure.errcode !== CLOUD_CALL_UNSUPPORTED) throw failure;
        const fallback = switchToHttps();
        if (fallback === null) throw failure;
        await fallback.updateCard(body);
      }
    },

    async checkText({ userId, scene, title, content }) {
      let result: any;
      try {
        // Version 2 (version 1 stopped being updated in 2021); the SDK camelCases trace_id (docs/platform.md, "msgSecCheck").
        // On WeChat the userId is the writer's openid.
        result = await openapi.security.msgSecCheck({ version: 2, openid: userId, scene, title, content });
      } catch (error) {
        throw asPlatformError(error);
      }
      if (typeof result?.errCode === 'number' && result.errCode !== 0) throw asPlatformError(result);
      const verdict = VERDICTS.find((known) => known === result?.result?.suggest);
      if (verdict === undefined) throw new PlatformError(-1, 'msgSecCheck returned no suggest');
      return { verdict, traceId: typeof result.traceId === 'string' ? result.traceId : '' };
    },

    async resolveChat(cloudID): Promise<ChatResolution> {
      const appid = (sdk.getWXContext() as { APPID?: unknown }).APPID;
      let item: any;
      try {
        const result: any = await sdk.getOpenData({ list: [cloudID] });
        item = result?.list?.[0];
      } catch (error) {
        const failure = asPlatformError(error);
        if (failure.errcode === CLOUD_ID_EXPIRED_ERRCODE) return EXPIRED;
        // The call itself failed (busy, network): nothing is known about the cloudID; the caller may retry.
        throw failure;
      }
      if (item?.errCode === CLOUD_ID_EXPIRED_ERRCODE) return EXPIRED;
      if (typeof item?.errCode === 'number' && item.errCode !== 0) {
        return { ok: false, code: 'CHAT_PROOF_INVALID', message: `the cloudID was not accepted (${item.errCode})` };
      }
      const data = item?.data;
      if (typeof data !== 'object' || data === null) {
        return { ok: false, code: 'CHAT_PROOF_INVALID', message: 'the cloudID resolved to nothing' };
      }
      if (typeof appid === 'string' && data.watermark?.appid !== undefined && data.watermark.appid !== appid) {
        return { ok: false, code: 'CHAT_PROOF_FOREIGN', message: 'the cloudID belongs to another mini program' };
      }
      const openData: OpenData = {
        opengid: typeof data.opengid === 'string' ? data.opengid : undefined,
        open_single_roomid: typeof data.open_single_roomid === 'string' ? data.open_single_roomid : undefined,
        group_openid: typeof data.group_openid === 'string' ? data.group_openid : undefined,
        chat_type: typeof data.chat_type === 'number' ? data.chat_type : undefined,
      };
      return chatOfOpenData(openData);
    },
  };
}
