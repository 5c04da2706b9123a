import { messagesFor } from '../../../packageChatTool/i18n/index';
import {
  countdown,
  deadlinePassedSince,
  formatDate,
  formatDateTime,
  kindTag,
  progressText,
  stateLabel,
  statusText,
} from '../../../packageChatTool/view/task-text';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('task texts', () => {
  test('dates read as local YYYY-MM-DD HH:mm', () => {
    expect(formatDateTime(new Date(2026, 0, 5, 8, 7).getTime())).toBe('2026-01-05 08:07');
  });

  test('a day reads as local YYYY-MM-DD, the date picker start', () => {
    expect(formatDate(new Date(2026, 10, 21, 12, 0).getTime())).toBe('2026-11-21');
  });

  test('countdown in days, hours, minutes, and past deadlines', () => {
    expect(countdown(null, 0, zhCN)).toBe('不限时间');
    expect(countdown(2 * DAY + 3 * HOUR + 5 * MIN, 0, zhCN)).toBe('剩余 2 天 3 小时');
    expect(countdown(5 * HOUR + 30 * MIN, 0, en)).toBe('5 h 30 min left');
    expect(countdown(30 * 1000, 0, en)).toBe('1 min left');
    expect(countdown(1000, 1000, zhCN)).toBe('已过截止时间');
  });

  test('progress with and without expected members, per kind', () => {
    expect(progressText('participate', 3, null, zhCN)).toBe('3 人已参与');
    expect(progressText('complete', 2, 5, zhCN)).toBe('2/5 人已完成');
    expect(progressText('participate', 2, 5, en)).toBe('2 of 5 joined');
    expect(progressText('complete', 0, null, en)).toBe('0 done');
  });

  test('states and kinds', () => {
    expect(stateLabel('open', zhCN)).toBe('进行中');
    expect(stateLabel('closingSoon', en)).toBe('Closing soon');
    expect(stateLabel('ended', zhCN)).toBe('已结束');
    expect(kindTag('complete', en)).toBe('Check off');
  });

  test('viewer status', () => {
    expect(statusText('participate', 'done', 'ended', zhCN)).toBe('你已参与');
    expect(statusText('complete', 'done', 'open', en)).toBe('You are done');
    expect(statusText('complete', 'pending', 'ended', zhCN)).toBe('任务已结束');
    expect(statusText('complete', 'pending', 'open', zhCN)).toBe('等你打卡');
    expect(statusText('participate', 'waitlisted', 'open', en)).toBe('You are on the waitlist');
    expect(statusText('participate', 'notInvited', 'open', zhCN)).toBe('你无需参与这个任务');
    expect(statusText('participate', 'outsider', 'open', en)).toBe('You are not in this chat; view only');
  });
});

test('the creator outside the audience reads as the one who posted it', () => {
  expect(statusText('participate', 'notInvited', 'open', zhCN, true)).toBe('你发布了这个任务');
  expect(statusText('participate', 'pending', 'open', en, true)).toBe('Waiting for you to sign up');
});

test('a deadline passed since loading only when it fell between the load and now, on a task not ended', () => {
  const task = { state: 'open' as const, deadline: 1000 };
  expect(deadlinePassedSince(task, 900, 1000)).toBe(true);
  expect(deadlinePassedSince(task, 900, 999)).toBe(false);
  expect(deadlinePassedSince(task, 1000, 2000)).toBe(false);
  expect(deadlinePassedSince({ state: 'ended', deadline: 1000 }, 900, 2000)).toBe(false);
  expect(deadlinePassedSince({ state: 'closingSoon', deadline: null }, 900, 2000)).toBe(false);
});
