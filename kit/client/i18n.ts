// The plumbing of a chat tool's texts: which language WeChat runs in, placeholders, texts by language. The texts
// themselves are the tool's (every code it may fail with has one in each language: FailureTexts).
import type { FailureCode } from './failure';
import { weChat, type WeChat } from './wechat';

export type Locale = 'zh-CN' | 'en';

/** WeChat reports e.g. 'zh_CN', 'zh_TW', 'zh_HK', 'en': Chinese for any zh* language, English otherwise. */
export function localeOf(language: string): Locale {
  return /^zh/i.test(language) ? 'zh-CN' : 'en';
}

/** The language WeChat runs in, read from the platform pages use. */
export function currentLocale(platform: () => WeChat = weChat): Locale {
  return localeOf(platform().language());
}

/** Fills `{name}` placeholders; unknown names stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** A text for every code a page may meet (`C`: the tool's codes and the kit's); the compiler names a missing one. */
export type FailureTexts<C extends string> = Readonly<Record<FailureCode<C>, string>>;

/**
 * A tool's texts in every language (the compiler names a missing language) → the texts of one: the language
 * WeChat runs in unless `locale` is given.
 */
export function localized<M>(byLocale: Readonly<Record<Locale, M>>): (locale?: Locale) => M {
  return (locale = currentLocale()) => byLocale[locale];
}
