// `npm start`'s server on 127.0.0.1 is reachable by every web page the same browser opens, and by every local
// process: it answers only requests addressed to itself from its own pages, takes only JSON bodies up to a
// limit, drops an event client that stops reading, keeps a bounded amount of shared images, and serves only files
// whose real path is inside the project (simulator/server/limits.ts states each limit).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { ChatRoom, ChatState, ServerCall, ServerReply } from '../../../simulator/shared/server-api';
import { copyProject, startServer, type RunningServer } from '../../../simulator/headless';
import {
  BODY_LIMIT,
  EVENT_BACKLOG_LIMIT,
  EVENT_CLIENTS_LIMIT,
  PICTURE_BYTES_LIMIT,
  PICTURES_LIMIT,
} from '../../../simulator/server/limits';

jest.setTimeout(120_000);

const MiB = 1024 * 1024;

interface Answer {
  status: number;
  body: string;
}

describe("the simulator's server", () => {
  let copy: string;
  let outside: string;
  let server: RunningServer;
  let port: number;
  /** The group chat, where the images are shared. */
  let group: ChatRoom;

  beforeAll(async () => {
    copy = copyProject('simulator-security-');
    outside = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-outside-'));
    fs.writeFileSync(path.join(outside, 'secret.png'), 'not for the browser');
    const assets = path.join(copy, 'packageChatTool/assets');
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(assets, 'leak.png'));
    fs.symlinkSync(outside, path.join(assets, 'outside'), 'dir');
    fs.symlinkSync(path.join(assets, 'card.png'), path.join(assets, 'inside.png'));
    server = await startServer(['--root', copy]);
    port = Number(new URL(server.url).port);
    group = (await state()).rooms.find((room) => room.chatType === 3)!;
  });

  afterAll(async () => {
    await server?.stop();
    for (const dir of [copy, outside]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A request with the headers given (Host defaults to the server's own; `host: null` sends none). */
  const ask = (
    pathname: string,
    init: { method?: string; headers?: Record<string, string | null>; body?: string } = {},
  ): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries({ host: `127.0.0.1:${port}`, ...init.headers }))
        if (value !== null) headers[name] = value;
      const req = http.request(
        { host: '127.0.0.1', port, path: pathname, method: init.method ?? 'GET', headers, setHost: false },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (body += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        },
      );
      req.on('error', reject);
      req.end(init.body);
    });

  const call = (request: ServerCall | string, headers: Record<string, string | null> = {}): Promise<Answer> =>
    ask('/api/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof request === 'string' ? request : JSON.stringify(request),
    });

  const state = async (): Promise<ChatState> => JSON.parse((await ask('/api/state')).body) as ChatState;

  const output = (): string => server.output.join('');

  test('answers only requests addressed to itself, so a DNS-rebound name cannot read it', async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `LocalHost:${port}`]) {
      expect([host, (await ask('/api/state', { headers: { host } })).status]).toEqual([host, 200]);
    }
    for (const host of [
      `attacker.example:${port}`,
      'attacker.example',
      `127.0.0.1.attacker.example:${port}`,
      `127.0.0.1:${port + 1}`,
      'localhost',
    ]) {
      for (const pathname of ['/', '/api/state', '/app.js', '/events'])
        expect([host, pathname, (await ask(pathname, { headers: { host } })).status]).toEqual([host, pathname, 403]);
    }
    // Without one, Node's server answers 400 itself (requireHostHeader).
    expect((await ask('/api/state', { headers: { host: null } })).status).toBe(400);
  });

  test("refuses another origin's request: a page elsewhere cannot drive the emulator or read it", async () => {
    expect((await state()).contentCheck).toBe('pass');
    const attack: ServerCall = { op: 'setContentCheck', setting: 'risky' };
    const foreign: Record<string, string>[] = [
      { origin: 'http://attacker.example', 'content-type': 'text/plain;charset=UTF-8' },
      { origin: 'http://attacker.example' },
      { origin: `http://127.0.0.1:${port + 1}` },
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      // Another port of 127.0.0.1 is the same site.
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of foreign) {
      expect([headers, (await call(attack, headers)).status]).toEqual([headers, 403]);
    }
    for (const headers of foreign) {
      for (const pathname of ['/api/state', '/events', '/app.js'])
        expect([pathname, (await ask(pathname, { headers })).status]).toEqual([pathname, 403]);
    }
    expect((await state()).contentCheck).toBe('pass');

    // Its own pages: same origin under any of its names, and a page typed into the address bar.
    for (const [setting, headers] of [
      ['review', { origin: `http://127.0.0.1:${port}`, 'sec-fetch-site': 'same-origin' }],
      ['risky', { origin: `http://localhost:${port}`, host: `localhost:${port}` }],
      ['pass', {}],
    ] as const) {
      expect((await call({ op: 'setContentCheck', setting }, headers)).status).toBe(200);
      expect((await state()).contentCheck).toBe(setting);
    }
    expect((await ask('/', { headers: { 'sec-fetch-site': 'none' } })).status).toBe(200);
  });

  test('a POST must be JSON (415), so no form or simple request reaches it without a CORS preflight', async () => {
    const attack = JSON.stringify({ op: 'setContentCheck', setting: 'risky' });
    for (const type of [
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
      null,
    ]) {
      expect([type, (await call(attack, { 'content-type': type })).status]).toEqual([type, 415]);
    }
    expect((await state()).contentCheck).toBe('pass');
    expect((await call(attack, { 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
    expect((await state()).contentCheck).toBe('risky');
    expect((await call({ op: 'setContentCheck', setting: 'pass' })).status).toBe(200);
    // A body that is not JSON is the caller's mistake, said so.
    expect(await call('{"op":')).toMatchObject({ status: 400, body: expect.stringContaining('JSON') });
    // No other method reaches it, nor a POST elsewhere.
    expect((await ask('/api/call', { method: 'PUT', headers: { 'content-type': 'application/json' } })).status).toBe(
      405,
    );
    expect((await ask('/api/state', { method: 'POST', headers: { 'content-type': 'application/json' } })).status).toBe(
      405,
    );
  });

  test(`keeps at most ${EVENT_CLIENTS_LIMIT} event streams open, each starting with the current state`, async () => {
    const streams: http.ClientRequest[] = [];
    const open = (): Promise<{ status: number; first: string }> =>
      new Promise((resolve, reject) => {
        const req = http.get({ host: '127.0.0.1', port, path: '/events' }, (res) => {
          if (res.statusCode !== 200) {
            res.resume();
            return resolve({ status: res.statusCode!, first: '' });
          }
          let first = '';
          res.setEncoding('utf8');
          const onData = (chunk: string): void => {
            first += chunk;
            if (!first.includes('event: state')) return;
            // The rest of the stream (the state's pictures) is read and dropped.
            res.off('data', onData);
            res.resume();
            resolve({ status: 200, first });
          };
          res.on('data', onData);
        });
        req.on('error', reject);
        streams.push(req);
      });
    try {
      for (let i = 0; i < EVENT_CLIENTS_LIMIT; i += 1) {
        const stream = await open();
        expect(stream.status).toBe(200);
        expect(stream.first).toContain('event: build');
      }
      expect((await open()).status).toBe(503);
    } finally {
      for (const req of streams) req.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await open()).status).toBe(200);
    streams.at(-1)!.destroy();
  });

  /** Sends up to `total` bytes in 1 MiB chunks, stopping when the server answers. */
  const upload = (total: number, headers: Record<string, string>): Promise<{ status: number; sent: number }> =>
    new Promise((resolve, reject) => {
      let sent = 0;
      let status = 0;
      const chunk = Buffer.alloc(MiB, 0x20);
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/call',
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
        },
        (res) => {
          status = res.statusCode!;
          res.resume();
          res.on('end', () => {
            req.destroy();
            resolve({ status, sent });
          });
        },
      );
      req.on('error', (err) => (status ? resolve({ status, sent }) : reject(err)));
      const pump = (): void => {
        while (!status && sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        if (!status) req.end();
      };
      pump();
    });

  test(`refuses a body over ${BODY_LIMIT / MiB} MiB while reading it (413), without keeping it`, async () => {
    const total = BODY_LIMIT * 8;
    // Said up front: refused before it is read.
    const declared = await upload(total, { 'content-length': String(total) });
    expect(declared.status).toBe(413);
    expect(declared.sent).toBeLessThan(total);
    // Streamed without a length: refused once the limit is passed, not at the end.
    const streamed = await upload(total, {});
    expect(streamed.status).toBe(413);
    expect(streamed.sent).toBeLessThan(total / 2);
    // Still serving, and a body at the limit's scale (a large shared image) is accepted.
    expect((await ask('/api/state')).status).toBe(200);
    const image = `data:image/png;base64,${'A'.repeat(BODY_LIMIT - 4096)}`;
    const shared = await call(sendImage(image));
    expect(shared.status).toBe(200);
  });

  /** wx.shareImageToGroup of a temporary file holding `imageUrl`, from a tap in the chat tool. */
  const sendImage = (imageUrl: string): ServerCall => ({
    op: 'send',
    openid: group.members[0]!.openid,
    roomId: group.id,
    api: 'shareImageToGroup',
    options: { imagePath: 'wxfile://tmp_1.png' },
    files: { imagePath: { url: imageUrl, size: imageUrl.length } },
    context: { chatTool: { root: 'packageChatTool', entryPagePath: 'pages/entry/index' }, tap: true },
  });

  /** A shared image of `bytes` bytes whose data URL starts with its `mark`. */
  const shareImage = async (mark: string, bytes: number): Promise<void> => {
    const imageUrl = `data:image/png;base64,${mark}:${'A'.repeat(Math.max(0, bytes - mark.length - 23))}`;
    const answer = await call(sendImage(imageUrl));
    expect(answer.status).toBe(200);
  };
  const images = async (): Promise<string[]> =>
    Object.values((await state()).messages)
      .flat()
      .flatMap((m) => (m.kind === 'image' ? [m.imageUrl] : []));

  test('drops an event client that stops reading, and keeps a bounded amount of shared images', async () => {
    // An event client that stops reading after its request.
    const idle = net.connect(port, '127.0.0.1');
    await new Promise((resolve) => idle.once('connect', resolve));
    idle.write(`GET /events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`);
    idle.pause();
    const mark = output().length;
    // 40 images of 1 MiB: each is one more state event.
    for (let i = 0; i < 40; i += 1) await shareImage(`big${i}`, MiB);
    const deadline = Date.now() + 20_000;
    while (!output().slice(mark).includes('dropped an event client')) {
      if (Date.now() > deadline) throw new Error(`the idle client was not dropped:\n${output().slice(mark)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // What reaches it when it reads again: what was buffered when it was dropped, then the end.
    let received = 0;
    idle.on('data', (chunk: Buffer) => (received += chunk.length));
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no end after ${received} bytes`)), 20_000);
      idle.once('close', () => {
        clearTimeout(timer);
        resolve(undefined);
      });
      idle.resume();
    });
    // The kernel's socket buffers hold a few MiB more than the server.
    expect(received).toBeLessThan(EVENT_BACKLOG_LIMIT + PICTURE_BYTES_LIMIT + 16 * MiB);

    const kept = await images();
    expect(kept.reduce((sum, url) => sum + url.length, 0)).toBeLessThanOrEqual(PICTURE_BYTES_LIMIT);
    expect(kept.at(-1)).toContain('big39:');
    expect(kept.some((url) => url.includes('big0:'))).toBe(false);

    for (let i = 0; i < PICTURES_LIMIT + 10; i += 1) await shareImage(`small${i}`, 100);
    const small = await images();
    expect(small).toHaveLength(PICTURES_LIMIT);
    expect(small.at(-1)).toContain(`small${PICTURES_LIMIT + 9}:`);
    expect(small[0]).toContain('small10:');
  });

  test("cards' pictures count in the same bound: an old card then shows WeChat's screenshot placeholder", async () => {
    const alice = group.members[0]!;
    const value = async (request: ServerCall): Promise<unknown> => {
      const reply = JSON.parse((await call(request)).body) as ServerReply;
      if (!reply.ok) throw new Error(reply.error);
      return reply.value;
    };
    const cards = 20;
    for (let i = 0; i < cards; i += 1) {
      const { cloudID } = (await value({ op: 'issueCloudId', openid: alice.openid, roomId: group.id })) as {
        cloudID: string;
      };
      const created = (await value({
        op: 'callFunction',
        openid: alice.openid,
        name: 'groupTask',
        data: {
          action: 'createTask',
          chatProof: cloudID,
          envVersion: 'develop',
          task: { title: `卡片${i}`, kind: 'participate', audience: { kind: 'everyone' } },
        },
      })) as { ok: true; data: { share: Record<string, unknown> } };
      const imageUrl = `data:image/png;base64,card${i}:${'A'.repeat(MiB)}`;
      await value({
        op: 'shareCard',
        openid: alice.openid,
        roomId: group.id,
        share: { ...created.data.share, imageUrl },
      });
    }
    const messages = Object.values((await state()).messages).flat();
    const pictures = messages.flatMap((m) =>
      (m.kind === 'card' || m.kind === 'image') && m.imageUrl ? [m.imageUrl] : [],
    );
    expect(pictures.reduce((sum, url) => sum + url.length, 0)).toBeLessThanOrEqual(PICTURE_BYTES_LIMIT);
    const card = (title: string) => messages.find((m) => m.kind === 'card' && m.title === title);
    expect(card(`卡片${cards - 1}`)).toMatchObject({ imageUrl: expect.stringContaining(`card${cards - 1}:`) });
    expect(card('卡片0')).toMatchObject({ kind: 'card' });
    expect(card('卡片0')).not.toHaveProperty('imageUrl', expect.anything());
  });

  test('serves a static file only when its real path is inside the project', async () => {
    expect((await ask('/packageChatTool/assets/card.png')).status).toBe(200);
    expect((await ask('/packageChatTool/assets/inside.png')).status).toBe(200);
    expect((await ask('/packageChatTool/assets/leak.png')).status).toBe(404);
    expect((await ask('/packageChatTool/assets/outside/secret.png')).status).toBe(404);
    expect((await ask('/packageChatTool/assets/%2e%2e/%2e%2e/%2e%2e/etc/hostname.png')).status).toBe(404);
  });
});
