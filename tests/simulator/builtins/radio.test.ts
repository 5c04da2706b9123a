import { arrowTarget, tabStop, type RadioState } from '../../../simulator/builtins/radio';

const radios = (...marks: string[]): RadioState[] =>
  marks.map((mark) => ({ checked: mark.includes('checked'), disabled: mark.includes('disabled') }));

describe('radio-group keyboard', () => {
  test('the Tab stop is the checked radio, else the first enabled one, else none', () => {
    expect(tabStop(radios('', 'checked', ''))).toBe(1);
    expect(tabStop(radios('disabled', '', ''))).toBe(1);
    expect(tabStop(radios('disabled', 'disabled'))).toBe(-1);
    // A checked radio that is disabled cannot take the focus.
    expect(tabStop(radios('checked disabled', ''))).toBe(1);
  });

  test('arrow keys move to the next or previous enabled radio, round the ends', () => {
    const group = radios('', 'disabled', '', '');
    expect(arrowTarget(group, 0, 'ArrowDown')).toBe(2);
    expect(arrowTarget(group, 0, 'ArrowRight')).toBe(2);
    expect(arrowTarget(group, 2, 'ArrowUp')).toBe(0);
    expect(arrowTarget(group, 2, 'ArrowLeft')).toBe(0);
    expect(arrowTarget(group, 3, 'ArrowDown')).toBe(0);
    expect(arrowTarget(group, 0, 'ArrowUp')).toBe(3);
  });

  test('other keys, or no other enabled radio, move nowhere', () => {
    expect(arrowTarget(radios('', ''), 0, 'Tab')).toBeNull();
    expect(arrowTarget(radios('', 'disabled'), 0, 'ArrowDown')).toBe(0);
    expect(arrowTarget(radios('disabled'), 0, 'ArrowDown')).toBeNull();
  });
});
