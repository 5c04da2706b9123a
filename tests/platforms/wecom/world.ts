// A WeCom company on 127.0.0.1 for the tests: the fake qyapi, the real WeCom server (the group task's handlers and
// store, on SQLite in memory) over HTTP, and phones: the page's own services over a fake wx.qy, with wx.request
// reaching the server through fetch. One clock moves the fake, the server and the codes together.
import type { Server } from 'node:http';
import { request as httpRequest } from 'node:http';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import type { DocumentStore } from '../../../kit/server/store';
import { listenWecom } from '../../../platforms/wecom/http';
import type { WecomService } from '../../../platforms/wecom/service';
import { createWecomService } from '../../../platforms/wecom/service';
import type { FakeGroupMember, FakeQyApi } from '../../../platforms/wecom/fakes/qyapi';
import { startFakeQyApi } from '../../../platforms/wecom/fakes/qyapi';
import type { FakeChat, FakeWxQy } from '../../../platforms/wecom/fakes/wx-qy';
import { createFakeWxQy, fakeRequest } from '../../../platforms/wecom/fakes/wx-qy';
import type { WecomServices } from '../../../miniprogram/services/wecom';
import { wecomServices } from '../../../miniprogram/services/wecom';

export const CORP = 'wwcorp0001';
export const SECRET = 'the-linked-apps-secret';
export const PROOF_KEY = 'k'.repeat(40);
export const APPID = 'wx0123456789abcdef';
export const CARD_IMAGE = 'https://example.com/card.png';
export const GROUP = 'wrCustomerGroup001';
export const START = 1_800_000_000_000;

export const GROUP_MEMBERS: FakeGroupMember[] = [
  { userid: 'alice', type: 1 },
  { userid: 'bob', type: 1 },
  { userid: 'carol', type: 1 },
  { userid: 'wmCustomer01', type: 2 },
];

export interface Phone extends FakeWxQy {
  services: WecomServices;
}

export interface Company {
  qyapi: FakeQyApi;
  service: WecomService;
  url: string;
  log: jest.Mock;
  clock: { now: number };
  phone(userid: string, entry: WechatMiniprogram.Qy.Entry, chat?: FakeChat, version?: string): Phone;
  close(): Promise<void>;
}

/**
 * fetch over node:http, as much of it as the server's qyapi client uses (ok, status, json): jest's jsdom
 * environment, where the page tests run, has no fetch.
 */
export const httpFetch = ((url: string, init: RequestInit = {}) =>
  new Promise((resolve, reject) => {
    const sent = httpRequest(url, { method: init.method, headers: init.headers as Record<string, string> }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const status = res.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, json: async () => JSON.parse(text) as unknown });
      });
    });
    sent.on('error', reject);
    sent.end(typeof init.body === 'string' ? init.body : undefined);
  })) as unknown as typeof fetch;

export interface CompanyOptions {
  /** How the server reaches the fake qyapi (default: the global fetch). */
  fetch?: typeof fetch;
}

export async function startCompany(options: CompanyOptions = {}): Promise<Company> {
  const clock = { now: START };
  const qyapi = await startFakeQyApi({ corpId: CORP, corpSecret: SECRET, now: () => clock.now });
  qyapi.addGroupChat(GROUP, GROUP_MEMBERS);
  const documents: DocumentStore = sqliteDocuments();
  const log = jest.fn();
  const service = createWecomService({
    settings: { corpId: CORP, corpSecret: SECRET, proofKey: PROOF_KEY, apiBase: qyapi.url },
    documents,
    log,
    clock: { now: () => clock.now },
    fetch: options.fetch,
  });
  const { server, url } = await listenWecom(service);

  function phone(userid: string, entry: WechatMiniprogram.Qy.Entry, chat: FakeChat = {}, version = '4.1.20'): Phone {
    const fake = createFakeWxQy({ version, entry, chat, login: () => qyapi.issueCode(userid), linkedAppids: [APPID] });
    const wx = {
      qy: fake.qy,
      getAccountInfoSync: () => ({ miniProgram: { appId: APPID, envVersion: 'release', version: '' } }),
      request(option: WechatMiniprogram.RequestOption) {
        fakeRequest(option)
          .then(({ statusCode, data }) => {
            option.success?.({ statusCode, data } as WechatMiniprogram.RequestSuccessCallbackResult);
          })
          .catch((error: unknown) =>
            option.fail?.({
              errMsg: `request:fail ${String(error)}`,
              errno: 600001,
            } as WechatMiniprogram.RequestFailCallbackErr),
          );
      },
    } as unknown as WechatMiniprogram.Wx;
    return { ...fake, services: wecomServices(wx, { serviceUrl: url, cardImageUrl: CARD_IMAGE }) };
  }

  return {
    qyapi,
    service,
    url,
    log,
    clock,
    phone,
    async close() {
      await new Promise<void>((resolve) => (server as Server).close(() => resolve()));
      await qyapi.close();
      documents.close();
    },
  };
}
