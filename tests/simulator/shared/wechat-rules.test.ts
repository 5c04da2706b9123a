import { isOneToOne, notifyTitleProblem } from '../../../simulator/shared/wechat-rules';

describe("the simulator's statement of WeChat's client rules", () => {
  test('notifyGroupMembers title: at most 30, Chinese counts 2', () => {
    expect(notifyTitleProblem('a'.repeat(30))).toBeNull();
    expect(notifyTitleProblem('周'.repeat(15))).toBeNull();
    expect(notifyTitleProblem(`${'周'.repeat(15)}a`)).toBe('31 characters (Chinese counts 2): at most 30');
    expect(notifyTitleProblem('a'.repeat(31))).toBe('31 characters (Chinese counts 2): at most 30');
  });

  test('notifyGroupMembers title: only Chinese characters, English letters and digits', () => {
    expect(notifyTitleProblem('周六爬山Hike2')).toBeNull();
    expect(notifyTitleProblem('Saturday hike')).toMatch(/^" " is not allowed/);
    expect(notifyTitleProblem('爬山！')).toMatch(/^"！" is not allowed/);
    expect(notifyTitleProblem('😀')).toMatch(/is not allowed/);
    expect(notifyTitleProblem('é')).toMatch(/is not allowed/);
    expect(notifyTitleProblem('')).toBe('title is required');
  });

  test('chat types 1 and 2 are one-to-one, 3 and 4 are groups', () => {
    expect([1, 2, 3, 4].map(isOneToOne)).toEqual([true, true, false, false]);
  });
});
