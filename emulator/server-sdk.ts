// The emulator's twin of wx-server-sdk inside a cloud function (docs/platform.md, "wx-server-sdk"):
// `openapi` is a proxy that joins the property path into the API name, refuses names missing from the
// function's config.json permissions (-604101), converts the request camelCase → snake_case and WeChat's answer
// snake_case → camelCase, resolves with errCode 0 and errMsg "openapi.<api>:ok", and rejects WeChat's refusals
// with errCode and errMsg "openapi.<api>:fail <errmsg>" like the SDK's CloudSDKError. getWXContext answers the
// current invocation's caller, which WeChat injects per call (AsyncLocalStorage here).
import { AsyncLocalStorage } from 'node:async_hooks';
import { ERRCODE } from './rules';
import type { EmulatedCloudFunction, EmulatedOpenApi, EmulatedServerSdk, OpenDataList } from './types';

/** A refusal by WeChat's server: its errcode and errmsg, as the HTTPS API answers them. */
export class WeChatRefusal extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`${errcode} ${errmsg}`);
    this.name = 'WeChatRefusal';
  }
}

/** What the SDK rejects with: errCode and errMsg, and its message format. */
export class CloudSdkError extends Error {
  constructor(
    readonly errCode: number,
    readonly errMsg: string,
  ) {
    super(`errCode: ${errCode} | errMsg: ${errMsg}`);
    this.name = 'CloudSDKError';
  }
}

export type Json = Record<string, unknown>;

/** The emulated WeChat server behind the SDK. */
export interface WeChatServer {
  readonly appid: string;
  /** One openapi call with a snake_case request; resolves with WeChat's JSON answer or rejects with WeChatRefusal. */
  openapi(api: string, request: Json, caller: string | null): Promise<Json>;
  /** Records a call the SDK refused before it reached WeChat (a missing permission). */
  refusedLocally(api: string, request: Json, refusal: WeChatRefusal): void;
  getOpenData(list: string[], caller: string | null): Promise<OpenDataList['list']>;
  /** The user opened the mini program (a function call from their phone). */
  seen(openid: string): void;
}

function convertKeys(value: unknown, convert: (key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [convert(key), convertKeys(item, convert)]));
}

/** The SDK's convertCase: every capital becomes "_" + lower case, recursively (groupOpenID → group_open_i_d). */
export const toSnakeCase = (value: unknown): unknown =>
  convertKeys(value, (key) => key.replace(/[A-Z]/g, (capital) => `_${capital.toLowerCase()}`));
export const toCamelCase = (value: unknown): unknown =>
  convertKeys(value, (key) => key.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase()));

export const isRecord = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A chainable proxy: `openapi.a.b(data)` calls `call('a.b', data)`. */
function apiProxy(call: (api: string, data: unknown) => Promise<unknown>, path: string[] = []): unknown {
  return new Proxy(() => undefined, {
    get: (_target, property) =>
      // Not thenable, so `await openapi.x` does not call it.
      typeof property === 'symbol' || property === 'then' ? undefined : apiProxy(call, [...path, property]),
    apply: (_target, _this, args: unknown[]) => call(path.join('.'), args[0]),
  });
}

export function createCloudFunction(server: WeChatServer, permissions: readonly string[]): EmulatedCloudFunction {
  const invocation = new AsyncLocalStorage<{ openid: string | null }>();
  const caller = () => invocation.getStore()?.openid ?? null;

  async function callOpenApi(api: string, data: unknown): Promise<unknown> {
    const request = toSnakeCase(isRecord(data) ? data : {}) as Json;
    if (!permissions.includes(api)) {
      const refusal = new WeChatRefusal(ERRCODE.NO_PERMISSION, 'function has no permission to call this API');
      server.refusedLocally(api, request, refusal);
      throw new CloudSdkError(refusal.errcode, `openapi.${api}:fail ${refusal.errmsg}`);
    }
    let answer: Json;
    try {
      answer = await server.openapi(api, request, caller());
    } catch (error) {
      if (!(error instanceof WeChatRefusal)) throw error;
      throw new CloudSdkError(error.errcode, `openapi.${api}:fail ${error.errmsg}`);
    }
    // Like the SDK: errcode and errmsg give way to errCode 0 and errMsg "<api>:ok".
    const rest = { ...answer };
    delete rest.errcode;
    delete rest.errmsg;
    return { ...(toCamelCase(rest) as Json), errMsg: `openapi.${api}:ok`, errCode: 0 };
  }

  const sdk: EmulatedServerSdk = {
    openapi: apiProxy(callOpenApi) as EmulatedOpenApi,
    async getOpenData(param) {
      if (!isRecord(param) || !Array.isArray(param.list)) {
        throw new CloudSdkError(ERRCODE.BUSY, 'getOpenData:fail list must be provided');
      }
      try {
        const list = await server.getOpenData(param.list.map(String), caller());
        return { list, errMsg: 'getOpenData:ok', errCode: 0 };
      } catch (error) {
        if (!(error instanceof WeChatRefusal)) throw error;
        throw new CloudSdkError(error.errcode, `getOpenData:fail ${error.errmsg}`);
      }
    },
    getWXContext() {
      const openid = caller();
      return { ...(openid === null ? {} : { OPENID: openid }), APPID: server.appid, ENV: 'emulator' };
    },
  };

  return {
    sdk,
    invoke(who, body) {
      if (who !== null) server.seen(who.openid);
      return invocation.run({ openid: who?.openid ?? null }, body);
    },
  };
}
