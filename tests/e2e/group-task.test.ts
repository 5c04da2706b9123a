// End to end in headless Chromium: the project's real pages on glass-easel, beside the simulated
// chats, backed by the real groupTask function on SQLite and the WeChat emulator.
import { MEMBERS_FIRST_PAGE, MEMBERS_PAGE, TASKS_PAGE } from '../../packageChatTool/core/limits';
import { wordsIn } from '../../packageChatTool/core/task-words';
import { messagesFor } from '../../packageChatTool/i18n/texts';

import { launcherTexts } from '../../miniprogram/utils/i18n';
import { format } from 'chat-tool-kit';
import {
  cardParam,
  cardTitled,
  describeWithBrowser,
  eventually,
  groupRoom,
  memberNamed,
  simulatorTests,
  type Simulator,
} from './harness';

const en = messagesFor('en');
const zh = messagesFor('zh-CN');
/** What the server words for the task page and the list, in the language the simulated phone runs in. */
const words = wordsIn('zh-CN');

jest.setTimeout(120_000);

/** Alice opens the tool in the shown chat, starts a new task and types its title. */
async function startTask(sim: Simulator, title: string): Promise<void> {
  await sim.openTool();
  await sim.tap('button', zh.createTask);
  await sim.type(zh.fields.title, title);
}

/** An option's accessible name once selected (the create page puts the selection in the name). */
const selected = (option: string): string => format(zh.optionSelected, { option });
const exactly = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Taps the form's option `option`, whether or not it is already the selected one. */
async function tapOption(sim: Simulator, option: string): Promise<void> {
  const name = new RegExp(`^(${exactly(option)}|${exactly(selected(option))})$`);
  await sim.phone.getByRole('radio', { name }).click();
}

/** Taps `option` and waits until its accessible name says it is selected. */
async function choose(sim: Simulator, option: string): Promise<void> {
  await tapOption(sim, option);
  await sim.byRole('radio', selected(option)).waitFor();
}

/** Waits until the shown chat has exactly one system line containing `text`. */
async function expectSystemLine(sim: Simulator, text: string): Promise<void> {
  await eventually(() => sim.systemLines().filter({ hasText: text }).count(), 1);
}

/** Publishes the form and waits for the card to show `status` to its creator. */
async function publish(sim: Simulator, title: string, status: string): Promise<void> {
  await sim.tap('button', zh.publish);
  await eventually(() => sim.cardStatus(title), status);
}

