// A local stand-in for the WeChat platform, strict about the documented rules (chat-tool-api.md):
// the two template ids, target_state 1|2|3 with 3 final, participator state 1 only, group_openids only
// from the card's room, the participator list required with target_state 1, activity_id expiry after
// 24 hours, and cloudIDs valid 5 minutes for the user they were issued to. It records every call and can
// be told to fail or stall.
import { randomBytes } from 'node:crypto';
import type { CardShare } from '../packageChatTool/core/api';
import type { SetChatToolMsgBody } from '../packageChatTool/core/card';
import type { Activity } from '../packageChatTool/core/task';
import { titleProblem } from '../packageChatTool/core/title';
import type { ChatType, TaskKind } from '../packageChatTool/core/types';
import { CARD_TEMPLATE, isOneToOneChat } from '../packageChatTool/core/types';
import { cardRole, cardText } from '../packageChatTool/core/view';
import type { OpenDataResult, WeChatPlatform } from '../cloudfunctions/groupTask/src/ports';
import { CLOUD_ID_EXPIRED_ERRCODE, PlatformError } from '../cloudfunctions/groupTask/src/ports';
import type {
  EmulatedMember,
  EmulatedRoom,
  Fault,
  PlatformApi,
  PlatformCall,
  SharedCard,
  SystemMessage,
  WeChatEmulator,
} from './types';

export const ACTIVITY_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const CLOUD_ID_LIFETIME_MS = 5 * 60 * 1000;
/** WeChat's generic "argument invalid" code; the errmsg says which rule was broken. */
export const ERRCODE_INVALID = 47003;

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

interface ActivityRecord {
  expiresAt: number;
}

function templateKind(templateId: string): TaskKind | undefined {
  if (templateId === CARD_TEMPLATE.participate) return 'participate';
  if (templateId === CARD_TEMPLATE.complete) return 'complete';
  return undefined;
}

const token = (bytes: number) => randomBytes(bytes).toString('base64url');

/** chat_type 1 and 2 are one-to-one chats (WeChat, WeCom contact): an open_single_roomid and two members. */

