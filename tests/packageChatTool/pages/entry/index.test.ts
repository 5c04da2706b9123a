/**
 * @jest-environment jsdom
 */
import { mountPage } from '../../../harness/simulate';
import { installFakes, type FakeTaskService, type FakeWeChat } from '../../helpers/fakes';
import { failedCall, summary, tasks } from '../../helpers/samples';
import { attr, expectAccessible, texts } from '../../helpers/simulate';

const PAGE = 'packageChatTool/pages/entry/index';
let platform: FakeWeChat;
let service: FakeTaskService;

beforeEach(() => {
  ({ platform, service } = installFakes());
});

describe('entry page outside a chat', () => {
  test('explains the tool and how to open it, in Chinese', async () => {
    platform.apiCategory.mockReturnValue('default');
    const page = await mountPage(PAGE);
    expect(page.text()).toContain('请在聊天中打开群任务');
    expect(page.text()).toContain('点输入框旁的「+」');
    expect(service.listRoomTasks).not.toHaveBeenCalled();
    expect(page.has('.create')).toBe(false);
  });

  test('explains itself in English when the system language is English', async () => {
    platform.apiCategory.mockReturnValue('default');
    platform.language.mockReturnValue('en');
    const page = await mountPage(PAGE);
    expect(page.text()).toContain('Open Group Tasks from a chat');
    expect(page.text()).toContain('Tap "+" by the input box');
  });
});

describe('entry page in a chat', () => {
  test("lists the chat's tasks once, in the server's order (newest first)", async () => {
    service.listRoomTasks.mockResolvedValue({
      ok: true,
      data: tasks([
        summary({ id: 'new', title: '周六爬山', expected: 5, done: 3, isCreator: true }),
        summary({ id: 'old', title: '旧任务', state: 'ended' }),
      ]),
    });
    const page = await mountPage(PAGE);
    expect(service.listRoomTasks).toHaveBeenCalledTimes(1);
    const items = texts(page, '.task');
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('周六爬山');
    expect(items[0]).toContain('3/5 人已参与');
    expect(items[0]).toContain('我发布的');
    expect(items[1]).toContain('已结束');
    expect(attr(page.get('.task'), 'aria-label')).toBe('打开 周六爬山');
    expect(page.has('.more')).toBe(false);
    expect(page.has('.more-state')).toBe(false);
  });

  test('opens a task and the create page on tap', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary({ id: 'a/b' })]) });
    const page = await mountPage(PAGE);
    await page.tap('.task');
    expect(platform.navigateTo).toHaveBeenCalledWith('/packageChatTool/pages/task/index?taskId=a%2Fb');
    await page.tap('.create');
    expect(platform.navigateTo).toHaveBeenLastCalledWith('/packageChatTool/pages/create/index');
  });

  test('a card link with ?taskId opens that task at once', async () => {
    await mountPage(PAGE, { taskId: 't9' });
    expect(platform.redirectTo).toHaveBeenCalledWith('/packageChatTool/pages/task/index?taskId=t9');
    expect(service.listRoomTasks).not.toHaveBeenCalled();
  });

  test('says so when the chat has no task yet', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([]) });
    const page = await mountPage(PAGE);
    expect(page.text()).toContain('还没有任务');
  });

  test('shows a localized failure and recovers on retry', async () => {
    platform.language.mockReturnValue('en');
    const page = await mountPage(PAGE);
    expect(page.text('.failure')).toContain('No connection');
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary()]) });
    await page.tap('.retry');
    expect(page.text()).not.toContain('No connection');
    expect(texts(page, '.task')).toHaveLength(1);
  });

  test.each([
    ['NOT_IN_CHAT', '请在聊天中打开群任务'],
    ['CHAT_PROOF_EXPIRED', '无法确认你所在的聊天，请重新打开群任务'],
    ['INTERNAL', '服务暂时不可用，请稍后重试'],
  ])('explains %s in Chinese', async (code, message) => {
    service.listRoomTasks.mockResolvedValue(failedCall(code));
    const page = await mountPage(PAGE);
    expect(page.text()).toContain(message);
    expect(page.has('.create')).toBe(true);
  });

  test('refreshes the list when shown again after another page', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([]) });
    const page = await mountPage(PAGE);
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary()]) });
    const methods = page.instance as unknown as { onHide(): void; onShow(): Promise<void> };
    methods.onHide();
    await methods.onShow();
    expect(service.listRoomTasks).toHaveBeenCalledTimes(2);
    expect(texts(page, '.task')).toHaveLength(1);
  });

  test('the countdowns move on, and once a deadline passes the list is reloaded, once', async () => {
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now);
    const deadline = now + 3 * 60 * 1000;
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary({ deadline })]) });
    const page = await mountPage(PAGE);
    const methods = page.instance as unknown as { tick(): Promise<void> | undefined; onUnload(): void };
    expect(texts(page, '.task')[0]).toContain('剩余 3 分钟');
    jest.spyOn(Date, 'now').mockReturnValue(now + 61 * 1000);
    await methods.tick();
    expect(texts(page, '.task')[0]).toContain('剩余 2 分钟');
    expect(service.listRoomTasks).toHaveBeenCalledTimes(1);
    jest.spyOn(Date, 'now').mockReturnValue(deadline + 1);
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary({ deadline, state: 'ended' })]) });
    await methods.tick();
    expect(service.listRoomTasks).toHaveBeenCalledTimes(2);
    expect(texts(page, '.task')[0]).toContain('已结束');
    await methods.tick();
    expect(service.listRoomTasks).toHaveBeenCalledTimes(2);
    methods.onUnload();
    jest.restoreAllMocks();
  });

  test('every interactive control has a role and a label', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary()]) });
    const page = await mountPage(PAGE);
    expectAccessible(page, '.create');
    expectAccessible(page, '.task');
  });
});

