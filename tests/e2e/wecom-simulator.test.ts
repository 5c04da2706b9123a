// npm start's simulated WeCom chats (/wecom/), in headless Chromium: the REAL toolbar page (miniprogram/pages/wecom)
// runs in the simulator's phone runtime over the fake wx.qy and wx.request to the real WeCom server. A member of the
// company opens the toolbar, creates a task and sends its card (the fake wx.qy checks the message), another signs
// up, a customer cannot open the toolbar and tapping the card shows them the page as WeChat does, the creator ends
// the task; the 上下游 group and the one-to-one chat are rooms of their own. The WeChat simulator is untouched.
// The page's radio-group picks the task kind: a task to complete, which another member marks done.
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { wecomTexts } from '../../miniprogram/utils/wecom-texts';
import { describeWithBrowser, executablePath, launchBrowser, startServer, type RunningServer } from './harness';

jest.setTimeout(120_000);

const zh = wecomTexts('zh_CN');
const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(values[name]));

describeWithBrowser('the simulated WeCom chats', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const errors: string[] = [];
  let phone: FrameLocator;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser(executablePath!);
    page = await browser.newPage({ locale: 'zh-CN', viewport: { width: 1280, height: 960 } });
    page.on('pageerror', (error) => errors.push(error.message));
    phone = page.frameLocator('#app-frame');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // The page redraws once it has fetched the state for the member chosen: wait for that, not only for the click.
  const viewAs = async (member: string) => {
    await page.locator('.members').getByRole('button', { name: member, exact: true }).click();
    await page.locator(`.members [aria-current="true"][aria-label="${member}"]`).waitFor();
  };
  const showChat = async (name: string) => {
    await page.locator('.chats').getByRole('button', { name }).click();
  };
  const openToolbar = async () => {
    await page.getByRole('button', { name: '打开聊天工具栏上的小程序' }).click();
    await page.waitForSelector('#app-frame[data-ready]', { timeout: 20_000 });
  };
  const tap = (name: string) => phone.getByRole('button', { name, exact: true }).click();

  test('create and send, sign up, a customer, end; the other chats are rooms of their own', async () => {
    await page.goto(new URL('/wecom/', server.url).href);
    await viewAs('Alice');
    await openToolbar();
    await phone.getByText(zh.empty).waitFor();
    await phone.locator(`[aria-label="${zh.titleLabel}"] input`).fill('Lunch');
    await tap(zh.createLabel);
    await phone.getByText(zh.published).waitFor();
    await phone.getByText(fill(zh.joined, { count: 0 })).waitFor();
    // The mini program message in the chat: its title, its picture, the page WeCom opens.
    const card = page.locator('.card', { hasText: 'Lunch' });
    await card.waitFor();
    expect(await card.innerText()).toContain('miniprogram/pages/wecom/index.html');
    expect(await card.locator('img').getAttribute('src')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/wecom\/card\.svg$/);

    await viewAs('Bob');
    await openToolbar();
    await tap(fill(zh.joinLabel, { title: 'Lunch' }));
    await phone.getByText(fill(zh.joined, { count: 1 })).waitFor();

    // A customer is in WeChat: no toolbar; the card opens the same page, which has no wx.qy there.
    await viewAs('wmCustomer0001');
    expect(await page.getByRole('button', { name: '打开聊天工具栏上的小程序' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '打开小程序消息: Lunch' }).click();
    await page.waitForSelector('#app-frame[data-ready]');
    await phone.getByText(zh.notWecom).waitFor();

    // A member tapping the card: WeCom opens the page outside the toolbar, which says where the list is.
    await viewAs('Carol');
    await page.getByRole('button', { name: '打开小程序消息: Lunch' }).click();
    await phone.getByText(zh.outsideChat).waitFor();

    await viewAs('Alice');
    await openToolbar();
    await tap(fill(zh.endLabel, { title: 'Lunch' }));
    await phone.getByText(zh.ended).waitFor();

    // The 上下游 group and the one-to-one customer chat: each its own room, with its own cards.
    await showChat('上下游群');
    await openToolbar();
    await phone.getByText(zh.empty).waitFor();
    expect(await page.locator('.card').count()).toBe(0);
    await showChat('客户 Customer (one-to-one)');
    await openToolbar();
    await phone.getByText(zh.empty).waitFor();
    expect(errors).toEqual([]);

    // The WeChat simulator still answers at its own root.
    const host = await fetch(server.url);
    expect(host.status).toBe(200);
  });

  test('the task kind is picked on the page: a task to complete, a member marks it done', async () => {
    await page.goto(new URL('/wecom/', server.url).href);
    await showChat('客户群 Customer group');
    await viewAs('Alice');
    await openToolbar();
    await phone.locator(`[aria-label="${zh.titleLabel}"] input`).fill('Report');
    const kinds = phone.getByRole('radiogroup', { name: zh.kindLabel });
    const kind = (name: string) => kinds.getByRole('radio', { name, exact: true });
    expect(await kind(zh.kindParticipate).getAttribute('aria-checked')).toBe('true');
    await kind(zh.kindComplete).click();
    await kinds.getByRole('radio', { name: zh.kindComplete, exact: true, checked: true }).waitFor();
    expect(await kind(zh.kindParticipate).getAttribute('aria-checked')).toBe('false');
    // A task to complete has no capacity.
    expect(await phone.locator(`[aria-label="${zh.capacityLabel}"]`).count()).toBe(0);
    await tap(zh.createLabel);
    await phone.getByText(zh.published).waitFor();
    await phone.getByText(fill(zh.done, { count: 0 })).waitFor();

    await viewAs('Bob');
    await openToolbar();
    await tap(fill(zh.markDoneLabel, { title: 'Report' }));
    await phone.getByText(fill(zh.done, { count: 1 })).waitFor();
    expect(await phone.getByRole('button', { name: fill(zh.markDoneLabel, { title: 'Report' }) }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
