// The simulated WeCom chats for `npm start` (docs/platforms.md#wecom-in-the-simulator), mounted by the simulator's
// server under /wecom/: a customer group, a 上下游 group and a one-to-one customer chat. On first use it starts the
// fake qyapi on 127.0.0.1 and the real WeCom server with its one documented command (platforms/wecom/serve.ts, a child
// process), pointed at the fake through WECOM_API_BASE. The toolbar opens the REAL toolbar page
// (miniprogram/pages/wecom) in the simulator's phone runtime, from its own build of the app (/wecom/app.js) whose
// only difference is the page's two settings: the server and the card's picture at this origin. The browser side
// (browser/group.ts) plays the WeCom client: the fake wx.qy and wx.request.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type * as esbuild from 'esbuild';
import type { FakeGroupMember, FakeQyApi } from '../../../platforms/wecom/fakes/qyapi';
import { startFakeQyApi } from '../../../platforms/wecom/fakes/qyapi';
import { messageProblem } from '../../../platforms/wecom/fakes/wx-qy';
import { AppBuilder, type BuildOutput } from '../../build';
import { bundleScript } from '../../build/script';
import { platformSwitch } from '../../shared/platforms';
import type { PlatformOptions, Service, SimulatedPlatform } from '../service';
import { emptyDatabase, json, onFirstUse, readBody, startService } from '../service';

/** The simulated company. */
export const CORP = { corpId: 'wwsimulated0001', corpSecret: randomBytes(16).toString('hex') };
/** A company of the 上下游 chain: its members' WeCom logs in to their own company. */
export const PARTNER_CORP_ID = 'wwsimulated0002';

/** Who a chat member is: a member of the company, a customer (in WeChat), or a member of a 上下游 company. */
export type MemberKind = 'member' | 'customer' | 'partner';
export interface SimulatedMember {
  userid: string;
  kind: MemberKind;
}

/** A simulated chat: how WeCom opens the toolbar in it (getContext's entry) and what wx.qy names it by. */
export interface SimulatedChat {
  id: string;
  name: string;
  entry: 'group_chat_tools' | 'chain_group_chat_tools' | 'single_chat_tools';
  /** getCurExternalChat's / getCurCorpGroupChat's chatId, or getCurExternalContact's userId. */
  qy: { chatId?: string; externalUserId?: string };
  members: readonly SimulatedMember[];
}

export const CHATS: readonly SimulatedChat[] = [
  {
    id: 'customer-group',
    name: '客户群 Customer group',
    entry: 'group_chat_tools',
    qy: { chatId: 'wrSimulatedGroup0001' },
    members: [
      { userid: 'Alice', kind: 'member' },
      { userid: 'Bob', kind: 'member' },
      { userid: 'Carol', kind: 'member' },
      { userid: 'wmCustomer0001', kind: 'customer' },
    ],
  },
  {
    id: 'chain-group',
    name: '上下游群 Partner group',
    entry: 'chain_group_chat_tools',
    qy: { chatId: 'wrSimulatedChain0001' },
    members: [
      { userid: 'Alice', kind: 'member' },
      { userid: 'Bob', kind: 'member' },
      { userid: 'Dora', kind: 'partner' },
    ],
  },
  {
    id: 'customer-single',
    name: '客户 Customer (one-to-one)',
    entry: 'single_chat_tools',
    qy: { externalUserId: 'wmCustomer0001' },
    members: [
      { userid: 'Alice', kind: 'member' },
      { userid: 'wmCustomer0001', kind: 'customer' },
    ],
  },
];

/** The customer group qyapi holds (groupchat/get answers it; type 1 a member of the company, 2 a customer). */
const CUSTOMER_GROUP: readonly FakeGroupMember[] = CHATS[0]!.members.map((m) => ({
  userid: m.userid,
  type: m.kind === 'member' ? 1 : 2,
}));

