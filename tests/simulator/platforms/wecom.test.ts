// The simulated WeCom group's server side, as npm start would mount it: on first use the fake qyapi and the real
// WeCom server started with its one command; a member's login code, the page's requests reaching that server, the
// cards sent kept for the group, its page bundled; everything stopped on close.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createWecomPlatform, GROUP } from '../../../simulator/platforms/wecom';

jest.setTimeout(30_000);

test('a member logs in, enters the customer group and sends a card; the page is served', async () => {
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
    const { code } = (await post('/wecom/api/code', { userid: 'Alice' })) as { code: string };
    expect(await post('/wecom/api/code', { userid: 'wmCustomer0001' })).toEqual({
      error: 'userid: a member of the company in the group',
    });
    const login = await post('/wecom/api/server', { op: 'login', code });
    expect(login).toMatchObject({ ok: true, data: { session: expect.any(String) } });
    const { session } = (login as { data: { session: string } }).data;
    const entered = await post('/wecom/api/server', {
      op: 'enter',
      session,
      chat: { kind: 'customerGroup', chatId: GROUP.chatId },
    });
    expect(entered).toMatchObject({ ok: true, data: { chatType: 4 } });
    const message = {
      msgtype: 'miniprogram',
      miniprogram: { title: 'Lunch', page: 'miniprogram/pages/wecom/index.html' },
    };
    expect(await post('/wecom/api/sent', { userid: 'Alice', message })).toEqual({ ok: true });
    const state = (await fetch(`${base}/wecom/api/state`).then((r) => r.json())) as Record<string, unknown>;
    expect(state).toMatchObject({ group: GROUP, sent: [{ userid: 'Alice', message }] });
    expect(state.requests).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/cgi-bin/externalcontact/groupchat/get' })]),
    );
    const page = await fetch(`${base}/wecom/`).then((r) => r.text());
    expect(page).toContain('<div id="group">');
    expect(page).toContain('qy.sendChatMessage');
    expect(lines.some((line) => line.startsWith('WeCom: server on 127.0.0.1:'))).toBe(true);
  } finally {
    await platform.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
