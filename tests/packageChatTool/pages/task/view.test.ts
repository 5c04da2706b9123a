import { en } from '../../../../packageChatTool/i18n/en';
import { zhCN } from '../../../../packageChatTool/i18n/zh-CN';
import { taskPageView } from '../../../../packageChatTool/pages/task/view';
import { NOW, taskView } from '../../helpers/samples';

const HOUR = 3600 * 1000;
const creator = {
  isCreator: true,
  groupOpenid: 'g-creator',
  status: 'notInvited' as const,
  can: { join: false, leave: false, remind: true, markClosingSoon: true, end: true, renewCard: true },
};

describe('task page view', () => {
  test('a pending participant sees progress, countdown and a sign-up button', () => {
    const view = taskPageView(taskView(), zhCN, NOW);
    expect(view).toMatchObject({
      title: '周六爬山',
      stateLabel: '进行中',
      progress: '1/3 人已参与',
      percent: 33,
      countdown: '剩余 1 天 2 小时',
      status: '等你参与',
      participantIds: ['g-alice'],
      pendingIds: ['g-bob', 'g-carol'],
      cardNotice: '',
      actions: { join: true, joinLabel: '报名', leave: false, remind: false, end: false, shareProgress: false },
    });
    expect(view.deadline).toMatch(/^截止：2026-11-22 14:00$/);
  });

  test('a complete task offers "mark done"; a full one offers the waitlist', () => {
    expect(taskPageView(taskView({ kind: 'complete' }), en, NOW).actions.joinLabel).toBe('Mark done');
    const full = taskView({ audience: { kind: 'everyone' }, expected: null, capacity: 1 });
    const view = taskPageView(full, en, NOW);
    expect(view).toMatchObject({ capacity: 'Places 1/1', percent: 100, pendingIds: [] });
    expect(view.actions.joinLabel).toBe('Join the waitlist');
  });

  test('waitlisted members are counted and listed', () => {
    const view = taskPageView(
      taskView({ capacity: 1, waitlist: [{ groupOpenid: 'g-bob', at: NOW }] }, { status: 'waitlisted' }),
      zhCN,
      NOW,
    );
    expect(view).toMatchObject({ waitlist: '候补 1 人', waitlistIds: ['g-bob'], pendingIds: ['g-carol'] });
    expect(view.status).toBe('你在候补名单中');
  });

  test('the creator gets the management actions and card notices', () => {
    expect(taskPageView(taskView({}, creator), zhCN, NOW).actions).toMatchObject({
      remind: true,
      markClosingSoon: true,
      end: true,
      shareProgress: true,
      renewCard: true,
    });
    const expired = taskView({ card: { activityExpiresAt: NOW - 1, expired: true, inSync: true } }, creator);
    expect(taskPageView(expired, zhCN, NOW).cardNotice).toBe(zhCN.cardExpired);
    expect(taskPageView(taskView({}, creator), en, NOW, true).cardNotice).toBe(en.cardNotPosted);
    const syncing = taskView({ card: { activityExpiresAt: NOW + HOUR, expired: false, inSync: false } }, creator);
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
          can: { ...creator.can, remind: false, markClosingSoon: false, end: false, renewCard: false },
        },
      ),
      en,
      NOW,
    );
    expect(view.status).toBe('You are not in this chat; view only');
    expect(Object.values(view.actions).filter((v) => v === true)).toEqual([]);
  });

  test('without a deadline or a target there is no countdown and no bar', () => {
    const view = taskPageView(taskView({ deadline: null, audience: { kind: 'everyone' }, expected: null }), en, NOW);
    expect(view).toMatchObject({ deadline: 'No deadline', countdown: '', percent: null, progress: '1 joined' });
  });
});

test('the description is split into the lines typed (Skyline ignores white-space: pre-wrap)', () => {
  expect(taskPageView(taskView({ description: 'a\r\nb\n\nc' }), en, NOW).descriptionLines).toEqual(['a', 'b', '', 'c']);
  expect(taskPageView(taskView({ description: '' }), en, NOW).descriptionLines).toEqual([]);
});
