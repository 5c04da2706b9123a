// What the pages show of time, on the phone's clock and in its time zone.
import { messagesFor } from '../../../packageChatTool/i18n/texts';
import { countdown, deadlineLine, deadlinePassedSince, formatDate } from '../../../packageChatTool/view/time';

const en = messagesFor('en');
const zhCN = messagesFor('zh-CN');

const MIN = 60 * 1000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('time on the pages', () => {
  test('the deadline reads as local YYYY-MM-DD HH:mm, or says there is none', () => {
    expect(deadlineLine(new Date(2026, 0, 5, 8, 7).getTime(), zhCN)).toBe('截止：2026-01-05 08:07');
    expect(deadlineLine(new Date(2026, 0, 5, 8, 7).getTime(), en)).toBe('Due 2026-01-05 08:07');
    expect(deadlineLine(null, en)).toBe('No deadline');
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
});

test('a deadline passed since loading only when it fell between the load and now, on a task not ended', () => {
  const task = { state: 'open' as const, deadline: 1000 };
  expect(deadlinePassedSince(task, 900, 1000)).toBe(true);
  expect(deadlinePassedSince(task, 900, 999)).toBe(false);
  expect(deadlinePassedSince(task, 1000, 2000)).toBe(false);
  expect(deadlinePassedSince({ state: 'ended', deadline: 1000 }, 900, 2000)).toBe(false);
  expect(deadlinePassedSince({ state: 'closingSoon', deadline: null }, 900, 2000)).toBe(false);
});
