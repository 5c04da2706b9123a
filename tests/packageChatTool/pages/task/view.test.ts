import { messagesFor } from '../../../../packageChatTool/i18n/index';
import { confirmation, taskPageView } from '../../../../packageChatTool/pages/task/view';
import { CREATOR, members, NOW, taskView } from '../../helpers/samples';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

const HOUR = 3600 * 1000;

describe('task page view', () => {
  test('a pending participant sees progress, countdown and a sign-up button', () => {
    const view = taskPageView(taskView(), zhCN, NOW);
    expect(view).toMatchObject({
      title: '周六爬山',
      stateLabel: '进行中',
      progress: '1/3 人已参与',
      percent: 33,
      countdown: '剩余 1 天 2 小时',
      status: '等你报名',
      pending: '2 人尚未行动',
      cardNotice: '',
      buttons: [{ action: 'join', label: '报名', look: 'primary' }],
    });
    expect(view.deadline).toMatch(/^截止：2026-11-22 14:00$/);
  });

  test('a complete task offers "mark done"; a full one offers the waitlist', () => {
    expect(taskPageView(taskView({ kind: 'complete' }), en, NOW).buttons[0]?.label).toBe('Mark done');
    const full = taskView({ audience: { kind: 'everyone' }, capacity: 1 });
    const view = taskPageView(full, en, NOW);
    expect(view).toMatchObject({ capacity: 'Places 1/1', percent: 100, pending: '' });
    expect(view.buttons[0]?.label).toBe('Join the waitlist');
  });

  test('waitlisted members are counted, and so are the chosen who have not acted', () => {
    const view = taskPageView(
      taskView({ capacity: 1, waitlist: members(['g-bob']) }, { status: 'waitlisted' }),
      zhCN,
      NOW,
    );
    expect(view).toMatchObject({ waitlist: '候补 1 人', pending: '1 人尚未行动' });
    expect(view.status).toBe('你在候补名单中');
  });

  test("counts come from the answer's counts, not from the first pages it carries", () => {
    const big = taskView({
      capacity: 500,
      audience: { kind: 'members', count: 1200 },
      participants: members(['g-alice', 'g-bob'], 'cursor-p'),
      waitlist: members(['g-carol'], 'cursor-w'),
      counts: { joined: 500, waitlisted: 300, expected: 1200 },
    });
    expect(taskPageView(big, en, NOW)).toMatchObject({
      progress: '500 of 1200 joined',
      percent: 42,
      capacity: 'Places 500/500',
      waitlist: '300 waiting',
      pending: '400 not yet',
      buttons: [{ action: 'join', label: 'Join the waitlist' }],
    });
    expect(confirmation('endTask', big, en).content).toContain('The 300 waiting will not get a place.');
  });

  test('the creator gets the management actions and card notices', () => {
    expect(taskPageView(taskView({}, CREATOR), zhCN, NOW).buttons).toEqual([
      { action: 'remind', label: '提醒未参与的成员', look: '' },
      { action: 'shareProgress', label: '发送进度图', look: '' },
      { action: 'renewCard', label: '重新发送卡片', look: '' },
      { action: 'markClosingSoon', label: '标记即将截止', look: '' },
      { action: 'endTask', label: '结束任务', look: 'danger' },
    ]);
    const expired = taskView({ card: { activityExpiresAt: NOW - 1, expired: true, inSync: true } }, CREATOR);
    expect(taskPageView(expired, zhCN, NOW).cardNotice).toBe(zhCN.cardExpired);
    expect(taskPageView(taskView({}, CREATOR), en, NOW, true).cardNotice).toBe(en.cardNotPosted);
    const syncing = taskView({ card: { activityExpiresAt: NOW + HOUR, expired: false, inSync: false } }, CREATOR);
    expect(taskPageView(syncing, en, NOW).cardNotice).toBe(en.cardSyncing);
  });

  test('members never see card notices; an ended task has no countdown', () => {
    const expired = taskView({ state: 'ended', card: { activityExpiresAt: NOW - 1, expired: true, inSync: true } });
    const view = taskPageView(expired, zhCN, NOW);
    expect(view).toMatchObject({ cardNotice: '', countdown: '', stateLabel: '已结束', status: '任务已结束' });
  });

  test('an outsider sees a read-only view', () => {
    const view = taskPageView(
      taskView(
        {},
        {
          status: 'outsider',
          groupOpenid: null,
          can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false },
        },
      ),
      en,
      NOW,
    );
    expect(view.status).toBe('You are not in this chat; view only');
    expect(view.buttons).toEqual([]);
  });

  test('without a deadline or a target there is no countdown and no bar', () => {
    const view = taskPageView(taskView({ deadline: null, audience: { kind: 'everyone' } }), en, NOW);
    expect(view).toMatchObject({ deadline: 'No deadline', countdown: '', percent: null, progress: '1 joined' });
  });
});

test('the description is split into the lines typed (Skyline ignores white-space: pre-wrap)', () => {
  expect(taskPageView(taskView({ description: 'a\r\nb\n\nc' }), en, NOW).descriptionLines).toEqual(['a', 'b', '', 'c']);
  expect(taskPageView(taskView({ description: '' }), en, NOW).descriptionLines).toEqual([]);
});

