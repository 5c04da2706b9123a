// The chat tool's texts in the user's language; the plumbing (which language, placeholders) is the kit's.
import { localized } from 'chat-tool-kit';
import type { FailureCode } from '../services/task-service';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Messages };

/** The texts of `locale`, or of the language WeChat runs in; pages call it once in onLoad. */
export const messagesFor = localized<Messages>({ 'zh-CN': zhCN, en });

export function failureMessage(t: Messages, code: FailureCode): string {
  return t.errors[code];
}