/** The mini program linked to the simulated company (sendChatMessage's appid must be one; the phone runtime's own). */
export const LINKED_APPID = 'touristappid';

/** The page the toolbar opens, and the settings the WeCom build gives it (at the simulator's origin). */
export const WECOM_PAGE = 'miniprogram/pages/wecom/index';
const SETTINGS_CODE = `
export var WECOM_SERVICE_URL = location.origin + '/wecom/api/server';
export var WECOM_CARD_IMAGE_URL = location.origin + '/wecom/card.svg';`;

/** A card a member sent into a chat (sendChatMessage's body as the fake wx.qy accepted it). */
interface Sent {
  chat: string;
  userid: string;
  at: number;
  message: Record<string, unknown>;
}

interface Running {
  fake: FakeQyApi;
  server: Service;
}

const PAGE_HTML = (script: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>WeCom chats · 企业微信聊天（模拟）</title>
<link rel="stylesheet" href="/wecom/group.css"></head>
<body>${platformSwitch('wecom')}<div id="group"></div><script>${script}</script></body></html>`;

/** The phone frame the toolbar page runs in: the simulator's runtime, from the WeCom build. */
const APP_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=375, initial-scale=1">
<title>app</title></head><body><script src="/wecom/app.js"></script></body></html>`;

/** The card's picture: an http(s) URL, as sendChatMessage requires. */
const CARD_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="250" height="200"><rect width="250" height="200" fill="#07c160"/><text x="125" y="110" font-size="28" text-anchor="middle" fill="#fff">企业微信 WeCom</text></svg>`;

/**
 * The app as the WeCom build sees it: `miniprogram/config.ts` keeps everything but the page's two WeCom settings,
 * which point at this origin (a real build points them at the deployed function and a hosted picture).
 */
function settingsPlugin(repoRoot: string): esbuild.Plugin {
  const config = path.join(repoRoot, 'miniprogram', 'config.ts');
  return {
    name: 'wecom-simulated-settings',
    setup(build) {
      build.onResolve({ filter: /config$/ }, (args) => {
        if (args.namespace === 'wecom-settings') return undefined;
        const target = path.resolve(args.resolveDir, args.path);
        return target === config.slice(0, -'.ts'.length) ? { path: config, namespace: 'wecom-settings' } : undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'wecom-settings' }, () => ({
        // A module's own exports shadow those of `export *`.
        contents: `export * from ${JSON.stringify(config)};${SETTINGS_CODE}`,
        resolveDir: path.dirname(config),
        loader: 'js',
      }));
    },
  };
}

export function createWecomPlatform(options: PlatformOptions): SimulatedPlatform {
  const { repoRoot, databaseFile, log } = options;
  let script: Promise<string> | null = null;
  const builder = new AppBuilder(repoRoot, [settingsPlugin(repoRoot)]);
  let building: Promise<BuildOutput> | null = null;
  let built: BuildOutput | null = null;
  const sent: Sent[] = [];

  /** The WeCom build, rebuilt (incrementally) each time the phone loads it, so an edit shows on the next open. */
  const build = (): Promise<BuildOutput> => {
    building ??= builder.build().then((output) => {
      building = null;
      built = output;
      if (!output.ok) for (const e of output.errors) log(`WeCom build error: ${e.file}:${e.line} ${e.message}`);
      return output;
    });
    return building;
  };

  async function start(): Promise<Running> {
    const fake = await startFakeQyApi(CORP);
    fake.addGroupChat(CHATS[0]!.qy.chatId!, [...CUSTOMER_GROUP]);
    emptyDatabase(databaseFile);
    const server = await startService({
      repoRoot,
      script: path.join('platforms', 'wecom', 'serve.ts'),
      env: (port) => ({
        WECOM_CORP_ID: CORP.corpId,
        WECOM_CORP_SECRET: CORP.corpSecret,
        WECOM_PROOF_KEY: randomBytes(32).toString('base64url'),
        WECOM_API_BASE: fake.url,
        WECOM_PORT: String(port),
        WECOM_DATABASE: databaseFile,
      }),
      ready: 'WeCom server at',
      name: 'the WeCom server',
      logPrefix: 'wecom',
      log,
    });
    log(`WeCom: server on ${server.address}, fake qyapi on ${fake.url}`);
    return { fake, server };
  }

  const running = onFirstUse(start, async ({ fake, server }) => {
    await server.stop();
    await fake.close();
  });

  async function api(req: http.IncomingMessage, res: http.ServerResponse, name: string, url: URL) {
    const { fake, server } = await running.use();
    if (name === 'state' && req.method === 'GET') {
      return json(res, 200, {
        chats: CHATS,
        appid: LINKED_APPID,
        page: WECOM_PAGE,
        sent,
        requests: fake.requests.slice(-50),
      });
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'POST' });
    const body = await readBody(req);
    if (name === 'server') {
      // The page's wx.request, as WeCom sends it: a JSON POST to the WeCom server.
      const answer = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await answer.text());
      return undefined;
    }
    const parsed = JSON.parse(body || '{}') as { chat?: unknown; userid?: unknown; message?: unknown };
    const chat = CHATS.find((c) => c.id === parsed.chat);
    const member = chat?.members.find((m) => m.userid === parsed.userid);
    if (chat === undefined || member === undefined) return json(res, 400, { error: 'chat and userid: a member of it' });
    // wx.qy.login: a member of the company logs in to it, a 上下游 member to their own company; a customer is in
    // WeChat, where there is no wx.qy.
    if (name === 'code') {
      if (member.kind === 'customer') return json(res, 400, { error: 'a customer has no WeCom login' });
      return json(res, 200, {
        code: fake.issueCode(member.userid, member.kind === 'partner' ? PARTNER_CORP_ID : undefined),
      });
    }
    if (name === 'sent' && typeof parsed.message === 'object' && parsed.message !== null) {
      const message = parsed.message as Record<string, unknown>;
      const problem =
        member.kind === 'member' ? messageProblem(message, [LINKED_APPID]) : 'not a member of the company';
      if (problem !== null) return json(res, 400, { error: problem });
      sent.push({ chat: chat.id, userid: member.userid, at: Date.now(), message });
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: `no ${name} at ${url.pathname}` });
  }

  const send = (res: http.ServerResponse, type: string, body: string): true => {
    res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
    return true;
  };

  return {
    async handle(req, res, url) {
      if (!url.pathname.startsWith('/wecom/') && url.pathname !== '/wecom') return false;
      if (url.pathname === '/wecom' || url.pathname === '/wecom/') {
        script ??= bundleScript(path.join(__dirname, 'browser', 'group.ts'));
        return send(res, 'text/html; charset=utf-8', PAGE_HTML(await script));
      }
      if (url.pathname === '/wecom/group.css') {
        return send(
          res,
          'text/css; charset=utf-8',
          fs.readFileSync(path.join(__dirname, 'browser', 'group.css'), 'utf8'),
        );
      }
      if (url.pathname === '/wecom/card.svg') return send(res, 'image/svg+xml', CARD_SVG);
      if (url.pathname === '/wecom/app.html') return send(res, 'text/html; charset=utf-8', APP_HTML);
      if (url.pathname === '/wecom/app.js') return send(res, 'text/javascript; charset=utf-8', (await build()).js);
      if (url.pathname === '/wecom/app.js.map') {
        return send(res, 'application/json', await (built ?? (await build())).map());
      }
      if (url.pathname.startsWith('/wecom/api/')) {
        await api(req, res, url.pathname.slice('/wecom/api/'.length), url);
        return true;
      }
      return false;
    },
    async close() {
      await building?.catch(() => undefined);
      await builder.dispose();
      await running.close();
    },
  };
}
