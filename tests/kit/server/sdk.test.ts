// The wx-server-sdk adapter against stand-ins of the SDK's documented behaviour (docs/platform.md, "wx-server-sdk").
import { PlatformError } from '../../../kit/server/ports';
import type { SdkSurface } from '../../../kit/server/sdk';
import { callerOpenid, platformOf, toMilliseconds } from '../../../kit/server/sdk';
import type { HttpsTransport } from '../../../kit/server/wechat-https';
import { CARD_TEMPLATE } from 'chat-tool-kit';

function fakeSdk(
  overrides: Partial<{
    create: () => Promise<unknown>;
    send: (body: unknown) => Promise<unknown>;
    openData: () => Promise<unknown>;
    check: (request: unknown) => Promise<unknown>;
    context: unknown;
  }> = {},
) {
  const sent: unknown[] = [];
  const checked: unknown[] = [];
  const sdk: SdkSurface = {
    openapi: {
      updatableMessage: {
        createActivityId:
          overrides.create ?? (async () => ({ activityId: '966_NGiq+/=', expirationTime: 1_800_000_000, errCode: 0 })),
      },
      chattoolmsg: {
        send:
          overrides.send ??
          (async (body: unknown) => {
            sent.push(body);
            return { errCode: 0, errMsg: 'openapi.chattoolmsg.send:ok' };
          }),
      },
      security: {
        msgSecCheck: async (request: unknown) => {
          checked.push(request);
          // What the SDK resolves with: WeChat's answer camelCased (trace_id → traceId), errCode 0.
          return overrides.check
            ? overrides.check(request)
            : {
                errCode: 0,
                errMsg: 'openapi.security.msgSecCheck:ok',
                result: { suggest: 'pass', label: 100 },
                detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100 }],
                traceId: 't1',
              };
        },
      },
    },
    getOpenData:
      overrides.openData ??
      (async () => ({
        list: [
          {
            cloudID: 'c',
            data: { opengid: 'G', group_openid: 'g', chat_type: 3, watermark: { appid: 'wxA', timestamp: 1 } },
          },
        ],
      })),
    getWXContext: () => overrides.context ?? { OPENID: 'oCaller', APPID: 'wxA' },
  };
  return { sdk, sent, checked };
}

const cloudError = (errCode: number, errMsg: string) => Object.assign(new Error(errMsg), { errCode, errMsg });

