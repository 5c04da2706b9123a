// What the task page and the task list show, as the server words it in the caller's language: every state, every
// kind of viewer, both languages.
import type { Locale } from 'chat-tool-kit';
import type { TaskShown, TaskView } from '../../../packageChatTool/core/api';
import { confirmation, summaryShown, taskShown, wordsIn, type Words } from '../../../packageChatTool/core/task-words';
import { CREATOR, members, NOW, summary, taskView } from '../helpers/samples';

const en = wordsIn('en');
const zhCN = wordsIn('zh-CN');

const HOUR = 3600 * 1000;

const localeOf = (t: Words): Locale => (t === en ? 'en' : 'zh-CN');

/** What the task page shows of a task's facts, worded in `t`'s language. */
const worded = (task: TaskView, t: Words): TaskShown => taskShown(task, localeOf(t));

describe('task page words', () => {
  test('a pending participant sees progress and a sign-up button, which asks nothing first', () => {
    expect(worded(taskView(), zhCN)).toEqual({
      kindTag: '报名',
      stateLabel: '进行中',
      progress: '1/3 人已参与',
      percent: 33,
      capacity: '',
      waitlist: '',
      status: '等你报名',
      cardNotice: '',
      notPosted: '',
      participantsHeading: '已参与的成员',
      nobody: '',
      pending: '2 人尚未行动',
      note: '备注（选填，一行，最多 20 字）',
      buttons: [{ action: 'join', label: '报名', look: 'primary' }],
    });
    expect(worded(taskView({ kind: 'complete', state: 'closingSoon' }), en)).toMatchObject({
      kindTag: 'Check off',
      stateLabel: 'Closing soon',
      progress: '1 of 3 done',
      status: 'Waiting for you to check off',
      participantsHeading: 'Done',
    });
  });

  test('a complete task offers "mark done"; a full one offers the waitlist', () => {
    expect(worded(taskView({ kind: 'complete' }), en).buttons[0]?.label).toBe('Mark done');
    const full = taskView({ audience: { kind: 'everyone' }, capacity: 1 });
    const view = worded(full, en);
    expect(view).toMatchObject({ capacity: 'Places 1/1', percent: 100, pending: 'Open to everyone' });
    expect(view.buttons[0]?.label).toBe('Join the waitlist');
  });

  test('waitlisted members are counted, and so are the chosen who have not acted', () => {
    const view = worded(taskView({ capacity: 1, waitlist: members(['g-bob']) }, { status: 'waitlisted' }), zhCN);
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
    expect(worded(big, en)).toMatchObject({
      progress: '500 of 1200 joined',
      percent: 42,
      capacity: 'Places 500/500',
      waitlist: '300 waiting',
      pending: '400 not yet',
      buttons: [{ action: 'join', label: 'Join the waitlist' }],
    });
    expect(confirmation('endTask', big, en).content).toContain('The 300 waiting will not get a place.');
  });

  test('a member who may sign up or leave gets the note input, its rule in it; one who may leave also saves it', () => {
    expect(worded(taskView(), en).note).toBe('Note (optional, one line, up to 20 characters)');
    const joined = worded(
      taskView({}, { status: 'done', can: { ...taskView().viewer.can, join: false, leave: true } }),
      en,
    );
    expect(joined.note).not.toBe('');
    expect(joined.buttons.map((button) => button.action)).toEqual(['leave', 'setNote']);
    expect(
      worded(
        taskView(
          {},
          {
            status: 'outsider',
            can: { ...CREATOR.can, remind: false, end: false, renewCard: false, markClosingSoon: false },
          },
        ),
        en,
      ).note,
    ).toBe('');
    expect(worded(taskView({}, CREATOR), en).note).toBe('');
  });

  test('the creator of a task that reached everyone may celebrate, first among their buttons', () => {
    const reached = taskView(
      { kind: 'complete', state: 'ended' },
      { ...CREATOR, can: { ...CREATOR.can, celebrate: true } },
    );
    expect(worded(reached, en).buttons.slice(0, 2)).toEqual([
      { action: 'celebrate', label: 'Send a celebration', look: 'primary' },
      { action: 'remind', label: 'Remind those pending' },
    ]);
    expect(worded(taskView({}, CREATOR), en).buttons.map((button) => button.action)).not.toContain('celebrate');
  });

  test('the creator gets the management actions, those that change the task asking first, and card notices', () => {
    const creator = taskView({}, CREATOR);
    expect(worded(creator, zhCN)).toMatchObject({
      status: '你发布了这个任务',
      buttons: [
        { action: 'remind', label: '提醒未参与的成员' },
        { action: 'shareProgress', label: '发送进度图' },
        { action: 'exportTask', label: '导出名单' },
        { action: 'renewCard', label: '重新发送卡片' },
        {
          action: 'markClosingSoon',
          label: '标记即将截止',
          ask: confirmation('markClosingSoon', creator, zhCN),
        },
        { action: 'endTask', label: '结束任务', look: 'danger', ask: confirmation('endTask', creator, zhCN) },
      ],
    });
    expect(
      worded(creator, zhCN)
        .buttons.filter((button) => button.ask)
        .map((button) => button.action),
    ).toEqual(['markClosingSoon', 'endTask']);
    const expired = taskView({ card: { activityExpiresAt: NOW - 1, expired: true, inSync: true } }, CREATOR);
    expect(worded(expired, zhCN).cardNotice).toBe(zhCN.cardExpired);
    // The page shows notPosted instead while the card it made did not reach the chat: the server cannot know.
    expect(worded(creator, en)).toMatchObject({ cardNotice: '', notPosted: en.cardNotPosted });
    const syncing = taskView({ card: { activityExpiresAt: NOW + HOUR, expired: false, inSync: false } }, CREATOR);
    expect(worded(syncing, en).cardNotice).toBe(en.cardSyncing);
  });

  test('members never see card notices; an ended task has none, and no button', () => {
    const expired = taskView({ state: 'ended', card: { activityExpiresAt: NOW - 1, expired: true, inSync: true } });
    expect(worded(expired, zhCN)).toMatchObject({
      cardNotice: '',
      notPosted: '',
      stateLabel: '已结束',
      status: '任务已结束',
    });
    const ended = taskView(
      { state: 'ended' },
      { ...CREATOR, can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false } },
    );
    expect(worded(ended, en)).toMatchObject({ stateLabel: 'Ended', notPosted: '', cardNotice: '' });
  });

  test('an outsider sees a read-only view', () => {
    const outsider = taskView(
      {},
      {
        status: 'outsider',
        memberId: null,
        can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false },
      },
    );
    expect(worded(outsider, en)).toMatchObject({ status: 'You are not in this chat; view only', buttons: [] });
    expect(worded(outsider, zhCN).status).toBe('你不在这个聊天里，只能查看');
  });

  test('a member the task is not for is told so, in both languages', () => {
    const other = taskView(
      {},
      {
        status: 'notInvited',
        can: { ...CREATOR.can, remind: false, markClosingSoon: false, end: false, renewCard: false },
      },
    );
    expect([worded(other, zhCN).status, worded(other, en).status]).toEqual([
      '你无需参与这个任务',
      'This task is not for you',
    ]);
  });

  test('without a target there is no bar, and the pending line says the task is open to everyone', () => {
    const view = worded(taskView({ deadline: null, audience: { kind: 'everyone' } }), en);
    expect(view).toMatchObject({ percent: null, progress: '1 joined', pending: 'Open to everyone' });
    const nobody = taskView({ participants: members([]) });
    expect([worded(nobody, zhCN).nobody, worded(nobody, en).nobody]).toEqual(['还没有人', 'Nobody yet']);
  });
});