export function createWeChatEmulator(now: () => number = Date.now): WeChatEmulator {
  const rooms = new Map<string, EmulatedRoom>();
  const members = new Map<string, EmulatedMember[]>();
  const cloudIds = new Map<string, IssuedCloudId>();
  const activities = new Map<string, ActivityRecord>();
  const cards = new Map<string, SharedCard>();
  const messages: SystemMessage[] = [];
  const calls: PlatformCall[] = [];
  const faults = new Map<PlatformApi, Fault>();
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

  const nicknameOf = (roomId: string, groupOpenid: string) =>
    members.get(roomId)?.find((m) => m.groupOpenid === groupOpenid)?.nickname ?? groupOpenid;

  function post(roomId: string, text: string, activityId: string | null): SystemMessage {
    const message = { roomId, at: now(), text, activityId };
    messages.push(message);
    return message;
  }

  /** Applies the fault set for `api`, records the call, and answers with `answer()` or a PlatformError. */
  async function serve<T>(api: PlatformApi, request: unknown, answer: () => T): Promise<T> {
    const fault = faults.get(api);
    if (fault !== undefined) {
      if (fault.times !== undefined) {
        if (fault.times <= 1) faults.delete(api);
        else faults.set(api, { ...fault, times: fault.times - 1 });
      }
      if (fault.mode === 'fail') {
        const errcode = fault.errcode ?? -1;
        calls.push({ api, at: now(), request, outcome: 'failed', errcode, errmsg: 'system error (injected)' });
        changed();
        throw new PlatformError(errcode, 'system error (injected)');
      }
      const call: PlatformCall = { api, at: now(), request, outcome: 'stalled', errcode: 0, errmsg: 'ok' };
      calls.push(call);
      changed();
      await new Promise<void>((resolve) => {
        stalled.push(resolve);
        if (fault.ms !== undefined) setTimeout(resolve, fault.ms).unref();
      });
      try {
        return answer();
      } catch (error) {
        if (error instanceof PlatformError) Object.assign(call, { errcode: error.errcode, errmsg: error.errmsg });
        throw error;
      } finally {
        changed();
      }
    }
    try {
      const result = answer();
      calls.push({ api, at: now(), request, outcome: 'ok', errcode: 0, errmsg: 'ok' });
      return result;
    } catch (error) {
      const refusal = error instanceof PlatformError ? error : new PlatformError(-1, String(error));
      calls.push({ api, at: now(), request, outcome: 'failed', errcode: refusal.errcode, errmsg: refusal.errmsg });
      throw refusal;
    } finally {
      changed();
    }
  }

  const invalid = (message: string) => new PlatformError(ERRCODE_INVALID, `argument invalid! ${message}`);

  function applyChatToolMsg(body: SetChatToolMsgBody): void {
    const activity = activities.get(body.activity_id);
    if (activity === undefined) throw invalid('invalid activity_id');
    if (now() >= activity.expiresAt) throw invalid('activity_id expired');
    const kind = templateKind(body.template_id);
    if (kind === undefined) throw invalid('template_id must be one of the two chat-tool templates');
    if (![1, 2, 3].includes(body.target_state)) throw invalid('target_state must be 1, 2 or 3');
    if (![0, 1, 2].includes(body.version_type)) throw invalid('version_type must be 0, 1 or 2');
    const card = cards.get(body.activity_id);
    if (card === undefined) throw invalid('the card of this activity_id has not been shared to a chat');
    if (card.templateId !== body.template_id) throw invalid('template_id differs from the shared card');
    if (card.state === 3) throw invalid('the activity has ended (target_state 3 is final)');
    const list = body.participator_info_list;
    if (body.target_state === 1 && (list === undefined || list.length === 0)) {
      throw invalid('participator_info_list is required when target_state is 1');
    }
    if (body.target_state !== 1 && list !== undefined) {
      throw invalid('participator_info_list is only taken with target_state 1');
    }
    const roomMembers = members.get(card.roomId) ?? [];
    for (const participator of list ?? []) {
      if (participator.state !== 1) throw invalid('participator state can only be set to 1');
      if (!roomMembers.some((m) => m.groupOpenid === participator.group_openid)) {
        throw invalid(`group_openid ${participator.group_openid} is not in the card's chat`);
      }
    }
    const publisher = nicknameOf(card.roomId, card.publisherGroupOpenid);
    const verb = kind === 'complete' ? '已完成' : '已参与';
    for (const participator of list ?? []) {
      if (card.done.includes(participator.group_openid)) continue;
      card.done.push(participator.group_openid);
      post(
        card.roomId,
        `${nicknameOf(card.roomId, participator.group_openid)} ${verb} ${publisher} 发布的 ${card.title}`,
        card.activityId,
      );
    }
    card.state = body.target_state;
    if (body.target_state === 3) post(card.roomId, `${publisher} 发布的 ${card.title} 已结束`, card.activityId);
  }

  const platform: WeChatPlatform = {
    createActivityId: () =>
      serve('createActivityId', {}, (): Activity => {
        counter += 1;
        // Shaped like real ids ("1333_+arjBu4o…"), with characters that need URL encoding.
        const activityId = `${1000 + counter}_${randomBytes(24).toString('base64')}`;
        const expiresAt = now() + ACTIVITY_LIFETIME_MS;
        activities.set(activityId, { expiresAt });
        return { activityId, expiresAt };
      }),
    setChatToolMsg: (body) => serve('setChatToolMsg', body, () => applyChatToolMsg(body)),
    resolveOpenData: (cloudID, openid) =>
      serve('getOpenData', { list: [cloudID] }, (): OpenDataResult => {
        const issued = cloudIds.get(cloudID);
        if (issued === undefined) return { ok: false, code: 'CLOUD_ID_INVALID', message: 'unknown cloudID' };
        if (now() - issued.issuedAt >= CLOUD_ID_LIFETIME_MS) {
          return { ok: false, code: 'CLOUD_ID_EXPIRED', message: `cloudID expired (${CLOUD_ID_EXPIRED_ERRCODE})` };
        }
        if (issued.openid !== openid) {
          return { ok: false, code: 'CLOUD_ID_FOREIGN', message: 'the cloudID was issued to another user' };
        }
        const room = roomOf(issued.roomId);
        const member = memberOf(issued.roomId, openid);
        return {
          ok: true,
          data: {
            ...(isOneToOneChat(room.chatType) ? { open_single_roomid: room.id } : { opengid: room.id }),
            group_openid: member.groupOpenid,
            chat_type: room.chatType,
          },
        };
      }),
  };

  return {
    platform,

    createRoom(options = {}) {
      counter += 1;
      const chatType: ChatType = options.chatType ?? 3;
      const prefix = isOneToOneChat(chatType) ? 'sR' : 'tG';
      const room: EmulatedRoom = {
        id: options.id ?? `${prefix}${counter}${token(9)}`,
        chatType,
        name: options.name ?? `Chat ${counter}`,
      };
      if (rooms.has(room.id)) throw new EmulatorError(`room ${room.id} exists`);
      rooms.set(room.id, room);
      members.set(room.id, []);
      changed();
      return room;
    },

    addMember(roomId, options = {}) {
      const room = roomOf(roomId);
      const list = members.get(room.id) ?? [];
      counter += 1;
      const openid = options.openid ?? `oEmu${counter}${token(12)}`;
      if (list.some((m) => m.openid === openid)) throw new EmulatorError(`${openid} is already in ${roomId}`);
      if (isOneToOneChat(room.chatType) && list.length >= 2) {
        throw new EmulatorError('a one-to-one chat has two members');
      }
      const member: EmulatedMember = {
        openid,
        groupOpenid: `g${counter}${token(12)}`,
        roomId: room.id,
        nickname: options.nickname ?? `Member ${counter}`,
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
      counter += 1;
      const cloudID = `${counter}_${token(18)}`;
      cloudIds.set(cloudID, { openid, roomId, issuedAt: now() });
      return cloudID;
    },

    shareCard(publisher, share: CardShare) {
      const sharer = memberOf(publisher.roomId, publisher.openid);
      const activity = activities.get(share.activityId);
      if (activity === undefined) throw new EmulatorError('updateShareMenu: unknown activityId');
      if (now() >= activity.expiresAt) throw new EmulatorError('updateShareMenu: the activityId expired (24 h)');
      const kind = templateKind(share.templateId);
      if (kind === undefined)
        throw new EmulatorError('updateShareMenu: templateInfo.templateId is not a chat-tool template');
      if (share.title.length === 0) throw new EmulatorError('shareAppMessageToGroup: title is required');
      if (!share.path.startsWith('/')) throw new EmulatorError('shareAppMessageToGroup: path must start with /');
      const roomMembers = members.get(publisher.roomId) ?? [];
      if (share.chooseType === 1) {
        if (share.participant.length === 0) throw new EmulatorError('updateShareMenu: chooseType 1 needs participant');
        for (const id of share.participant) {
          if (!roomMembers.some((m) => m.groupOpenid === id)) {
            throw new EmulatorError(`updateShareMenu: participant ${id} is not in this chat`);
          }
        }
      }
      const existing = cards.get(share.activityId);
      if (existing !== undefined) {
        if (existing.roomId !== publisher.roomId) throw new EmulatorError('this card belongs to another chat');
        return existing;
      }
      const card: SharedCard = {
        activityId: share.activityId,
        roomId: publisher.roomId,
        publisherOpenid: sharer.openid,
        publisherGroupOpenid: sharer.groupOpenid,
        templateId: CARD_TEMPLATE[kind],
        kind,
        chooseType: share.chooseType,
        participant: share.chooseType === 1 ? [...share.participant] : [],
        title: share.title,
        path: share.path,
        state: 1,
        done: [],
        sharedAt: now(),
      };
      cards.set(card.activityId, card);
      changed();
      return card;
    },

    remind(sender, reminder) {
      memberOf(sender.roomId, sender.openid);
      const problem = titleProblem(reminder.title);
      if (problem !== null) throw new EmulatorError(`notifyGroupMembers: title refused (${problem})`);
      if (reminder.members.length === 0) throw new EmulatorError('notifyGroupMembers: members is required');
      const names = reminder.members.map((id) => {
        if (!(members.get(sender.roomId) ?? []).some((m) => m.groupOpenid === id)) {
          throw new EmulatorError(`notifyGroupMembers: ${id} is not in this chat`);
        }
        return `@${nicknameOf(sender.roomId, id)}`;
      });
      const verb = reminder.type === 'participate' ? '请参与' : '请完成';
      const message = post(sender.roomId, `${names.join(' ')} ${verb}：${reminder.title}`, null);
      changed();
      return message;
    },

    cards: (roomId) => [...cards.values()].filter((card) => roomId === undefined || card.roomId === roomId),
    card: (activityId) => cards.get(activityId),

    cardText(activityId, viewer) {
      const card = cards.get(activityId);
      if (card === undefined) throw new EmulatorError(`no card ${activityId}`);
      if (card.roomId !== viewer.roomId) throw new EmulatorError('the viewer is not in the card’s chat');
      const member = memberOf(viewer.roomId, viewer.openid);
      const role = cardRole(card, member.groupOpenid);
      return cardText(card.kind, card.state, role, card.done.includes(member.groupOpenid), card.done.length);
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

    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
