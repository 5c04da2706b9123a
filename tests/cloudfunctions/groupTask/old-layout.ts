// Stored documents as a deployment from before the neutral names holds them (as the previous version's task store
// wrote them), and the same documents as the upgrade must answer them: the renamed fields written out in each layout
// rather than derived, so that a mistake in the upgrade cannot cancel itself out in a test.
import type { StoredFields } from '../../../kit/server/neutral-names';
import { HOUR, NOW } from './store-contract';

export const ROOM = 'room-upgrade';

/** The fields the rename leaves as they are: the same in both layouts. */
function unchanged(id: string): StoredFields {
  return {
    _id: id,
    id,
    title: '周六爬山',
    description: '',
    kind: 'participate',
    capacity: 1,
    deadline: NOW + 5 * HOUR,
    room: { id: ROOM, chatType: 3 },
    state: 'open',
    createdAt: NOW,
    updatedAt: NOW + 2,
    revision: 3,
    standing: { o1: 'joined', o2: 'waiting' },
    members: ['o1', 'o2'],
    notes: { o1: 'hi' },
    chosen: { g1: true, g2: true, g3: true },
    marks: { g1: true },
    participantCount: 1,
    waitlistCount: 1,
    markCount: 1,
    audienceSize: 3,
    cardDirty: false,
    sweptAt: 0,
    timerDueAt: NOW + 4 * HOUR,
  };
}

/** The card record but for its marks, which the rename renames. */
const card = (id: string) => ({ activityId: `a-${id}`, expiresAt: NOW + 24 * HOUR, versionType: 0 });
const shown = { state: 1, settled: true, endSent: false, version: 2 };

/**
 * A task for chosen members g1–g3 with one place: o1 (g1) holds it with a note and the card marks them, o2 (g2)
 * waits. Its index (standing, members, notes, chosen, marks, counts) as the store kept it: keyed by the ids' values.
 */
export function oldTask(id: string): StoredFields {
  return {
    ...unchanged(id),
    audience: { kind: 'members', groupOpenids: ['g1', 'g2', 'g3'] },
    creator: { openid: 'o0', groupOpenid: 'g0' },
    participants: [{ openid: 'o1', groupOpenid: 'g1', at: NOW + 1, note: 'hi' }],
    waitlist: [{ openid: 'o2', groupOpenid: 'g2', at: NOW + 2 }],
    card: { ...card(id), shown: { ...shown, doneGroupOpenids: ['g1'] } },
  };
}

/** oldTask(id) in the new names: the same values, every other field as it was. */
export function newTask(id: string): StoredFields {
  return {
    ...unchanged(id),
    audience: { kind: 'members', memberIds: ['g1', 'g2', 'g3'] },
    creator: { userId: 'o0', memberId: 'g0' },
    participants: [{ userId: 'o1', memberId: 'g1', at: NOW + 1, note: 'hi' }],
    waitlist: [{ userId: 'o2', memberId: 'g2', at: NOW + 2 }],
    card: { ...card(id), shown: { ...shown, doneMemberIds: ['g1'] } },
  };
}

/** The member binding of `userId` as `memberId` in ROOM, in the old names and in the new. */
export const oldBinding = (userId: string, memberId: string): StoredFields => ({
  _id: `${ROOM}:${memberId}`,
  roomId: ROOM,
  groupOpenid: memberId,
  openid: userId,
  boundAt: NOW,
});

export const newBinding = (userId: string, memberId: string): StoredFields => ({
  _id: `${ROOM}:${memberId}`,
  roomId: ROOM,
  memberId,
  userId,
  boundAt: NOW,
});
