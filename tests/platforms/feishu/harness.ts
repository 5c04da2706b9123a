// The Feishu bot service on the fake OpenAPI, as a test drives it: the web app's calls, a member's card clicks
// (real encrypted, signed callbacks) and the fake group's messages.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DocumentStore } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import type { FakeFeishu, FakeMember, FakeMessage } from '../../../platforms/feishu/fake/openapi';
import { startFakeFeishu } from '../../../platforms/feishu/fake/openapi';
import type { CallbackKeys } from '../../../platforms/feishu/fake/group';
import { click } from '../../../platforms/feishu/fake/group';
import type { FeishuService } from '../../../platforms/feishu/service';
import { createFeishuService } from '../../../platforms/feishu/service';

export const CHAT = 'oc_team0001';
export const OTHER_CHAT = 'oc_other0002';
export const ALICE: FakeMember = { openId: 'ou_alice01', name: 'Alice' };
export const BOB: FakeMember = { openId: 'ou_bob0002', name: 'Bob' };
export const CAROL: FakeMember = { openId: 'ou_carol03', name: 'Carol' };
export const DAVE: FakeMember = { openId: 'ou_dave004', name: 'Dave' };

export interface Harness {
  fake: FakeFeishu;
  service: FeishuService;
  origin: string;
  keys: CallbackKeys;
  logs: string[];
  /** Moves both clocks (the service's and the fake's) forward. */
  advance(ms: number): void;
  login(member: FakeMember): Promise<string>;
  web(session: string, chatId: string, action: string, request?: Record<string, unknown>): Promise<WebAnswer>;
  click(
    member: FakeMember,
    message: FakeMessage,
    value: Record<string, unknown>,
    chatId?: string,
  ): Promise<ClickAnswer>;
  cards(chatId?: string): FakeMessage[];
  close(): Promise<void>;
}

export interface WebAnswer {
  status: number;
  ok: boolean;
  data: Record<string, unknown>;
  error?: { code: string };
}

export interface ClickAnswer {
  status: number;
  toast?: { type: string; content: string };
}

export async function startHarness(options: { documents?: DocumentStore } = {}): Promise<Harness> {
  const fake = await startFakeFeishu();
  fake.addChat(CHAT, 'Team', [ALICE, BOB, CAROL]);
  fake.addChat(OTHER_CHAT, 'Other', [DAVE]);
  let offset = 0;
  const now = () => Date.now() + offset;
  fake.setNow(now);
  const keys: CallbackKeys = { appId: fake.appId, verificationToken: 'vt-test-token', encryptKey: 'ek-test-key-0001' };
  const documents = options.documents ?? sqliteDocuments(':memory:');
  const logs: string[] = [];
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const service = createFeishuService({
    appId: fake.appId,
    appSecret: fake.appSecret,
    verificationToken: keys.verificationToken,
    encryptKey: keys.encryptKey,
    domain: fake.origin,
    publicUrl: origin,
    documents,
    log: (message) => logs.push(message),
    now,
    cardSyncTimeoutMs: 2000,
  });
  server.on('request', service.listener);

  async function post(path: string, body: unknown, session?: string) {
    const response = await fetch(origin + path, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(session === undefined ? {} : { authorization: `Bearer ${session}` }),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  return {
    fake,
    service,
    origin,
    keys,
    logs,
    advance(ms) {
      offset += ms;
    },
    async login(member) {
      const { body } = await post('/api/login', { code: fake.issueCode(member.openId) });
      const data = body.data as { session: string };
      return data.session;
    },
    async web(session, chatId, action, request = {}) {
      const { status, body } = await post('/api/call', { chatId, action, request }, session);
      return {
        status,
        ok: body.ok === true,
        data: (body.data ?? {}) as Record<string, unknown>,
        error: body.error as { code: string },
      };
    },
    async click(member, message, value, chatId = message.chatId) {
      const answer = await click(
        `${origin}/feishu/card`,
        keys,
        {
          openId: member.openId,
          chatId,
          messageId: message.messageId,
          value,
        },
        now(),
      );
      const body = (typeof answer.body === 'object' && answer.body !== null ? answer.body : {}) as ClickAnswer;
      return { status: answer.status, toast: body.toast };
    },
    cards: (chatId = CHAT) => fake.messages(chatId),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
      await documents.close();
    },
  };
}

/** The card's text in one language, for assertions: every markdown element joined. */
export function cardText(message: FakeMessage, language: 'zh_cn' | 'en_us' = 'en_us'): string {
  const elements =
    (
      message.content.i18n_elements as Record<
        string,
        { tag: string; content?: string; actions?: { text: { content: string } }[] }[]
      >
    )[language] ?? [];
  return elements
    .map((element) => element.content ?? (element.actions ?? []).map((action) => `[${action.text.content}]`).join(' '))
    .join('\n');
}

/** Waits until `check` holds (the card follows a click asynchronously), or fails after `ms`. */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('the condition did not hold in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