describe('every dialog says what happens to this task and what its card keeps showing', () => {
  const joined = { status: 'done' as const, cardText: '已参与' };
  const participants = members(['g-bob']);

  test('leaving a task without capacity says nothing about places or a waitlist', () => {
    const dialog = confirmation('leave', taskView({ participants }, joined), zhCN);
    expect(dialog).toEqual({
      title: '退出？',
      content: '任务里你不再算作参与者。卡片上你仍显示「已参与」：卡片不能撤回标记。',
      done: '已退出',
    });
  });

  test('leaving a task with capacity frees the place, or hands it to the first one waiting', () => {
    const free = confirmation('leave', taskView({ participants, capacity: 5 }, joined), en);
    expect(free.content).toBe(
      'The task no longer counts you as joined. Your place opens for others. ' +
        'The card still shows you as joined: a card cannot take a mark back.',
    );
    const waiting = taskView({ participants, capacity: 1, waitlist: members(['g-carol']) }, joined);
    expect(confirmation('leave', waiting, zhCN).content).toContain('你的名额会让给第一位候补。');
  });

  test('before the card marks the member, leaving promises nothing about the card', () => {
    const dialog = confirmation('leave', taskView({ participants }, { status: 'done', cardText: '未参与' }), en);
    expect(dialog.content).toBe('The task no longer counts you as joined.');
  });

  test('leaving the waitlist is its own dialog', () => {
    const waiting = taskView({ capacity: 1, waitlist: members(['g-bob']) }, { status: 'waitlisted' });
    expect(confirmation('leave', waiting, zhCN)).toEqual({
      title: '退出候补？',
      content: '你会离开候补名单。',
      done: '已退出候补',
    });
  });

  test('"done" on a complete task is undone only with a dialog saying the card keeps it', () => {
    const done = taskView({ kind: 'complete', participants }, { status: 'done', cardText: '已完成' });
    const undo = taskView(
      { kind: 'complete', participants },
      {
        status: 'done',
        cardText: '已完成',
        can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false, leave: true },
      },
    );
    expect(taskPageView(undo, zhCN, NOW).buttons).toEqual([{ action: 'leave', label: '撤销完成', look: '' }]);
    expect(confirmation('leave', done, zhCN)).toEqual({
      title: '撤销完成？',
      content: '任务里你会变回未完成。卡片上你仍显示「已完成」：卡片不能撤回标记。',
      done: '已撤销完成',
    });
    expect(confirmation('leave', done, en).title).toBe('Undo done?');
  });

  test('ending and closing soon name the kind of task, and ending names the waitlist when there is one', () => {
    expect(confirmation('endTask', taskView(), zhCN).content).toBe(
      '结束后成员不能再报名，卡片显示「已结束」，无法恢复。',
    );
    expect(confirmation('endTask', taskView({ kind: 'complete' }), en).content).toBe(
      'Nobody can check off any more and the card shows "Ended". This cannot be undone.',
    );
    const waiting = taskView({ capacity: 1, waitlist: members(['g-carol']) });
    expect(confirmation('endTask', waiting, zhCN).content).toBe(
      '结束后成员不能再报名，卡片显示「已结束」，无法恢复。候补的 1 人不会再补上。',
    );
    expect(confirmation('markClosingSoon', taskView(), zhCN).content).toBe(
      '卡片对未报名的成员显示「即将截止」，仍可报名。',
    );
    expect(confirmation('markClosingSoon', taskView({ kind: 'complete' }), en).content).toBe(
      'Members yet to check off see "Closing soon" on the card; they can still check off.',
    );
  });
});

describe('the page never contradicts the card without saying why', () => {
  test('a member who left still reads "joined" on the card, and the page says why', () => {
    const left = taskView({}, { status: 'pending', cardText: '已参与' });
    expect(taskPageView(left, zhCN, NOW)).toMatchObject({
      status: '等你报名',
      cardNotice: '卡片上你仍显示「已参与」：卡片不能撤回标记。',
    });
    expect(taskPageView(taskView({}, { status: 'pending', cardText: '未参与' }), zhCN, NOW).cardNotice).toBe('');
  });

  test('a member whose card does not mark them yet is told why', () => {
    const joined = taskView({}, { status: 'done', cardText: '未参与' });
    expect(taskPageView(joined, zhCN, NOW).cardNotice).toBe('卡片还没显示你「已参与」，服务器会自动重试。');
    const done = taskView({ kind: 'complete' }, { status: 'done', cardText: '即将截止' });
    expect(taskPageView(done, en, NOW).cardNotice).toBe(
      'The card does not show you as done yet; the server keeps retrying.',
    );
    expect(taskPageView(taskView({}, { status: 'done', cardText: '已参与' }), en, NOW).cardNotice).toBe('');
  });

  test('the creator is told the card still counts members who left', () => {
    const counted = taskView({}, { ...CREATOR, cardText: '3人已参与' });
    expect(taskPageView(counted, en, NOW).cardNotice).toBe(
      'The card counts 3, members who left included: a card cannot take a mark back.',
    );
    expect(taskPageView(taskView({}, { ...CREATOR, cardText: '1人已参与' }), en, NOW).cardNotice).toBe('');
  });
});
