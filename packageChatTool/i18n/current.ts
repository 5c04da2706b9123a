// The texts for the language WeChat runs in; pages call this once in onLoad.
import { weChat } from '../platform/wechat';
import { localeOf, messagesFor, type Messages } from './index';

export function currentMessages(): Messages {
  return messagesFor(localeOf(weChat().language()));
}
