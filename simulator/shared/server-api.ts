// The HTTP API between the chat host page and the simulator's Node server.

import type { ContentCheckSetting, MessageApi, SendContext } from '../../emulator/rules';
import type { SentFile } from './host-api';
import type { BuildErrorInfo } from './protocol';

export interface ChatMember {
  openid: string;
  nickname: string;
  /** This member's id in this chat only. */
  groupOpenid: string;
}

export interface ChatRoom {
  id: string;
  /** 1: one-to-one, 3: group; 2 and 4 the same with WeCom contacts. */
  chatType: 1 | 2 | 3 | 4;
  name: string;
  members: ChatMember[];
}

export type ChatMessage =
  | { kind: 'text'; at: number; senderOpenid: string; text: string }
  /** `link`: a reminder's text link, which opens the tool at that path. */
  | { kind: 'system'; at: number; text: string; link?: string }
  | {
      kind: 'card';
      at: number;
      activityId: string;
      senderOpenid: string;
      title: string;
      path: string;
      /** target_state 1 open, 2 closing soon, 3 ended. */
      state: 1 | 2 | 3;
      /** The subtitle each member sees, by openid (the template table). */
      textFor: Record<string, string>;
      /** shareAppMessageToGroup's imageUrl; without it WeChat shows a screenshot of the sharing page. */
      imageUrl?: string;
    }
  | SentChatMessage;

/**
 * What wx.shareAppMessageToGroup (a card not declared dynamic) and wx.share{Image,Video,File,Emoji}ToGroup posted. `entrancePath`: where the message's entrance opens the tool;
 * null without one.
 */
export type SentChatMessage = { at: number; senderOpenid: string; entrancePath: string | null } &
  /** A card not declared dynamic: no subtitle; it opens `path`. imageUrl null: a screenshot of the page. */
  (
    | { kind: 'miniProgram'; title: string; path: string; imageUrl: string | null }
    | { kind: 'image' | 'emoji'; imageUrl: string }
    /** posterUrl null: WeChat shows the video's first frame. videoUrl null: the video is no longer kept. */
    | { kind: 'video'; videoUrl: string | null; posterUrl: string | null }
    | { kind: 'file'; fileName: string; size: number }
  );

export interface PlatformCallInfo {
  api: string;
  at: number;
  request: unknown;
  outcome: string;
  errcode: number;
  errmsg: string;
}

export interface ChatState {
  rooms: ChatRoom[];
  messages: Record<string, ChatMessage[]>;
  platformCalls: PlatformCallInfo[];
  /** What the emulator's security.msgSecCheck answers now. */
  contentCheck: ContentCheckSetting;
  /** The emulator's readings where WeChat's documents disagree or are silent, e.g. "documented" or "alternate". */
  readings: string;
}

/** GET /api/app: the launcher (first main-package page) and the chat tool, for the host's buttons. */
export interface AppInfo {
  launcher: string;
  chatTool: { root: string; entryPage: string } | null;
}

export { CONTENT_CHECK_SETTINGS, type ContentCheckSetting } from '../../emulator/rules';

export interface BuildStatus {
  version: number;
  ok: boolean;
  errors: BuildErrorInfo[];
  warnings: string[];
  ms: number;
}

export type FaultSetting = 'none' | 'fail' | 'stall';

/** The emulator's platform calls a fault switch can make fail or stall. */
export const FAULT_APIS = ['createActivityId', 'setChatToolMsg', 'getOpenData', 'msgSecCheck'] as const;
export type FaultApi = (typeof FAULT_APIS)[number];

/** POST /api/call bodies. */
export type ServerCall =
  | { op: 'issueCloudId'; openid: string; roomId: string }
  | { op: 'callFunction'; openid: string; name: string; data: unknown }
  | { op: 'shareCard'; openid: string; roomId: string; share: Record<string, unknown> }
  | {
      op: 'remind';
      openid: string;
      roomId: string;
      title: string;
      members: string[];
      type: 'participate' | 'complete';
      entrancePath: string;
    }
  /** A message send as the phone made it (SendContext), with the content of its files by field. */
  | {
      op: 'send';
      openid: string;
      roomId: string;
      api: MessageApi;
      options: Record<string, unknown>;
      files: Record<string, SentFile>;
      context: SendContext;
    }
  /** wx.selectGroupMembers in a one-to-one chat: no picker; whose group_openids is the emulator's reading. */
  | { op: 'oneToOneSelection'; openid: string; roomId: string }
  | { op: 'setContentCheck'; setting: ContentCheckSetting }
  | { op: 'setFault'; api: FaultApi; fault: FaultSetting }
  | { op: 'releaseStalled' }
  | { op: 'runTimer' }
  /** Someone joins the group chat, e.g. so that a flow has more members than one page of a list shows. */
  | { op: 'addMember'; roomId: string; nickname: string }
  /**
   * A chat of any type with these members (a nickname already in a chat is the same person), e.g. a chat with WeCom
   * contacts: chat_type 2 (one-to-one) or 4 (group) (docs/platform.md, "getChatToolInfo").
   */
  | { op: 'addRoom'; name: string; chatType: 1 | 2 | 3 | 4; members: string[] };

type WithoutViewer<C> = C extends { openid: string; roomId: string } ? Omit<C, 'openid' | 'roomId'> : never;
/** A call made as the viewer in the chat they are in, before the host adds who and where. */
export type RoomCallFields = WithoutViewer<ServerCall>;

export type ServerReply = { ok: true; value: unknown } | { ok: false; error: string };
