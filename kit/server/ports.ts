// The interfaces the kit's server part (and every tool's handlers) is written against, in the kit's words. Production
// on WeChat: wx-server-sdk (sdk.ts) and CloudBase (store/). Locally: the WeChat emulator and SQLite (emulator/,
// local/). WeCom and Feishu: their adapters under platforms/ (docs/platforms.md).
import type { CardActivity, SetChatToolMsgBody } from '../core/card';
import type { Member, Room } from '../core/chat';
import type { MemberTickets } from './member-tickets';

export { OutcomeUnknownError } from './outcome';

/**
 * The chat a chat proof names, and the caller's member id in it when the proof carries one (null: it names the chat
 * only). A refusal says why the proof names nothing: not a proof of this platform, expired, or issued to another user.
 */
export type ChatResolution =
  | { ok: true; room: Room; memberId: string | null }
  | { ok: false; code: 'CHAT_PROOF_INVALID' | 'CHAT_PROOF_EXPIRED' | 'CHAT_PROOF_FOREIGN'; message: string };

/** A refusal from the platform: its code and message (on WeChat, the errcode and errmsg). */
export class PlatformError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
  ) {
    super(`platform error ${errcode}: ${errmsg}`);
    this.name = 'PlatformError';
  }
}

/** The content check's verdict on a text: WeChat's security.msgSecCheck version 2 suggest (docs/platform.md, "msgSecCheck"). */
export type TextVerdict = 'pass' | 'review' | 'risky';

/**
 * What the content check checks: `content` written by `userId`, shown in `scene` (msgSecCheck's scenes: 1 资料, 2 评论,
 * 3 论坛, 4 社交日志).
 */
export interface TextCheck {
  userId: string;
  scene: 1 | 2 | 3 | 4;
  title: string;
  content: string;
}

/**
 * The chat platform a tool runs on, as the kit's server part uses it: its card, its chats and its content check.
 * Each platform has its adapter: WeChat's is kit/server/sdk.ts; WeCom's and Feishu's are under platforms/.
 */
export interface ChatPlatform {
  /**
   * A new card id, for a record's first card and each renewal. On WeChat, updatableMessage.createActivityId without
   * openid (docs/platform.md, "createActivityId").
   */
  createCard(): Promise<CardActivity>;
  /**
   * Brings a card in line with one call of the kit's card engine (kit/core/card.ts); rejects with PlatformError when
   * the platform refuses. On WeChat, chattoolmsg.send (docs/platform.md, "setChatToolMsg").
   */
  updateCard(body: SetChatToolMsgBody): Promise<void>;
  /**
   * The chat a chat proof names, for the calling user `userId`, verified by the platform or the server itself;
   * rejects when the platform fails (nothing is known about the proof). On WeChat, cloud.getOpenData on the cloudID
   * of wx.getChatToolInfo or wx.getGroupEnterInfo (docs/platform.md, "cloudID and getOpenData", "getChatToolInfo").
   */
  resolveChat(proof: string, userId: string): Promise<ChatResolution>;
  /**
   * The platform's content check on a text others will see; rejects with PlatformError when it fails or is busy.
   * On WeChat, security.msgSecCheck version 2 (docs/platform.md, "msgSecCheck").
   */
  checkText(check: TextCheck): Promise<{ verdict: TextVerdict; traceId: string }>;
}

export interface Clock {
  now(): number;
}

/** Where a tool's warnings go (console.warn in production, the runner's log locally). */
export type Log = (message: string, detail?: unknown) => void;

/**
 * Who presented which member id in which room: the binding that stops a chat proof replayed by another user (on
 * WeChat, a cloudID: docs/platform.md, "Replayed cloudID"), and the only members an "everyone" reminder can name.
 */
export interface MemberBindings {
  /**
   * Binds `member.memberId` in the room to `member.userId` if nobody holds it yet (insert if absent; a read
   * only when it is bound already) and returns the userId that holds it: the first one that presented it.
   * No guarantee may rest on the platform refusing a chat proof replayed by another user.
   */
  bindMember(roomId: string, member: Member, now: number): Promise<string>;
  /** Who opened the tool in a room (their bindings), newest first, up to `limit`. */
  roomMembers(roomId: string, limit: number): Promise<Member[]>;
}

/** What a tool's handlers are built from, whether production wires it (production.ts) or the local runner does. */
export interface ToolContext {
  platform: ChatPlatform;
  clock: Clock;
  /** A new unique record id ([A-Za-z0-9_-], at most 64 characters). */
  newId(): string;
  /** How long an action waits for a card update before answering anyway; the timer retries the card. */
  cardSyncTimeoutMs: number;
  log: Log;
  /** Member tickets, when the function has a key (member-tickets.ts); null or absent: off. */
  tickets?: MemberTickets | null;
}
