// Languages, pure: which one a tool speaks, placeholders, texts written side by side and read in one language.
// The client reads the language WeChat runs in (kit/client/i18n.ts) and sends it with every call (LOCALE_FIELD,
// core/result.ts); the server words what it answers in it.

export type Locale = 'zh-CN' | 'en';

/** What the server speaks when a call names no language. */
export const DEFAULT_LOCALE: Locale = 'zh-CN';

/** WeChat reports e.g. 'zh_CN', 'zh_TW', 'zh_HK', 'en': Chinese for any zh* language, English otherwise. */
export function localeOf(language: string): Locale {
  return /^zh/i.test(language) ? 'zh-CN' : 'en';
}

/** The language an untrusted call names: any text reads as localeOf says, anything else is DEFAULT_LOCALE. */
export const localeIn = (value: unknown): Locale => (typeof value === 'string' ? localeOf(value) : DEFAULT_LOCALE);

/** Fills `{name}` placeholders; unknown names stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** One text in every language, side by side, so that no translation can go missing. */
export type Translations<V = string> = Readonly<Record<Locale, V>>;

export const text = <V>(zhCN: V, en: V): Translations<V> => ({ 'zh-CN': zhCN, en });

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

/** A tool's texts, each written with text(zh-CN, en) → the texts of a language, each language picked once. */
export function textsIn<T>(tree: T): (locale: Locale) => InLocale<T> {
  const byLocale: Partial<Record<Locale, InLocale<T>>> = {};
  return (locale) => (byLocale[locale] ??= pick(tree, locale));
}
