// The second chat tool, end to end: `npm start -- --root examples/poll` in headless Chromium. The group poll's
// own pages on glass-easel beside the simulated chat, its own groupPoll function on SQLite and the WeChat
// emulator; the kit reached only as a cloner's tool reaches it.
import path from 'node:path';
import { format } from 'chat-tool-kit';
import { messages } from '../../examples/poll/packagePoll/i18n/texts';
import { describeWithBrowser, eventually, sharedSimulator } from './harness';

jest.setTimeout(120_000);

const POLL_ROOT = path.resolve(__dirname, '../../examples/poll');
const zh = messages('zh-CN');
const en = messages('en');

describeWithBrowser('the group poll in the simulator', () => {
  const shared = sharedSimulator('poll', { args: ['--root', POLL_ROOT] });

  test('Alice starts a poll, Bob votes once, Alice closes it', async () => {
    const question = '周六去哪里爬山';
    await shared.sim.viewAs('Alice');
    await shared.sim.openTool();
    await shared.sim.tap('button', zh.createPoll);
    // The form refuses what the server would, before anything is sent.
    await shared.sim.tap('button', zh.publish);
    await shared.sim.phone.getByText(zh.errors.QUESTION_EMPTY).waitFor();
    await shared.sim.type(zh.questionLabel, question);
    await shared.sim.type(format(zh.optionLabel, { index: 1 }), '山顶');
    await shared.sim.type(format(zh.optionLabel, { index: 2 }), '湖边');
    await shared.sim.tap('button', zh.addOption);
    await shared.sim.tap('button', zh.publish);
    await shared.sim.phone.getByText(zh.errors.OPTION_EMPTY).waitFor();
    await shared.sim.tap('button', format(zh.removeOption, { index: 3 }));
    expect(await shared.sim.page.locator('.messages .card').count()).toBe(0);
    await shared.sim.tap('button', zh.publish);
    // The card in the chat, with the subtitle its publisher sees.
    await eventually(() => shared.sim.cardStatus(question), '0人已参与');
    await shared.sim.phone
      .getByText(format(zh.voters, { count: 0 }), { exact: false })
      .first()
      .waitFor();

    await shared.sim.viewAs('Bob');
    expect(await shared.sim.cardStatus(question)).toBe('未参与');
    await shared.sim.openCard(question);
    await shared.sim.tap('button', format(zh.voteFor, { option: '湖边' }));
    await shared.sim.phone.getByText(format(zh.yourVote, { option: '湖边' })).waitFor();
    await shared.sim.phone
      .getByText(format(zh.voters, { count: 1 }), { exact: false })
      .first()
      .waitFor();
    await eventually(() => shared.sim.cardStatus(question), '已参与');
    // A second vote is refused by the server, with the poll's own text.
    await shared.sim.tap('button', format(zh.voteFor, { option: '山顶' }));
    await shared.sim.phone.getByText(zh.errors.ALREADY_VOTED).waitFor();
    await shared.sim.screenshot('poll-voted');

    await shared.sim.viewAs('Alice');
    expect(await shared.sim.cardStatus(question)).toBe('1人已参与');
    await shared.sim.openCard(question);
    await shared.sim.tap('button', zh.closePoll);
    await shared.sim.phone.locator('.modal-confirm').click();
    await eventually(() => shared.sim.cardStatus(question), '已结束');
    await shared.sim.viewAs('Bob');
    expect(await shared.sim.cardStatus(question)).toBe('已结束');
    expect(shared.sim.errors).toEqual([]);
  });

  test('in English and dark mode: the closed poll as Bob sees it', async () => {
    await shared.sim.page.selectOption('select[aria-label="Language"]', 'en');
    await shared.sim.page.selectOption('select[aria-label="Theme"]', 'dark');
    await shared.sim.ready();
    await shared.sim.openCard('周六去哪里爬山');
    await shared.sim.phone.getByText(`${en.closed} · ${format(en.voters, { count: 1 })}`).waitFor();
    await shared.sim.phone.getByText(format(en.yourVote, { option: '湖边' })).waitFor();
    expect(await shared.sim.byRole('button', en.closePoll).count()).toBe(0);
    const page = shared.sim.phone.locator('wx-page[data-route="packagePoll/pages/poll/index"] .page').first();
    expect(await page.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(17, 17, 17)');
    await shared.sim.screenshot('poll-english-dark');
    expect(shared.sim.errors).toEqual([]);
  });
});
