// The task as the store keeps it: the task itself and an index kept by the same atomic change, so that what decides a
// sign-up and what the task page shows can be read without the member lists (docs/backend.md, "Stores").
// Members' facts are maps keyed by their ids (a field path reads one member), counts are numbers. Pure: the store
// primitive's types only, never loaded by the chat tool.
import type { CardShown } from 'chat-tool-kit';
import { cardInSync } from 'chat-tool-kit';
import type { Projection } from '../../kit/server/store/types';
import type { AudienceSummary } from './api';
import type { ListWindow } from './pages';
import { cardTargetOf } from './task';
import { TASK_FIELD_NAMES } from './task-fields';
import type { Member, Participant, Task } from './types';

/** Where a member stands in a task's lists. */
export type Standing = 'joined' | 'waiting';

/** Kept beside the task by every change of it (recordOf says what it is for a task). */
export interface TaskIndex {
  /** Member key (of the userId) → where they stand; absent: in neither list. */
  standing: Record<string, Standing>;
  /** The userIds with a standing, as a set (its order is not kept): what an index serves "my tasks" by. */
  members: string[];
  /** Member key (of the member id) of each chosen member; empty for everyone. */
  chosen: Record<string, true>;
  /** Member key (of the userId) → their note, for each member with one: the page reads its viewer's by one path. */
  notes: Record<string, string>;
  /** Member key (of the member id) of each member the card marks (card.shown.doneMemberIds). */
  marks: Record<string, true>;
  participantCount: number;
  waitlistCount: number;
  markCount: number;
  /** The chosen members' count (null: everyone). */
  audienceSize: number | null;
}

export type TaskRecord = Task & TaskIndex;

/**
 * A member id as a field name: the platforms' ids are letters, digits, '-' and '_', which stay as they are; anything else
 * is percent-encoded, so no id can name another path ('.') or an operator ('$').
 */
export const memberKey = (id: string): string => encodeURIComponent(id).replace(/\./g, '%2E');

const keyed = <V>(ids: readonly string[], value: (id: string) => V): Record<string, V> =>
  Object.fromEntries(ids.map((id) => [memberKey(id), value(id)]));

export function indexOf(task: Task): TaskIndex {
  const chosen = task.audience.kind === 'members' ? task.audience.memberIds : [];
  const done = task.card.shown.doneMemberIds;
  return {
    standing: {
      ...keyed(
        task.waitlist.map((p) => p.userId),
        (): Standing => 'waiting',
      ),
      ...keyed(
        task.participants.map((p) => p.userId),
        (): Standing => 'joined',
      ),
    },
    members: [...task.participants, ...task.waitlist].map((p) => p.userId),
    notes: Object.fromEntries(
      [...task.participants, ...task.waitlist].filter((p) => p.note).map((p) => [memberKey(p.userId), p.note!]),
    ),
    chosen: keyed(chosen, () => true as const),
    marks: keyed(done, () => true as const),
    participantCount: task.participants.length,
    waitlistCount: task.waitlist.length,
    markCount: done.length,
    audienceSize: task.audience.kind === 'members' ? chosen.length : null,
  };
}

export const recordOf = (task: Task): TaskRecord => ({ ...task, ...indexOf(task) });

/** What the card shows without the marks themselves: whether the viewer is marked and how many are is enough. */
export type CardShownHead = Omit<CardShown, 'doneMemberIds'>;

/** A task without its lists: the fields every rule decides on and the page shows, and the counts. */
export interface TaskHead extends Omit<Task, 'participants' | 'waitlist' | 'audience' | 'card'> {
  audience: AudienceSummary;
  card: Omit<Task['card'], 'shown'> & { shown: CardShownHead };
  counts: { joined: number; waitlisted: number; marked: number };
  /** Whether the card shows all it can of the task (kept by the store beside every change: cardDirty). */
  cardInSync: boolean;
}

/**
 * One member's facts in a task: where they stand and their note (by userId), chosen and marked (by member id;
 * false unknown).
 */
export interface MemberFacts {
  standing: Standing | null;
  /** '' for none. */
  note: string;
  chosen: boolean;
  marked: boolean;
}

/** What one read of a task shows a member: its head, their facts and the first items of each list. */
export interface TaskSight {
  head: TaskHead;
  facts: MemberFacts;
  participants: ListWindow<Participant>;
  waitlist: ListWindow<Participant>;
}

export function headOf(task: Task): TaskHead {
  const { participants, waitlist, audience, card, ...rest } = task;
  const { doneMemberIds, ...shown } = card.shown;
  return {
    ...rest,
    audience: audience.kind === 'members' ? { kind: 'members', count: audience.memberIds.length } : audience,
    card: { ...card, shown },
    counts: { joined: participants.length, waitlisted: waitlist.length, marked: doneMemberIds.length },
    cardInSync: cardInSync(card, cardTargetOf(task)),
  };
}

