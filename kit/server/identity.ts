// Identity, derived on the server only: the caller's openid from the function's context, and the room and
// group_openid WeChat resolves from the cloudID string the client read with wx.getChatToolInfo. Nothing a client
// sends as data names a room or a member (core/action-table.ts IDENTITY_FIELDS).
import type { ChatType, Member, Room } from '../core/chat';
import { CHAT_TYPES, isOneToOneChat } from '../core/chat';
import type { ApiResult, KitErrorCode } from '../core/result';
import { fail, ok } from '../core/result';
import type { MemberTickets } from './member-tickets';
import { currentExchange, sameTicket } from './member-tickets';
import type { Clock, Log, MemberBindings, OpenData, OpenDataResult, WeChatPlatform } from './ports';

/** The caller of an action, in the room their cloudID names. */
export interface Caller {
  room: Room;
  member: Member;
}

/** The chat a cloudID names, and the caller in it when the cloudID carries their group_openid. */
export interface ChatOfProof {
  room: Room;
  member: Member | null;
}

export interface IdentityDeps {
  wechat: Pick<WeChatPlatform, 'resolveOpenData'>;
  bindings: Pick<MemberBindings, 'bindMember'>;
  clock: Clock;
  log: Log;
  /** Member tickets (member-tickets.ts); without them every member an instance has not seen costs a read. */
  tickets?: MemberTickets | null;
}

export interface Identity {
  /**
   * The chat a cloudID names, and the caller in it when it carries a group_openid: bound to them on first sight,
   * CHAT_PROOF_FOREIGN when another openid presented it first. getGroupEnterInfo's cloudID may carry none.
   */
  chatOf(cloudID: string, openid: string): Promise<ApiResult<ChatOfProof, KitErrorCode>>;
  /** The caller in their room: chatOf, requiring a group_openid (the cloudID of wx.getChatToolInfo). */
  caller(cloudID: string, openid: string): Promise<ApiResult<Caller, KitErrorCode>>;
}

/** The chat open data describe, and the group_openid in them when they carry one. */
function chatOfOpenData(data: OpenData): ApiResult<{ room: Room; groupOpenid: string | null }, KitErrorCode> {
  const chatType: ChatType | undefined = CHAT_TYPES.find((type) => type === data.chat_type);
  const id = chatType !== undefined && isOneToOneChat(chatType) ? data.open_single_roomid : data.opengid;
  if (chatType === undefined || typeof id !== 'string' || id === '') {
    return fail('CHAT_PROOF_INVALID', 'the cloudID does not describe a chat (use wx.getChatToolInfo)');
  }
  const groupOpenid = typeof data.group_openid === 'string' && data.group_openid !== '' ? data.group_openid : null;
  return ok({ room: { id, chatType }, groupOpenid });
}

export function createIdentity({ wechat, bindings, clock, log, tickets = null }: IdentityDeps): Identity {
  async function chatOf(cloudID: string, openid: string): Promise<ApiResult<ChatOfProof, KitErrorCode>> {
    let resolved: OpenDataResult;
    try {
      resolved = await wechat.resolveOpenData(cloudID, openid);
    } catch (error) {
      log('getOpenData failed', error);
      return fail('PLATFORM_FAILED', 'WeChat could not resolve the cloudID; try again');
    }
    if (!resolved.ok) return fail(resolved.code, resolved.message);
    const chat = chatOfOpenData(resolved.data);
    if (!chat.ok) return chat;
    const { room, groupOpenid } = chat.data;
    if (groupOpenid === null) return ok({ room, member: null });
    const member = { userId: openid, memberId: groupOpenid };
    const exchange = currentExchange();
    const ticket = tickets?.sign(room.id, member) ?? null;
    // A ticket this key signed for this very caller, room and group_openid: the binding holds, no read needed.
    if (ticket !== null && exchange !== undefined && sameTicket(exchange.presented, ticket))
      return ok({ room, member });
    // WeChat is not documented to refuse a cloudID replayed by another user: the binding decides
    // (docs/platform.md, "Replayed cloudID").
    const owner = await bindings.bindMember(room.id, member, clock.now());
    if (owner !== openid) {
      log('refused a group_openid bound to another openid (a replayed cloudID?)', { room: room.id, openid });
      return fail('CHAT_PROOF_FOREIGN', 'this chat identity belongs to another user');
    }
    if (ticket !== null && exchange !== undefined) exchange.issued = ticket;
    return ok({ room, member });
  }

  return {
    chatOf,
    async caller(cloudID, openid) {
      const chat = await chatOf(cloudID, openid);
      if (!chat.ok) return chat;
      const { room, member } = chat.data;
      if (member === null)
        return fail('CHAT_PROOF_INVALID', 'the cloudID carries no group_openid (use wx.getChatToolInfo)');
      return ok({ room, member });
    },
  };
}
