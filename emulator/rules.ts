// WeChat's rules for chat tools as the emulator states them, written from WeChat's documents (docs/platform.md)
// and never imported from the app: where the app's own reading drifts from WeChat's, the emulator refuses and a
// test shows it. Pure TypeScript (no Node API), so a browser bundle may use it too.

/** The two dynamic-card templates of chat tools (docs/platform.md, "Card templates and subtitles"). */
export const CHAT_TOOL_TEMPLATES = {
  /** 参与: "X人已参与" on the publisher's card. */
  participate: '2A84254B945674A2F88CE4970782C402795EB607',
  /** 完成: "X人已完成" on the publisher's card. */
  complete: '4A68CBB88A92B0A9311848DBA1E94A199B166463',
} as const;

export type TemplateKind = keyof typeof CHAT_TOOL_TEMPLATES;

export function templateKind(templateId: unknown): TemplateKind | undefined {
  if (templateId === CHAT_TOOL_TEMPLATES.participate) return 'participate';
  if (templateId === CHAT_TOOL_TEMPLATES.complete) return 'complete';
  return undefined;
}

/** An activity_id expires 24 hours after createActivityId (docs/platform.md, "createActivityId"). */
export const ACTIVITY_LIFETIME_MS = 24 * 60 * 60 * 1000;
/** A cloudID can be resolved for 5 minutes (docs/platform.md, "cloudID and getOpenData"). */
export const CLOUD_ID_LIFETIME_MS = 5 * 60 * 1000;
/** getStableAccessToken: a token lives 7200 s (docs/platform.md, "Access token"). */
export const ACCESS_TOKEN_LIFETIME_MS = 7200 * 1000;
/** In normal mode WeChat hands out a new token in the old one's last 5 minutes; both stay valid meanwhile. */
export const ACCESS_TOKEN_RENEW_MS = 5 * 60 * 1000;
/** msgSecCheck's openid must belong to a user who opened the mini program within 2 hours (docs/platform.md, "msgSecCheck"). */
export const CONTENT_CHECK_ACTIVE_MS = 2 * 60 * 60 * 1000;
/** msgSecCheck's content is at most 2,500 characters (docs/platform.md, "msgSecCheck"). */
export const CONTENT_CHECK_MAX_CHARACTERS = 2500;
/** msgSecCheck's result.suggest (docs/platform.md, "msgSecCheck"). */
export type ContentSuggestion = 'pass' | 'review' | 'risky';
/**
 * The emulator's content-check switch: what msgSecCheck answers, or failing (errcode -1, system busy). Stated here,
 * with no Node API, so the simulator's browser code shares the one list.
 */
export const CONTENT_CHECK_SETTINGS = ['pass', 'review', 'risky', 'failing'] as const;
export type ContentCheckSetting = (typeof CONTENT_CHECK_SETTINGS)[number];
/** msgSecCheck scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志 (docs/platform.md, "msgSecCheck"). */
export const CONTENT_CHECK_SCENES: readonly number[] = [1, 2, 3, 4];

/** chat_type: 1 WeChat contact and 2 WeCom contact (one-to-one), 3 WeChat group and 4 WeCom group. */
export type ChatType = 1 | 2 | 3 | 4;

/** One-to-one chats carry open_single_roomid, groups opengid (docs/platform.md, "getChatToolInfo"). */
export const isOneToOne = (chatType: ChatType): boolean => chatType === 1 || chatType === 2;

/** target_state: 1 collecting (set when the card is shared), 2 closing soon, 3 ended, which is final. */
export type TargetState = 1 | 2 | 3;
export const TARGET_STATES: readonly number[] = [1, 2, 3];
/** version_type: 0 release, 1 develop, 2 trial. */
export const VERSION_TYPES: readonly number[] = [0, 1, 2];
/** participator state: only 1 (done) may be set: "目前只支持设置为 1" (docs/platform.md, "setChatToolMsg"). */
export const PARTICIPATOR_DONE = 1;