describe('the wx-server-sdk adapter', () => {
  it('creates an activity_id and reads expiration_time as seconds', async () => {
    const { sdk } = fakeSdk();
    await expect(platformOf(sdk).createCard()).resolves.toEqual({
      activityId: '966_NGiq+/=',
      expiresAt: 1_800_000_000_000,
    });
    expect(toMilliseconds(1_800_000_000_000)).toBe(1_800_000_000_000);
  });

  it('turns SDK failures and malformed answers into PlatformError', async () => {
    const failing = fakeSdk({ create: async () => Promise.reject(cloudError(48001, 'api unauthorized')) });
    await expect(platformOf(failing.sdk).createCard()).rejects.toEqual(new PlatformError(48001, 'api unauthorized'));
    const empty = fakeSdk({ create: async () => ({ errCode: 0 }) });
    await expect(platformOf(empty.sdk).createCard()).rejects.toBeInstanceOf(PlatformError);
    const refused = fakeSdk({ send: async () => Promise.reject(cloudError(-604101, 'function has no permission')) });
    await expect(
      platformOf(refused.sdk).updateCard({
        activity_id: 'a',
        target_state: 3,
        template_id: CARD_TEMPLATE.complete,
        version_type: 0,
      }),
    ).rejects.toMatchObject({ errcode: -604101 });
  });

  it('sends the body with its snake_case keys untouched', async () => {
    const { sdk, sent } = fakeSdk();
    const body = {
      activity_id: 'a',
      target_state: 1 as const,
      template_id: CARD_TEMPLATE.participate,
      version_type: 2 as const,
      participator_info_list: [{ group_openid: 'g', state: 1 as const }],
    };
    await platformOf(sdk).updateCard(body);
    expect(sent).toEqual([body]);
  });

  it("resolves a cloudID to its open data's chat and member, and maps expired, foreign and unknown cloudIDs", async () => {
    await expect(platformOf(fakeSdk().sdk).resolveChat('c', 'oCaller')).resolves.toEqual({
      ok: true,
      room: { id: 'G', chatType: 3 },
      memberId: 'g',
    });
    const noChat = fakeSdk({
      openData: async () => ({ list: [{ cloudID: 'c', data: { opengid: 'G', group_openid: 'g' } }] }),
    });
    await expect(platformOf(noChat.sdk).resolveChat('c', 'o')).resolves.toMatchObject({
      code: 'CHAT_PROOF_INVALID',
    });
    const expired = fakeSdk({
      openData: async () => ({ list: [{ cloudID: 'c', errCode: -601006, errMsg: 'cloudID expired.' }] }),
    });
    await expect(platformOf(expired.sdk).resolveChat('c', 'o')).resolves.toMatchObject({
      code: 'CHAT_PROOF_EXPIRED',
    });
    const thrownExpired = fakeSdk({ openData: async () => Promise.reject(cloudError(-601006, 'cloudID expired.')) });
    await expect(platformOf(thrownExpired.sdk).resolveChat('c', 'o')).resolves.toMatchObject({
      code: 'CHAT_PROOF_EXPIRED',
    });
    const foreign = fakeSdk({ context: { OPENID: 'o', APPID: 'wxOther' } });
    await expect(platformOf(foreign.sdk).resolveChat('c', 'o')).resolves.toMatchObject({
      code: 'CHAT_PROOF_FOREIGN',
    });
    const nothing = fakeSdk({ openData: async () => ({ list: [] }) });
    await expect(platformOf(nothing.sdk).resolveChat('c', 'o')).resolves.toMatchObject({
      code: 'CHAT_PROOF_INVALID',
    });
    const refused = fakeSdk({
      openData: async () => ({ list: [{ cloudID: 'c', errCode: -601007, errMsg: 'cloudID and user do not match' }] }),
    });
    await expect(platformOf(refused.sdk).resolveChat('c', 'o')).resolves.toMatchObject({
      code: 'CHAT_PROOF_INVALID',
    });
    // A failed call says nothing about the cloudID: it is WeChat failing (PLATFORM_FAILED for the client).
    const busy = fakeSdk({ openData: async () => Promise.reject(cloudError(-1, 'system error')) });
    await expect(platformOf(busy.sdk).resolveChat('c', 'o')).rejects.toEqual(new PlatformError(-1, 'system error'));
    const broken = fakeSdk({ openData: async () => Promise.reject(new Error('svrkit')) });
    await expect(platformOf(broken.sdk).resolveChat('c', 'o')).rejects.toBeInstanceOf(PlatformError);
  });

  it('checks text with msgSecCheck version 2 and reads its suggest', async () => {
    const text = { scene: 3 as const, title: '周六爬山', content: '周六爬山\n带水' };
    const check = { userId: 'oCaller', ...text };
    const { sdk, checked } = fakeSdk();
    await expect(platformOf(sdk).checkText(check)).resolves.toEqual({ verdict: 'pass', traceId: 't1' });
    // On WeChat the userId is the writer's openid.
    expect(checked).toEqual([{ version: 2, openid: 'oCaller', ...text }]);
    for (const suggest of ['review', 'risky'] as const) {
      const flagged = fakeSdk({
        check: async () => ({ errCode: 0, result: { suggest, label: 20001 }, detail: [], traceId: 't2' }),
      });
      await expect(platformOf(flagged.sdk).checkText(check)).resolves.toEqual({ verdict: suggest, traceId: 't2' });
    }
  });

  it('turns a busy, refused or malformed content check into PlatformError', async () => {
    const check = { userId: 'o', scene: 3 as const, title: 't', content: 't' };
    const busy = fakeSdk({ check: async () => Promise.reject(cloudError(-1, 'system error')) });
    await expect(platformOf(busy.sdk).checkText(check)).rejects.toEqual(new PlatformError(-1, 'system error'));
    const denied = fakeSdk({ check: async () => Promise.reject(cloudError(-604101, 'no permission')) });
    await expect(platformOf(denied.sdk).checkText(check)).rejects.toMatchObject({ errcode: -604101 });
    const inBody = fakeSdk({ check: async () => ({ errCode: 40003, errMsg: 'invalid openid' }) });
    await expect(platformOf(inBody.sdk).checkText(check)).rejects.toMatchObject({ errcode: 40003 });
    const unknown = fakeSdk({ check: async () => ({ errCode: 0, result: { suggest: 'maybe' } }) });
    await expect(platformOf(unknown.sdk).checkText(check)).rejects.toBeInstanceOf(PlatformError);
    const empty = fakeSdk({ check: async () => undefined });
    await expect(platformOf(empty.sdk).checkText(check)).rejects.toBeInstanceOf(PlatformError);
  });

  describe('where WeChat refuses chattoolmsg.send by cloud call (-604100)', () => {
    const body = {
      activity_id: 'a',
      target_state: 2 as const,
      template_id: CARD_TEMPLATE.complete,
      version_type: 0 as const,
    };
    const unsupported = () => Promise.reject(cloudError(-604100, 'openapi.chattoolmsg.send:fail API not found'));
    const env = { WECHAT_APPID: 'wxA', WECHAT_APPSECRET: 'the-secret' };

    /** WeChat's HTTPS side: a token, then `sendAnswer` for every update. */
    function httpsSide(sendAnswer: object = { errcode: 0, errmsg: 'ok' }) {
      const paths: string[] = [];
      const sent: unknown[] = [];
      const transport: HttpsTransport = async ({ url, body: text }) => {
        const { pathname } = new URL(url);
        paths.push(pathname);
        if (pathname === '/cgi-bin/stable_token') {
          return { status: 200, body: JSON.stringify({ access_token: 'T', expires_in: 7200 }) };
        }
        sent.push(JSON.parse(text));
        return { status: 200, body: JSON.stringify(sendAnswer) };
      };
      return { transport, paths, sent };
    }

    it('falls back to the HTTPS API with WECHAT_APPID/WECHAT_APPSECRET, and keeps to it for the instance’s life', async () => {
      let cloudCalls = 0;
      const { sdk } = fakeSdk({
        send: () => {
          cloudCalls += 1;
          return unsupported();
        },
      });
      const https = httpsSide();
      const logged: string[] = [];
      const platform = platformOf(sdk, { env, transport: https.transport, log: (message) => logged.push(message) });
      await platform.updateCard(body);
      await platform.updateCard(body);
      expect(cloudCalls).toBe(1);
      expect(https.sent).toEqual([body, body]);
      expect(https.paths.filter((path) => path === '/cgi-bin/stable_token')).toHaveLength(1);
      expect(logged).toEqual(['setChatToolMsg is refused by cloud call; this instance uses the HTTPS API from now on']);
    });

    it('rejects with what the HTTPS API answers once it has switched', async () => {
      const { sdk } = fakeSdk({ send: unsupported });
      const https = httpsSide({ errcode: 48001, errmsg: 'api unauthorized' });
      await expect(platformOf(sdk, { env, transport: https.transport }).updateCard(body)).rejects.toEqual(
        new PlatformError(48001, 'api unauthorized'),
      );
    });

    it('without both variables, stays honest: rejects with -604100, logs it once, never calls HTTPS', async () => {
      for (const partial of [{}, { WECHAT_APPID: 'wxA' }, { WECHAT_APPSECRET: 'the-secret' }]) {
        const { sdk } = fakeSdk({ send: unsupported });
        const https = httpsSide();
        const logged: string[] = [];
        const platform = platformOf(sdk, {
          env: partial,
          transport: https.transport,
          log: (message) => logged.push(message),
        });
        await expect(platform.updateCard(body)).rejects.toMatchObject({ errcode: -604100 });
        await expect(platform.updateCard(body)).rejects.toMatchObject({ errcode: -604100 });
        expect(https.paths).toEqual([]);
        expect(logged).toEqual([
          'setChatToolMsg is refused by cloud call; set WECHAT_APPID/WECHAT_APPSECRET to use the HTTPS API',
        ]);
      }
    });

    it('keeps to the cloud call on any other refusal (permission, busy)', async () => {
      for (const errCode of [-604101, -1, 47003]) {
        const { sdk } = fakeSdk({ send: () => Promise.reject(cloudError(errCode, 'refused')) });
        const https = httpsSide();
        await expect(platformOf(sdk, { env, transport: https.transport }).updateCard(body)).rejects.toMatchObject({
          errcode: errCode,
        });
        expect(https.paths).toEqual([]);
      }
    });
  });

  it('reads the caller from getWXContext, empty when absent', () => {
    expect(callerOpenid(fakeSdk().sdk)).toBe('oCaller');
    expect(callerOpenid(fakeSdk({ context: {} }).sdk)).toBe('');
    expect(callerOpenid(fakeSdk({ context: { OPENID: 5 } }).sdk)).toBe('');
  });
});
