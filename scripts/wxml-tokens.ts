// The tags of a WXML source, read as the template compiler reads them: comments, quoted attribute values,
// `{{ }}` expressions (which may hold `<`, `>` and quotes) and the raw body of <wxs> are never read as tags.
// One tokenizer for the Skyline check's element tree (scripts/checks/wxml-tree.ts) and the simulator's
// built-in tag rename (simulator/build/wxml-tags.ts). Offsets only: a caller that reports lines derives them.

export interface WxmlAttributeToken {
  name: string;
  /** Offset of the first character of the name. */
  start: number;
  /** The raw value between the quotes; null for a bare attribute (`scroll-y`). */
  value: string | null;
}

interface TagName {
  name: string;
  /** Offset of the first character of the name (just past `<` or `</`). */
  start: number;
  /** Offset just past the name. */
  end: number;
}

export type WxmlToken =
  (TagName & { kind: 'open'; attributes: WxmlAttributeToken[]; selfClosing: boolean }) | (TagName & { kind: 'close' });

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const ATTRIBUTE_NAME_CHAR = /[^\s=/>]/;
const UNQUOTED_VALUE_CHAR = /[^\s>]/;
const SPACE = /\s/;

/** Index just past the `}}` closing the expression whose `{{` starts at `from`. */
function skipExpression(src: string, from: number): number {
  let i = from + 2;
  while (i < src.length) {
    const c = src[i];
    if (c === '"' || c === "'") {
      const close = src.indexOf(c, i + 1);
      i = close === -1 ? src.length : close + 1;
    } else if (c === '}' && src[i + 1] === '}') {
      return i + 2;
    } else {
      i += 1;
    }
  }
  return src.length;
}

/** Index of the closing quote of a value whose opening quote is at `from` (the length if it never closes). */
function closingQuote(src: string, from: number): number {
  const quote = src[from];
  let i = from + 1;
  while (i < src.length) {
    if (src.startsWith('{{', i)) i = skipExpression(src, i);
    else if (src[i] === quote) return i;
    else i += 1;
  }
  return src.length;
}

/** Index just past the run of `chars` from `from`, stepping over whole `{{ }}` expressions in it. */
function readRun(src: string, from: number, chars: RegExp): number {
  let i = from;
  while (i < src.length) {
    if (src.startsWith('{{', i)) i = skipExpression(src, i);
    else if (chars.test(src[i]!)) i += 1;
    else break;
  }
  return i;
}

/** Reads attributes from `from` up to and including `>` or `/>`. */
function readAttributes(
  src: string,
  from: number,
): { attributes: WxmlAttributeToken[]; end: number; selfClosing: boolean } {
  const attributes: WxmlAttributeToken[] = [];
  let i = from;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '>') return { attributes, end: i + 1, selfClosing: false };
    if (c === '/' && src[i + 1] === '>') return { attributes, end: i + 2, selfClosing: true };
    if (SPACE.test(c) || c === '/') {
      i += 1;
      continue;
    }
    if (c === '"' || c === "'") {
      // A stray quoted string is no attribute, but a `>` inside it does not end the tag.
      i = closingQuote(src, i) + 1;
      continue;
    }
    const start = i;
    i = Math.max(readRun(src, i, ATTRIBUTE_NAME_CHAR), i + 1);
    const attribute: WxmlAttributeToken = { name: src.slice(start, i), start, value: null };
    let j = i;
    while (j < src.length && SPACE.test(src[j]!)) j += 1;
    if (src[j] === '=') {
      j += 1;
      while (j < src.length && SPACE.test(src[j]!)) j += 1;
      if (src[j] === '"' || src[j] === "'") {
        const close = closingQuote(src, j);
        attribute.value = src.slice(j + 1, close);
        i = close + 1;
      } else {
        const end = readRun(src, j, UNQUOTED_VALUE_CHAR);
        attribute.value = src.slice(j, end);
        i = end;
      }
    }
    attributes.push(attribute);
  }
  return { attributes, end: src.length, selfClosing: false };
}

function readName(src: string, from: number): number {
  let i = from;
  while (i < src.length && NAME_CHAR.test(src[i]!)) i += 1;
  return i;
}

/** The open and close tags of a WXML source, in order. */
export function tokenizeWxml(src: string): WxmlToken[] {
  const tokens: WxmlToken[] = [];
  let i = 0;
  while (i < src.length) {
    if (src.startsWith('{{', i)) {
      i = skipExpression(src, i);
    } else if (src.startsWith('<!--', i)) {
      const close = src.indexOf('-->', i + 4);
      i = close === -1 ? src.length : close + 3;
    } else if (src[i] === '<' && src[i + 1] === '/' && NAME_START.test(src[i + 2] ?? '')) {
      const end = readName(src, i + 2);
      tokens.push({ kind: 'close', name: src.slice(i + 2, end), start: i + 2, end });
      const gt = src.indexOf('>', end);
      i = gt === -1 ? src.length : gt + 1;
    } else if (src[i] === '<' && NAME_START.test(src[i + 1] ?? '')) {
      const end = readName(src, i + 1);
      const name = src.slice(i + 1, end);
      const { attributes, end: after, selfClosing } = readAttributes(src, end);
      tokens.push({ kind: 'open', name, start: i + 1, end, attributes, selfClosing });
      i = after;
      if (name === 'wxs' && !selfClosing) {
        // A <wxs> body is JavaScript: `a<b` in it is not a tag.
        const close = src.indexOf('</wxs', i);
        i = close === -1 ? src.length : close;
      }
    } else {
      i += 1;
    }
  }
  return tokens;
}
