// The simulated WeCom customer group for `npm start` (docs/platforms.md#wecom-the-fakes), to be mounted by the
// simulator's server under /wecom/ as the Feishu group is under /feishu/. On first use it starts the fake qyapi on
// 127.0.0.1 and the real WeCom server with its one documented command (platforms/wecom/serve.ts, a child process:
// nothing of the app or the kit is imported here), pointed at the fake through WECOM_API_BASE. Its page plays the
// group's members in WeCom: each opens the toolbar page's real services (miniprogram/services/wecom.ts) over a fake
// wx.qy whose login codes come from the fake qyapi, and the cards they send show in the group.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { FakeGroupMember, FakeQyApi } from '../../../platforms/wecom/fakes/qyapi';
import { startFakeQyApi } from '../../../platforms/wecom/fakes/qyapi';

/** The simulated company and its customer group: three members of the company and one customer. */
export const CORP = { corpId: 'wwsimulated0001', corpSecret: randomBytes(16).toString('hex') };
export const GROUP = { chatId: 'wrSimulatedGroup0001', name: '客户群 Customer group' };
export const MEMBERS: readonly FakeGroupMember[] = [
  { userid: 'Alice', type: 1 },
  { userid: 'Bob', type: 1 },
  { userid: 'Carol', type: 1 },
  { userid: 'wmCustomer0001', type: 2 },
];
/** The mini program linked to the simulated company (sendChatMessage's appid must be one). */
export const LINKED_APPID = 'touristappid';

export interface WecomPlatformOptions {
  repoRoot: string;
  /** SQLite file of the WeCom server's store; emptied at start, as the simulator's own database is. */
  databaseFile: string;
  log(line: string): void;
}

export interface WecomPlatform {
  /** Serves a /wecom/ request; false when the path is not the platform's. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean>;
  close(): Promise<void>;
}

/** A card a member sent into the group (sendChatMessage's body as the fake wx.qy accepted it). */
interface Sent {
  userid: string;
  at: number;
  message: Record<string, unknown>;
}

interface Running {
  fake: FakeQyApi;
  server: string;
  child: ChildProcess;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

const PAGE_HTML = (script: string) => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark"><title>WeCom customer group · 企业微信客户群（模拟）</title>
<link rel="stylesheet" href="/wecom/group.css"></head>
<body><div id="group"></div><script>${script}</script></body></html>`;

/** The card's picture: an http(s) URL, as sendChatMessage requires. */
const CARD_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="250" height="200"><rect width="250" height="200" fill="#07c160"/><text x="125" y="110" font-size="28" text-anchor="middle" fill="#fff">群任务接龙</text></svg>`;

export function createWecomPlatform(options: WecomPlatformOptions): WecomPlatform {
  const { repoRoot, databaseFile, log } = options;
  let running: Promise<Running> | null = null;
  let script: Promise<string> | null = null;
  const sent: Sent[] = [];

  async function start(): Promise<Running> {
    const fake = await startFakeQyApi(CORP);
    fake.addGroupChat(GROUP.chatId, [...MEMBERS]);
    fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(databaseFile + suffix, { force: true });
    const port = await freePort();
    const child = spawn(
      path.join(repoRoot, 'node_modules', '.bin', 'tsx'),
      [path.join(repoRoot, 'platforms', 'wecom', 'serve.ts')],
      {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          WECOM_CORP_ID: CORP.corpId,
          WECOM_CORP_SECRET: CORP.corpSecret,
          WECOM_PROOF_KEY: randomBytes(32).toString('base64url'),
          WECOM_API_BASE: fake.url,
          WECOM_PORT: String(port),
          WECOM_DATABASE: databaseFile,
        },
      },
    );
    child.stderr?.on('data', (chunk: Buffer) => log(`wecom: ${chunk.toString('utf8').trim()}`));
    await new Promise<void>((resolve, reject) => {
      let seen = '';
      child.stdout?.on('data', (chunk: Buffer) => {
        seen += chunk.toString('utf8');
        if (seen.includes('WeCom server at')) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the WeCom server exited (${code ?? 'signal'})`)));
    });
    log(`WeCom: server on 127.0.0.1:${port}, fake qyapi on ${fake.url}`);
    return { fake, server: `http://127.0.0.1:${port}`, child };
  }

  const platform = (): Promise<Running> => {
    running ??= start().catch((error: unknown) => {
      running = null;
      throw error;
    });
    return running;
  };

  async function api(req: http.IncomingMessage, res: http.ServerResponse, name: string, url: URL) {
    const { fake, server } = await platform();
    if (name === 'state' && req.method === 'GET') {
      return json(res, 200, {
        group: GROUP,
        members: MEMBERS,
        appid: LINKED_APPID,
        sent,
        requests: fake.requests.slice(-50),
      });
    }
    if (req.method !== 'POST') return json(res, 405, { error: 'POST' });
    const body = await readBody(req);
    if (name === 'server') {
      // The page's wx.request, as WeCom sends it: a JSON POST to the WeCom server.
      const answer = await fetch(server, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(await answer.text());
      return undefined;
    }
    const parsed = JSON.parse(body || '{}') as { userid?: unknown; message?: unknown };
    const member = MEMBERS.find((m) => m.type === 1 && m.userid === parsed.userid);
    if (member === undefined) return json(res, 400, { error: 'userid: a member of the company in the group' });
    if (name === 'code') return json(res, 200, { code: fake.issueCode(member.userid) });
    if (name === 'sent' && typeof parsed.message === 'object' && parsed.message !== null) {
      sent.push({ userid: member.userid, at: Date.now(), message: parsed.message as Record<string, unknown> });
      return json(res, 200, { ok: true });
    }
    return json(res, 404, { error: `no ${name} at ${url.pathname}` });
  }

  return {
    async handle(req, res, url) {
      if (!url.pathname.startsWith('/wecom/') && url.pathname !== '/wecom') return false;
      if (url.pathname === '/wecom' || url.pathname === '/wecom/') {
        script ??= esbuild
          .build({
            entryPoints: [path.join(__dirname, 'browser', 'group.ts')],
            bundle: true,
            write: false,
            format: 'iife',
            platform: 'browser',
            target: 'es2020',
            logLevel: 'silent',
          })
          .then((result) => result.outputFiles[0]?.text ?? '');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
        res.end(PAGE_HTML(await script));
        return true;
      }
      if (url.pathname === '/wecom/group.css') {
        res.writeHead(200, { 'content-type': 'text/css; charset=utf-8' });
        res.end(fs.readFileSync(path.join(__dirname, 'browser', 'group.css'), 'utf8'));
        return true;
      }
      if (url.pathname === '/wecom/card.svg') {
        res.writeHead(200, { 'content-type': 'image/svg+xml' });
        res.end(CARD_SVG);
        return true;
      }
      if (url.pathname.startsWith('/wecom/api/')) {
        await api(req, res, url.pathname.slice('/wecom/api/'.length), url);
        return true;
      }
      return false;
    },
    async close() {
      if (running === null) return;
      const { fake, child } = await running.catch(() => ({ fake: null, child: null }));
      running = null;
      if (child !== null && child.exitCode === null) {
        const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
        child.kill('SIGTERM');
        await exited;
      }
      await fake?.close();
    },
  };
}