describe('task list rows', () => {
  test("each row says the task's kind, state, progress and the viewer's standing, and names the task to open", () => {
    expect(summaryShown(summary({ status: 'done' }), 'zh-CN')).toEqual({
      kindTag: '报名',
      stateLabel: '进行中',
      progress: '2 人已参与',
      status: '你已参与',
      label: '打开 周六爬山',
    });
    const chosen = summary({ kind: 'complete', state: 'ended', expected: 5, status: 'pending' });
    expect(summaryShown(chosen, 'en')).toEqual({
      kindTag: 'Check off',
      stateLabel: 'Ended',
      progress: '2 of 5 done',
      status: 'This task has ended',
      label: 'Open 周六爬山',
    });
  });

  test('the creator outside the audience reads as the one who posted it; a waitlisted member as waiting', () => {
    expect(summaryShown(summary({ isCreator: true, status: 'notInvited' }), 'zh-CN').status).toBe('你发布了这个任务');
    expect(summaryShown(summary({ isCreator: true, status: 'pending' }), 'en').status).toBe(
      'Waiting for you to sign up',
    );
    expect(summaryShown(summary({ status: 'waitlisted' }), 'en').status).toBe('You are on the waitlist');
  });
});

test('both languages have the same words, none empty, and the same placeholders', () => {
  const shape = (value: unknown): unknown =>
    typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]))
      : typeof value;
  expect(shape(en)).toEqual(shape(zhCN));
  const leaves = (value: unknown, at = ''): [string, string][] =>
    typeof value === 'string'
      ? [[at, value]]
      : Object.entries(value as object).flatMap(([k, v]) => leaves(v, `${at}.${k}`));
  const english = new Map(leaves(en));
  const names = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
  for (const [at, text] of leaves(zhCN)) {
    expect(text.trim()).not.toBe('');
    expect([at, names(english.get(at)!)]).toEqual([at, names(text)]);
  }
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
    expect(worded(undo, zhCN).buttons).toEqual([
      { action: 'leave', label: '撤销完成', ask: confirmation('leave', undo, zhCN) },
      { action: 'setNote', label: '保存备注' },
    ]);
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
    expect(worded(left, zhCN)).toMatchObject({
      status: '等你报名',
      cardNotice: '卡片上你仍显示「已参与」：卡片不能撤回标记。',
    });
    expect(worded(taskView({}, { status: 'pending', cardText: '未参与' }), zhCN).cardNotice).toBe('');
  });

  test('a member whose card does not mark them yet is told why', () => {
    const joined = taskView({}, { status: 'done', cardText: '未参与' });
    expect(worded(joined, zhCN).cardNotice).toBe('卡片还没显示你「已参与」，服务器会自动重试。');
    const done = taskView({ kind: 'complete' }, { status: 'done', cardText: '即将截止' });
    expect(worded(done, en).cardNotice).toBe('The card does not show you as done yet; the server keeps retrying.');
    expect(worded(taskView({}, { status: 'done', cardText: '已参与' }), en).cardNotice).toBe('');
  });

  test('the creator is told the card still counts members who left', () => {
    const counted = taskView({}, { ...CREATOR, cardText: '3人已参与' });
    expect(worded(counted, en).cardNotice).toBe(
      'The card counts 3, members who left included: a card cannot take a mark back.',
    );
    expect(worded(taskView({}, { ...CREATOR, cardText: '1人已参与' }), en).cardNotice).toBe('');
  });
});