describeWithBrowser('chat tool in the simulator', () => {
  const test = simulatorTests();

  test('group chat: A publishes for B and C, B signs up, A reminds C and ends the task', async (sim) => {
    const title = '周六爬山';
    await sim.viewAs('Alice');
    await startTask(sim, title);
    await choose(sim, zh.kindParticipate);
    await tapOption(sim, zh.audienceMembers);
    await sim.pickMembers(['Bob', 'Carol']);
    await sim.byRole('radio', selected(zh.audienceMembers)).waitFor();
    await publish(sim, title, '0人已参与');
    await sim.screenshot('published');

    await sim.viewAs('Bob');
    expect(await sim.cardStatus(title)).toBe('未参与');
    await sim.openCard(title);
    await eventually(
      () => sim.page.locator('#phone-caption').innerText(),
      'Bob · 周末爬山群 Hiking group · /packageChatTool/pages/task/index',
    );
    await sim.tap('button', words.join);
    await sim.byRole('button', words.leave).waitFor();
    await eventually(() => sim.cardStatus(title), '已参与');
    await expectSystemLine(sim, `Bob 已参与 Alice 发布的 ${title}`);

    await sim.viewAs('Carol');
    expect(await sim.cardStatus(title)).toBe('未参与');
    await sim.viewAs('Dave');
    expect(await sim.cardStatus(title)).toBe('你无需参与');

    await sim.viewAs('Alice');
    expect(await sim.cardStatus(title)).toBe('1人已参与');
    await sim.openCard(title);
    await sim.byRole('button', words.remind).waitFor();
    await sim.screenshot('group-task-creator-view');
    await sim.tap('button', words.remind);
    await expectSystemLine(sim, `@Carol 请参与：${title}`);

    // The progress image: rendered in <snapshot> and exported when its preview opens, then sent within the tap,
    // to the chat with an entrance back to the task.
    await sim.tap('button', words.shareProgress);
    await sim.tap('button', zh.send);
    const image = sim.page.locator('.messages .image-message').last();
    await image.waitFor();
    expect(await image.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    await sim.viewAs('Carol');
    await image.locator('.entrance').click();
    await sim.ready();
    await sim.byRole('button', words.join).waitFor();
    await sim.viewAs('Alice');
    await sim.openCard(title);

    await sim.tap('button', words.end);
    await sim.phone.locator('.modal-confirm').click();
    await eventually(() => sim.cardStatus(title), '已结束');
    await expectSystemLine(sim, `Alice 发布的 ${title} 已结束`);
    await sim.viewAs('Bob');
    expect(await sim.cardStatus(title)).toBe('已结束');
    expect(sim.errors).toEqual([]);
  });
});

describeWithBrowser('chat tool in the simulator: other flows', () => {
  const test = simulatorTests();

  test('one-to-one chat: no audience to choose, the other person marks the task done', async (sim) => {
    const title = '交周报';
    await sim.viewAs('Alice');
    await sim.showChat('Alice & Bob');
    await startTask(sim, title);
    await choose(sim, zh.kindComplete);
    await sim.phone.getByText(zh.audienceOtherPerson).waitFor();
    expect(await sim.phone.getByRole('radio', { name: zh.audienceMembers }).count()).toBe(0);
    expect(await sim.page.locator('.member-picker').count()).toBe(0);
    // The deadline, through the date and time pickers.
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000);
    const day = [tomorrow.getFullYear(), tomorrow.getMonth() + 1, tomorrow.getDate()]
      .map((n) => String(n).padStart(2, '0'))
      .join('-');
    await sim.tap('button', zh.deadlineDate);
    await sim.phone.locator('.picker-field').fill(day);
    await sim.phone.locator('.picker-confirm').click();
    await sim.tap('button', zh.deadlineTime);
    await sim.phone.locator('.picker-field').fill('18:30');
    await sim.phone.locator('.picker-confirm').click();
    await sim.phone.getByText(day, { exact: true }).waitFor();
    await publish(sim, title, '0人已完成');
    // The creator is not in their own audience, whichever parties WeChat's one-to-one answer named.
    await sim.phone.getByText(words.statusCreator).waitFor();
    expect(await sim.byRole('button', words.markDone).count()).toBe(0);
    expect(
      await sim.phone.getByText(format(words.progressOf, { done: 0, expected: 1, mark: words.marks.complete })).count(),
    ).toBe(1);

    await sim.viewAs('Bob');
    await sim.showChat('Alice & Bob');
    expect(await sim.cardStatus(title)).toBe('未完成');
    await sim.openCard(title);
    await sim.phone.getByText(/18:30/).first().waitFor();
    await sim.tap('button', words.markDone);
    await eventually(() => sim.cardStatus(title), '已完成');
    await expectSystemLine(sim, `Bob 已完成 Alice 发布的 ${title}`);
    await sim.viewAs('Alice');
    await sim.showChat('Alice & Bob');
    expect(await sim.cardStatus(title)).toBe('1人已完成');
    // The group chat does not show the one-to-one chat's card.
    await sim.showChat('周末爬山群 Hiking group');
    expect(await sim.card(title).count()).toBe(0);
    expect(sim.errors).toEqual([]);
  });

  test('errors: a title over 30 units is refused before publishing; a full task puts the next member on the waitlist', async (sim) => {
    await sim.viewAs('Alice');
    await startTask(sim, '这是一个非常非常非常非常长的任务标题');
    await sim.phone.getByText(zh.errors.TITLE_TOO_LONG).first().waitFor();
    const createPage = sim.phone.locator('wx-page[data-route="packageChatTool/pages/create/index"]');
    const form = createPage.locator('wx-scroll-view.scroll .wxb--scroller');
    const titleLabel = createPage.locator('wx-view.label', { hasText: zh.fields.title }).first();
    const titleInView = (): Promise<boolean> =>
      titleLabel.evaluate((el) => {
        const view = el.closest('.wxb--scroller')!.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return box.top >= view.top && box.bottom <= view.bottom;
      });
    await form.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    expect(await titleInView()).toBe(false);
    await sim.tap('button', zh.publish);
    // The publish button is never dead: the banner names the field and what is wrong with it.
    await sim.phone.getByText(`${zh.fields.title}：${zh.errors.TITLE_TOO_LONG}`).waitFor();
    // scroll-into-view brings the first invalid field (the title, scrolled away above) back into view.
    await eventually(titleInView, true);
    // weui's toptips (styleIsolation apply-shared) takes the page's look, as on a phone: 20rpx padding, 12rpx corners.
    const look = await createPage
      .locator('.weui-toptips')
      .evaluate((el) => [getComputedStyle(el).paddingTop, getComputedStyle(el).borderTopLeftRadius]);
    expect(look).toEqual(['10px', '6px']);
    expect(await sim.page.locator('.messages .card').count()).toBe(0);

    const title = '只要一人';
    await sim.type(zh.fields.title, title);
    await choose(sim, zh.kindParticipate);
    await choose(sim, zh.audienceEveryone);
    await sim.type(zh.capacityLabel, '1');
    await publish(sim, title, '0人已参与');

    await sim.viewAs('Bob');
    await sim.openCard(title);
    await eventually(
      () => sim.page.locator('#phone-caption').innerText(),
      'Bob · 周末爬山群 Hiking group · /packageChatTool/pages/task/index',
    );
    await sim.tap('button', words.join);
    await eventually(() => sim.cardStatus(title), '已参与');

    await sim.viewAs('Carol');
    await sim.openCard(title);
    await sim.tap('button', words.joinFull);
    await sim.phone.getByText(words.statuses.waitlisted).first().waitFor();
    expect(await sim.cardStatus(title)).toBe('未参与');
    await sim.viewAs('Alice');
    expect(await sim.cardStatus(title)).toBe('1人已参与');
    expect(sim.errors).toEqual([]);
  });

  test('launcher: outside any chat the tool explains itself; wx.openChatTool picks a chat and opens the tool there', async (sim) => {
    await sim.viewAs('Dave');
    const category = await sim.page
      .frame({ url: /app\.html/ })!
      .evaluate(() => (window as unknown as { wx: { getApiCategory(): string } }).wx.getApiCategory());
    expect(category).toBe('default');
    const outside = await sim.page.frame({ url: /app\.html/ })!.evaluate(async () => {
      const wx = (window as unknown as { wx: { openChatTool(o: object): Promise<unknown> } }).wx;
      return wx.openChatTool({ url: '/miniprogram/pages/launcher/index' }).then(
        () => 'opened',
        (error: { errMsg: string }) => error.errMsg,
      );
    });
    expect(outside).toBe('openChatTool:fail url must be a page of the chat-tool subpackage');
    await sim.phone.locator('wx-button').getByText(launcherTexts('zh_CN').open).click();
    await sim.page.click('.chat-picker [data-room-name="周末爬山群 Hiking group"]');
    await sim.ready();
    await sim.byRole('button', zh.createTask).waitFor();
    const inside = await sim.page
      .frame({ url: /app\.html/ })!
      .evaluate(() => (window as unknown as { wx: { getApiCategory(): string } }).wx.getApiCategory());
    expect(inside).toBe('chatTool');
    await eventually(
      () => sim.page.locator('#phone-caption').innerText(),
      'Dave · 周末爬山群 Hiking group · /packageChatTool/pages/entry/index',
    );
  });

  test('platform rules: notifyGroupMembers outside a tap is refused and shown in the call panel', async (sim) => {
    await sim.viewAs('Alice');
    await sim.openTool();
    const errMsg = await sim.page.frame({ url: /app\.html/ })!.evaluate(async () => {
      const wx = (window as unknown as { wx: { notifyGroupMembers(o: object): Promise<unknown> } }).wx;
      try {
        await wx.notifyGroupMembers({
          title: '提醒',
          members: ['x'],
          entrancePath: '/packageChatTool/pages/entry/index',
          type: 'complete',
        });
        return 'resolved';
      } catch (err) {
        return (err as { errMsg: string }).errMsg;
      }
    });
    expect(errMsg).toMatch(/^notifyGroupMembers:fail can only be called from a tap/);
    await sim.page.locator('#calls .call.fail[data-api="notifyGroupMembers"]').first().waitFor();
  });

  test('fault switches: a refused setChatToolMsg leaves the card behind until the timer retries', async (sim) => {
    const title = '故障演练';
    await sim.viewAs('Alice');
    await startTask(sim, title);
    await choose(sim, zh.kindParticipate);
    await choose(sim, zh.audienceEveryone);
    await publish(sim, title, '0人已参与');

    await sim.page.selectOption('select[data-fault="setChatToolMsg"]', 'fail');
    await sim.viewAs('Bob');
    await sim.openCard(title);
    await sim.tap('button', words.join);
    await sim.byRole('button', words.leave).waitFor();
    await sim.page.locator('#calls .call.platform.fail[data-api="setChatToolMsg"]').first().waitFor();
    expect(await sim.cardStatus(title)).toBe('未参与');

    await sim.page.selectOption('select[data-fault="setChatToolMsg"]', 'none');
    await sim.page.getByRole('button', { name: '定时器 Run timer' }).click();
    await eventually(() => sim.cardStatus(title), '已参与');
    // Until the card marks Bob, his page says so; the sign-up itself is never lost.
    await sim.openCard(title);
    await sim.byRole('button', words.leave).waitFor();
    expect(await sim.phone.getByText(format(words.cardBehind, { mark: words.marks.participate })).count()).toBe(0);
  });

  test('the phone follows the host language (wx.getAppBaseInfo().language)', async (sim) => {
    await sim.page.selectOption('select[aria-label="Language"]', 'en');
    await sim.ready();
    await sim.openTool();
    await sim.byRole('button', en.createTask).waitFor();
  });
});

