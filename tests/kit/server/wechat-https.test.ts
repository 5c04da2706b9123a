// The HTTPS client of WeChat's server API (docs/platform.md, "Access token" and "setChatToolMsg"): a stable token
// cached until WeChat would renew it, one refresh at a time, one retry on 40001/42001, refusals as PlatformError,
// and the secret in no error.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { PlatformError } from '../../../kit/server/ports';
import {
  createWeChatHttpsClient,
  credentialsFrom,
  nodeTransport,
  type HttpsTransport,
} from '../../../kit/server/wechat-https';
import { createWeChatEmulator } from '../../../emulator/wechat';
import { CARD_TEMPLATE } from 'chat-tool-kit';

const SECRET = 'S3cr3tAppSecretValue0123456789ab';
const body = {
  activity_id: 'a1',
  target_state: 2 as const,
  template_id: CARD_TEMPLATE.participate,
  version_type: 0 as const,
};

type Answer = Record<string, unknown> | string | Error;

/** A scripted WeChat: answers stable_token and chattoolmsg/send from queues (a default when a queue is empty). */
function scripted(script: { token?: Answer[]; send?: Answer[] } = {}) {
  const requests: { path: string; query: URLSearchParams; body: Record<string, unknown> }[] = [];
  let issued = 0;
  const transport: HttpsTransport = async ({ url, body: text }) => {
    const target = new URL(url);
    requests.push({ path: target.pathname, query: target.searchParams, body: JSON.parse(text) });
    const queue = target.pathname === '/cgi-bin/stable_token' ? script.token : script.send;
    const answer =
      queue?.shift() ??
      (target.pathname === '/cgi-bin/stable_token'
        ? { access_token: `TOKEN${(issued += 1)}`, expires_in: 7200 }
        : { errcode: 0, errmsg: 'ok' });
    if (answer instanceof Error) throw answer;
    return { status: 200, body: typeof answer === 'string' ? answer : JSON.stringify(answer) };
  };
  const tokens = () => requests.filter((r) => r.path === '/cgi-bin/stable_token');
  const sends = () => requests.filter((r) => r.path !== '/cgi-bin/stable_token');
  return { transport, requests, tokens, sends };
}

function client(transport: HttpsTransport, clock = { now: 1_000_000 }) {
  return createWeChatHttpsClient({
    appid: 'wxA',
    secret: SECRET,
    baseUrl: 'https://api.example.test/',
    transport,
    now: () => clock.now,
  });
}

