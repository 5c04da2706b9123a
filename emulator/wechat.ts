// A local twin of the WeChat platform for chat tools, written from WeChat's documents (docs/platform.md) and
// strict about them: the two template ids, target_state 1|2|3 with 3 final, participator state 1 only and
// group_openids only from the card's chat, the participator list required with target_state 1, activity_ids
// that expire after 24 hours, cloudIDs valid 5 minutes, the notifyGroupMembers title rule, the card subtitle per
// template and viewer, the sends into the chat (files on the phone, tap only, the entrance), and the content
// check. Where the documents conflict or are silent it plays the reading
// it is given (readings.ts). It serves the server side as wx-server-sdk does (server-sdk.ts) and as the HTTPS API
// does (stable_token and chattoolmsg/send, `https`), records every call and can be told to fail or stall.
import { randomBytes } from 'node:crypto';
import { READING_PROFILES } from './readings';
import {
  ACCESS_TOKEN_LIFETIME_MS,
  ACCESS_TOKEN_RENEW_MS,
  ACTIVITY_LIFETIME_MS,
  CLOUD_ID_LIFETIME_MS,
  CONTENT_CHECK_ACTIVE_MS,
  CONTENT_CHECK_MAX_CHARACTERS,
  CONTENT_CHECK_SCENES,
  ERRCODE,
  MESSAGE_KINDS,
  PARTICIPATOR_DONE,
  SEND_RULES,
  TARGET_STATES,
  VERSION_TYPES,
  cardSubtitle,
  isOneToOne,
  notifyTitleProblem,
  pathKind,
  sharedFileName,
  systemLine,
  templateKind,
  type CardViewer,
  type ChatType,
  type TargetState,
  type TemplateKind,
} from './rules';
import { WeChatRefusal, createCloudFunction, isRecord, type Json, type WeChatServer } from './server-sdk';
import {
  CONTENT_CHECK_SETTINGS,
  type ContentCheckSetting,
  type EmulatedMember,
  type EmulatedRoom,
  type Fault,
  type HttpsResponse,
  type OpenDataList,
  type PlatformApi,
  type PlatformCall,
  type SendContext,
  type SentMessage,
  type SharedCard,
  type SystemMessage,
  type WeChatEmulator,
  type WeChatEmulatorOptions,
} from './types';

export { CloudSdkError, WeChatRefusal } from './server-sdk';

/** A broken rule on the client side of the emulator (sharing, reminding, unknown members). */
export class EmulatorError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorError';
  }
}

interface IssuedCloudId {
  openid: string;
  roomId: string;
  issuedAt: number;
}

/** What WeChat keeps per activity_id; every card shared with it shows this. */
interface Activity {
  expiresAt: number;
  /** Set by the first share. */
  roomId: string | null;
  templateId: string | null;
  state: TargetState;
  done: string[];
}

type Share = Omit<SharedCard, 'state' | 'done'>;

interface AccessToken {
  expiresAt: number;
  /** A forced refresh invalidates every token handed out before it. */
  revoked: boolean;
}

type Via = PlatformCall['via'];

const token = (bytes: number) => randomBytes(bytes).toString('base64url');
const invalid = (message: string) => new WeChatRefusal(ERRCODE.INVALID, `argument invalid! ${message}`);

