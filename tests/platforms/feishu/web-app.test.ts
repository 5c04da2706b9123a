// The Feishu web app in a browser, inside the simulated group (npm start's /feishu/): login through requestAccess,
// creating a task that posts its card, a member's click, enterChat and enterProfile; and on an old client
// (requestAuthCode, the AppLink back to the chat, no profiles). Skipped without Chromium, as the e2e tests are.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { chromiumPath } from '../../../simulator/headless';
import type { SimulatedPlatform } from '../../../simulator/platforms/service';
import { createFeishuPlatform, GROUP, MEMBERS } from '../../../simulator/platforms/feishu';

const executablePath = chromiumPath();
if (!executablePath && process.env.CI) throw new Error('[feishu web app] no Chromium found');
const describeWithBrowser = executablePath ? describe : describe.skip;

describeWithBrowser('the Feishu web app in the simulated group', () => {
  let platform: SimulatedPlatform;
  let server: http.Server;
  let browser: Browser;
  let origin = '';

  beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feishu-web-'));
    server = http.createServer((req, res) => {
      platform.handle(req, res, new URL(req.url ?? '/', 'http://127.0.0.1')).then(
        (handled) => void (handled || res.writeHead(404).end()),
        (error: unknown) => res.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    platform = createFeishuPlatform({
      repoRoot: path.resolve(__dirname, '../../..'),
      databaseFile: path.join(dir, 'feishu.sqlite'),
      origin: () => origin,
      log: () => undefined,
    });
    // The first use starts the fake OpenAPI and the bot service: here, not inside a test's time.
    await fetch(`${origin}/feishu/api/state`);
    browser = await chromium.launch({ executablePath: executablePath ?? undefined, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await platform.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  test('create from the web app, the card in the group, a click, the details page, back to the chat', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${origin}/feishu/`);
    await page.click('text=Open the web app');
    const app = page.frameLocator('#app-panel iframe');
    await app.locator('button:has-text("New task")').click();
    await app.locator('input').first().fill('Picnic');
    await app.locator('button[type=submit]').click();
    await app.locator('h1:has-text("Picnic")').waitFor();
    const card = page.locator('article.card', { hasText: 'Picnic' });
    await card.waitFor();
    await page.selectOption('select', { label: 'Bob' });
    await card.locator('button:has-text("Sign up")').click();
    await page.locator('.toast:has-text("Noted")').waitFor();
    await card.locator('.at:has-text("@Bob")').waitFor();
    await card.locator('a:has-text("Details")').click();
    await app.locator('button:has-text("Leave")').waitFor();
    await app.locator('button:has-text("Bob")').click();
    await page.locator('.toast:has-text("Profile: Bob")').waitFor();
    await app.locator('button:has-text("Back to the group")').first().click();
    await page.waitForFunction(() => document.querySelector('#app-panel')?.childElementCount === 0);
    expect(errors).toEqual([]);
    await page.close();
  });

  test('an old client logs in with requestAuthCode, goes back through the AppLink and shows no profiles', async () => {
    const page = await browser.newPage({ locale: 'en-US' });
    await page.route('https://applink.feishu.cn/**', (route) => route.fulfill({ status: 204, body: '' }));
    const bob = MEMBERS[1]!.openId;
    await page.goto(`${origin}/feishu/app/?chat=${GROUP.chatId}&member=${bob}&client=3.9.0`);
    await page.locator('h1:has-text("Group tasks")').waitFor();
    expect(await page.evaluate(() => 'requestAccess' in ((window as unknown as { tt?: object }).tt ?? {}))).toBe(false);
    await page.locator('button:has-text("Picnic")').click();
    await page.locator('text=Update Feishu to open profiles').first().waitFor();
    const applink = page.waitForRequest((request) => request.url().startsWith('https://applink.feishu.cn/'));
    await page.locator('button:has-text("Back to the group (link)")').click();
    expect((await applink).url()).toBe(`https://applink.feishu.cn/client/chat/open?openChatId=${GROUP.chatId}`);
    await page.close();
  });
});
