/**
 * @jest-environment jsdom
 */
import { mountPage } from '../../../harness/simulate';
import { installFakes, type FakeTaskService, type FakeWeChat } from '../../helpers/fakes';
import { summary } from '../../helpers/samples';
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
    expect(page.text()).toContain('点击输入框旁的「+」');
    expect(service.listRoomTasks).not.toHaveBeenCalled();
    expect(page.has('.create')).toBe(false);
  });

  test('explains itself in English when the system language is English', async () => {
    platform.apiCategory.mockReturnValue('default');
    platform.language.mockReturnValue('en');
    const page = await mountPage(PAGE);
    expect(page.text()).toContain('Open Group Tasks from a chat');
    expect(page.text()).toContain('Group Tasks is a WeChat chat tool');
  });
});

describe('entry page in a chat', () => {
  test('lists the chat tasks once, open ones first', async () => {
    service.listRoomTasks.mockResolvedValue({
      ok: true,
      data: [
        summary({ id: 'old', title: '旧任务', state: 'ended' }),
        summary({ id: 'new', title: '周六爬山', expected: 5, done: 3, isCreator: true }),
      ],
    });
    const page = await mountPage(PAGE);
    expect(service.listRoomTasks).toHaveBeenCalledTimes(1);
    const items = texts(page, '.task');
    expect(items).toHaveLength(2);
    expect(items[0]).toContain('周六爬山');
    expect(items[0]).toContain('3/5 人已参与');
    expect(items[0]).toContain('我发布的');
    expect(items[1]).toContain('已结束');
    expect(attr(page.get('.task'), 'aria-label')).toBe('打开任务：周六爬山');
  });

  test('opens a task and the create page on tap', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary({ id: 'a/b' })] });
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
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [] });
    const page = await mountPage(PAGE);
    expect(page.text()).toContain('还没有任务');
  });

  test('shows a localized failure and recovers on retry', async () => {
    platform.language.mockReturnValue('en');
    const page = await mountPage(PAGE);
    expect(page.text('.failure')).toContain('No connection');
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary()] });
    await page.tap('.retry');
    expect(page.text()).not.toContain('No connection');
    expect(texts(page, '.task')).toHaveLength(1);
  });

  test.each([
    ['NOT_IN_CHAT', '请在聊天中打开群任务后再试'],
    ['CLOUD_ID_EXPIRED', '聊天信息已过期，请重新打开群任务'],
    ['INTERNAL', '服务暂时不可用，请稍后重试'],
  ])('explains %s in Chinese', async (code, message) => {
    service.listRoomTasks.mockResolvedValue({ ok: false, code });
    const page = await mountPage(PAGE);
    expect(page.text()).toContain(message);
    expect(page.has('.create')).toBe(true);
  });

  test('refreshes the list when shown again after another page', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [] });
    const page = await mountPage(PAGE);
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary()] });
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
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary({ deadline })] });
    const page = await mountPage(PAGE);
    const methods = page.instance as unknown as { tick(): Promise<void> | undefined; onUnload(): void };
    expect(texts(page, '.task')[0]).toContain('剩余 3 分钟');
    jest.spyOn(Date, 'now').mockReturnValue(now + 61 * 1000);
    await methods.tick();
    expect(texts(page, '.task')[0]).toContain('剩余 2 分钟');
    expect(service.listRoomTasks).toHaveBeenCalledTimes(1);
    jest.spyOn(Date, 'now').mockReturnValue(deadline + 1);
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary({ deadline, state: 'ended' })] });
    await methods.tick();
    expect(service.listRoomTasks).toHaveBeenCalledTimes(2);
    expect(texts(page, '.task')[0]).toContain('已结束');
    await methods.tick();
    expect(service.listRoomTasks).toHaveBeenCalledTimes(2);
    methods.onUnload();
    jest.restoreAllMocks();
  });

  test('every interactive control has a role and a label', async () => {
    service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary()] });
    const page = await mountPage(PAGE);
    expectAccessible(page, '.create');
    expectAccessible(page, '.task');
  });
});

test('pull to refresh reloads the list in a chat, and does nothing outside one', async () => {
  service.listRoomTasks.mockResolvedValue({ ok: true, data: [] });
  const page = await mountPage(PAGE);
  service.listRoomTasks.mockResolvedValue({ ok: true, data: [summary()] });
  await (page.instance as unknown as { onRefresh(): Promise<void> }).onRefresh();
  expect(texts(page, '.task')).toHaveLength(1);
  expect(page.instance.data.refreshing).toBe(false);

  platform.apiCategory.mockReturnValue('default');
  service.listRoomTasks.mockClear();
  const outside = await mountPage(PAGE);
  await (outside.instance as unknown as { onRefresh(): Promise<void> }).onRefresh();
  expect(service.listRoomTasks).not.toHaveBeenCalled();
});
