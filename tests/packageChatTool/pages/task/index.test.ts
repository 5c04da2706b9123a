/**
 * @jest-environment jsdom
 */
import type { Mounted } from '../../../harness/glass-easel';
import { installFakes, type FakeTaskService, type FakeWeChat } from '../../helpers/fakes';
import { expectAccessible, fire, openPage, settle, tapAndSettle as tap, until } from '../../helpers/glass-easel';
import { can, cardShare, CREATOR, failedCall, members, NOW, refusal, reminder, taskView } from '../../helpers/samples';
import { CARD_IMAGE } from '../../../../packageChatTool/core/api';

const PAGE = 'packageChatTool/pages/task/index';
let platform: FakeWeChat;
let service: FakeTaskService;
let page: Mounted | null = null;

beforeEach(() => {
  jest.spyOn(Date, 'now').mockReturnValue(NOW);
  ({ platform, service } = installFakes());
});

afterEach(() => {
  page?.callMethod('onUnload');
  page = null;
  jest.restoreAllMocks();
});

async function open(query: Record<string, string> = { taskId: 't1' }): Promise<Mounted> {
  page = await openPage(PAGE, query, { memberNames: { 'g-alice': 'Alice', 'g-bob': 'Bob', 'g-carol': 'Carol' } });
  return page;
}

const data = (p: Mounted) => p.instance.data as { error: string; busy: boolean };

/** The task as the server answers once Carol has joined too while the page was open. */
const carolJoinedMeanwhile = () => taskView({ participants: members(['g-alice', 'g-carol']) });

