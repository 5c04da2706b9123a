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

/** One text in every language, side by side, so that no translation can go missing. */
export type Translations<V = string> = Readonly<Record<Locale, V>>;

export const text = <V>(zhCN: V, en: V): Translations<V> => ({ 'zh-CN': zhCN, en });

/**
 * A text for every code a page may meet (`C`: the tool's codes and the kit's), each text(zh-CN, en); the compiler
 * names a missing one.
 */
export type FailureTexts<C extends string> = Readonly<Record<FailureCode<C>, Translations>>;

/** A tree of translations, as one language sees it. */
export type InLocale<T> = T extends Translations<infer V> ? V : { readonly [K in keyof T]: InLocale<T[K]> };

const isTranslations = (value: object): value is Translations<unknown> =>
  Object.keys(value).length === 2 && 'zh-CN' in value && 'en' in value;

function pick<T>(tree: T, locale: Locale): InLocale<T> {
  if (typeof tree !== 'object' || tree === null) throw new Error('texts: a leaf must be text(zh-CN, en)');
  const picked = isTranslations(tree)
    ? tree[locale]
    : Object.fromEntries(Object.entries(tree).map(([key, value]) => [key, pick(value, locale)]));
  // Each leaf was replaced by its `locale` text and each group walked, which is what InLocale<T> describes.
  return picked as InLocale<T>;
}

/**
 * A tool's texts, each written with text(zh-CN, en) → the texts of one language: the language WeChat runs in
 * unless `locale` is given. Each language is picked once.
 */
export function texts<T>(tree: T): (locale?: Locale) => InLocale<T> {
  const byLocale: Partial<Record<Locale, InLocale<T>>> = {};
  return (locale = currentLocale()) => (byLocale[locale] ??= pick(tree, locale));
}
