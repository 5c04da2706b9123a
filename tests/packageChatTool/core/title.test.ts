import { TITLE_MAX_UNITS, titleCounter, titleProblem, titleUnits } from '../../../packageChatTool/core/title';

describe('the notifyGroupMembers title rule', () => {
  it('counts a Chinese character as 2 and letters or digits as 1', () => {
    expect(titleUnits('周六爬山')).toBe(8);
    expect(titleUnits('Hike2')).toBe(5);
    expect(titleUnits('周六Hike')).toBe(8);
    expect(titleUnits('𠀀')).toBe(2);
  });

  it('accepts exactly 30 units and refuses 31', () => {
    expect(titleProblem('中'.repeat(15))).toBeNull();
    expect(titleProblem('a'.repeat(TITLE_MAX_UNITS))).toBeNull();
    expect(titleProblem('中'.repeat(15) + 'a')).toBe('TITLE_TOO_LONG');
    expect(titleProblem('a'.repeat(31))).toBe('TITLE_TOO_LONG');
  });

  it('refuses the empty title and anything but Chinese, letters and digits', () => {
    expect(titleProblem('')).toBe('TITLE_EMPTY');
    for (const bad of ['周六 爬山', '爬山!', '爬山，走', 'emoji😀', 'tab\t', 'é', '１']) {
      expect(titleProblem(bad)).toBe('TITLE_CHARACTERS');
    }
  });

  it('gives the create page a counter', () => {
    expect(titleCounter('周六爬山')).toEqual({ used: 8, max: 30, problem: null });
    expect(titleCounter('a b')).toEqual({ used: 3, max: 30, problem: 'TITLE_CHARACTERS' });
  });
});