/** wx.notifyGroupMembers: "标题长度不超过 30 个字符，支持中英文和数字，中文算2个字符" (docs/platform.md, "notifyGroupMembers"). */
export const NOTIFY_TITLE_MAX = 30;
const HAN = /^\p{Script=Han}$/u;
const LETTER_OR_DIGIT = /^[A-Za-z0-9]$/;

/** Why WeChat refuses `title` for wx.notifyGroupMembers, in words; null when it takes it. */
export function notifyTitleProblem(title: string): string | null {
  if (title === '') return 'title is required';
  let length = 0;
  for (const char of title) {
    if (HAN.test(char)) length += 2;
    else if (LETTER_OR_DIGIT.test(char)) length += 1;
    else return `"${char}" is not allowed: only Chinese characters, English letters and digits`;
  }
  if (length > NOTIFY_TITLE_MAX) return `${length} characters (Chinese counts 2): at most ${NOTIFY_TITLE_MAX}`;
  return null;
}

/** Who looks at a card: its publisher, a participant (chooseType 2: everyone), or someone it does not ask. */
export type CardViewer = 'publisher' | 'participant' | 'nonParticipant';

/**
 * The card's subtitle (辅标题) per template, target_state and viewer, WeChat's table (docs/platform.md,
 * "Card templates and subtitles"): the publisher sees the count, a participant their own state, anyone else that they need
 * not act; every viewer sees 已结束 at target_state 3.
 */
const SUBTITLES: Record<TemplateKind, { count: string; pending: string; done: string; notAsked: string }> = {
  participate: { count: '人已参与', pending: '未参与', done: '已参与', notAsked: '你无需参与' },
  complete: { count: '人已完成', pending: '未完成', done: '已完成', notAsked: '你无需完成' },
};

export function cardSubtitle(
  kind: TemplateKind,
  state: TargetState,
  viewer: CardViewer,
  viewerDone: boolean,
  doneCount: number,
): string {
  if (state === 3) return '已结束';
  const words = SUBTITLES[kind];
  if (viewer === 'publisher') return `${doneCount}${words.count}`;
  if (viewer === 'nonParticipant') return words.notAsked;
  if (viewerDone) return words.done;
  return state === 2 ? '即将截止' : words.pending;
}

/** The chat's system lines (docs/platform.md, "setChatToolMsg"). */
export const systemLine = {
  done: (kind: TemplateKind, member: string, publisher: string, title: string) =>
    `${member} ${kind === 'complete' ? '已完成' : '已参与'} ${publisher} 发布的 ${title}`,
  ended: (publisher: string, title: string) => `${publisher} 发布的 ${title} 已结束`,
  reminder: (names: string[], type: TemplateKind, title: string) =>
    `${names.map((name) => `@${name}`).join(' ')} ${type === 'participate' ? '请参与' : '请完成'}：${title}`,
};

/** Error codes WeChat and wx-server-sdk answer with (docs/platform.md, "Error codes"). */
export const ERRCODE = {
  /** System busy. */
  BUSY: -1,
  /** The generic "argument invalid"; the errmsg says which rule was broken. */
  INVALID: 47003,
  /** Data format error. */
  FORMAT: 47001,
  INVALID_OPENID: 40003,
  INVALID_SCENE: 40129,
  EMPTY_CONTENT: 44002,
  /** wx-server-sdk: the openapi name is missing from config.json permissions.openapi. */
  NO_PERMISSION: -604101,
  /** wx-server-sdk: no such openapi. */
  API_NOT_FOUND: -604100,
  /** HTTPS API: the access_token is unknown, or not the latest after a forced refresh. */
  INVALID_CREDENTIAL: 40001,
  /** HTTPS API: the access_token expired. */
  TOKEN_EXPIRED: 42001,
  /** stable_token: grant_type is not client_credential. */
  INVALID_GRANT_TYPE: 40002,
  /** stable_token: unknown appid. */
  INVALID_APPID: 40013,
  /** stable_token: the secret is not the appid's AppSecret. */
  INVALID_APPSECRET: 40125,
  /** getOpenData: the cloudID is not one WeChat issued. */
  CLOUD_ID_INVALID: -601005,
  /** getOpenData: the cloudID is older than 5 minutes. */
  CLOUD_ID_EXPIRED: -601006,
  /** getOpenData: the cloudID was issued to another user than the caller. */
  CLOUD_ID_USER_MISMATCH: -601007,
} as const;