describe('task page for a participant', () => {
  test('shows state, countdown, progress and who joined, in Chinese', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    const p = await open();
    expect(service.getTask).toHaveBeenCalledWith({ taskId: 't1' });
    expect(p.text('.task-title')).toBe('周六爬山');
    expect(p.text('.tag')).toBe('进行中');
    expect(p.text('.countdown')).toBe('剩余 1 天 2 小时');
    expect(p.text('.progress')).toBe('1/3 人已参与');
    expect(p.text('.participants')).toContain('Alice');
    expect(p.text('.pending')).toBe('2 人尚未行动');
    expect(p.text('.join')).toBe('报名');
    expect(p.query('.endTask')).toBeNull();
    expect(p.query('.remind')).toBeNull();
  });

  test('signs up with a tap and shows the new state', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    service.join.mockResolvedValue({
      ok: true,
      data: taskView(
        { participants: members(['g-alice', 'g-bob']) },
        {
          status: 'done',
          cardText: '已参与',
          can: can({ leave: true }),
        },
      ),
    });
    const p = await open();
    await tap(p, '.join');
    expect(service.join).toHaveBeenCalledWith({ taskId: 't1', note: '' });
    expect(p.text('.progress')).toBe('2/3 人已参与');
    expect(p.text('.status')).toBe('你已参与');
    expect(platform.toast).toHaveBeenCalledWith('你已参与', 'success');
    expect(p.query('.join')).toBeNull();
    expect(p.query('.leave')).not.toBeNull();
    expect(p.query('.notice')).toBeNull();
  });

  test('while a sign-up is on its way the button says so instead of looking dead', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    let answer: (value: unknown) => void = () => undefined;
    service.join.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const p = await open();
    await tap(p, '.join');
    expect(p.text('.join')).toBe('处理中…');
    expect(p.attribute('.join', 'aria-label')).toBe('处理中…');
    answer({ ok: false, code: 'NETWORK' });
    await settle();
    expect(p.text('.join')).toBe('报名');
  });

  test('leaving asks first and does nothing when the user cancels', async () => {
    service.getTask.mockResolvedValue({
      ok: true,
      data: taskView(
        {},
        {
          status: 'done',
          can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false, leave: true },
        },
      ),
    });
    platform.confirm.mockResolvedValue(false);
    const p = await open();
    await tap(p, '.leave');
    expect(platform.confirm).toHaveBeenCalledWith(expect.objectContaining({ title: '退出？' }));
    expect(service.leave).not.toHaveBeenCalled();
    platform.confirm.mockResolvedValue(true);
    service.leave.mockResolvedValue({ ok: true, data: taskView() });
    await tap(p, '.leave');
    expect(service.leave).toHaveBeenCalledWith({ taskId: 't1' });
    expect(platform.toast).toHaveBeenCalledWith('已退出', 'success');
  });

  test('on a complete task "undo done" asks first, saying the card keeps showing it done', async () => {
    platform.language.mockReturnValue('en');
    const done = {
      status: 'done' as const,
      cardText: '已完成',
      can: can({ leave: true }),
    };
    // The server words its answers in the language the call named (English here).
    service.getTask.mockResolvedValue({ ok: true, data: taskView({ kind: 'complete' }, done, 'en') });
    service.leave.mockResolvedValue({ ok: true, data: taskView({ kind: 'complete' }, { cardText: '已完成' }, 'en') });
    const p = await open();
    expect(p.text('.leave')).toBe('Undo done');
    await tap(p, '.leave');
    expect(platform.confirm).toHaveBeenCalledWith({
      title: 'Undo done?',
      content:
        'The task counts you as not done again. The card still shows you as done: a card cannot take a mark back.',
      confirmText: 'OK',
      cancelText: 'Cancel',
    });
    expect(service.leave).toHaveBeenCalledWith({ taskId: 't1' });
    expect(platform.toast).toHaveBeenCalledWith('No longer done', 'success');
    expect(p.text('.notice')).toBe('The card still shows you as done: a card cannot take a mark back.');
  });

  test.each([
    ['TASK_FULL', 'zh_CN', '名额已满'],
    ['TASK_ENDED', 'en', 'This task has ended'],
    ['NOT_INVITED', 'en', 'This task is not for you'],
    ['NETWORK', 'zh_CN', '网络不通，请重试'],
  ])('a refused sign-up (%s) is explained in %s and the page stays usable', async (code, language, message) => {
    platform.language.mockReturnValue(language);
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    service.join.mockResolvedValue(failedCall(code, language));
    const p = await open();
    await tap(p, '.join');
    expect(data(p)).toMatchObject({ error: message, busy: false });
    expect(p.text('.toptips')).toBe(message);
    expect(p.query('.join')).not.toBeNull();
    // A refusal means the task changed: it is reloaded; a network failure is not.
    expect(service.getTask).toHaveBeenCalledTimes(code === 'NETWORK' ? 1 : 2);
  });

  test('an outsider sees a read-only view', async () => {
    service.getTask.mockResolvedValue({
      ok: true,
      data: taskView(
        {},
        {
          status: 'outsider',
          memberId: null,
          can: can(),
        },
        'en',
      ),
    });
    platform.language.mockReturnValue('en');
    const p = await open();
    expect(p.text('.status')).toBe('You are not in this chat; view only');
    expect(p.queryAll('.actions .btn')).toHaveLength(0);
  });

  test('a task that cannot be loaded explains why and offers retry and all tasks', async () => {
    service.getTask.mockResolvedValue(refusal('NOT_FOUND'));
    const p = await open();
    expect(p.text('.failure')).toContain('任务不存在或已被删除');
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    await tap(p, '.retry');
    expect(p.text('.task-title')).toBe('周六爬山');
  });

  test('"all tasks" opens the entry page', async () => {
    service.getTask.mockResolvedValue(refusal('WRONG_ROOM'));
    const p = await open();
    await tap(p, '.all-tasks');
    expect(platform.redirectTo).toHaveBeenCalledWith('/packageChatTool/pages/entry/index');
  });

  test('without a task id the page says the task does not exist', async () => {
    const p = await open({});
    expect(service.getTask).not.toHaveBeenCalled();
    expect(p.text('.failure')).toContain('任务不存在或已被删除');
  });
});

