// The simulated Feishu group npm start mounts under /feishu/: the fake OpenAPI and the real bot service (started
// with its one command), the web app through the simulated client, and card clicks as real signed callbacks.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { SimulatedPlatform } from '../../../simulator/platforms/service';
import { createFeishuPlatform, GROUP, MEMBERS } from '../../../simulator/platforms/feishu';

const REPO = path.resolve(__dirname, '../../..');
let platform: SimulatedPlatform;
let server: http.Server;
let origin = '';
const lines: string[] = [];

beforeAll(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feishu-sim-'));
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    platform.handle(req, res, url).then(
      (handled) => {
        if (!handled) res.writeHead(404).end();
      },
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  platform = createFeishuPlatform({
    repoRoot: REPO,
    databaseFile: path.join(dir, 'feishu.sqlite'),
    origin: () => origin,
    log: (line) => lines.push(line),
  });
});

afterAll(async () => {
  await platform.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const [ALICE, BOB] = MEMBERS as [(typeof MEMBERS)[number], (typeof MEMBERS)[number]];

async function post(pathname: string, body: unknown, session?: string) {
  const response = await fetch(origin + pathname, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session ? { authorization: `Bearer ${session}` } : {}) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
}

interface State {
  messages: { messageId: string; content: { i18n_elements: Record<string, { content?: string }[]> } }[];
}
const state = async () => (await (await fetch(`${origin}/feishu/api/state`)).json()) as State;

test('the group page, then the web app in the simulated client: login, JSAPI authentication, a task posted as a card', async () => {
  const group = await (await fetch(`${origin}/feishu/`)).text();
  expect(group).toContain('<div id="group"');
  expect((await state()).messages).toHaveLength(0);

  const page = await (await fetch(`${origin}/feishu/app/?chat=${GROUP.chatId}&member=${ALICE.openId}`)).text();
  expect(page).toContain('h5sdk');
  expect(page).not.toContain('bytegoofy');

  const code = (await post('/feishu/api/code', { openId: ALICE.openId })).code as string;
  const login = (await post('/feishu/app/api/login', { code })).data as { session: string; openId: string };
  expect(login.openId).toBe(ALICE.openId);
  const url = `${origin}/feishu/app/?chat=${GROUP.chatId}&member=${ALICE.openId}`;
  const config = (await post('/feishu/app/api/jsapi', { url }, login.session)).data as Record<string, unknown>;
  expect(await post('/feishu/api/jsapi', { ...config, url, openId: ALICE.openId })).toEqual({ ok: true });
  expect(await post('/feishu/api/jsapi', { ...config, url: `${url}x`, openId: ALICE.openId })).toEqual({ ok: false });

  const created = await post(
    '/feishu/app/api/call',
    {
      chatId: GROUP.chatId,
      action: 'createTask',
      request: { task: { title: '爬山', kind: 'participate', audience: { kind: 'everyone' } } },
    },
    login.session,
  );
  expect(created).toMatchObject({ ok: true, data: { published: true } });
  const [card] = (await state()).messages;
  expect(card?.content.i18n_elements.en_us?.[2]?.content).toContain(`${origin}/feishu/app/?chat=${GROUP.chatId}`);
});

test("a member's click is a real signed callback into the bot service, and the card follows", async () => {
  const [card] = (await state()).messages;
  if (card === undefined) throw new Error('no card');
  const taskId = (created: string) => /task=([A-Za-z0-9_-]+)/.exec(created)?.[1] ?? '';
  const id = taskId(card.content.i18n_elements.en_us?.[2]?.content ?? '');
  const answer = await post('/feishu/api/click', {
    openId: BOB.openId,
    messageId: card.messageId,
    value: { action: 'join', taskId: id },
  });
  expect(answer).toMatchObject({ status: 200, body: { toast: { type: 'success' } } });
  const until = Date.now() + 5000;
  let text = '';
  while (Date.now() < until && !text.includes(BOB.openId)) {
    text = (await state()).messages[0]?.content.i18n_elements.en_us?.[0]?.content ?? '';
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(text).toContain(`<at id=${BOB.openId}></at>`);
  expect(await post('/feishu/api/click', { openId: 'ou_stranger', messageId: card.messageId, value: {} })).toEqual({
    error: 'openId: one of the group members',
  });
});
