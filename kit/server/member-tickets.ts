// Member tickets: the function's signature over one binding (room, memberId, userId), handed to the client with
// an answer and presented with its next calls. A binding never changes once written (member-bindings.ts), so a
// ticket that verifies proves what the binding's read would say, and an instance that has not seen the member
// skips that read (docs/backend.md, "Identity model"). The userId in the signature is the caller's from the
// function's context and the room and memberId are resolved from the call's own chatProof, so a ticket copied to
// another user, room or memberId does not verify and the binding is read as before. Without a key the tickets
// are off and every unseen member costs the read.
import { AsyncLocalStorage } from 'node:async_hooks';
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Member } from '../core/chat';
import type { Log } from './ports';

/** The function's environment variable holding the key (set in the console, like WECHAT_APPSECRET). */
export const TICKET_KEY_VARIABLE = 'MEMBER_TICKET_KEY';

/** A shorter key is refused: 32 characters of a random string carry well over the 128 bits an HMAC key needs. */
export const TICKET_KEY_MIN_LENGTH = 32;

export interface MemberTickets {
  /** The ticket of `member` in room `roomId`: the same every time for the same key. */
  sign(roomId: string, member: Member): string;
}

export function memberTickets(key: string): MemberTickets {
  return {
    sign: (roomId, { memberId, userId }) =>
      // Each part is an id WeChat issues ([A-Za-z0-9_-]), so a newline cannot occur inside one.
      createHmac('sha256', key).update(`member ticket v1\n${roomId}\n${memberId}\n${userId}`).digest('base64url'),
  };
}

/** The tickets of the key in `env`; null (tickets off) when it is unset, or too short, which is logged. */
export function ticketsFrom(env: Record<string, string | undefined>, log: Log): MemberTickets | null {
  const key = env[TICKET_KEY_VARIABLE]?.trim() ?? '';
  if (key === '') return null;
  if (key.length < TICKET_KEY_MIN_LENGTH) {
    log(`${TICKET_KEY_VARIABLE} is shorter than ${TICKET_KEY_MIN_LENGTH} characters: member tickets are off`);
    return null;
  }
  return memberTickets(key);
}

/** Whether `presented` is `ticket`, compared in constant time. */
export function sameTicket(presented: unknown, ticket: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(ticket);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** One call's tickets: the one its client presented, and the one its answer hands back. */
export interface TicketExchange {
  readonly presented: unknown;
  issued: string | null;
}

// One function instance may serve calls concurrently (the local runner does): each call's exchange is its own.
const exchanges = new AsyncLocalStorage<TicketExchange>();

/** Runs one call with the ticket its client presented; what it resolves to, and the ticket its answer carries. */
export async function exchangeTickets<T>(
  presented: unknown,
  run: () => Promise<T>,
): Promise<{ result: T; issued: string | null }> {
  const exchange: TicketExchange = { presented, issued: null };
  const result = await exchanges.run(exchange, run);
  return { result, issued: exchange.issued };
}

/** The exchange of the call running now; undefined outside one (e.g. a timer run). */
export const currentExchange = (): TicketExchange | undefined => exchanges.getStore();
