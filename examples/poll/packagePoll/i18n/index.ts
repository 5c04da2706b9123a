// The poll's texts in the language WeChat runs in (the kit picks zh-CN for any zh* language, English otherwise).
import { localized } from 'chat-tool-kit';
import { en } from './en';
import { zhCN, type Messages } from './zh-CN';

export type { Messages };

export const messages = localized<Messages>({ 'zh-CN': zhCN, en });
