// The simulated Feishu group for `npm start` (docs/platforms.md, "Feishu: the fake OpenAPI"), mounted by the
// simulator's server under /feishu/. On first use it starts the fake OpenAPI on 127.0.0.1 and the real bot service
// with its one documented command (platforms/feishu/cli.ts, a child process: nothing of the app or the kit is
// imported here), pointed at the fake through FEISHU_DOMAIN. The group's page renders each card from its JSON;
// a click fires a real encrypted, signed callback into the bot service; the web app runs under /feishu/app/ with a
// simulated `tt` and `h5sdk` whose login codes and JSAPI checks come from the fake.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { CallbackKeys } from '../../../platforms/feishu/fake/group';
import { click } from '../../../platforms/feishu/fake/group';
import type { FakeFeishu, FakeMember } from '../../../platforms/feishu/fake/openapi';
import { startFakeFeishu } from '../../../platforms/feishu/fake/openapi';
import { bundleScript } from '../../build/script';
import { platformSwitch } from '../../shared/platforms';
import type { PlatformOptions, Service, SimulatedPlatform } from '../service';
import { emptyDatabase, json, onFirstUse, readBody, startService } from '../service';

/** The simulated group and its members (Alice created the group; the bot is in it). */
export const GROUP = { chatId: 'oc_simulated0001', name: '周末活动 Weekend' };
export const MEMBERS: readonly FakeMember[] = [
  { openId: 'ou_alice00001', name: 'Alice' },
  { openId: 'ou_bob0000002', name: 'Bob' },
  { openId: 'ou_carol00003', name: 'Carol' },
  { openId: 'ou_dave000004', name: 'Dave' },
];
/** The client version the simulated Feishu reports in its user agent (every gate open). */
export const CLIENT_VERSION = '7.20.0';

export interface FeishuPlatformOptions extends PlatformOptions {
  /** The simulator's origin, e.g. http://127.0.0.1:5230 (card links and JSAPI signatures point under it). */
  origin: () => string;
}

interface Running {
  fake: FakeFeishu;
  keys: CallbackKeys;
  service: Service;
}

const bundle = (entry: string): Promise<string> => bundleScript(path.join(__dirname, 'browser', entry));

