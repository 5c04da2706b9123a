// A WXML element tree with the line and column of every element and attribute, for checks that judge
// markup (the Skyline check). It tokenizes like the template compiler: comments, quoted attribute values,
// `{{ }}` expressions (which may hold `<`, `>` and quotes) and the raw body of <wxs> are never read as tags.
// Run it on WXML that compiles (the wxml check reports syntax errors); unbalanced tags are tolerated.

export interface Position {
  line: number;
  column: number;
}

export interface WxmlAttribute extends Position {
  name: string;
  /** The raw value between the quotes; null for a bare attribute (`scroll-y`). */
  value: string | null;
}

export interface WxmlElement extends Position {
  tag: string;
  attributes: WxmlAttribute[];
  children: WxmlElement[];
  parent: WxmlElement | null;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;
const SPACE = /\s/;

/** Offsets where each line starts, to turn an offset into a 1-based line and column. */
function positions(src: string): (offset: number) => Position {
  const starts = [0];
  for (let i = 0; i < src.length; i += 1) if (src[i] === '\n') starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

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

/** Index of the closing quote of a value whose opening quote is at `from`. */
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

function readName(src: string, from: number, chars: RegExp): number {
  let i = from;
  while (i < src.length && chars.test(src[i]!)) i += 1;
  return i;
}

/** Reads attributes from `from` up to and including `>` or `/>`. */
function readAttributes(
  src: string,
  from: number,
  at: (offset: number) => Position,
): { attributes: WxmlAttribute[]; end: number; selfClosing: boolean } {
  const attributes: WxmlAttribute[] = [];
  let i = from;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '>') return { attributes, end: i + 1, selfClosing: false };
    if (c === '/' && src[i + 1] === '>') return { attributes, end: i + 2, selfClosing: true };
    if (SPACE.test(c) || c === '/') {
      i += 1;
      continue;
    }
    const nameStart = i;
    i = Math.max(readName(src, i, /[^\s=/>]/), i + 1);
    const attribute: WxmlAttribute = { name: src.slice(nameStart, i), value: null, ...at(nameStart) };
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
        const end = readName(src, j, /[^\s>]/);
        attribute.value = src.slice(j, end);
        i = end;
      }
    }
    attributes.push(attribute);
  }
  return { attributes, end: src.length, selfClosing: false };
}

/** The top-level elements of a WXML source, each with its descendants. */
export function parseWxml(src: string): WxmlElement[] {
  const at = positions(src);
  const roots: WxmlElement[] = [];
  const open: WxmlElement[] = [];
  let i = 0;
  while (i < src.length) {
    if (src.startsWith('{{', i)) {
      i = skipExpression(src, i);
    } else if (src.startsWith('<!--', i)) {
      const close = src.indexOf('-->', i + 4);
      i = close === -1 ? src.length : close + 3;
    } else if (src[i] === '<' && src[i + 1] === '/' && NAME_START.test(src[i + 2] ?? '')) {
      const end = readName(src, i + 2, NAME_CHAR);
      const tag = src.slice(i + 2, end);
      const index = open.map((element) => element.tag).lastIndexOf(tag);
      if (index !== -1) open.length = index;
      const gt = src.indexOf('>', end);
      i = gt === -1 ? src.length : gt + 1;
    } else if (src[i] === '<' && NAME_START.test(src[i + 1] ?? '')) {
      const end = readName(src, i + 1, NAME_CHAR);
      const tag = src.slice(i + 1, end);
      const { attributes, end: after, selfClosing } = readAttributes(src, end, at);
      const parent = open.at(-1) ?? null;
      const element: WxmlElement = { tag, attributes, children: [], parent, ...at(i) };
      (parent ? parent.children : roots).push(element);
      i = after;
      if (selfClosing) continue;
      if (tag === 'wxs') {
        // A <wxs> body is JavaScript: `a<b` in it is not a tag.
        const close = src.indexOf('</wxs', i);
        i = close === -1 ? src.length : close;
      }
      open.push(element);
    } else {
      i += 1;
    }
  }
  return roots;
}

/** Every element of the tree, parents before children. */
export function allElements(roots: WxmlElement[]): WxmlElement[] {
  return roots.flatMap((element) => [element, ...allElements(element.children)]);
}

export function attributeOf(element: WxmlElement, name: string): WxmlAttribute | undefined {
  return element.attributes.find((attribute) => attribute.name === name);
}