/**
 * The sends into the chat as WeChat's page for each states them (docs/platform.md, "Sending into the chat"):
 * fields required, fields that must be "本地路径或临时路径", whether it takes needShowEntrance/entrancePath and
 * whether it is "仅在点击行为时调用" ('silent': the page does not say; the reading emojiOutsideTap plays both).
 */
export const SEND_RULES = {
  shareAppMessageToGroup: { required: ['title'], files: [], entrance: false, tap: 'any' },
  shareImageToGroup: { required: ['imagePath'], files: ['imagePath'], entrance: true, tap: 'only' },
  shareVideoToGroup: { required: ['videoPath'], files: ['videoPath', 'thumbPath'], entrance: true, tap: 'only' },
  shareFileToGroup: { required: ['filePath'], files: ['filePath'], entrance: true, tap: 'only' },
  shareEmojiToGroup: { required: ['imagePath'], files: ['imagePath'], entrance: true, tap: 'silent' },
  notifyGroupMembers: { required: ['title', 'members', 'entrancePath'], files: [], entrance: false, tap: 'only' },
} as const satisfies Record<
  string,
  { required: readonly string[]; files: readonly string[]; entrance: boolean; tap: 'any' | 'only' | 'silent' }
>;

export type SendApi = keyof typeof SEND_RULES;
export const SEND_APIS = Object.keys(SEND_RULES) as SendApi[];

/**
 * The sends that post a message, by the kind of message. A card declared dynamic (wx.updateShareMenu with
 * useForChatTool) goes through shareCard instead, and the reminder is a system line.
 */
export const MESSAGE_KINDS = {
  shareAppMessageToGroup: 'miniProgram',
  shareImageToGroup: 'image',
  shareVideoToGroup: 'video',
  shareFileToGroup: 'file',
  shareEmojiToGroup: 'emoji',
} as const;
export type MessageApi = keyof typeof MESSAGE_KINDS;
export type MessageKind = (typeof MESSAGE_KINDS)[MessageApi];

/** What the phone's WeChat knows about the page that calls a send. */
export interface SendContext {
  /** The chat tool the page runs in (app.json's chatTools entry); null when it does not run in chat-tool mode. */
  chatTool: { root: string; entryPagePath: string } | null;
  /** Whether the call came while a tap was being handled. */
  tap: boolean;
}

/**
 * What a path names (docs/platform.md, "Local files"): a local file is "{{协议名}}://文件路径", wxfile on phones and
 * http in the developer tools (http://tmp/…, http://usr/…: a one-word host); a code-package file is a path from the
 * project's root ("/a/b/c" or "a/b/c"); a web address has a host with a dot or a port, or https.
 */
export type PathKind = 'local' | 'package' | 'web' | 'invalid';

export function pathKind(path: string): PathKind {
  if (/^wxfile:\/\/./i.test(path)) return 'local';
  if (/^http:\/\/[^/.:]+\/./i.test(path)) return 'local';
  if (/^https?:\/\//i.test(path)) return 'web';
  if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('.') || path === '' || path === '/') return 'invalid';
  return 'package';
}

/** The name a shared file shows: fileName, else the last segment of filePath ("若留空则使用filePath中的文件名"). */
export const sharedFileName = (filePath: string, fileName?: string): string =>
  fileName !== undefined && fileName !== '' ? fileName : (filePath.split(/[/\\]/).pop() ?? filePath);
