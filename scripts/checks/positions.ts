// Where an offset in a text stands, as the 1-based line and column a check reports.

export interface Position {
  line: number;
  column: number;
}

export interface Lines {
  /** The 1-based line and column of `offset`. */
  at(offset: number): Position;
  /** The text of 1-based line `line`, without its line break. */
  text(line: number): string;
}

export function linesOf(text: string): Lines {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') starts.push(i + 1);
  return {
    at(offset) {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (starts[middle]! <= offset) low = middle;
        else high = middle - 1;
      }
      return { line: low + 1, column: offset - starts[low]! + 1 };
    },
    text(line) {
      const end = starts[line];
      return text.slice(starts[line - 1], end === undefined ? text.length : end - 1);
    },
  };
}
