// A WXML tokenizer just deep enough to find tag names: it knows comments, quoted attribute values,
// `{{ }}` expressions (which may contain `<`, `>` and quotes) and the raw text of <wxs> modules,
// so renaming a tag never touches text, attributes or script that merely look like one.

import { builtinTagName, isBuiltinTag } from '../shared/builtins';

export interface TagNameToken {
  kind: 'open' | 'close';
  name: string;
  /** Offset of the first character of the name in the source. */
  start: number;
  end: number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_:.-]/;

/** Index just past the `}}` closing the expression that starts at `from` (just past `{{`). */
function skipExpression(src: string, from: number): number {
  let i = from;
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

/** Index just past a quoted attribute value starting at the quote at `from`. */
function skipQuoted(src: string, from: number): number {
  const quote = src[from];
  let i = from + 1;
  while (i < src.length) {
    if (src.startsWith('{{', i)) i = skipExpression(src, i + 2);
    else if (src[i] === quote) return i + 1;
    else i += 1;
  }
  return src.length;
}

function readName(src: string, from: number): number {
  let i = from;
  while (i < src.length && NAME_CHAR.test(src[i]!)) i += 1;
  return i;
}

/** Skips attributes up to and including `>`; reports whether the tag closed itself (`/>`). */
function skipAttributes(src: string, from: number): { end: number; selfClosing: boolean } {
  let i = from;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '>') return { end: i + 1, selfClosing: false };
    if (c === '/' && src[i + 1] === '>') return { end: i + 2, selfClosing: true };
    if (c === '"' || c === "'") i = skipQuoted(src, i);
    else if (src.startsWith('{{', i)) i = skipExpression(src, i + 2);
    else i += 1;
  }
  return { end: src.length, selfClosing: false };
}

export function tokenizeTagNames(src: string): TagNameToken[] {
  const tokens: TagNameToken[] = [];
  let i = 0;
  while (i < src.length) {
    if (src.startsWith('{{', i)) {
      i = skipExpression(src, i + 2);
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
      tokens.push({ kind: 'open', name, start: i + 1, end });
      const attrs = skipAttributes(src, end);
      i = attrs.end;
      if (name === 'wxs' && !attrs.selfClosing) {
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

/**
 * Renames built-in tags (`view` → `wx-view`); `exclude` holds tags the component defines itself
 * in usingComponents, which win over built-ins as in WeChat.
 */
export function renameBuiltinTags(src: string, exclude: ReadonlySet<string> = new Set()): string {
  let out = '';
  let last = 0;
  for (const token of tokenizeTagNames(src)) {
    if (!isBuiltinTag(token.name) || exclude.has(token.name)) continue;
    out += src.slice(last, token.start) + builtinTagName(token.name);
    last = token.end;
  }
  return out + src.slice(last);
}