describeWithBrowser('chat tool in the simulator: the page never contradicts the card', () => {
  const test = simulatorTests();

  test('an open task page shows, when pulled down, what another member did meanwhile', async (sim) => {
    const title = '周五加班';
    await sim.viewAs('Alice');
    await startTask(sim, title);
    await choose(sim, zh.kindParticipate);
    await choose(sim, zh.audienceEveryone);
    await publish(sim, title, '0人已参与');

    await sim.viewAs('Bob');
    await sim.openCard(title);
    await sim.phone.getByText(format(words.progress, { done: 0, mark: words.marks.participate })).waitFor();
    // Carol signs up from her own phone while Bob's page stays open.
    const state = await sim.chatState();
    const room = groupRoom(state);
    const taskId = cardParam(cardTitled(state, room, title), 'taskId');
    const reply = await sim.callFunctionAs(memberNamed(room, 'Carol'), room, 'groupTask', { action: 'join', taskId });
    expect(reply.ok).toBe(true);
    expect(await sim.phone.getByText(format(words.progress, { done: 0, mark: words.marks.participate })).count()).toBe(
      1,
    );
    const scroller = sim.phone.locator('.scroll .wxb--scroller').first();
    const box = (await scroller.boundingBox())!;
    await sim.page.mouse.move(box.x + 20, box.y + 10);
    await sim.page.mouse.down();
    await sim.page.mouse.move(box.x + 20, box.y + 110, { steps: 5 });
    await sim.page.mouse.up();
    await sim.phone.getByText(format(words.progress, { done: 1, mark: words.marks.participate })).waitFor();
    expect(sim.errors).toEqual([]);
  });

  test('a member who leaves is told, before and after, that the card keeps showing them as joined', async (sim) => {
    const title = '周日聚餐';
    await sim.viewAs('Alice');
    await startTask(sim, title);
    await sim.type(zh.descriptionLabel, '六点开始\n\n地点另行通知');
    await choose(sim, zh.kindParticipate);
    await choose(sim, zh.audienceEveryone);
    await publish(sim, title, '0人已参与');

    await sim.viewAs('Bob');
    await sim.openCard(title);
    // Skyline ignores white-space: pre-wrap, so each typed line is its own block.
    expect(await sim.phone.locator('.description-line').allInnerTexts()).toEqual(['六点开始', '', '地点另行通知']);
    await sim.tap('button', words.join);
    await eventually(() => sim.cardStatus(title), '已参与');
    await sim.openCard(title);
    await sim.tap('button', words.leave);
    expect(await sim.phone.locator('.modal-title').innerText()).toBe(format(words.ask, { action: words.leave }));
    expect(await sim.phone.locator('.modal-content').innerText()).toBe(
      `${words.leaveBody}${format(words.cardKeeps, { mark: words.marks.participate })}`,
    );
    await sim.phone.locator('.modal-confirm').click();
    await sim.byRole('button', words.join).waitFor();
    expect(await sim.phone.getByText(format(words.cardKeeps, { mark: words.marks.participate })).count()).toBe(1);
    expect(await sim.cardStatus(title)).toBe('已参与');

    await sim.viewAs('Alice');
    expect(await sim.cardStatus(title)).toBe('1人已参与');
    await sim.openCard(title);
    await sim.byRole('button', words.remind).waitFor();
    // The card counts Bob, who left.
    await sim.phone.getByText(format(words.cardCountsLeavers, { count: 1 })).waitFor();
    expect(sim.errors).toEqual([]);
  });
});

