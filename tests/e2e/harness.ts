// Drives `npm start`'s simulator in headless Chromium for the end-to-end tests: starts the real CLI
// on a free port with its own database, opens the chat host, and offers the steps a person takes
// (view as a member, open the tool, tap, type, pick members, read the chat).

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type FrameLocator, type Locator, type Page } from 'playwright-core';

const ROOT = path.resolve(__dirname, '../..');
export const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's chromium (CI installs it); CHROMIUM_PATH overrides. Null when there is none. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

export interface RunningServer {
  url: string;
  /** Milliseconds from spawning the CLI to its "ready" line. */
  readyMs: number;
  output: string[];
  stop(): Promise<void>;
}

/** Starts `tsx simulator/cli.ts` on a free port, as `npm start` does, with CI set (opens nothing). */
export function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-e2e-'));
  const started = Date.now();
  const child: ChildProcess = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'simulator/cli.ts',
      '--port',
      '0',
      '--db',
      path.join(dir, 'tasks.sqlite'),
      // Other people's edits to the checkout must not reload the app mid-test; `--watch` turns it back on.
      ...(extraArgs.includes('--watch') ? [] : ['--no-watch']),
      ...extraArgs.filter((a) => a !== '--watch'),
    ],
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output.push(text);
      const match = /ready in \d+ ms: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          readyMs: Date.now() - started,
          output,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => {
                fs.rmSync(dir, { recursive: true, force: true });
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}:\n${output.join('')}`));
    });
  });
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

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

  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
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
