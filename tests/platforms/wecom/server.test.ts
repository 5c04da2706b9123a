// The WeCom server's shell: its settings (refused by name, never echoed), the local command, the HTTP layer as
// CloudBase's HTTP access and a Node server call it, and the cloud function's bundle.
import { build } from 'esbuild';
import { join } from 'node:path';
import { buildOptions } from '../../../scripts/build-functions';
import { cloudbaseHttpMain } from '../../../platforms/wecom/http';
import { serve } from '../../../platforms/wecom/serve';
import { readWecomSettings } from '../../../platforms/wecom/settings';
import type { WecomService } from '../../../platforms/wecom/service';

const GOOD = {
  WECOM_CORP_ID: 'wwcorp0001',
  WECOM_CORP_SECRET: 'a-secret-nobody-may-see',
  WECOM_PROOF_KEY: 'p'.repeat(32),
};

describe('settings', () => {
  test('each missing or unusable variable is named; no value is repeated', () => {
    expect(readWecomSettings({})).toEqual({
      ok: false,
      problems: ['WECOM_CORP_ID is not set', 'WECOM_CORP_SECRET is not set', 'WECOM_PROOF_KEY is not set'],
    });
    const bad = readWecomSettings({ ...GOOD, WECOM_PROOF_KEY: 'short-secret-key', WECOM_API_BASE: 'qyapi' });
    expect(bad).toEqual({
      ok: false,
      problems: ['WECOM_PROOF_KEY is shorter than 32 characters', 'WECOM_API_BASE is not an http(s) URL'],
    });
    expect(JSON.stringify(bad)).not.toContain('short-secret-key');
  });

  test("qyapi's host by default; another one (a fake) when set", () => {
    expect(readWecomSettings(GOOD)).toMatchObject({
      ok: true,
      settings: { apiBase: 'https://qyapi.weixin.qq.com/cgi-bin' },
    });
    expect(readWecomSettings({ ...GOOD, WECOM_API_BASE: 'http://127.0.0.1:9/cgi-bin/' })).toMatchObject({
      settings: { apiBase: 'http://127.0.0.1:9/cgi-bin' },
    });
  });
});

describe('the local command', () => {
  test('refuses to start without its settings, saying which', async () => {
    const started = await serve({ WECOM_CORP_ID: 'wwcorp0001' });
    expect(started).toEqual({
      ok: false,
      message: expect.stringContaining('WECOM_CORP_SECRET is not set; WECOM_PROOF_KEY is not set'),
    });
  });

  test('answers only a JSON POST', async () => {
    const started = await serve({ ...GOOD, WECOM_DATABASE: ':memory:', WECOM_PORT: '0' });
    if (!started.ok) throw new Error(started.message);
    try {
      expect((await fetch(started.url)).status).toBe(405);
      expect((await fetch(started.url, { method: 'POST', body: 'x' })).status).toBe(415);
      const json = { method: 'POST', headers: { 'content-type': 'application/json' } };
      expect((await fetch(started.url, { ...json, body: '{' })).status).toBe(400);
      expect((await fetch(started.url, { ...json, body: 'x'.repeat(70_000) })).status).toBe(413);
      const unknown = await fetch(started.url, { ...json, body: JSON.stringify({ op: 'nope' }) });
      expect(await unknown.json()).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    } finally {
      await started.close();
    }
  });
});

test('CloudBase HTTP access: its integration request in (a base64 body too), its response out', async () => {
  const seen: unknown[] = [];
  const service: WecomService = {
    handle: async (body) => (seen.push(body), { ok: true, data: 'answered' }),
    sweep: async () => null,
  };
  const main = cloudbaseHttpMain(service);
  const body = JSON.stringify({ op: 'login', code: 'c' });
  const answer = await main({
    httpMethod: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  });
  expect(answer).toEqual({
    statusCode: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ ok: true, data: 'answered' }),
  });
  expect(seen).toEqual([{ op: 'login', code: 'c' }]);
  expect((await main({ httpMethod: 'GET' })).statusCode).toBe(405);
});

test('the cloud function bundles as groupTask does, without the SQLite store', async () => {
  const entry = join(__dirname, '../../../platforms/wecom/function.ts');
  const result = await build({ ...buildOptions(entry, 'wecomTask.js'), write: false, logLevel: 'silent' });
  const code = result.outputFiles[0]!.text;
  expect(code).toContain('wx-server-sdk');
  expect(code).not.toContain('better-sqlite3');
  expect(code).toContain('miniprogram/jscode2session');
});

test('the cloud function without its settings answers 503 naming what is missing, and runs nothing', async () => {
  jest.resetModules();
  jest.doMock('wx-server-sdk', () => ({}), { virtual: true });
  const log = jest.fn();
  jest.doMock('../../../kit/server/production', () => ({ production: () => ({ log, documents: {} }) }));
  const saved = { ...process.env };
  delete process.env.WECOM_CORP_ID;
  delete process.env.WECOM_CORP_SECRET;
  process.env.WECOM_PROOF_KEY = 'too-short';
  try {
    const { main } = await import('../../../platforms/wecom/function');
    const answer = (await main({
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })) as {
      statusCode: number;
      body: string;
    };
    expect(answer.statusCode).toBe(503);
    const { error } = JSON.parse(answer.body) as { error: { code: string; message: string } };
    expect(error.code).toBe('NOT_CONFIGURED');
    for (const name of ['WECOM_CORP_ID', 'WECOM_CORP_SECRET', 'WECOM_PROOF_KEY']) expect(error.message).toContain(name);
    expect(error.message).not.toContain('too-short');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('WECOM_CORP_ID is not set'));
    // A timer event runs nothing either.
    expect(await main({ Type: 'Timer' } as never)).toMatchObject({ statusCode: 503 });
  } finally {
    process.env = saved;
    jest.dontMock('wx-server-sdk');
    jest.dontMock('../../../kit/server/production');
  }
});
