// The second chat tool, end to end: `npm start -- --root examples/poll` in headless Chromium. The group poll's
// own pages on glass-easel beside the simulated chat, its own groupPoll function on SQLite and the WeChat
// emulator; the kit reached only as a cloner's tool reaches it.
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { format } from 'chat-tool-kit';
import { messages } from '../../examples/poll/packagePoll/i18n/texts';
import {
  describeWithBrowser,
  eventually,
  executablePath,
  launchBrowser,
  Simulator,
  startServer,
  type RunningServer,
} from './harness';

jest.setTimeout(120_000);

const POLL_ROOT = path.resolve(__dirname, '../../examples/poll');
const zh = messages('zh-CN');
const en = messages('en');

describeWithBrowser('the group poll in the simulator', () => {
  let server: RunningServer;
  let browser: Browser;
  let sim: Simulator;

  beforeAll(async () => {
    server = await startServer(['--root', POLL_ROOT]);
    browser = await launchBrowser(executablePath!);
    sim = await Simulator.open(browser, server.url);
  });

  afterAll(async () => {
    await sim?.screenshot('poll');
    await browser?.close();
    await server?.stop();
  });

  test('Alice starts a poll, Bob votes once, Alice closes it', async () => {
    const question = '周六去哪里爬山';
    await sim.viewAs('Alice');
    await sim.openTool();
    await sim.tap('button', zh.createPoll);
    // The form refuses what the server would, before anything is sent.
    await sim.tap('button', zh.publish);
    await sim.phone.getByText(zh.errors.QUESTION_EMPTY).waitFor();
    await sim.type(zh.questionLabel, question);
    await sim.type(format(zh.optionLabel, { index: 1 }), '山顶');
    await sim.type(format(zh.optionLabel, { index: 2 }), '湖边');
    await sim.tap('button', zh.addOption);
    await sim.tap('button', zh.publish);
    await sim.phone.getByText(zh.errors.OPTION_EMPTY).waitFor();
    await sim.tap('button', format(zh.removeOption, { index: 3 }));
    expect(await sim.page.locator('.messages .card').count()).toBe(0);
    await sim.tap('button', zh.publish);
    // The card in the chat, with the subtitle its publisher sees.
    await eventually(() => sim.cardStatus(question), '0人已参与');
    await sim.phone
      .getByText(format(zh.voters, { count: 0 }), { exact: false })
      .first()
      .waitFor();

    await sim.viewAs('Bob');
    expect(await sim.cardStatus(question)).toBe('未参与');
    await sim.openCard(question);
    await sim.tap('button', format(zh.voteFor, { option: '湖边' }));
    await sim.phone.getByText(format(zh.yourVote, { option: '湖边' })).waitFor();
    await sim.phone
      .getByText(format(zh.voters, { count: 1 }), { exact: false })
      .first()
      .waitFor();
    await eventually(() => sim.cardStatus(question), '已参与');
    // A second vote is refused by the server, with the poll's own text.
    await sim.tap('button', format(zh.voteFor, { option: '山顶' }));
    await sim.phone.getByText(zh.errors.ALREADY_VOTED).waitFor();
    await sim.screenshot('poll-voted');

    await sim.viewAs('Alice');
    expect(await sim.cardStatus(question)).toBe('1人已参与');
    await sim.openCard(question);
    await sim.tap('button', zh.closePoll);
    await sim.phone.locator('.modal-confirm').click();
    await eventually(() => sim.cardStatus(question), '已结束');
    await sim.viewAs('Bob');
    expect(await sim.cardStatus(question)).toBe('已结束');
    expect(sim.errors).toEqual([]);
  });

  test('in English and dark mode: the closed poll as Bob sees it', async () => {
    await sim.page.selectOption('select[aria-label="Language"]', 'en');
    await sim.page.selectOption('select[aria-label="Theme"]', 'dark');
    await sim.ready();
    await sim.openCard('周六去哪里爬山');
    await sim.phone.getByText(`${en.closed} · ${format(en.voters, { count: 1 })}`).waitFor();
    await sim.phone.getByText(format(en.yourVote, { option: '湖边' })).waitFor();
    expect(await sim.byRole('button', en.closePoll).count()).toBe(0);
    const page = sim.phone.locator('wx-page[data-route="packagePoll/pages/poll/index"] .page').first();
    expect(await page.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(17, 17, 17)');
    await sim.screenshot('poll-english-dark');
    expect(sim.errors).toEqual([]);
  });
});
