// The six ways a chat tool posts into its chat (docs/platform.md, "Sending into the chat"), declared once: what each
// takes, which fields WeChat requires, which must be a file on the phone, which carry an entrance back to the tool
// and which WeChat allows only from a tap. The client's wrappers (kit/client/sends.ts) check from this table; the emulator states the same rules from the documents and a test holds the two together.
// Pure: no wx, no clock.
import type { CardTemplateId, CardTemplateKind } from './card';

/** Everything wx.updateShareMenu and wx.shareAppMessageToGroup need to publish or re-share the card. */
export interface CardShare {
  activityId: string;
  activityExpiresAt: number;
  templateId: CardTemplateId;
  /** 1: only `participant` take part; 2: everyone in the chat. */
  chooseType: 1 | 2;
  participant: string[];
  title: string;
  /** Starts with '/', reopens this record's page. */
  path: string;
}

/**
 * What wx.notifyGroupMembers needs to remind members: "@A @B 请完成：title" (docs/platform.md, "notifyGroupMembers").
 * Tap only.
 */
export interface Reminder {
  /** At most 30 units, a Chinese character counting 2; only Chinese characters, letters and digits. */
  title: string;
  /** group_openids. */
  members: string[];
  /** Required: where the reminder's link opens the tool. */
  entrancePath: string;
  /** The verb: 请参与 or 请完成 (WeChat's default is complete). */
  type: CardTemplateKind;
}

/** The entrance a message may carry back into the tool (docs/platform.md, "Sending into the chat"). */
export interface Entrance {
  /** Default true: the message shows the mini program's entrance. */
  needShowEntrance?: boolean;
  /** Default '': the chat tool's start page (chatTools[].entryPagePath). */
  entrancePath?: string;
}

/** wx.shareAppMessageToGroup: the mini program card (the dynamic card is declared first, see publishCard). */
export interface CardMessage {
  title: string;
  /** Starts with '/'; default the current page. */
  path?: string;
  /** PNG or JPG shown 5:4; default a screenshot of the current page. */
  imageUrl?: string;
}

/** wx.shareImageToGroup. Tap only. */
export interface ImageMessage extends Entrance {
  /** A local or temporary file (wxfile://…), never a web address. */
  imagePath: string;
}

/** wx.shareVideoToGroup. Tap only. */
export interface VideoMessage extends Entrance {
  /** A local or temporary file. */
  videoPath: string;
  /** The poster, a local or temporary file; default the video's first frame. */
  thumbPath?: string;
}

/** wx.shareFileToGroup. Tap only. */
export interface FileMessage extends Entrance {
  /** A local or temporary file. */
  filePath: string;
  /** Default the name in filePath. */
  fileName?: string;
}

/** wx.shareEmojiToGroup (a sticker). Tap only: the documents are silent, so the kit plays safe. */
export interface EmojiMessage extends Entrance {
  /** A local or temporary file. */
  imagePath: string;
}

/** Each send's options, by the wx API's name. */
export interface SendOptions {
  shareAppMessageToGroup: CardMessage;
  shareImageToGroup: ImageMessage;
  shareVideoToGroup: VideoMessage;
  shareFileToGroup: FileMessage;
  shareEmojiToGroup: EmojiMessage;
  notifyGroupMembers: Reminder;
}

export type SendApi = keyof SendOptions;

/** One send's rules, as WeChat's page for it states them. */
export interface SendRule<O> {
  /** Fields WeChat requires (a string must not be empty, a list must hold one). */
  required: readonly (keyof O)[];
  /** Fields that must name a file on the phone: "必须为本地路径或临时路径". */
  files: readonly (keyof O)[];
  /** Takes needShowEntrance and entrancePath (Entrance). */
  entrance: boolean;
  /** "仅在点击行为时调用": call it in the tap's handler, before anything awaited. */
  tapOnly: boolean;
}

/** docs/platform.md, "Sending into the chat": a row per send. */
export const SENDS: { [A in SendApi]: SendRule<SendOptions[A]> } = {
  shareAppMessageToGroup: { required: ['title'], files: [], entrance: false, tapOnly: false },
  shareImageToGroup: { required: ['imagePath'], files: ['imagePath'], entrance: true, tapOnly: true },
  shareVideoToGroup: { required: ['videoPath'], files: ['videoPath', 'thumbPath'], entrance: true, tapOnly: true },
  shareFileToGroup: { required: ['filePath'], files: ['filePath'], entrance: true, tapOnly: true },
  shareEmojiToGroup: { required: ['imagePath'], files: ['imagePath'], entrance: true, tapOnly: true },
  notifyGroupMembers: { required: ['title', 'members', 'entrancePath'], files: [], entrance: false, tapOnly: true },
};

/**
 * A web address, which WeChat refuses where it wants a file. The developer tools name local files http://tmp/…,
 * http://usr/… (docs/platform.md, "Local files"): a one-word host is a file, a host with a dot or a port is the web.
 */
export const isWebAddress = (path: string): boolean => /^(https:|http:\/\/[^/]*[.:])/i.test(path);

/** Why the kit refuses a send before calling WeChat (and outside a chat tool: NOT_IN_CHAT_TOOL). */
export type SendProblem = { code: 'MISSING_FIELD' | 'WEB_ADDRESS' | 'NOT_IN_CHAT_TOOL'; field: string };

/** What is wrong with `options` for `api` by its rule, or null. */
export function sendProblem<A extends SendApi>(api: A, options: SendOptions[A]): SendProblem | null {
  const { required, files }: SendRule<SendOptions[A]> = SENDS[api];
  const given = (field: keyof SendOptions[A]) => options[field] as unknown;
  const missing = required.find((field) => {
    const value = given(field);
    return value == null || value === '' || (Array.isArray(value) && value.length === 0);
  });
  if (missing) return { code: 'MISSING_FIELD', field: String(missing) };
  const web = files.find((field) => {
    const value = given(field);
    return typeof value === 'string' && isWebAddress(value);
  });
  return web ? { code: 'WEB_ADDRESS', field: String(web) } : null;
}
