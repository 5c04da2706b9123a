import { TITLE_MAX_UNITS, titleProblem, titleUnits } from '../../../packageChatTool/core/title';

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

  it('counts units of a title it refuses too, for the live counter', () => {
    expect(titleUnits('a b')).toBe(3);
    expect(titleProblem('a b')).toBe('TITLE_CHARACTERS');
  });

  it('takes exactly the Chinese ranges: CJK Unified Ideographs, Extension A, Compatibility, Extensions B–F', () => {
    const inside = ['\u3400', '\u4dbf', '\u4e00', '\u9fff', '\uf900', '\ufaff', '\u{20000}', '\u{2ebef}'];
    const outside = ['\u33ff', '\u4dc0', '\ua000', '\uf8ff', '\ufb00', '\u{1ffff}', '\u{2ebf0}', '\u{30000}'];
    for (const char of inside) expect([char, titleUnits(char), titleProblem(char)]).toEqual([char, 2, null]);
    for (const char of outside) {
      expect([char, titleUnits(char), titleProblem(char)]).toEqual([char, 1, 'TITLE_CHARACTERS']);
    }
    // A surrogate not in a pair is one unit and no Chinese character.
    expect([titleUnits('\ud840'), titleProblem('\ud840')]).toEqual([1, 'TITLE_CHARACTERS']);
  });
});