describe('task page for the creator', () => {
  beforeEach(() => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView({}, CREATOR) });
    service.pendingMembers.mockResolvedValue({ ok: true, data: reminder() });
  });

  test('reminds only the pending members, prepared before the tap', async () => {
    const p = await open();
    expect(p.text('.status')).toBe('你发布了这个任务');
    expect(service.pendingMembers).toHaveBeenCalledWith({ taskId: 't1' });
    await tap(p, '.remind');
    expect(platform.remind).toHaveBeenCalledWith(reminder());
    expect(service.pendingMembers).toHaveBeenCalledTimes(1);
    expect(platform.toast).toHaveBeenCalledWith('已提醒', 'success');
  });

  test('with nobody pending there is nothing to remind', async () => {
    service.pendingMembers.mockResolvedValue({ ok: true, data: reminder({ members: [] }) });
    const p = await open();
    await tap(p, '.remind');
    expect(platform.remind).not.toHaveBeenCalled();
    expect(platform.toast).toHaveBeenCalledWith('所有成员都已参与');
  });

  test('a failed reminder is explained', async () => {
    platform.remind.mockRejectedValue({ errMsg: 'notifyGroupMembers:fail' });
    const p = await open();
    await tap(p, '.remind');
    expect(data(p).error).toBe('微信没有完成这个操作，请重试');
  });

  test('marks closing soon and ends the task after confirming', async () => {
    service.markClosingSoon.mockResolvedValue({ ok: true, data: taskView({ state: 'closingSoon' }, CREATOR) });
    service.endTask.mockResolvedValue({
      ok: true,
      data: taskView(
        { state: 'ended' },
        { ...CREATOR, can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false } },
      ),
    });
    const p = await open();
    await tap(p, '.markClosingSoon');
    expect(service.markClosingSoon).toHaveBeenCalledWith({ taskId: 't1' });
    expect(p.text('.tag')).toBe('即将截止');
    await tap(p, '.endTask');
    expect(platform.confirm).toHaveBeenLastCalledWith(expect.objectContaining({ title: '结束任务？' }));
    expect(service.endTask).toHaveBeenCalledWith({ taskId: 't1' });
    expect(p.text('.tag')).toBe('已结束');
    expect(p.query('.endTask')).toBeNull();
  });

  test('shares a progress image exported from <snapshot> (progress-image-page.test.ts has the whole flow)', async () => {
    const p = await open();
    await tap(p, '.shareProgress');
    await until(() => platform.snapshot.mock.calls.length > 0);
    expect(platform.snapshot).toHaveBeenCalledWith(expect.anything(), '#progress-image');
    await settle();
    await tap(p, '.send');
    expect(platform.send).toHaveBeenCalledWith('shareImageToGroup', {
      imagePath: 'wxfile://tmp/progress.png',
      entrancePath: '/packageChatTool/pages/entry/index?taskId=t1',
    });
  });

  test('sends the card again when it expired', async () => {
    service.getTask.mockResolvedValue({
      ok: true,
      data: taskView({ card: { activityExpiresAt: NOW - 1, expired: true, inSync: true } }, CREATOR),
    });
    service.renewCard.mockResolvedValue({
      ok: true,
      data: { task: taskView({}, CREATOR), share: cardShare({ activityId: 'act-2' }) },
    });
    const p = await open();
    expect(p.text('.notice')).toBe('卡片已过期，成员无法进入，请重新发送。');
    await tap(p, '.renewCard');
    expect(service.renewCard).toHaveBeenCalledWith({ taskId: 't1' });
    expect(platform.publishCard).toHaveBeenCalledWith(cardShare({ activityId: 'act-2' }), CARD_IMAGE);
    expect(p.query('.notice')).toBeNull();
  });

  test('after a card that was not posted, the page says so until it is sent', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView({}, CREATOR, 'en') });
    service.renewCard.mockResolvedValue({ ok: true, data: { task: taskView({}, CREATOR, 'en'), share: cardShare() } });
    platform.language.mockReturnValue('en');
    const p = await open({ taskId: 't1', unposted: '1' });
    expect(p.text('.notice')).toBe('The card is not in the chat yet; send it again.');
    await tap(p, '.renewCard');
    expect(p.query('.notice')).toBeNull();
  });

  test('every control has a role and a label', async () => {
    const p = await open();
    for (const selector of ['.remind', '.shareProgress', '.renewCard', '.markClosingSoon', '.endTask']) {
      expectAccessible(p, selector);
    }
  });
});

test('pull to refresh reloads the task', async () => {
  service.getTask.mockResolvedValue({ ok: true, data: taskView() });
  const p = await open();
  service.getTask.mockResolvedValue({ ok: true, data: carolJoinedMeanwhile() });
  fire(p, '.scroll', 'refresherrefresh', {});
  expect(p.instance.data.refreshing).toBe(true);
  await settle();
  expect(p.text('.progress')).toBe('2/3 人已参与');
  expect(p.instance.data.refreshing).toBe(false);
  expect(p.attribute('.scroll', 'refresher-enabled')).not.toBeNull();
});

