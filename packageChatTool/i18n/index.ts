// Picks the texts for the system language: Chinese for any zh* language, English otherwise.
import type { FailureCode } from '../services/failure';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Messages };
export type Locale = 'zh-CN' | 'en';

/** WeChat reports e.g. 'zh_CN', 'zh_TW', 'zh_HK', 'en'. */
export function localeOf(language: string): Locale {
  return /^zh/i.test(language) ? 'zh-CN' : 'en';
}

export function messagesFor(locale: Locale): Messages {
  return locale === 'zh-CN' ? zhCN : en;
}

/** Fills `{name}` placeholders; unknown names stay visible so a missing value is noticed. */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

export function failureMessage(messages: Messages, code: FailureCode): string {
  return messages.errors[code];
}
