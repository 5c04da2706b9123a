// The six sends into the chat, typed, one wrapper each. A wrapper checks the options against the send's rule
// (kit/core/share.ts, SENDS) and refuses outside a chat tool before calling WeChat, then sends through the current
// WeChat port (weChat(), which tests may replace). Every failure is a SendError (kit/client/wechat.ts) with a code
// a page can act on. The packed kit carries the rules and the wrappers only when a tool imports one.
import {
  sendProblem,
  type CardMessage,
  type EmojiMessage,
  type FileMessage,
  type ImageMessage,
  type Reminder,
  type SendApi,
  type SendOptions,
  type VideoMessage,
} from '../core/share';
import { SendError, weChat } from './wechat';

/**
 * Refuses outside a chat tool and what breaks the send's rule, else sends. Nothing is awaited before WeChat is
 * called, so a tap-only send made in a tap's handler stays within the tap.
 */
export function sendToChat<A extends SendApi>(api: A, options: SendOptions[A]): Promise<void> {
  const platform = weChat();
  const problem =
    platform.apiCategory() === 'chatTool'
      ? sendProblem(api, options)
      : { code: 'NOT_IN_CHAT_TOOL' as const, field: '' };
  return problem ? Promise.reject(new SendError(api, problem.code, problem.field)) : platform.send(api, options);
}

/** A mini program card (a dynamic card goes through WeChat.publishCard, which declares it first). */
export const shareAppMessageToGroup = (message: CardMessage) => sendToChat('shareAppMessageToGroup', message);
/** An image from a file on the phone; tap only. */
export const shareImageToGroup = (message: ImageMessage) => sendToChat('shareImageToGroup', message);
/** A video from a file on the phone, with an optional poster; tap only. */
export const shareVideoToGroup = (message: VideoMessage) => sendToChat('shareVideoToGroup', message);
/** A file from the phone, under fileName if given; tap only. */
export const shareFileToGroup = (message: FileMessage) => sendToChat('shareFileToGroup', message);
/** A sticker from an image file on the phone; tap only. */
export const shareEmojiToGroup = (message: EmojiMessage) => sendToChat('shareEmojiToGroup', message);
/** "@A @B 请完成：title"; tap only. */
export const notifyGroupMembers = (reminder: Reminder) => sendToChat('notifyGroupMembers', reminder);