export function createWeChatEmulator(options: WeChatEmulatorOptions = {}): WeChatEmulator {
  const now = options.now ?? Date.now;
  const readings = { ...(options.readings ?? READING_PROFILES.documented) };
  const appid = options.appid ?? 'wxemulator0000000';
  const appSecret = options.appSecret ?? 'emulatorappsecret00000000000000';
  const accessTokens = new Map<string, AccessToken>();
  let latestToken: string | null = null;
  let contentCheck: ContentCheckSetting = options.contentCheck ?? 'pass';
  const rooms = new Map<string, EmulatedRoom>();
  const members = new Map<string, EmulatedMember[]>();
  const cloudIds = new Map<string, IssuedCloudId>();
  const activities = new Map<string, Activity>();
  const shares: Share[] = [];
  const messages: SystemMessage[] = [];
  const sent: SentMessage[] = [];
  const calls: PlatformCall[] = [];
  const callsKept = options.callsKept ?? Infinity;
  const faults = new Map<PlatformApi, Fault>();
  const lastSeen = new Map<string, number>();
  const listeners = new Set<() => void>();
  let stalled: (() => void)[] = [];
  let counter = 0;

  const changed = () => listeners.forEach((listener) => listener());

  function roomOf(roomId: string): EmulatedRoom {
    const room = rooms.get(roomId);
    if (room === undefined) throw new EmulatorError(`no room ${roomId}`);
    return room;
  }

  function memberOf(roomId: string, openid: string): EmulatedMember {
    const member = members.get(roomOf(roomId).id)?.find((m) => m.openid === openid);
    if (member === undefined) throw new EmulatorError(`${openid} is not a member of ${roomId}`);
    return member;
  }

  const inRoom = (roomId: string, groupOpenid: unknown) =>
    (members.get(roomId) ?? []).some((m) => m.groupOpenid === groupOpenid);

  const nicknameOf = (roomId: string, groupOpenid: string) =>
    members.get(roomId)?.find((m) => m.groupOpenid === groupOpenid)?.nickname ?? groupOpenid;

  function post(roomId: string, text: string, activityId: string | null, link: string | null = null): SystemMessage {
    const message = { roomId, at: now(), text, activityId, link };
    messages.push(message);
    return message;
  }

  function newestShare(activityId: string): Share | undefined {
    for (let i = shares.length - 1; i >= 0; i -= 1) if (shares[i]?.activityId === activityId) return shares[i];
    return undefined;
  }

  function cardOf(share: Share): SharedCard {
    const activity = activities.get(share.activityId);
    return { ...share, state: activity?.state ?? 1, done: [...(activity?.done ?? [])] };
  }

  function record(
    api: PlatformApi,
    request: unknown,
    refusal: WeChatRefusal | null,
    via: Via,
    outcome: PlatformCall['outcome'] = refusal === null ? 'ok' : 'failed',
  ): PlatformCall {
    const call: PlatformCall = {
      api,
      via,
      at: now(),
      request,
      outcome,
      errcode: refusal?.errcode ?? 0,
      errmsg: refusal?.errmsg ?? 'ok',
    };
    calls.push(call);
    if (calls.length > callsKept) calls.splice(0, calls.length - callsKept);
    return call;
  }

  /** Applies the fault set for `api`, records the call, and answers with `answer()` or a WeChatRefusal. */
  async function serve<T>(api: PlatformApi, request: unknown, answer: () => T, via: Via = 'cloudCall'): Promise<T> {
    const fault = faults.get(api);
    if (fault?.times !== undefined) {
      if (fault.times <= 1) faults.delete(api);
      else faults.set(api, { ...fault, times: fault.times - 1 });
    }
    if (fault?.mode === 'fail') {
      const refusal = new WeChatRefusal(fault.errcode ?? ERRCODE.BUSY, 'system error (injected)');
      record(api, request, refusal, via);
      changed();
      throw refusal;
    }
    if (fault?.mode === 'stall') {
      const call = record(api, request, null, via, 'stalled');
      changed();
      await new Promise<void>((resolve) => {
        stalled.push(resolve);
        if (fault.ms !== undefined) setTimeout(resolve, fault.ms).unref();
      });
      try {
        return answer();
      } catch (error) {
        if (error instanceof WeChatRefusal) Object.assign(call, { errcode: error.errcode, errmsg: error.errmsg });
        throw error;
      } finally {
        changed();
      }
    }
    try {
      const result = answer();
      record(api, request, null, via);
      return result;
    } catch (error) {
      const refusal = error instanceof WeChatRefusal ? error : new WeChatRefusal(ERRCODE.BUSY, String(error));
      record(api, request, refusal, via);
      throw refusal;
    } finally {
      changed();
    }
  }

  function createActivityId(request: Json): Json {
    // Private messages only; and "私密消息暂不支持云函数生成activity id" (docs/platform.md, "createActivityId").
    if (request.openid !== undefined || request.unionid !== undefined) {
      throw invalid('openid/unionid are for private messages, whose activity_id cloud calls cannot create');
    }
    counter += 1;
    // Shaped like real ids ("1333_+arjBu4o…"), with characters that need URL encoding.
    const activityId = `${1000 + counter}_${randomBytes(24).toString('base64')}`;
    const expiresAt = now() + ACTIVITY_LIFETIME_MS;
    activities.set(activityId, { expiresAt, roomId: null, templateId: null, state: 1, done: [] });
    // The unit of expiration_time is not stated; WeChat's server timestamps are seconds (docs/platform.md).
    return { errcode: 0, errmsg: 'ok', activity_id: activityId, expiration_time: Math.floor(expiresAt / 1000) };
  }

  function sendChatToolMsg(body: Json): Json {
    const activityId = body.activity_id;
    const activity = typeof activityId === 'string' ? activities.get(activityId) : undefined;
    if (activity === undefined) throw invalid('invalid activity_id');
    if (now() >= activity.expiresAt && readings.afterExpiry === 'refused') throw invalid('activity_id expired');
    const kind = templateKind(body.template_id);
    if (kind === undefined) throw invalid('template_id must be one of the two chat-tool templates');
    if (!TARGET_STATES.includes(body.target_state as number)) throw invalid('target_state must be 1, 2 or 3');
    if (!VERSION_TYPES.includes(body.version_type as number)) throw invalid('version_type must be 0, 1 or 2');
    if (activity.roomId === null) throw invalid('the card of this activity_id has not been shared to a chat');
    if (activity.templateId !== body.template_id) throw invalid('template_id differs from the shared card');
    if (activity.state === 3) throw invalid('the activity has ended (target_state 3 is final)');
    const targetState = body.target_state as TargetState;
    const list = body.participator_info_list;
    if (targetState === 1 && (!Array.isArray(list) || list.length === 0)) {
      throw invalid('participator_info_list is required when target_state is 1');
    }
    if (targetState !== 1 && list !== undefined && readings.participatorListWithFinalStates === 'refused') {
      throw invalid('participator_info_list is only taken with target_state 1');
    }
    if (list !== undefined && !Array.isArray(list)) throw invalid('participator_info_list must be an array');
    const participators = (list ?? []) as unknown[];
    for (const participator of participators) {
      if (!isRecord(participator)) throw invalid('participator_info_list holds objects');
      if (participator.state !== PARTICIPATOR_DONE) throw invalid('participator state can only be set to 1');
      if (!inRoom(activity.roomId, participator.group_openid)) {
        throw invalid(`group_openid ${String(participator.group_openid)} is not in the card's chat`);
      }
    }
    const first = shares.find((share) => share.activityId === activityId);
    const publisher = first === undefined ? '' : nicknameOf(first.roomId, first.publisherGroupOpenid);
    const title = first?.title ?? '';
    for (const participator of participators as { group_openid: string }[]) {
      if (activity.done.includes(participator.group_openid)) continue;
      activity.done.push(participator.group_openid);
      const member = nicknameOf(activity.roomId, participator.group_openid);
      post(activity.roomId, systemLine.done(kind, member, publisher, title), activityId as string);
    }
    activity.state = targetState;
    if (targetState === 3) post(activity.roomId, systemLine.ended(publisher, title), activityId as string);
    return { errcode: 0, errmsg: 'ok' };
  }

  const knownUser = (openid: unknown) =>
    typeof openid === 'string' && [...members.values()].some((list) => list.some((m) => m.openid === openid));

  function msgSecCheck(request: Json): Json {
    if (request.version !== 2) throw new WeChatRefusal(ERRCODE.FORMAT, 'version must be 2 (version 1 is retired)');
    if (!knownUser(request.openid)) throw new WeChatRefusal(ERRCODE.INVALID_OPENID, 'invalid openid');
    const seen = lastSeen.get(request.openid as string);
    if (seen === undefined || now() - seen > CONTENT_CHECK_ACTIVE_MS) {
      throw new WeChatRefusal(ERRCODE.INVALID_OPENID, 'the user has not opened the mini program in the last 2 hours');
    }
    if (!CONTENT_CHECK_SCENES.includes(request.scene as number)) {
      throw new WeChatRefusal(ERRCODE.INVALID_SCENE, 'invalid scene (1, 2, 3 or 4)');
    }
    if (typeof request.content !== 'string' || request.content === '') {
      throw new WeChatRefusal(ERRCODE.EMPTY_CONTENT, 'empty content');
    }
    if ([...request.content].length > CONTENT_CHECK_MAX_CHARACTERS) {
      throw new WeChatRefusal(ERRCODE.FORMAT, `content is longer than ${CONTENT_CHECK_MAX_CHARACTERS} characters`);
    }
    if (contentCheck === 'failing') throw new WeChatRefusal(ERRCODE.BUSY, 'system error');
    // label 100 is "normal"; 20006 illegal acts and 21000 other stand for what a real check may find.
    const label = { pass: 100, review: 21000, risky: 20006 }[contentCheck];
    counter += 1;
    return {
      errcode: 0,
      errmsg: 'ok',
      result: { suggest: contentCheck, label },
      detail: [{ strategy: 'content_model', errcode: 0, suggest: contentCheck, label, prob: 90 }],
      trace_id: `${counter}_${token(9)}`,
    };
  }

  /** The openapi names a cloud function may call: how the call log names each, and its answer. */
  const OPENAPIS: Record<string, { logged: PlatformApi; answer: (request: Json) => Json } | undefined> = {
    'updatableMessage.createActivityId': { logged: 'createActivityId', answer: createActivityId },
    'chattoolmsg.send': { logged: 'setChatToolMsg', answer: sendChatToolMsg },
    'security.msgSecCheck': { logged: 'msgSecCheck', answer: msgSecCheck },
  };

  function openData(cloudID: string, caller: string | null): OpenDataList['list'][number] {
    const issued = cloudIds.get(cloudID);
    if (issued === undefined) return { cloudID, errCode: ERRCODE.CLOUD_ID_INVALID, errMsg: 'invalid cloudID' };
    if (now() - issued.issuedAt >= CLOUD_ID_LIFETIME_MS) {
      return { cloudID, errCode: ERRCODE.CLOUD_ID_EXPIRED, errMsg: 'cloudID expired.' };
    }
    if (issued.openid !== caller && readings.foreignCloudId === 'refused') {
      return { cloudID, errCode: ERRCODE.CLOUD_ID_USER_MISMATCH, errMsg: 'cloudID and calling user does not match' };
    }
    const room = roomOf(issued.roomId);
    const member = memberOf(issued.roomId, issued.openid);
    return {
      cloudID,
      data: {
        ...(isOneToOne(room.chatType) ? { open_single_roomid: room.id } : { opengid: room.id }),
        group_openid: member.groupOpenid,
        chat_type: room.chatType,
        watermark: { appid, timestamp: Math.floor(issued.issuedAt / 1000) },
      },
    };
  }

  const server: WeChatServer = {
    appid,
    async openapi(api, request) {
      const known = OPENAPIS[api];
      if (known === undefined) throw new WeChatRefusal(ERRCODE.API_NOT_FOUND, `API not found: ${api}`);
      if (api === 'chattoolmsg.send' && readings.cloudCallForChatToolMsg === 'refused') {
        // Refused before the API is reached, so no fault set for it is used up.
        const refusal = new WeChatRefusal(
          ERRCODE.API_NOT_FOUND,
          'API not found (本接口不支持云调用: no cloud call for this API)',
        );
        record(known.logged, request, refusal, 'cloudCall');
        changed();
        throw refusal;
      }
      return serve(known.logged, request, () => known.answer(request));
    },
    refusedLocally(api, request, refusal) {
      const known = OPENAPIS[api];
      if (known === undefined) return;
      record(known.logged, request, refusal, 'cloudCall');
      changed();
    },
    getOpenData: (list, caller) =>
      serve('getOpenData', { list }, () => list.map((cloudID) => openData(cloudID, caller))),
    seen(openid) {
      lastSeen.set(openid, now());
    },
  };

  /**
   * getStableAccessToken (docs/platform.md, "Access token"): normal mode hands out the current token until its last
   * 5 minutes, then a new one (the old stays valid until it expires); force_refresh revokes every earlier token.
   */
  function stableToken(request: Json): Json {
    if (request.grant_type !== 'client_credential')
      throw new WeChatRefusal(ERRCODE.INVALID_GRANT_TYPE, 'invalid grant_type');
    if (request.appid !== appid) throw new WeChatRefusal(ERRCODE.INVALID_APPID, 'invalid appid');
    if (request.secret !== appSecret) throw new WeChatRefusal(ERRCODE.INVALID_APPSECRET, 'invalid appsecret');
    if (request.force_refresh === true) {
      accessTokens.forEach((issued) => Object.assign(issued, { revoked: true }));
    } else {
      const current = latestToken === null ? undefined : accessTokens.get(latestToken);
      if (latestToken !== null && current !== undefined && current.expiresAt - now() > ACCESS_TOKEN_RENEW_MS) {
        return { access_token: latestToken, expires_in: Math.floor((current.expiresAt - now()) / 1000) };
      }
    }
    latestToken = token(96);
    accessTokens.set(latestToken, { expiresAt: now() + ACCESS_TOKEN_LIFETIME_MS, revoked: false });
    return { access_token: latestToken, expires_in: ACCESS_TOKEN_LIFETIME_MS / 1000 };
  }

  function checkAccessToken(value: string | null): void {
    const issued = value === null ? undefined : accessTokens.get(value);
    if (issued === undefined || issued.revoked) {
      throw new WeChatRefusal(ERRCODE.INVALID_CREDENTIAL, 'invalid credential, access_token is invalid or not latest');
    }
    if (now() >= issued.expiresAt) throw new WeChatRefusal(ERRCODE.TOKEN_EXPIRED, 'access_token expired');
  }

  /** The HTTPS API's paths the emulator answers: how the call log names each, and its answer. */
  const HTTPS_APIS: Record<string, { logged: PlatformApi; answer: (request: Json, token: string | null) => Json }> = {
    '/cgi-bin/stable_token': { logged: 'stableToken', answer: stableToken },
    '/cgi-bin/message/wxopen/chattoolmsg/send': {
      logged: 'setChatToolMsg',
      answer: (request, accessToken) => {
        checkAccessToken(accessToken);
        return sendChatToolMsg(request);
      },
    },
  };

  const answered = (json: Json): HttpsResponse => ({ status: 200, body: JSON.stringify(json) });

  async function https(url: string, body: string): Promise<HttpsResponse> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      throw new EmulatorError(`https: ${url} is not a URL`);
    }
    const known = HTTPS_APIS[target.pathname];
    if (known === undefined) return { status: 404, body: 'Not Found' };
    let request: unknown;
    try {
      request = JSON.parse(body);
    } catch {
      request = null;
    }
    if (!isRecord(request)) return answered({ errcode: ERRCODE.FORMAT, errmsg: 'data format error' });
    // The call log shows what WeChat received, never the secret.
    const logged = request.secret === undefined ? request : { ...request, secret: '***' };
    try {
      const answer = await serve(
        known.logged,
        logged,
        () => known.answer(request as Json, target.searchParams.get('access_token')),
        'https',
      );
      return answered(answer);
    } catch (error) {
      if (!(error instanceof WeChatRefusal)) throw error;
      return answered({ errcode: error.errcode, errmsg: error.errmsg });
    }
  }

  /**
   * Where a message's entrance opens the tool, or null without one (docs/platform.md, "Sending into the chat"):
   * needShowEntrance defaults to true, entrancePath '' to the chat tool's start page.
   */
  function entranceOf(api: string, options: Record<string, unknown>, chatTool: NonNullable<SendContext['chatTool']>) {
    const { needShowEntrance = true, entrancePath = '' } = options;
    if (typeof needShowEntrance !== 'boolean') throw new EmulatorError(`${api}: needShowEntrance is a boolean`);
    if (typeof entrancePath !== 'string') throw new EmulatorError(`${api}: entrancePath is a string`);
    if (!needShowEntrance) return null;
    const path = `/${(entrancePath || `${chatTool.root}/${chatTool.entryPagePath}`).replace(/^\//, '')}`;
    if (!path.startsWith(`/${chatTool.root}/`) && readings.entranceOutsideChatTool === 'refused') {
      throw new EmulatorError(`${api}: entrancePath ${path} is outside the chat tool's subpackage ${chatTool.root}`);
    }
    return path;
  }

  /** The documented refusals of a send, in the order the phone meets them; the message it posts otherwise. */
  function send(
    sender: { openid: string; roomId: string },
    api: keyof typeof MESSAGE_KINDS,
    options: Record<string, unknown>,
    context: SendContext,
  ): SentMessage {
    const rule = SEND_RULES[api];
    if (rule === undefined) throw new EmulatorError(`${String(api)} is not a send into the chat`);
    if (context.chatTool === null) throw new EmulatorError(`${api}: only available in chat-tool mode`);
    memberOf(sender.roomId, sender.openid);
    const tapOnly = rule.tap === 'only' || (rule.tap === 'silent' && readings.emojiOutsideTap === 'refused');
    if (tapOnly && !context.tap) throw new EmulatorError(`${api}: can only be called from a tap (仅在点击行为时调用)`);
    for (const field of rule.required) {
      if (typeof options[field] !== 'string' || options[field] === '') {
        throw new EmulatorError(`${api}: ${field} is required`);
      }
    }
    for (const field of rule.files) {
      const path = options[field];
      if (path === undefined) continue;
      if (typeof path !== 'string') throw new EmulatorError(`${api}: ${field} is a string`);
      const kind = pathKind(path);
      if (kind === 'local' || (kind === 'package' && readings.packageFileForSend === 'accepted')) continue;
      const what = { web: 'a web address', package: 'a code-package file', invalid: 'not a file path' }[kind];
      throw new EmulatorError(`${api}: ${field} must be a local or temporary file (本地路径或临时路径), not ${what}`);
    }
    if (options.fileName !== undefined && typeof options.fileName !== 'string') {
      throw new EmulatorError(`${api}: fileName is a string`);
    }
    const kind = MESSAGE_KINDS[api];
    const card = kind === 'miniProgram';
    // A card opens its own path: "必须是以 / 开头的完整路径" (the phone passes the current page's when none is given).
    if (card && (typeof options.path !== 'string' || !options.path.startsWith('/'))) {
      throw new EmulatorError(`${api}: path must be a full path starting with /`);
    }
    const entrancePath = rule.entrance ? entranceOf(api, options, context.chatTool) : null;
    const path = (card ? options.path : options[rule.files[0] ?? '']) as string;
    counter += 1;
    const message: SentMessage = {
      messageId: `msg${counter}`,
      roomId: sender.roomId,
      senderOpenid: sender.openid,
      api,
      kind,
      path,
      title: card ? (options.title as string) : null,
      thumbPath:
        kind === 'video' && typeof options.thumbPath === 'string' && options.thumbPath !== ''
          ? options.thumbPath
          : null,
      fileName: kind === 'file' ? sharedFileName(path, options.fileName as string | undefined) : null,
      entrancePath,
      sentAt: now(),
    };
    sent.push(message);
    changed();
    return message;
  }

  function cardViewer(share: Share, groupOpenid: string): CardViewer {
    if (groupOpenid === share.publisherGroupOpenid) return 'publisher';
    if (share.chooseType === 2 || share.participant.includes(groupOpenid)) return 'participant';
    return 'nonParticipant';
  }

  return {
    appid,
    appSecret,
    readings,

    createRoom(roomOptions = {}) {
      counter += 1;
      const chatType: ChatType = roomOptions.chatType ?? 3;
      const room: EmulatedRoom = {
        id: roomOptions.id ?? `${isOneToOne(chatType) ? 'sR' : 'tG'}${counter}${token(9)}`,
        chatType,
        name: roomOptions.name ?? `Chat ${counter}`,
      };
      if (rooms.has(room.id)) throw new EmulatorError(`room ${room.id} exists`);
      rooms.set(room.id, room);
      members.set(room.id, []);
      changed();
      return room;
    },

    addMember(roomId, memberOptions = {}) {
      const room = roomOf(roomId);
      const list = members.get(room.id) ?? [];
      counter += 1;
      const openid = memberOptions.openid ?? `oEmu${counter}${token(12)}`;
      if (list.some((m) => m.openid === openid)) throw new EmulatorError(`${openid} is already in ${roomId}`);
      if (isOneToOne(room.chatType) && list.length >= 2) throw new EmulatorError('a one-to-one chat has two members');
      const member: EmulatedMember = {
        openid,
        groupOpenid: `g${counter}${token(12)}`,
        roomId: room.id,
        nickname: memberOptions.nickname ?? `Member ${counter}`,
      };
      list.push(member);
      members.set(room.id, list);
      changed();
      return member;
    },

    rooms: () => [...rooms.values()],
    members: (roomId) => [...(members.get(roomOf(roomId).id) ?? [])],

    issueCloudId({ openid, roomId }) {
      memberOf(roomId, openid);
      lastSeen.set(openid, now());
      counter += 1;
      const cloudID = `${counter}_${token(18)}`;
      cloudIds.set(cloudID, { openid, roomId, issuedAt: now() });
      return cloudID;
    },

    oneToOneSelection({ openid, roomId }) {
      const me = memberOf(roomId, openid);
      if (!isOneToOne(roomOf(roomId).chatType)) throw new EmulatorError('selectGroupMembers: not a one-to-one chat');
      const everyone = members.get(roomId) ?? [];
      const chosen = readings.oneToOneSelection === 'bothParties' ? everyone : everyone.filter((m) => m !== me);
      return chosen.map((m) => m.groupOpenid);
    },

    shareCard(publisher, share) {
      const sharer = memberOf(publisher.roomId, publisher.openid);
      const activity = activities.get(share.activityId);
      if (activity === undefined) throw new EmulatorError('updateShareMenu: unknown activityId');
      if (now() >= activity.expiresAt) throw new EmulatorError('updateShareMenu: the activityId expired (24 h)');
      const kind: TemplateKind | undefined = templateKind(share.templateId);
      if (kind === undefined) {
        throw new EmulatorError('updateShareMenu: templateInfo.templateId is not a chat-tool template');
      }
      if (share.chooseType !== 1 && share.chooseType !== 2) {
        throw new EmulatorError('updateShareMenu: chooseType is 1 or 2');
      }
      if (typeof share.title !== 'string' || share.title === '') {
        throw new EmulatorError('shareAppMessageToGroup: title is required');
      }
      if (typeof share.path !== 'string' || !share.path.startsWith('/')) {
        throw new EmulatorError('shareAppMessageToGroup: path must be a full path starting with /');
      }
      if (share.imageUrl !== undefined && typeof share.imageUrl !== 'string') {
        throw new EmulatorError('shareAppMessageToGroup: imageUrl is a string');
      }
      if (!Array.isArray(share.participant)) throw new EmulatorError('updateShareMenu: participant is an array');
      if (share.chooseType === 1) {
        if (share.participant.length === 0) throw new EmulatorError('updateShareMenu: chooseType 1 needs participant');
        for (const id of share.participant) {
          if (!inRoom(publisher.roomId, id)) {
            throw new EmulatorError(`updateShareMenu: participant ${id} is not in this chat`);
          }
        }
      }
      if (activity.roomId !== null) {
        if (activity.roomId !== publisher.roomId) {
          throw new EmulatorError('shareAppMessageToGroup: this activityId has a card in another chat');
        }
        if (activity.templateId !== share.templateId) {
          throw new EmulatorError('updateShareMenu: this activityId was shared with the other template');
        }
        if (readings.reshareSameActivity === 'refused') {
          throw new EmulatorError('shareAppMessageToGroup: this activityId has been shared already');
        }
      }
      activity.roomId = publisher.roomId;
      activity.templateId = share.templateId;
      counter += 1;
      const record: Share = {
        cardId: `card${counter}`,
        activityId: share.activityId,
        roomId: publisher.roomId,
        publisherOpenid: sharer.openid,
        publisherGroupOpenid: sharer.groupOpenid,
        templateId: share.templateId,
        kind,
        chooseType: share.chooseType,
        participant: share.chooseType === 1 ? [...share.participant] : [],
        title: share.title,
        path: share.path,
        imageUrl: share.imageUrl ?? null,
        sharedAt: now(),
      };
      shares.push(record);
      changed();
      return cardOf(record);
    },

    remind(sender, reminder) {
      memberOf(sender.roomId, sender.openid);
      const problem = notifyTitleProblem(reminder.title);
      if (problem !== null) throw new EmulatorError(`notifyGroupMembers: title refused (${problem})`);
      if (reminder.members.length === 0) throw new EmulatorError('notifyGroupMembers: members is required');
      const names = reminder.members.map((id) => {
        if (!inRoom(sender.roomId, id)) throw new EmulatorError(`notifyGroupMembers: ${id} is not in this chat`);
        return nicknameOf(sender.roomId, id);
      });
      const line = systemLine.reminder(names, reminder.type, reminder.title);
      const message = post(sender.roomId, line, null, reminder.entrancePath ?? null);
      changed();
      return message;
    },

    send,
    sentMessages: (roomId) => sent.filter((m) => roomId === undefined || m.roomId === roomId),

    cards: (roomId) => shares.filter((share) => roomId === undefined || share.roomId === roomId).map(cardOf),

    card(activityId) {
      const share = newestShare(activityId);
      return share === undefined ? undefined : cardOf(share);
    },

    cardText(card, viewer) {
      const share = typeof card === 'string' ? newestShare(card) : shares.find((s) => s.cardId === card.cardId);
      if (share === undefined) throw new EmulatorError(`no card ${typeof card === 'string' ? card : card.cardId}`);
      if (share.roomId !== viewer.roomId) throw new EmulatorError('the viewer is not in the card’s chat');
      const member = memberOf(viewer.roomId, viewer.openid);
      const { state, done } = cardOf(share);
      const role = cardViewer(share, member.groupOpenid);
      return cardSubtitle(share.kind, state, role, done.includes(member.groupOpenid), done.length);
    },

    systemMessages: (roomId) => messages.filter((m) => roomId === undefined || m.roomId === roomId),
    calls: (api) => calls.filter((call) => api === undefined || call.api === api),

    setFault(api, fault) {
      if (fault === null) faults.delete(api);
      else faults.set(api, fault);
    },

    releaseStalled() {
      const waiting = stalled;
      stalled = [];
      waiting.forEach((resolve) => resolve());
    },

    contentCheck: () => contentCheck,
    setContentCheck(setting) {
      if (!CONTENT_CHECK_SETTINGS.includes(setting)) {
        throw new EmulatorError(`content check is ${CONTENT_CHECK_SETTINGS.join(', ')}, not ${String(setting)}`);
      }
      contentCheck = setting;
      changed();
    },

    https: ({ url, body }) => https(url, body),

    cloudFunction: (config) => createCloudFunction(server, config.permissions.openapi ?? []),

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
