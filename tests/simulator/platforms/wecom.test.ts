// The simulated WeCom chats' server side, as npm start would mount it: on first use the fake qyapi and the real
// WeCom server started with its one command; a member's login code (none for a customer), the page's requests
// reaching that server, the cards sent kept for their chat (checked against sendChatMessage's shape again), the
// group's page and the WeCom build of the app (the toolbar page's settings at this origin); everything stopped on close.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CHATS, createWecomPlatform } from '../../../simulator/platforms/wecom';

jest.setTimeout(60_000);

test('a member logs in, enters the customer group and sends a card; the page and the app are served', async () => {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'wecom-sim-'));
  const lines: string[] = [];
  const platform = createWecomPlatform({
    repoRoot: path.join(__dirname, '../../..'),
    databaseFile: path.join(folder, 'wecom.sqlite'),
    log: (line) => lines.push(line),
  });
  const server = http.createServer((req, res) => {
    void platform.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = async (pathname: string, body: unknown) =>
    (await fetch(`${base}${pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }).then((r) => r.json())) as Record<string, unknown>;
  try {
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    const group = CHATS.find((chat) => chat.entry === 'group_chat_tools')!;
    const { code } = (await post('/wecom/api/code', { chat: group.id, userid: 'Alice' })) as { code: string };
    expect(await post('/wecom/api/code', { chat: group.id, userid: 'wmCustomer0001' })).toEqual({
      error: 'a customer has no WeCom login',
    });
    expect(await post('/wecom/api/code', { chat: group.id, userid: 'Dora' })).toEqual({
      error: 'chat and userid: a member of it',
    });
    const login = await post('/wecom/api/server', { op: 'login', code });
    expect(login).toMatchObject({ ok: true, data: { session: expect.any(String) } });
    const { session } = (login as { data: { session: string } }).data;
    const entered = await post('/wecom/api/server', {
      op: 'enter',
      session,
      chat: { kind: 'customerGroup', chatId: group.qy.chatId },
    });
    expect(entered).toMatchObject({ ok: true, data: { chatType: 4 } });
    const message = {
      msgtype: 'miniprogram',
      miniprogram: {
        appid: 'touristappid',
        title: 'Lunch',
        imgUrl: `${base}/wecom/card.svg`,
        page: 'miniprogram/pages/wecom/index.html',
      },
    };
    const sent = (body: Record<string, unknown>) => post('/wecom/api/sent', { chat: group.id, ...body });
    expect(await sent({ userid: 'Alice', message: { ...message, miniprogram: { title: 'Lunch' } } })).toEqual({
      error: 'miniprogram needs appid, title, imgUrl and page',
    });
    expect(await sent({ userid: 'wmCustomer0001', message })).toEqual({ error: 'not a member of the company' });
    expect(await sent({ userid: 'Alice', message })).toEqual({ ok: true });
    const state = (await fetch(`${base}/wecom/api/state`).then((r) => r.json())) as Record<string, unknown>;
    expect(state).toMatchObject({
      chats: CHATS,
      page: 'miniprogram/pages/wecom/index',
      sent: [{ chat: group.id, userid: 'Alice', message }],
    });
    expect(state.requests).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/cgi-bin/externalcontact/groupchat/get' })]),
    );
    const page = await fetch(`${base}/wecom/`).then((r) => r.text());
    expect(page).toContain('<div id="group">');
    // npm start's platform switch, WeCom marked as the page.
    expect(page).toContain('<a href="/wecom/" aria-current="page"');
    expect(page).toContain('/wecom/app.html');
    expect(await fetch(`${base}/wecom/app.html`).then((r) => r.text())).toContain('<script src="/wecom/app.js">');
    const app = await fetch(`${base}/wecom/app.js`).then((r) => r.text());
    // The WeCom build: the toolbar page with its two settings at the simulator's origin, the rest of config.ts kept.
    expect(app).toContain('WECOM_SERVICE_URL = location.origin + "/wecom/api/server"');
    expect(app).toContain('WECOM_CARD_IMAGE_URL = location.origin + "/wecom/card.svg"');
    expect(app).toMatch(/CLOUD_ENV = "";/);
    expect(app).toContain('miniprogram/pages/wecom/index');
    expect(lines.some((line) => line.startsWith('WeCom: server on 127.0.0.1:'))).toBe(true);
  } finally {
    await platform.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