describe('an open page follows the task', () => {
  test('coming back to the page reloads the task; the first show does not', async () => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView() });
    const p = await open();
    expect(service.getTask).toHaveBeenCalledTimes(1);
    service.getTask.mockResolvedValue({ ok: true, data: carolJoinedMeanwhile() });
    await p.callMethod('onHide');
    await p.callMethod('onShow');
    expect(service.getTask).toHaveBeenCalledTimes(2);
    expect(p.text('.progress')).toBe('2/3 人已参与');
  });

  test('once the countdown passes the deadline the task is reloaded, and only once', async () => {
    const deadline = NOW + 60 * 1000;
    service.getTask.mockResolvedValue({ ok: true, data: taskView({ deadline }) });
    const p = await open();
    await p.callMethod('tick');
    expect(service.getTask).toHaveBeenCalledTimes(1);
    expect(p.text('.countdown')).toBe('剩余 1 分钟');
    jest.spyOn(Date, 'now').mockReturnValue(deadline + 1);
    service.getTask.mockResolvedValue({
      ok: true,
      data: taskView(
        { deadline },
        {
          can: can(),
        },
      ),
    });
    await p.callMethod('tick');
    expect(service.getTask).toHaveBeenCalledTimes(2);
    expect(p.text('.countdown')).toBe('已过截止时间');
    expect(p.query('.join')).toBeNull();
    await p.callMethod('tick');
    expect(service.getTask).toHaveBeenCalledTimes(2);
  });
});

describe('reminding is a tap-only call', () => {
  beforeEach(() => {
    service.getTask.mockResolvedValue({ ok: true, data: taskView({}, CREATOR) });
  });

  test('the tap calls notifyGroupMembers before anything is awaited', async () => {
    service.pendingMembers.mockResolvedValue({ ok: true, data: reminder() });
    const p = await open();
    p.tap('.remind');
    // Synchronously within the tap: no server round trip, no timer between the tap and WeChat.
    expect(platform.remind).toHaveBeenCalledWith(reminder());
  });

  test('when the pending members are not ready, the tap fetches them and asks for another tap', async () => {
    service.pendingMembers.mockResolvedValueOnce({ ok: false, code: 'NETWORK' });
    const p = await open();
    service.pendingMembers.mockResolvedValue({ ok: true, data: reminder() });
    await tap(p, '.remind');
    expect(platform.remind).not.toHaveBeenCalled();
    expect(platform.toast).toHaveBeenCalledWith('正在准备名单，请稍后再点');
    p.tap('.remind');
    expect(platform.remind).toHaveBeenCalledWith(reminder());
  });

  test('when they still cannot be fetched, the tap says why', async () => {
    platform.language.mockReturnValue('en');
    const p = await open();
    await tap(p, '.remind');
    expect(platform.remind).not.toHaveBeenCalled();
    expect(data(p).error).toBe('No connection; try again');
  });
});