const GROUP_HTML = (script: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>Feishu group · 飞书群（模拟）</title>
<link rel="stylesheet" href="/feishu/group.css"></head>
<body>${platformSwitch('feishu')}<div id="group" aria-live="polite"></div><script>${script}</script></body></html>`;

/** A request's JSON body as an object ({} when it is not one). */
async function readObject(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const parsed: unknown = JSON.parse((await readBody(req)) || '{}');
  return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
}

export function createFeishuPlatform(options: FeishuPlatformOptions): SimulatedPlatform {
  const { repoRoot, databaseFile, log } = options;
  let scripts: Promise<{ group: string; tt: string }> | null = null;
  /** The group page's and the simulated client's scripts, bundled once, on first use by whichever page asks first. */
  const browserScripts = () =>
    (scripts ??= Promise.all([bundle('group.ts'), bundle('tt.ts')]).then(([group, tt]) => ({ group, tt })));

  async function start(): Promise<Running> {
    const fake = await startFakeFeishu();
    fake.addChat(GROUP.chatId, GROUP.name, [...MEMBERS]);
    const keys: CallbackKeys = {
      appId: fake.appId,
      verificationToken: randomBytes(12).toString('hex'),
      encryptKey: randomBytes(16).toString('hex'),
    };
    emptyDatabase(databaseFile);
    const service = await startService({
      repoRoot,
      script: path.join('platforms', 'feishu', 'cli.ts'),
      env: (port) => ({
        FEISHU_APP_ID: fake.appId,
        FEISHU_APP_SECRET: fake.appSecret,
        FEISHU_VERIFICATION_TOKEN: keys.verificationToken,
        FEISHU_ENCRYPT_KEY: keys.encryptKey,
        FEISHU_DOMAIN: fake.origin,
        FEISHU_PUBLIC_URL: `${options.origin()}/feishu/app`,
        FEISHU_HOST: '127.0.0.1',
        FEISHU_PORT: String(port),
        FEISHU_STORE: 'sqlite',
        FEISHU_DB: databaseFile,
      }),
      ready: 'Feishu bot service on',
      name: 'the Feishu bot service',
      logPrefix: 'feishu',
      log,
    });
    log(`Feishu: bot service on ${service.address}, fake OpenAPI on ${fake.origin}`);
    return { fake, keys, service };
  }

  const running = onFirstUse(start, async ({ fake, service }) => {
    await service.stop();
    await fake.close();
  });

  /** The web app under /feishu/app/, with the simulated client's `tt` and `h5sdk` in front of its own script. */
  async function proxy(req: http.IncomingMessage, res: http.ServerResponse, url: URL, service: string) {
    const target = `${service}${url.pathname.slice('/feishu/app'.length) || '/'}${url.search}`;
    const body = req.method === 'POST' ? JSON.stringify(await readObject(req)) : undefined;
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
    const answer = await fetch(target, { method: req.method, headers, body });
    const type = answer.headers.get('content-type') ?? 'application/octet-stream';
    let text = await answer.text();
    if (type.startsWith('text/html')) {
      // The client's own JSSDK cannot load offline; the simulated client provides tt and h5sdk instead.
      text = text
        .replace(/<script src="https:\/\/[^"]+"><\/script>/, '')
        .replace('<script>', `<script>${(await browserScripts()).tt}</script><script>`);
    }
    res.writeHead(answer.status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(text);
  }

  async function api(req: http.IncomingMessage, res: http.ServerResponse, name: string) {
    const { fake, keys, service } = await running.use();
    if (name === 'state' && req.method === 'GET') {
      return json(res, 200, {
        chat: GROUP,
        members: MEMBERS,
        messages: fake.messages(GROUP.chatId),
        requests: fake.requests.slice(-50),
      });
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'POST' });
    const body = await readObject(req);
    const member = MEMBERS.find((m) => m.openId === body.openId);
    if (member === undefined) return json(res, 400, { error: 'openId: one of the group members' });
    if (name === 'click') {
      const message = fake.messages(GROUP.chatId).find((m) => m.messageId === body.messageId);
      const value = typeof body.value === 'object' && body.value !== null ? body.value : null;
      if (message === undefined || value === null) return json(res, 400, { error: 'messageId and value' });
      const answer = await click(`${service.url}/feishu/card`, keys, {
        openId: member.openId,
        chatId: GROUP.chatId,
        messageId: message.messageId,
        value: value as Record<string, unknown>,
      });
      return json(res, 200, answer);
    }
    if (name === 'code') return json(res, 200, { code: fake.issueCode(member.openId) });
    if (name === 'jsapi') {
      // As the client checks h5sdk.config: the signature over the app's current jsapi_ticket and this page's URL.
      const { timestamp, nonceStr, signature, url } = body;
      const verify = `jsapi_ticket=${fake.jsapiTicket()}&noncestr=${String(nonceStr)}&timestamp=${String(timestamp)}&url=${String(url)}`;
      const ok = body.appId === fake.appId && createHash('sha1').update(verify).digest('hex') === signature;
      return json(res, 200, { ok });
    }
    return json(res, 404, { error: 'not found' });
  }

  return {
    async handle(req, res, url) {
      if (!url.pathname.startsWith('/feishu/') && url.pathname !== '/feishu') return false;
      if (url.pathname === '/feishu' || url.pathname === '/feishu/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(GROUP_HTML((await browserScripts()).group));
        return true;
      }
      if (url.pathname === '/feishu/group.css') {
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
        res.end(fs.readFileSync(path.join(__dirname, 'browser', 'group.css'), 'utf8'));
        return true;
      }
      if (url.pathname.startsWith('/feishu/api/')) {
        await api(req, res, url.pathname.slice('/feishu/api/'.length));
        return true;
      }
      if (url.pathname.startsWith('/feishu/app')) {
        const { service } = await running.use();
        await proxy(req, res, url, service.url);
        return true;
      }
      return false;
    },
    close: () => running.close(),
  };
}
