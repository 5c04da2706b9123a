import { linesOf } from '../../scripts/checks/positions';

describe('positions in a text', () => {
  const lines = linesOf('ab\ncd\n\nef');

  test('an offset is a 1-based line and column, a line break ending its line', () => {
    expect([0, 1, 2, 3, 6, 7, 8].map((offset) => lines.at(offset))).toEqual([
      { line: 1, column: 1 },
      { line: 1, column: 2 },
      { line: 1, column: 3 },
      { line: 2, column: 1 },
      { line: 3, column: 1 },
      { line: 4, column: 1 },
      { line: 4, column: 2 },
    ]);
  });

  test('a line is its text without the line break, the last one to the end', () => {
    expect([1, 2, 3, 4].map((line) => lines.text(line))).toEqual(['ab', 'cd', '', 'ef']);
  });
});