describe('the WeChat HTTPS client', () => {
  it('gets a stable token with the appid and secret, then posts the body with it', async () => {
    const wechat = scripted();
    await client(wechat.transport).updateCard(body);
    expect(wechat.tokens().map((r) => r.body)).toEqual([
      { grant_type: 'client_credential', appid: 'wxA', secret: SECRET, force_refresh: false },
    ]);
    expect(wechat.sends()).toMatchObject([{ path: '/cgi-bin/message/wxopen/chattoolmsg/send', body }]);
    expect(wechat.sends()[0]?.query.get('access_token')).toBe('TOKEN1');
  });

  it('keeps the token until WeChat would renew it (5 minutes before it expires), then fetches one again', async () => {
    const wechat = scripted();
    const clock = { now: 1_000_000 };
    const https = client(wechat.transport, clock);
    await https.updateCard(body);
    clock.now += 7200_000 - 5 * 60_000 - 1;
    await https.updateCard(body);
    expect(wechat.tokens()).toHaveLength(1);
    clock.now += 1;
    await https.updateCard(body);
    expect(wechat.tokens()).toHaveLength(2);
    expect(wechat.sends().map((r) => r.query.get('access_token'))).toEqual(['TOKEN1', 'TOKEN1', 'TOKEN2']);
  });

  it('asks for one token at a time however many updates start together', async () => {
    const wechat = scripted();
    const https = client(wechat.transport);
    await Promise.all([1, 2, 3, 4].map(() => https.updateCard(body)));
    expect(wechat.tokens()).toHaveLength(1);
    expect(wechat.sends()).toHaveLength(4);
  });

  it.each([40001, 42001])('drops the token on %i and retries once with a new one', async (errcode) => {
    const wechat = scripted({ send: [{ errcode, errmsg: 'access_token is invalid or not latest' }] });
    await client(wechat.transport).updateCard(body);
    expect(wechat.tokens()).toHaveLength(2);
    expect(wechat.sends().map((r) => r.query.get('access_token'))).toEqual(['TOKEN1', 'TOKEN2']);
  });

  it('retries only once: a token refused twice is a refusal', async () => {
    const refused = { errcode: 42001, errmsg: 'access_token expired' };
    const wechat = scripted({ send: [refused, refused] });
    await expect(client(wechat.transport).updateCard(body)).rejects.toEqual(
      new PlatformError(42001, 'access_token expired'),
    );
    expect(wechat.sends()).toHaveLength(2);
  });

  it('rejects with WeChat’s errcode and errmsg when it refuses the update, without retrying', async () => {
    const wechat = scripted({ send: [{ errcode: 47003, errmsg: 'argument invalid! invalid activity_id' }] });
    await expect(client(wechat.transport).updateCard(body)).rejects.toEqual(
      new PlatformError(47003, 'argument invalid! invalid activity_id'),
    );
    expect(wechat.sends()).toHaveLength(1);
  });

  it('never puts the secret in an error: a refused secret, an echoed one, an unreachable server', async () => {
    const refused = scripted({ token: [{ errcode: 40125, errmsg: `invalid appsecret ${SECRET}` }] });
    const refusal = await client(refused.transport)
      .updateCard(body)
      .catch((error: unknown) => error);
    expect(refusal).toMatchObject({ errcode: 40125 });
    expect(String((refusal as Error).message)).not.toContain(SECRET);
    expect(refused.sends()).toEqual([]);
    const unreachable = scripted({ token: [new Error(`connect ECONNREFUSED while sending ${SECRET}`)] });
    const failure = await client(unreachable.transport)
      .updateCard(body)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(PlatformError);
    expect(failure).toMatchObject({ errcode: -1 });
    expect(JSON.stringify([String(failure), (failure as PlatformError).errmsg])).not.toContain(SECRET);
  });

  it('takes an answer that is not JSON, or a token answer without access_token, as WeChat failing', async () => {
    const garbled = scripted({ send: ['<html>502 Bad Gateway</html>'] });
    await expect(client(garbled.transport).updateCard(body)).rejects.toMatchObject({ errcode: -1 });
    const empty = scripted({ token: [{ expires_in: 7200 }] });
    await expect(client(empty.transport).updateCard(body)).rejects.toMatchObject({ errcode: -1 });
  });

  it('reads WECHAT_APPID and WECHAT_APPSECRET, and nothing when either is missing', () => {
    expect(credentialsFrom({ WECHAT_APPID: ' wxA ', WECHAT_APPSECRET: SECRET })).toEqual({
      appid: 'wxA',
      secret: SECRET,
    });
    expect(credentialsFrom({ WECHAT_APPID: 'wxA' })).toBeNull();
    expect(credentialsFrom({ WECHAT_APPSECRET: SECRET, WECHAT_APPID: '' })).toBeNull();
    expect(credentialsFrom({})).toBeNull();
  });

  it('talks HTTP for real through nodeTransport: the emulator behind a local server refuses a wrong secret', async () => {
    const emulator = createWeChatEmulator({ appid: 'wxA', appSecret: 'right' });
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        void emulator
          .https({ url: `https://api.weixin.qq.com${request.url ?? ''}`, body: Buffer.concat(chunks).toString() })
          .then(({ status, body: text }) => response.writeHead(status).end(text));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const wrong = createWeChatHttpsClient({ appid: 'wxA', secret: 'wrong', baseUrl: base, transport: nodeTransport });
      await expect(wrong.updateCard(body)).rejects.toEqual(new PlatformError(40125, 'invalid appsecret'));
      const right = createWeChatHttpsClient({ appid: 'wxA', secret: 'right', baseUrl: base, transport: nodeTransport });
      // The token is good; WeChat looks at the card and knows no such activity.
      await expect(right.updateCard(body)).rejects.toMatchObject({ errcode: 47003 });
      expect(emulator.calls().map((call) => [call.api, call.via, call.errcode])).toEqual([
        ['stableToken', 'https', 40125],
        ['stableToken', 'https', 0],
        ['setChatToolMsg', 'https', 47003],
      ]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
