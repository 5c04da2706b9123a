// The interfaces the kit's server part (and every tool's handlers) is written against. Production: wx-server-sdk
// (sdk.ts) and CloudBase (store/). Locally: the WeChat emulator and SQLite (emulator/, local/).
import type { CardActivity, SetChatToolMsgBody } from '../core/card';
import type { Member } from '../core/chat';
import type { MemberTickets } from './member-tickets';

export { OutcomeUnknownError } from './outcome';

/** The decrypted payload of wx.getChatToolInfo (docs/platform.md, "getChatToolInfo"), as the platform returns it. */
export interface OpenData {
  opengid?: string;
  open_single_roomid?: string;
  group_openid?: string;
  chat_type?: number;
}

export type OpenDataResult =
  | { ok: true; data: OpenData }
  | { ok: false; code: 'CHAT_PROOF_INVALID' | 'CHAT_PROOF_EXPIRED' | 'CHAT_PROOF_FOREIGN'; message: string };

/** getOpenData's errcode for an expired or unknown cloudID (docs/platform.md, "cloudID and getOpenData"). */
export const CLOUD_ID_EXPIRED_ERRCODE = -601006;

/** A refusal from WeChat: its errcode and errmsg. */
export class PlatformError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`WeChat error ${errcode}: ${errmsg}`);
    this.name = 'PlatformError';
  }
}

/** security.msgSecCheck version 2's verdict on a text (docs/platform.md, "msgSecCheck"). */
export type TextVerdict = 'pass' | 'review' | 'risky';

/** What msgSecCheck checks: `content` written by `openid`, shown in `scene` (1 资料, 2 评论, 3 论坛, 4 社交日志). */
export interface TextCheck {
  openid: string;
  scene: 1 | 2 | 3 | 4;
  title: string;
  content: string;
}

export interface WeChatPlatform {
  /** updatableMessage.createActivityId, without openid (chat-tool cards). */
  createActivityId(): Promise<CardActivity>;
  /** chattoolmsg.send; rejects with PlatformError when WeChat refuses. */
  setChatToolMsg(body: SetChatToolMsgBody): Promise<void>;
  /** cloud.getOpenData for a cloudID string, in the context of the calling user `openid`. */
  resolveOpenData(cloudID: string, openid: string): Promise<OpenDataResult>;
  /** security.msgSecCheck version 2; rejects with PlatformError when WeChat fails or is busy. */
  checkText(check: TextCheck): Promise<{ verdict: TextVerdict; traceId: string }>;
}

export interface Clock {
  now(): number;
}

/** Where a tool's warnings go (console.warn in production, the runner's log locally). */
export type Log = (message: string, detail?: unknown) => void;

/**
 * Who presented which member id (WeChat's group_openid) in which room: the binding that stops a cloudID replayed by another user
 * (docs/platform.md, "Replayed cloudID"), and the only members an "everyone" reminder can name.
 */
export interface MemberBindings {
  /**
   * Binds `member.memberId` in the room to `member.userId` if nobody holds it yet (insert if absent; a read
   * only when it is bound already) and returns the userId that holds it: the first one that presented it.
   * No guarantee may rest on WeChat refusing a cloudID replayed by another user.
   */
  bindMember(roomId: string, member: Member, now: number): Promise<string>;
  /** Who opened the tool in a room (their bindings), newest first, up to `limit`. */
  roomMembers(roomId: string, limit: number): Promise<Member[]>;
}

/** What a tool's handlers are built from, whether production wires it (production.ts) or the local runner does. */
export interface ToolContext {
  wechat: WeChatPlatform;
  clock: Clock;
  /** A new unique record id ([A-Za-z0-9_-], at most 64 characters). */
  newId(): string;
  /** How long an action waits for setChatToolMsg before answering anyway; the timer retries the card. */
  cardSyncTimeoutMs: number;
  log: Log;
  /** Member tickets, when the function has a key (member-tickets.ts); null or absent: off. */
  tickets?: MemberTickets | null;
}
