// Who presented which member id (on WeChat, a group_openid) in which room, on the store primitive: one document
// per room and member id (_id `${roomId}:${memberId}`), written once by the first userId that presented it. It is what
// stops a chatProof replayed by another user (docs/platform.md, "Replayed cloudID") and the only member list an
// "everyone" reminder can name.
import type { Member } from '../core/chat';
import type { MemberBindings } from './ports';
import type { DocumentStore, Index } from './store/types';

export const MEMBERS_COLLECTION = 'chat_members';

/** The bindings' one query beside `_id`: a room's members, newest first ("everyone" reminders). */
export const MEMBER_INDEXES: Index[] = [
  {
    name: 'room_bound',
    fields: [
      { path: 'roomId', order: 'asc' },
      { path: 'boundAt', order: 'desc' },
    ],
  },
];

export interface MemberDocument {
  _id: string;
  roomId: string;
  memberId: string;
  userId: string;
  /** When it was first presented: reminders list the newest first. */
  boundAt: number;
}

/**
 * Reads after an 'exists' that found nothing: a store that answered 'exists' holds the document, so another read
 * finds it unless the store is inconsistent, which is then reported rather than guessed.
 */
const OWNER_READS = 3;

/**
 * Bindings an instance remembers at most (about 100 bytes each). A binding is never changed once written (the first
 * presenter keeps it) and never removed, so a remembered owner stays true for the instance's life: only bindings
 * found or written are remembered, never an absence, which a first presentation elsewhere could end at any time.
 */
export const BINDINGS_REMEMBERED = 10_000;

export function memberBindings(
  documents: DocumentStore,
  collection = MEMBERS_COLLECTION,
  remembered = BINDINGS_REMEMBERED,
): MemberBindings {
  const members = documents.collection<MemberDocument>(collection, { indexes: MEMBER_INDEXES });
  // Insertion-ordered: the oldest entry goes first when the instance holds as many as it may.
  const owners = new Map<string, string>();
  const remember = (id: string, userId: string): string => {
    if (owners.size >= remembered) owners.delete(owners.keys().next().value ?? id);
    if (remembered > 0) owners.set(id, userId);
    return userId;
  };

  async function ownerOf(_id: string, roomId: string, member: Member, now: number): Promise<string> {
    // Every call presents its member id, and nearly always it is bound already: one read.
    const bound = await members.get(_id);
    if (bound !== null) return bound.userId;
    const { userId, memberId } = member;
    // The store refuses a second document with this _id: of simultaneous first presentations one is inserted,
    // the others read who won.
    if ((await members.insert({ _id, roomId, memberId, userId, boundAt: now })) === 'inserted') return userId;
    for (let read = 0; read < OWNER_READS; read += 1) {
      const owner = await members.get(_id);
      if (owner !== null) return owner.userId;
    }
    throw new Error(`the binding ${_id} exists but cannot be read`);
  }

  return {
    async bindMember(roomId, member, now) {
      const _id = `${roomId}:${member.memberId}`;
      // Seen by this instance: no request at all (the page's getTask came first, so a sign-up usually is).
      return owners.get(_id) ?? remember(_id, await ownerOf(_id, roomId, member, now));
    },
    async roomMembers(roomId, limit) {
      const docs = await members.find({ where: { roomId }, orderBy: { path: 'boundAt', order: 'desc' }, limit });
      return docs.map((doc): Member => ({ userId: doc.userId, memberId: doc.memberId }));
    },
  };
}
