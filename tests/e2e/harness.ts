// Drives `npm start`'s simulator in headless Chromium for the end-to-end tests: starts the real CLI
// on a free port with its own database, opens the chat host, and offers the steps a person takes
// (view as a member, open the tool, tap, type, pick members, read the chat), and what another member's
// phone sends the server meanwhile.

import fs from 'node:fs';
import path from 'node:path';
import type { Browser, FrameLocator, Locator, Page } from 'playwright-core';
import type { ApiResult } from 'chat-tool-kit';
import type {
  ChatMember,
  ChatMessage,
  ChatRoom,
  ChatState,
  ServerCall,
  ServerReply,
} from '../../simulator/shared/server-api';
import { chromiumPath, launchBrowser, startServer, type RunningServer } from '../../simulator/headless';

export { chromiumPath, copyProject, launchBrowser, startServer, type RunningServer } from '../../simulator/headless';

const ROOT = path.resolve(__dirname, '../..');
/** Screenshots, a folder per readings: jest runs a file under both at once (jest.config.js). */
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e', process.env.WECHAT_READINGS ?? 'documented');

/**
 * The Chromium the tests drive; without one every e2e file is skipped with this printed reason, except in CI
 * (CI=true), where .ci/run installs it: there a missing browser fails instead of silently skipping the flows.
 */
export const executablePath = chromiumPath();
const missing = 'no Chromium found (install Debian chromium: apt-get install -y chromium, or set CHROMIUM_PATH)';
if (!executablePath && process.env.CI) throw new Error(`[e2e] ${missing}`);
export const describeWithBrowser = executablePath ? describe : describe.skip;
if (!executablePath) console.warn(`[e2e] skipped: ${missing}`);

/** The chat host page and the phone inside it, with a person's steps. */
export class Simulator {
  readonly phone: FrameLocator;
  readonly errors: string[] = [];

  constructor(readonly page: Page) {
    this.phone = page.frameLocator('#app-frame');
    page.on('pageerror', (err) => this.errors.push(err.message));
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(message.text());
    });
  }

  static async open(browser: Browser, url: string): Promise<Simulator> {
    const page = await browser.newPage({ viewport: { width: 1440, height: 960 } });
    const sim = new Simulator(page);
    await page.goto(url);
    await sim.ready();
    return sim;
  }

  async ready(): Promise<void> {
    await this.page.waitForSelector('#app-frame[data-ready]', { timeout: 20_000 });
  }

  async viewAs(nickname: string): Promise<void> {
    await this.page.click(`.members [data-member="${nickname}"]`);
    await this.ready();
  }

  async showChat(roomName: string): Promise<void> {
    await this.page.click(`.rooms [data-room-name="${roomName}"]`);
  }

  async openTool(): Promise<void> {
    await this.page.click('#open-tool');
    await this.ready();
  }

  /** An element in the app by its accessible role and name (pages set aria-role / aria-label). */
  byRole(role: Parameters<FrameLocator['getByRole']>[0], name: string): Locator {
    return this.phone.getByRole(role, { name, exact: true });
  }

  async tap(role: Parameters<FrameLocator['getByRole']>[0], name: string): Promise<void> {
    await this.byRole(role, name).click();
  }

  /** Types into the input or textarea labelled `label`. */
  async type(label: string, text: string): Promise<void> {
    await this.phone.locator(`[aria-label="${label}"] :is(input, textarea)`).fill(text);
  }

  async pickMembers(nicknames: string[]): Promise<void> {
    for (const name of nicknames) await this.page.check(`.member-picker input[data-member="${name}"]`);
    await this.page.click('#picker-confirm');
  }

  card(title: string): Locator {
    return this.page.locator('.messages .card', { has: this.page.locator('.card-title', { hasText: title }) }).last();
  }

  async cardStatus(title: string): Promise<string> {
    return (await this.card(title).locator('.card-status').innerText()).trim();
  }

  async openCard(title: string): Promise<void> {
    await this.card(title).click();
    await this.ready();
  }

  systemLines(): Locator {
    return this.page.locator('.messages .system');
  }

  /** The chats as the server has them now (GET /api/state). */
  async chatState(): Promise<ChatState> {
    const response = await this.page.request.get(this.apiUrl('/api/state'));
    if (!response.ok()) throw new Error(`/api/state: ${response.status()} ${await response.text()}`);
    return (await response.json()) as ChatState;
  }

  /**
   * Asks the server what the host page asks it (POST /api/call), e.g. for a member other than the one viewing.
   * Sent from the test through Playwright, which adds no Origin header: the server refuses a foreign Origin and
   * any POST that is not JSON (docs/simulator.md, "Security"). Throws the server's refusal or error.
   */
  async serverCall(call: ServerCall): Promise<unknown> {
    const response = await this.page.request.post(this.apiUrl('/api/call'), { data: call });
    if (!response.ok()) throw new Error(`/api/call ${call.op}: ${response.status()} ${await response.text()}`);
    const reply = (await response.json()) as ServerReply;
    if (!reply.ok) throw new Error(`/api/call ${call.op}: ${reply.error}`);
    return reply.value;
  }

  /** `nickname` joins the chat `room`, e.g. so that a list has more members than one page shows. */
  async addMember(room: ChatRoom, nickname: string): Promise<ChatMember> {
    return (await this.serverCall({ op: 'addMember', roomId: room.id, nickname })) as ChatMember;
  }

  /**
   * What `member`'s phone sends when a page in `room` calls cloud function `name` through the kit's action client:
   * `data` with a fresh cloudID of wx.getChatToolInfo as its chat proof. Resolves what the function replied.
   */
  async callFunctionAs(member: ChatMember, room: ChatRoom, name: string, data: object): Promise<ApiResult<unknown>> {
    const { openid } = member;
    const { cloudID } = (await this.serverCall({ op: 'issueCloudId', openid, roomId: room.id })) as { cloudID: string };
    return (await this.serverCall({
      op: 'callFunction',
      openid,
      name,
      data: { ...data, chatProof: cloudID },
    })) as ApiResult<unknown>;
  }

  private apiUrl(pathname: string): string {
    return new URL(pathname, this.page.url()).href;
  }

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

