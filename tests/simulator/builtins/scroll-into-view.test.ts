import { alignmentOf, scrollPosition } from '../../../simulator/builtins/scroll-into-view';

describe('scroll-into-view position', () => {
  // A 100px view scrolled to 50; the element starts 300px below the view's top and is 20px tall.
  const below = { start: 300, size: 20 };

  test('start puts the element at the top; the offset is added', () => {
    expect(scrollPosition(50, 100, below, 'start', 0)).toBe(350);
    expect(scrollPosition(50, 100, below, 'start', -10)).toBe(340);
  });

  test('center and end', () => {
    expect(scrollPosition(50, 100, below, 'center', 0)).toBe(310);
    expect(scrollPosition(50, 100, below, 'end', 0)).toBe(270);
  });

  test('nearest moves as little as possible, and not at all when the element is in view', () => {
    expect(scrollPosition(50, 100, below, 'nearest', 0)).toBe(270);
    expect(scrollPosition(50, 100, { start: -30, size: 20 }, 'nearest', 0)).toBe(20);
    expect(scrollPosition(50, 100, { start: 10, size: 20 }, 'nearest', 0)).toBe(50);
  });

  test('never before the top; an unknown alignment is start', () => {
    expect(scrollPosition(0, 100, { start: 5, size: 20 }, 'start', -10)).toBe(0);
    expect(alignmentOf('middle')).toBe('start');
    expect(alignmentOf('center')).toBe('center');
  });
});
