// The built-in tag rename, on the shared WXML tokenizer (scripts/wxml-tokens.ts), which knows comments,
// quoted attribute values, `{{ }}` expressions and the raw text of <wxs> modules, so renaming a tag never
// touches text, attributes or script that merely look like one.

import { tokenizeWxml } from '../../scripts/wxml-tokens';
import { builtinTagName, isBuiltinTag } from '../shared/builtins';

export interface TagNameToken {
  kind: 'open' | 'close';
  name: string;
  /** Offset of the first character of the name in the source. */
  start: number;
  end: number;
}

export function tokenizeTagNames(src: string): TagNameToken[] {
  return tokenizeWxml(src).map(({ kind, name, start, end }) => ({ kind, name, start, end }));
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
