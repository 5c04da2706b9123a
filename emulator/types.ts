// The WeChat platform emulator's public interface, in WeChat's own shapes (docs/platform.md): the client side
// that the simulator and tests drive (chats, members, cards, reminders) and the server side that a cloud
// function sees through wx-server-sdk (openapi, getOpenData, getWXContext). See docs/backend.md.
import type { Readings } from './readings';
import type {
  ChatType,
  ContentCheckSetting,
  ContentSuggestion,
  MessageApi,
  MessageKind,
  SendContext,
  TargetState,
  TemplateKind,
} from './rules';

export type { ChatType, MessageApi, MessageKind, SendContext, TargetState, TemplateKind } from './rules';
export type { Readings } from './readings';

export interface EmulatedRoom {
  /** opengid for group chats, open_single_roomid for one-to-one chats. */
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

/** wx.updateShareMenu's chat-tool fields plus wx.shareAppMessageToGroup's, as the page passes them. */
export interface CardShareRequest {
  activityId: string;
  /** templateInfo.templateId: one of the two chat-tool templates. */
  templateId: string;
  /** 1: only `participant` take part; 2: everyone in the chat. */
  chooseType: 1 | 2;
  participant: readonly string[];
  title: string;
  /** Starts with '/'. */
  path: string;
  /** The card's picture (5:4); without it WeChat takes a screenshot of the page. */
  imageUrl?: string;
}

/** wx.notifyGroupMembers' options that reach the chat. */
export interface ReminderRequest {
  title: string;
  members: readonly string[];
  type: TemplateKind;
  /** The text link's path; the reminder's line opens the tool there. */
  entrancePath?: string;
}

/**
 * A mini program card (wx.shareAppMessageToGroup without a dynamic card declared), an image, video, file or sticker
 * posted into a room by wx.share{Image,Video,File,Emoji}ToGroup.
 */
export interface SentMessage {
  messageId: string;
  roomId: string;
  senderOpenid: string;
  api: MessageApi;
  kind: MessageKind;
  /** The file sent (imagePath, videoPath or filePath) as the page passed it; a card's path, which it opens. */
  path: string;
  /** A card's title; null for other kinds. */
  title: string | null;
  /** A video's poster as passed; null: WeChat shows the first frame. */
  thumbPath: string | null;
  /** A file's name as shown: fileName, else the name in filePath; null for other kinds. */
  fileName: string | null;
  /** Where the message's entrance opens the tool (a full path from '/'); null: no entrance. */
  entrancePath: string | null;
  sentAt: number;
}

/**
 * A dynamic card posted to a room: what was shared, and what WeChat has recorded on its activity (shared by
 * every card of that activity_id).
 */
export interface SharedCard {
  /** Unique per share; a second share of one activity_id is a second card. */
  cardId: string;
  activityId: string;
  roomId: string;
  publisherOpenid: string;
  publisherGroupOpenid: string;
  templateId: string;
  kind: TemplateKind;
  chooseType: 1 | 2;
  participant: string[];
  title: string;
  path: string;
  /** null: WeChat shows a screenshot of the page. */
  imageUrl: string | null;
  state: TargetState;
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
  /** A reminder's text link (its entrancePath); null for other lines. */
  link: string | null;
}

/** The server APIs the emulator answers, as its call log and fault switches name them. */
export type PlatformApi = 'createActivityId' | 'setChatToolMsg' | 'getOpenData' | 'msgSecCheck' | 'stableToken';

/** A POST to WeChat's HTTPS API (https://api.weixin.qq.com/…): the full URL and the JSON text. */
export interface HttpsRequest {
  url: string;
  body: string;
}

/** WeChat's HTTP answer: 200 with a JSON body, errcode ≠ 0 for a refusal. */
export interface HttpsResponse {
  status: number;
  body: string;
}

/** One server-side call to the platform, as the emulator saw it. */
export interface PlatformCall {
  api: PlatformApi;
  /** A cloud call through wx-server-sdk, or the HTTPS API with an access token. */
  via: 'cloudCall' | 'https';
  at: number;
  /** The request as WeChat received it (snake_case, after the SDK's case conversion; a secret as ***). */
  request: unknown;
  /** 'stalled': held until releaseStalled() (or the stall time) and then answered. */
  outcome: 'ok' | 'failed' | 'stalled';
  errcode: number;
  errmsg: string;
}

/** Make the next `times` calls (default: all, until cleared) fail with errcode, or hang for `ms` (default: until released). */
export type Fault = { mode: 'fail'; errcode?: number; times?: number } | { mode: 'stall'; ms?: number; times?: number };

export { CONTENT_CHECK_SETTINGS, type ContentCheckSetting } from './rules';

/** setChatToolMsg's body (chattoolmsg.send), snake_case as WeChat takes it. */
export interface ChatToolMsgBody {
  activity_id: string;
  target_state: number;
  template_id: string;
  version_type: number;
  participator_info_list?: { group_openid: string; state: number }[];
}

/** security.msgSecCheck version 2's request. */
export interface MsgSecCheckRequest {
  version: number;
  openid: string;
  scene: number;
  content: string;
  title?: string;
  nickname?: string;
}

/** What wx-server-sdk resolves an openapi call with: WeChat's answer camelCased, errCode 0 and errMsg "<api>:ok". */
export interface CreateActivityIdResult {
  activityId: string;
  expirationTime: number;
  errCode: 0;
  errMsg: string;
}

export interface MsgSecCheckResult {
  result: { suggest: ContentSuggestion; label: number };
  detail: { strategy: string; errcode: number; suggest: string; label: number; prob?: number }[];
  traceId: string;
  errCode: 0;
  errMsg: string;
}

/** getOpenData's answer: per cloudID its data, or its own error. */
export interface OpenDataList {
  list: (
    | {
        cloudID: string;
        data: {
          opengid?: string;
          open_single_roomid?: string;
          group_openid: string;
          chat_type: ChatType;
          watermark: { appid: string; timestamp: number };
        };
      }
    | { cloudID: string; errCode: number; errMsg: string }
  )[];
  errCode: 0;
  errMsg: string;
}

/** The named openapi calls; `openapi` is a proxy like the SDK's, so any other name reaches the emulator too. */
export interface EmulatedOpenApi {
  updatableMessage: { createActivityId(data?: Record<string, unknown>): Promise<CreateActivityIdResult> };
  chattoolmsg: { send(data: ChatToolMsgBody): Promise<{ errCode: 0; errMsg: string }> };
  security: { msgSecCheck(data: MsgSecCheckRequest): Promise<MsgSecCheckResult> };
}

/**
 * What wx-server-sdk gives a cloud function's code. Refusals reject with an error carrying `errCode` and `errMsg`
 * ("openapi.<api>:fail <errmsg>"), like the SDK's CloudSDKError.
 */
export interface EmulatedServerSdk {
  openapi: EmulatedOpenApi;
  getOpenData(param: { list: string[] }): Promise<OpenDataList>;
  /** The current invocation's context; OPENID is missing for a timer trigger. */
  getWXContext(): { OPENID?: string; APPID: string; ENV: string };
}

/** A cloud function deployed on the emulated platform, with its config.json's permissions. */
export interface EmulatedCloudFunction {
  sdk: EmulatedServerSdk;
  /** Runs `body` as one invocation: by `caller` (a tap in the mini program), or by a timer trigger when null. */
  invoke<T>(caller: { openid: string } | null, body: () => Promise<T>): Promise<T>;
}

export interface WeChatEmulatorOptions {
  /** The clock of expiries (cloudID 5 minutes, activity_id 24 hours). Default Date.now. */
  now?: () => number;
  /** Default: the `documented` profile. */
  readings?: Readings;
  /** Default 'pass'. */
  contentCheck?: ContentCheckSetting;
  /** The mini program's appid, in getWXContext and in open data's watermark. */
  appid?: string;
  /** Its AppSecret, which stable_token checks. */
  appSecret?: string;
  /** Platform calls calls() keeps, the oldest forgotten first. Default: every one (tests count them). */
  callsKept?: number;
}

export interface WeChatEmulator {
  readonly appid: string;
  /** The AppSecret the developer copies from the admin console into the function's environment. */
  readonly appSecret: string;
  readonly readings: Readings;
  createRoom(options?: { id?: string; chatType?: ChatType; name?: string }): EmulatedRoom;
  addMember(roomId: string, options?: { openid?: string; nickname?: string }): EmulatedMember;
  rooms(): EmulatedRoom[];
  members(roomId: string): EmulatedMember[];
  /** What wx.getChatToolInfo returns to this member in this room: a cloudID valid 5 minutes. */
  issueCloudId(member: { openid: string; roomId: string }): string;
  /** wx.selectGroupMembers in a one-to-one chat, which answers without a picker (reading oneToOneSelection). */
  oneToOneSelection(member: { openid: string; roomId: string }): string[];
  /** wx.updateShareMenu + wx.shareAppMessageToGroup by `publisher`; throws EmulatorError on a broken rule. */
  shareCard(publisher: { openid: string; roomId: string }, share: CardShareRequest): SharedCard;
  /** wx.notifyGroupMembers: checks the title rule and that every member is in the room, then posts the line. */
  remind(sender: { openid: string; roomId: string }, reminder: ReminderRequest): SystemMessage;
  /**
   * wx.shareAppMessageToGroup (a card not declared dynamic), shareImageToGroup, shareVideoToGroup, shareFileToGroup
   * or shareEmojiToGroup by `sender` with the page's `options`: refused (EmulatorError) outside chat-tool mode, outside the chat, outside a tap where WeChat says so,
   * with a required field missing, a file that is not one on the phone, or an entrance outside the chat tool.
   */
  send(
    sender: { openid: string; roomId: string },
    api: MessageApi,
    options: Record<string, unknown>,
    context: SendContext,
  ): SentMessage;
  /** Every card (not dynamic), image, video, file and sticker sent, oldest first. */
  sentMessages(roomId?: string): SentMessage[];
  /** Every card, oldest first. */
  cards(roomId?: string): SharedCard[];
  /** The newest card of this activity_id. */
  card(activityId: string): SharedCard | undefined;
  /** The card subtitle this viewer sees (WeChat's template table): of this card, or of the activity's newest. */
  cardText(card: string | SharedCard, viewer: { openid: string; roomId: string }): string;
  systemMessages(roomId?: string): SystemMessage[];
  calls(api?: PlatformApi): PlatformCall[];
  setFault(api: PlatformApi, fault: Fault | null): void;
  /** Answers every stalled call now. */
  releaseStalled(): void;
  contentCheck(): ContentCheckSetting;
  setContentCheck(setting: ContentCheckSetting): void;
  /**
   * WeChat's HTTPS API, any base URL: POST /cgi-bin/stable_token and /cgi-bin/message/wxopen/chattoolmsg/send
   * (same rules as the cloud call, apart from cloudCallForChatToolMsg). Recorded in calls() with via 'https'.
   */
  https(request: HttpsRequest): Promise<HttpsResponse>;
  /** Deploys a cloud function whose config.json grants `permissions.openapi`. */
  cloudFunction(config: { permissions: { openapi?: readonly string[] } }): EmulatedCloudFunction;
  /** Called after every change (rooms, members, cards, system messages, calls); returns an unsubscribe. */
  onChange(listener: () => void): () => void;
}
