// The WeChat platform emulator's public interface. The local runner (local/) and the simulator drive it;
// see docs/backend.md.
import type { CardShare } from '../packageChatTool/core/api';
import type { CardTargetState, ChatType, TaskKind } from '../packageChatTool/core/types';
import type { WeChatPlatform } from '../cloudfunctions/groupTask/src/ports';

export interface EmulatedRoom {
  /** opengid for group chats, open_single_roomid for 1:1 chats. */
  id: string;
  chatType: ChatType;
  name: string;
}

export interface EmulatedMember {
  /** Global to the mini program. */
  openid: string;
  /** This member's id in this room only. */
  groupOpenid: string;
  roomId: string;
  nickname: string;
}

/**
 * A dynamic card posted to a room: what was shared (the expiry stays with the activity) and what WeChat
 * has recorded on it.
 */
export interface SharedCard extends Omit<CardShare, 'activityExpiresAt'> {
  roomId: string;
  publisherOpenid: string;
  publisherGroupOpenid: string;
  kind: TaskKind;
  state: CardTargetState;
  /** group_openids marked done (participator state 1). */
  done: string[];
  sharedAt: number;
}

/** A grey system line in the chat, e.g. "Alice 已参与 Bob 发布的 团建" or a reminder "@Alice 请完成：团建". */
export interface SystemMessage {
  roomId: string;
  at: number;
  text: string;
  activityId: string | null;
}

export type PlatformApi = 'createActivityId' | 'setChatToolMsg' | 'getOpenData';

/** One server-side call to the platform, as the emulator saw it. */
export interface PlatformCall {
  api: PlatformApi;
  at: number;
  request: unknown;
  /** 'stalled': held until releaseStalled() (or the stall time) and then answered. */
  outcome: 'ok' | 'failed' | 'stalled';
  errcode: number;
  errmsg: string;
}

/** Make the next `times` calls (default: all, until cleared) fail with errcode, or hang for `ms` (default: until released). */
export type Fault = { mode: 'fail'; errcode?: number; times?: number } | { mode: 'stall'; ms?: number; times?: number };

export interface WeChatEmulator {
  createRoom(options?: { id?: string; chatType?: ChatType; name?: string }): EmulatedRoom;
  addMember(roomId: string, options?: { openid?: string; nickname?: string }): EmulatedMember;
  rooms(): EmulatedRoom[];
  members(roomId: string): EmulatedMember[];
  /** What wx.getChatToolInfo returns to this member in this room: a cloudID valid 5 minutes, for them only. */
  issueCloudId(member: { openid: string; roomId: string }): string;
  /** wx.updateShareMenu + wx.shareAppMessageToGroup by `publisher`; throws EmulatorError on a broken rule. */
  shareCard(publisher: { openid: string; roomId: string }, share: CardShare): SharedCard;
  /** wx.notifyGroupMembers: checks the title rule and that every member is in the room, then posts the line. */
  remind(
    sender: { openid: string; roomId: string },
    reminder: { title: string; members: string[]; type: TaskKind },
  ): SystemMessage;
  cards(roomId?: string): SharedCard[];
  card(activityId: string): SharedCard | undefined;
  /** The card subtitle this viewer sees, from core/view.ts cardText (the template table). */
  cardText(activityId: string, viewer: { openid: string; roomId: string }): string;
  systemMessages(roomId?: string): SystemMessage[];
  calls(api?: PlatformApi): PlatformCall[];
  setFault(api: PlatformApi, fault: Fault | null): void;
  /** Answers every stalled call now. */
  releaseStalled(): void;
  /** Called after every change (rooms, members, cards, system messages, calls); returns an unsubscribe. */
  onChange(listener: () => void): () => void;
  /** The platform port the cloud function uses when run locally. */
  readonly platform: WeChatPlatform;
}