/** A dynamic card as the chat shows it. */
export type ChatCard = Extract<ChatMessage, { kind: 'card' }>;

/** The chat named `name`. */
export function roomNamed(state: ChatState, name: string): ChatRoom {
  const room = state.rooms.find((r) => r.name === name);
  if (!room) throw new Error(`no chat named ${name}`);
  return room;
}

/** The group chat (chat_type 3). */
export function groupRoom(state: ChatState): ChatRoom {
  const room = state.rooms.find((r) => r.chatType === 3);
  if (!room) throw new Error('no group chat');
  return room;
}

/** The member of `room` called `nickname`. */
export function memberNamed(room: ChatRoom, nickname: string): ChatMember {
  const member = room.members.find((m) => m.nickname === nickname);
  if (!member) throw new Error(`no member ${nickname} in ${room.name}`);
  return member;
}

/** The newest card titled `title` in `room`. */
export function cardTitled(state: ChatState, room: ChatRoom, title: string): ChatCard {
  const cards = (state.messages[room.id] ?? []).filter((m): m is ChatCard => m.kind === 'card' && m.title === title);
  const card = cards.at(-1);
  if (!card) throw new Error(`no card ${title} in ${room.name}`);
  return card;
}

/** The query parameter `name` of the page a card opens. */
export function cardParam(card: ChatCard, name: string): string {
  const value = new URLSearchParams(card.path.split('?')[1]).get(name);
  if (value === null) throw new Error(`card ${card.title} opens ${card.path}, without ${name}`);
  return value;
}

/**
 * Registers the hooks of a describe block whose tests share one simulator (the real CLI, its own
 * database) and one browser, each test on a fresh host page that is screenshotted after it; returns
 * `test` handing that page to the test.
 */
export function simulatorTests(): (name: string, run: (sim: Simulator) => Promise<void>) => void {
  let server: RunningServer;
  let browser: Browser;
  let sim: Simulator;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(executablePath!);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    sim = await Simulator.open(browser, server.url);
  });

  afterEach(async () => {
    const name = expect.getState().currentTestName?.replace(/[^\w]+/g, '-') ?? 'test';
    await sim.screenshot(name);
    await sim.page.close();
  });

  return (name, run) => test(name, () => run(sim));
}

/** The one simulator a describe block's tests share, in order, on one host page. */
export interface SharedSimulator {
  /** The host page, open before the first test. */
  sim: Simulator;
  server: RunningServer;
  /** The copy of a project `copy` made, that the simulator runs (removed after the block). */
  copy?: string;
}

/**
 * Registers the hooks of a describe block whose tests run in order on one page of one simulator (the real CLI
 * with `args`, on the project `copy` makes when given) and one browser; the page is screenshotted as `name` after
 * the last test.
 */
export function sharedSimulator(
  name: string,
  start: { copy?: () => string | Promise<string>; args?: string[] },
): SharedSimulator {
  const shared = {} as SharedSimulator;
  let browser: Browser | undefined;

  beforeAll(async () => {
    shared.copy = await start.copy?.();
    const root = shared.copy === undefined ? [] : ['--root', shared.copy];
    shared.server = await startServer([...root, ...(start.args ?? [])]);
    browser = await launchBrowser(executablePath!);
    shared.sim = await Simulator.open(browser, shared.server.url);
  });

  afterAll(async () => {
    await shared.sim?.screenshot(name);
    await browser?.close();
    await shared.server?.stop();
    if (shared.copy !== undefined) fs.rmSync(shared.copy, { recursive: true, force: true });
  });

  return shared;
}

/** Polls `read` until it returns `expected`; fails with the last value seen. */
export async function eventually<T>(read: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      last = await read();
      if (JSON.stringify(last) === JSON.stringify(expected)) return;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `expected ${JSON.stringify(expected)}, last saw ${JSON.stringify(last)}${lastError ? ` (${String(lastError)})` : ''}`,
  );
}