describeWithBrowser('chat tool in the simulator: long lists', () => {
  const test = simulatorTests();

  test("the chat's task list loads its next page when scrolled to its end, then says it has ended", async (sim) => {
    await sim.viewAs('Alice');
    // One task more than a page holds, created through the function as the create page creates them.
    const room = groupRoom(await sim.chatState());
    const alice = memberNamed(room, 'Alice');
    let created = 0;
    for (let i = 0; i < TASKS_PAGE + 1; i += 1) {
      const task = { title: `任务${i}`, kind: 'participate', audience: { kind: 'everyone' } };
      const data = { action: 'createTask', envVersion: 'develop', task };
      if ((await sim.callFunctionAs(alice, room, 'groupTask', data)).ok) created += 1;
    }
    expect(created).toBe(TASKS_PAGE + 1);

    await sim.openTool();
    const entry = sim.phone.locator('wx-page[data-route="packageChatTool/pages/entry/index"]');
    const rows = entry.locator('.task');
    await eventually(() => rows.count(), TASKS_PAGE);
    expect(await entry.getByText(zh.listEnd).count()).toBe(0);
    await entry.locator('wx-scroll-view.scroll .wxb--scroller').evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await eventually(() => rows.count(), TASKS_PAGE + 1);
    await entry.getByText(zh.listEnd).waitFor();
    // Newest first: the first task created is the last row.
    expect(await rows.last().innerText()).toContain('任务0');
    expect(sim.errors).toEqual([]);
  });
  test("a task's participants load page by page (show more, then scrolling to the end), then it says it has ended", async (sim) => {
    const title = '年会报名';
    await sim.viewAs('Alice');
    await startTask(sim, title);
    await choose(sim, zh.kindParticipate);
    await choose(sim, zh.audienceEveryone);
    await publish(sim, title, '0人已参与');
    // More members than the first page and one further page hold join the group and sign up from their phones.
    const joiners = MEMBERS_FIRST_PAGE + MEMBERS_PAGE + 1;
    const state = await sim.chatState();
    const room = groupRoom(state);
    const taskId = cardParam(cardTitled(state, room, title), 'taskId');
    let joined = 0;
    for (let i = 0; i < joiners; i += 1) {
      const member = await sim.addMember(room, `成员${i}`);
      if ((await sim.callFunctionAs(member, room, 'groupTask', { action: 'join', taskId })).ok) joined += 1;
    }
    expect(joined).toBe(joiners);

    await sim.viewAs('Bob');
    await sim.openCard(title);
    await sim.phone.getByText(format(words.progress, { done: joiners, mark: words.marks.participate })).waitFor();
    const task = sim.phone.locator('wx-page[data-route="packageChatTool/pages/task/index"]');
    const people = task.locator('member-list.participants [role=listitem]');
    await eventually(() => people.count(), MEMBERS_FIRST_PAGE);
    // Three members do not fill the screen, so nothing scrolls yet: the page offers "show more".
    await task.getByRole('button', { name: zh.showMore }).click();
    await eventually(() => people.count(), MEMBERS_FIRST_PAGE + MEMBERS_PAGE);
    const scroller = task.locator('wx-scroll-view.scroll .wxb--scroller');
    expect(await task.getByText(zh.listEnd).count()).toBe(0);
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await eventually(() => people.count(), joiners);
    await task.getByText(zh.listEnd).waitFor();
    expect(sim.errors).toEqual([]);
  });
});