describe('a long list loads page by page', () => {
  const names = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`g-${i}`, `Member${i}`]));
  const ids = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `g-${from + i}`);
  /** 30 joined, 2 waiting: the answer carries the first 4 of each list, listMembers the rest 20 at a time. */
  const big = (overrides = {}, viewer = {}) =>
    taskView(
      {
        capacity: 30,
        audience: { kind: 'everyone' },
        participants: members(ids(0, 4), 'p4'),
        waitlist: members(['g-w1'], 'w1'),
        counts: { joined: 30, waitlisted: 2, expected: null },
        ...overrides,
      },
      viewer,
    );
  const shown = (p: Mounted, list: string) => p.queryAll(`.${list} >>> .member`).length;

  async function openBig(): Promise<Mounted> {
    service.getTask.mockResolvedValue({ ok: true, data: big() });
    page = await openPage(PAGE, { taskId: 't1' }, { memberNames: { ...names, 'g-w1': 'W1', 'g-w2': 'W2' } });
    return page;
  }

  test('counts come from the counts; the first page shows, then "show more" appends the next and stops at the end', async () => {
    service.listMembers.mockImplementation(async ({ list, after }: { list: string; after: string }) => {
      if (list === 'waitlist') return { ok: true, data: members(['g-w2']) };
      // The second page repeats g-3 (someone left between the two requests): it is shown once.
      return after === 'p4' ? { ok: true, data: members(ids(3, 24), 'p24') } : { ok: true, data: members(ids(24, 30)) };
    });
    const p = await openBig();
    expect(p.text('.progress')).toBe('30 人已参与');
    expect(p.text()).toContain('候补 2 人');
    expect(shown(p, 'participants')).toBe(4);
    expectAccessible(p, '.more');
    expect(p.attribute('.more', 'aria-label')).toBe('显示更多');
    await tap(p, '.more');
    expect(service.listMembers).toHaveBeenLastCalledWith({ taskId: 't1', list: 'participants', after: 'p4' });
    expect(shown(p, 'participants')).toBe(24);
    await tap(p, '.more');
    expect(service.listMembers).toHaveBeenLastCalledWith({ taskId: 't1', list: 'participants', after: 'p24' });
    expect(shown(p, 'participants')).toBe(30);
    expect(p.text()).toContain('Member29');
    // The participants are all shown; the only "show more" left is the waitlist's.
    expect(p.queryAll('.more')).toHaveLength(1);
    expect(p.queryAll('.more-state')).toHaveLength(1);
    expect(p.text('.more-state')).toBe('没有更多了');
    await tap(p, '.more');
    expect(service.listMembers).toHaveBeenLastCalledWith({ taskId: 't1', list: 'waitlist', after: 'w1' });
    expect(shown(p, 'waitlist')).toBe(2);
    expect(p.query('.more')).toBeNull();
    expect(service.listMembers).toHaveBeenCalledTimes(3);
  });

  test('the scroll reaching the end loads the next page, once at a time, and says it is loading', async () => {
    let answer: (value: unknown) => void = () => undefined;
    service.listMembers.mockReturnValue(new Promise((resolve) => (answer = resolve)));
    const p = await openBig();
    fire(p, '.scroll', 'scrolltolower', { direction: 'bottom' });
    fire(p, '.scroll', 'scrolltolower', { direction: 'bottom' });
    await settle();
    expect(service.listMembers).toHaveBeenCalledTimes(1);
    expect(service.listMembers).toHaveBeenCalledWith({ taskId: 't1', list: 'participants', after: 'p4' });
    expect(p.text('.more-state')).toBe('加载中…');
    answer({ ok: true, data: members(ids(4, 24), 'p24') });
    await settle();
    expect(shown(p, 'participants')).toBe(24);
  });

  test('a failed page says why and can be asked for again', async () => {
    platform.language.mockReturnValue('en');
    const p = await openBig();
    await tap(p, '.more');
    expect(data(p).error).toBe('No connection; try again');
    expect(shown(p, 'participants')).toBe(4);
    expect(p.text('.more')).toBe('Show more');
  });

  test('a refresh and the countdown keep the loaded members, and the countdown sends only the head', async () => {
    service.listMembers.mockResolvedValue({ ok: true, data: members(ids(4, 24), 'p24') });
    const p = await openBig();
    await tap(p, '.more');
    expect(shown(p, 'participants')).toBe(24);
    const setData = jest.spyOn(p.instance, 'setData');
    jest.spyOn(Date, 'now').mockReturnValue(NOW + 60 * 60 * 1000);
    await p.callMethod('tick');
    expect(setData.mock.calls.map(([sent]) => Object.keys(sent))).toEqual([['view.countdown']]);
    setData.mockClear();
    service.getTask.mockResolvedValue({
      ok: true,
      data: big({ counts: { joined: 31, waitlisted: 2, expected: null } }),
    });
    fire(p, '.scroll', 'refresherrefresh', {});
    await settle();
    expect(p.text('.progress')).toBe('31 人已参与');
    expect(shown(p, 'participants')).toBe(24);
    const sent = setData.mock.calls.flatMap(([data]) => Object.keys(data));
    expect(sent.filter((key) => key.startsWith('lists'))).toEqual([]);
  });

  test('the viewer who leaves is gone from the list at once, wherever it was loaded', async () => {
    service.listMembers.mockResolvedValue({ ok: true, data: members([...ids(4, 9), 'g-bob', ...ids(9, 23)], 'p24') });
    const joined = {
      status: 'done' as const,
      can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false, leave: true },
    };
    service.getTask.mockResolvedValue({ ok: true, data: big({}, joined) });
    page = await openPage(PAGE, { taskId: 't1' }, { memberNames: { ...names, 'g-bob': 'Bob' } });
    await tap(page, '.more');
    expect(page.text()).toContain('Bob');
    platform.confirm.mockResolvedValue(true);
    service.leave.mockResolvedValue({ ok: true, data: big({ counts: { joined: 29, waitlisted: 2, expected: null } }) });
    await tap(page, '.leave');
    expect(service.leave).toHaveBeenCalledWith({ taskId: 't1' });
    // What the member-lists are given (the harness's open-data-item reads its member once, when attached).
    const lists = page.instance.data.lists as Record<string, { pages: string[][] }>;
    expect(lists.participants!.pages.flat()).not.toContain('g-bob');
    expect(shown(page, 'participants')).toBe(23);
  });
});
