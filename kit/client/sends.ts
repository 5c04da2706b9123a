// The six sends into the chat, typed (kit/core/share.ts declares their rules once). Each wrapper goes through the
// current WeChat port (weChat(), which tests may replace) and fails with a SendError (kit/client/wechat.ts) whose
// code a page can act on. The packed kit carries only the wrappers a tool imports.
import type { CardMessage, EmojiMessage, FileMessage, ImageMessage, Reminder, VideoMessage } from '../core/share';
import { weChat } from './wechat';

/** The mini program card (shareAppMessageToGroup); a dynamic card goes through WeChat.publishCard. */
export const shareAppMessageToGroup = (message: CardMessage) => weChat().send('shareAppMessageToGroup', message);
/** An image from a file on the phone; tap only. */
export const shareImageToGroup = (message: ImageMessage) => weChat().send('shareImageToGroup', message);
/** A video from a file on the phone, with an optional poster; tap only. */
export const shareVideoToGroup = (message: VideoMessage) => weChat().send('shareVideoToGroup', message);
/** A file from the phone, under fileName if given; tap only. */
export const shareFileToGroup = (message: FileMessage) => weChat().send('shareFileToGroup', message);
/** A sticker from an image file on the phone; tap only. */
export const shareEmojiToGroup = (message: EmojiMessage) => weChat().send('shareEmojiToGroup', message);
/** "@A @B 请完成：title"; tap only. */
export const notifyGroupMembers = (reminder: Reminder) => weChat().send('notifyGroupMembers', reminder);
