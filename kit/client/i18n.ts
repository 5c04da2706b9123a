// The plumbing of a chat tool's texts on the client: the language WeChat runs in, and a tool's texts read in it
// (the pure part, shared with the server, is kit/core/locale.ts). The texts themselves are the tool's (every code
// it may fail with has one in each language: FailureTexts).
import type { FailureCode } from './failure';
import { textsIn, localeOf, type InLocale, type Locale, type Translations } from '../core/locale';
import { weChat, type WeChat } from './wechat';

/** The language WeChat runs in, read from the platform pages use. */
export function currentLocale(platform: () => WeChat = weChat): Locale {
  return localeOf(platform().language());
}

/**
 * A text for every code a page may meet (`C`: the tool's codes and the kit's), each text(zh-CN, en); the compiler
 * names a missing one.
 */
export type FailureTexts<C extends string> = Readonly<Record<FailureCode<C>, Translations>>;

/**
 * A tool's texts, each written with text(zh-CN, en) → the texts of one language: the language WeChat runs in
 * unless `locale` is given. Each language is picked once.
 */
export function texts<T>(tree: T): (locale?: Locale) => InLocale<T> {
  const inLocale = textsIn(tree);
  return (locale = currentLocale()) => inLocale(locale);
}
