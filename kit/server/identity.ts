// Identity, derived on the server only: the caller's userId from the function's context, and the room and member id
// the platform resolves from the chat proof the client sent (ChatPlatform.resolveChat; on WeChat, the cloudID of
// wx.getChatToolInfo). Nothing a client sends as data names a room or a member (core/action-table.ts IDENTITY_FIELDS).
import type { Member, Room } from '../core/chat';
import type { ApiResult, KitErrorCode } from '../core/result';
import { fail, ok } from '../core/result';
import type { MemberTickets } from './member-tickets';
import { currentExchange, sameTicket } from './member-tickets';
import type { ChatPlatform, ChatResolution, Clock, Log, MemberBindings } from './ports';

/** The caller of an action, in the room their chat proof names. */
export interface Caller {
  room: Room;
  member: Member;
}

/** The chat a chat proof names, and the caller in it when the proof carries their member id. */
export interface ChatOfProof {
  room: Room;
  member: Member | null;
}

export interface IdentityDeps {
  platform: Pick<ChatPlatform, 'resolveChat'>;
  bindings: Pick<MemberBindings, 'bindMember'>;
  clock: Clock;
  log: Log;
  /** Member tickets (member-tickets.ts); without them every member an instance has not seen costs a read. */
  tickets?: MemberTickets | null;
}

export interface Identity {
  /**
   * The chat a chat proof names, and the caller in it when it carries a member id: bound to them on first sight,
   * CHAT_PROOF_FOREIGN when another userId presented it first. A proof may name the chat only (on WeChat, the
   * cloudID of getGroupEnterInfo).
   */
  chatOf(chatProof: string, userId: string): Promise<ApiResult<ChatOfProof, KitErrorCode>>;
  /** The caller in their room: chatOf, requiring a member id (on WeChat, the cloudID of wx.getChatToolInfo). */
  caller(chatProof: string, userId: string): Promise<ApiResult<Caller, KitErrorCode>>;
}

export function createIdentity({ platform, bindings, clock, log, tickets = null }: IdentityDeps): Identity {
  async function chatOf(chatProof: string, userId: string): Promise<ApiResult<ChatOfProof, KitErrorCode>> {
    let resolved: ChatResolution;
    try {
      resolved = await platform.resolveChat(chatProof, userId);
    } catch (error) {
      log('resolving the chat proof failed', error);
      return fail('PLATFORM_FAILED', 'the platform could not resolve the chat proof; try again');
    }
    if (!resolved.ok) return fail(resolved.code, resolved.message);
    const { room, memberId } = resolved;
    if (memberId === null) return ok({ room, member: null });
    const member = { userId, memberId };
    const exchange = currentExchange();
    const ticket = tickets?.sign(room.id, member) ?? null;
    // A ticket this key signed for this very caller, room and member id: the binding holds, no read needed.
    if (ticket !== null && exchange !== undefined && sameTicket(exchange.presented, ticket))
      return ok({ room, member });
    // No platform is relied on to refuse a chat proof replayed by another user (WeChat is not documented to:
    // docs/platform.md, "Replayed cloudID"): the binding decides.
    const owner = await bindings.bindMember(room.id, member, clock.now());
    if (owner !== userId) {
      log('refused a member id bound to another user (a replayed chat proof?)', { room: room.id, userId });
      return fail('CHAT_PROOF_FOREIGN', 'this chat identity belongs to another user');
    }
    if (ticket !== null && exchange !== undefined) exchange.issued = ticket;
    return ok({ room, member });
  }

  return {
    chatOf,
    async caller(chatProof, userId) {
      const chat = await chatOf(chatProof, userId);
      if (!chat.ok) return chat;
      const { room, member } = chat.data;
      if (member === null)
        return fail(
          'CHAT_PROOF_INVALID',
          'the chat proof names no member (on WeChat, read it with wx.getChatToolInfo)',
        );
      return ok({ room, member });
    },
  };
}
