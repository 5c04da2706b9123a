/**
 * @jest-environment jsdom
 */
import { textLines } from '../../../simulator/builtins';

describe('<text overflow max-lines>', () => {
  test('each documented overflow mode with a line count gets its class and count', () => {
    for (const mode of ['clip', 'fade', 'ellipsis', 'visible']) {
      expect(textLines(mode, 2)).toEqual({
        lines: `lines lines-${mode}`,
        linesStyle: '--wx-max-lines:2;-webkit-line-clamp:2',
      });
    }
  });

  test('no max-lines, or an unknown mode, limits nothing beyond the documented default (visible)', () => {
    expect(textLines('ellipsis', 0)).toEqual({ lines: '', linesStyle: '' });
    expect(textLines('scroll', 1).lines).toBe('lines lines-visible');
  });
});
