// npm start's simulated WeCom customer group (/wecom/), in headless Chromium: a member opens the chat toolbar, creates
// a task and sends its card (the fake wx.qy checks the message), another signs up, the creator ends it; the list is
// the live state, since a sent WeCom card never changes. The WeChat simulator beside it is untouched.
import type { Browser, Page } from 'playwright-core';
import { wecomTexts } from '../../miniprogram/utils/wecom-texts';
import { describeWithBrowser, executablePath, launchBrowser, startServer, type RunningServer } from './harness';

jest.setTimeout(120_000);

const zh = wecomTexts('zh_CN');

describeWithBrowser('the simulated WeCom customer group', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(executablePath!);
    page = await browser.newPage({ locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const openToolbar = async (member: string) => {
    await page.getByRole('button', { name: member, exact: true }).click();
    await page.getByRole('button', { name: `🧰 ${zh.title}` }).click();
    await page.getByRole('heading', { name: `${zh.title} · ${member}` }).waitFor();
  };

  test('create and send, sign up, end', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(new URL('/wecom/', server.url).href);
    await openToolbar('Alice');
    await page.getByText(zh.empty).waitFor();
    await page.getByLabel(zh.titleLabel).fill('Lunch');
    await page.getByRole('button', { name: zh.createLabel }).click();
    await page.locator('.card', { hasText: 'Lunch' }).waitFor();
    expect(await page.locator('.card').innerText()).toContain('miniprogram/pages/wecom/index.html');
    await page.getByText('0 人已参与').waitFor();

    await openToolbar('Bob');
    await page.getByRole('button', { name: fill(zh.joinLabel, 'Lunch') }).click();
    await page.getByText('1 人已参与').waitFor();

    await openToolbar('Alice');
    await page.getByRole('button', { name: fill(zh.endLabel, 'Lunch') }).click();
    await page.getByText(zh.ended).waitFor();
    expect(errors).toEqual([]);

    // The WeChat simulator still answers at its own root.
    const host = await fetch(server.url);
    expect(host.status).toBe(200);
  });
});

const fill = (template: string, title: string) => template.replace('{title}', title);