test('pull to refresh reloads the list in a chat, and does nothing outside one', async () => {
  service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([]) });
  const page = await mountPage(PAGE);
  service.listRoomTasks.mockResolvedValue({ ok: true, data: tasks([summary()]) });
  await (page.instance as unknown as { onRefresh(): Promise<void> }).onRefresh();
  expect(texts(page, '.task')).toHaveLength(1);
  expect(page.instance.data.refreshing).toBe(false);

  platform.apiCategory.mockReturnValue('default');
  service.listRoomTasks.mockClear();
  const outside = await mountPage(PAGE);
  await (outside.instance as unknown as { onRefresh(): Promise<void> }).onRefresh();
  expect(service.listRoomTasks).not.toHaveBeenCalled();
});

describe('a long task list loads page by page', () => {
  const many = (from: number, to: number) =>
    Array.from({ length: to - from }, (_, i) => summary({ id: `t${from + i}`, title: `任务${from + i}` }));

  test('"show more" and the scroll reaching the end append the next page, and the list says when it ends', async () => {
    service.listRoomTasks.mockImplementation(async ({ after }: { after?: string }) => {
      if (after === undefined) return { ok: true, data: tasks(many(0, 10), 'c10') };
      // t9 comes again (a task moved between the two requests): it is listed once.
      return after === 'c10' ? { ok: true, data: tasks(many(9, 20), 'c20') } : { ok: true, data: tasks(many(20, 25)) };
    });
    const page = await mountPage(PAGE);
    expect(texts(page, '.task')).toHaveLength(10);
    expectAccessible(page, '.more');
    expect(attr(page.get('.more'), 'aria-label')).toBe('显示更多');
    await page.tap('.more');
    expect(service.listRoomTasks).toHaveBeenLastCalledWith({ after: 'c10' });
    expect(texts(page, '.task')).toHaveLength(20);
    await (page.instance as unknown as { onMore(): Promise<void> }).onMore();
    expect(service.listRoomTasks).toHaveBeenLastCalledWith({ after: 'c20' });
    const rows = texts(page, '.task');
    expect(rows).toHaveLength(25);
    expect(rows[24]).toContain('任务24');
    expect(page.has('.more')).toBe(false);
    expect(page.text('.more-state')).toBe('没有更多了');
    await (page.instance as unknown as { onMore(): Promise<void> }).onMore();
    expect(service.listRoomTasks).toHaveBeenCalledTimes(3);
  });

  test('coming back keeps the pages loaded and refreshes the first', async () => {
    service.listRoomTasks.mockResolvedValueOnce({ ok: true, data: tasks(many(0, 10), 'c10') });
    service.listRoomTasks.mockResolvedValueOnce({ ok: true, data: tasks(many(10, 20), 'c20') });
    const page = await mountPage(PAGE);
    await page.tap('.more');
    const fresh = [summary({ id: 'tnew', title: '新任务' }), ...many(0, 9)];
    service.listRoomTasks.mockResolvedValueOnce({ ok: true, data: tasks(fresh, 'c9') });
    const methods = page.instance as unknown as { onHide(): void; onShow(): Promise<void> };
    methods.onHide();
    await methods.onShow();
    const rows = texts(page, '.task');
    expect(rows).toHaveLength(21);
    expect(rows[0]).toContain('新任务');
    expect(page.has('.more')).toBe(true);
  });

  test('a page that fails says why and leaves the list and "show more" in place', async () => {
    service.listRoomTasks.mockResolvedValueOnce({ ok: true, data: tasks(many(0, 10), 'c10') });
    const page = await mountPage(PAGE);
    await page.tap('.more');
    expect(page.text('.failure')).toContain('网络不通');
    expect(texts(page, '.task')).toHaveLength(10);
    expect(page.has('.more')).toBe(true);
  });
});