const windowOf = (list: readonly Participant[], count: number): ListWindow<Participant> => ({
  start: 0,
  items: list.slice(0, count),
  total: list.length,
});

/** Who asks: their user id and, when resolved, their member id. */
export type Asker = Pick<Member, 'userId'> & { memberId: string | null };

export function factsOf(task: Task, asker: Asker): MemberFacts {
  const { memberId } = asker;
  const entry = [...task.participants, ...task.waitlist].find((p) => p.userId === asker.userId);
  return {
    note: entry?.note ?? '',
    standing: task.participants.some((p) => p.userId === asker.userId)
      ? 'joined'
      : task.waitlist.some((p) => p.userId === asker.userId)
        ? 'waiting'
        : null,
    chosen: memberId !== null && task.audience.kind === 'members' && task.audience.memberIds.includes(memberId),
    marked: memberId !== null && task.card.shown.doneMemberIds.includes(memberId),
  };
}

/** A whole task as one member sees it, its lists cut to their first `page` items: what a store's read gives. */
export const sightOf = (task: Task, asker: Asker, page: number): TaskSight => ({
  head: headOf(task),
  facts: factsOf(task, asker),
  participants: windowOf(task.participants, page),
  waitlist: windowOf(task.waitlist, page),
});

// ---- Reading a sight from the store ----

/** The stored paths of a task's head: every field but the lists, the chosen ids and the marks. */
export const HEAD_FIELDS: readonly string[] = [
  '_id',
  'id',
  'room',
  'creator',
  'state',
  'createdAt',
  'updatedAt',
  'revision',
  ...TASK_FIELD_NAMES.filter((name) => name !== 'audience'),
  'audience.kind',
  'card.activityId',
  'card.expiresAt',
  'card.versionType',
  'card.shown.state',
  'card.shown.settled',
  'card.shown.endSent',
  'card.shown.version',
  'participantCount',
  'waitlistCount',
  'markCount',
  'audienceSize',
  'cardDirty',
];

/** The read of one member's sight: the head, their three facts, and `page` items of each list from the start. */
export function sightProjection(asker: Asker, page: number): Projection {
  const { memberId } = asker;
  return {
    fields: [
      ...HEAD_FIELDS,
      `standing.${memberKey(asker.userId)}`,
      `notes.${memberKey(asker.userId)}`,
      ...(memberId === null ? [] : [`chosen.${memberKey(memberId)}`, `marks.${memberKey(memberId)}`]),
    ],
    slices: { participants: { skip: 0, count: page }, waitlist: { skip: 0, count: page } },
  };
}

/** What sightProjection reads of a record. */
export type SightRead = Omit<
  TaskRecord,
  'audience' | 'card' | 'standing' | 'notes' | 'chosen' | 'marks' | 'members'
> & {
  audience: { kind: Task['audience']['kind'] };
  card: Omit<Task['card'], 'shown'> & { shown: CardShownHead };
  standing?: Record<string, Standing>;
  notes?: Record<string, string>;
  chosen?: Record<string, true>;
  marks?: Record<string, true>;
  /** The store's flag that the card lags (absent: it does not). */
  cardDirty?: boolean;
};

/** The sight sightProjection read (`page` as it was read with). */
export function sightOfRead(read: SightRead, asker: Asker): TaskSight {
  const {
    participants,
    waitlist,
    standing,
    notes,
    chosen,
    marks,
    participantCount,
    waitlistCount,
    markCount,
    audienceSize,
    audience,
    cardDirty,
    ...rest
  } = read;
  const { memberId } = asker;
  const has = (map: Record<string, true> | undefined) => memberId !== null && map?.[memberKey(memberId)] === true;
  const head: TaskHead = {
    ...withoutStoreFields(rest),
    audience: audience.kind === 'members' ? { kind: 'members', count: audienceSize ?? 0 } : { kind: 'everyone' },
    counts: { joined: participantCount, waitlisted: waitlistCount, marked: markCount },
    cardInSync: cardDirty !== true,
  };
  return {
    head,
    facts: {
      standing: standing?.[memberKey(asker.userId)] ?? null,
      note: notes?.[memberKey(asker.userId)] ?? '',
      chosen: has(chosen),
      marked: has(marks),
    },
    participants: { start: 0, items: participants, total: participantCount },
    waitlist: { start: 0, items: waitlist, total: waitlistCount },
  };
}

/** The head's own fields of what was read (the store's _id and the timer's bookkeeping are not the task's). */
function withoutStoreFields(read: object): Omit<TaskHead, 'audience' | 'counts' | 'cardInSync'> {
  const head = Object.fromEntries(Object.entries(read).filter(([key]) => HEAD_KEYS.has(key)));
  // HEAD_FIELDS names every field of a head, so what was read of them has the head's shape.
  return head as Omit<TaskHead, 'audience' | 'counts' | 'cardInSync'>;
}

const HEAD_KEYS = new Set(HEAD_FIELDS.filter((path) => !path.includes('.') && path !== '_id').concat(['card']));
