// The task's hot changes as data, for the kit's store primitive (kit/server/store, Collection.change): each is the
// decision of one rule in task.ts, stated as the change it makes and the premises it rested on, so a store commits
// it atomically while they hold, whatever else changed meanwhile. A burst of sign-ups, which only ever append,
// then never makes a leave, a closing soon or an end lose its race. Pure: the primitive's types only, never loaded
// by the chat tool.
import type { CardSync } from 'chat-tool-kit';
import { cardAfter, marksOnly } from 'chat-tool-kit';
import type { Change, Premise } from '../../kit/server/store/types';
import type { ApiResult } from './api';
import { WAITLIST_MAX } from './limits';
import { fail, ok } from './result';
import type { JoinOutcome } from './task';
import {
  endTask,
  entryOf,
  joinOutcome,
  leaveOutcome,
  markClosingSoon,
  noteOutcome,
  TARGET_STATE,
  tickTask,
} from './task';
import type { Standing, TaskHead, TaskSight } from './task-record';
import { indexOf, memberKey } from './task-record';
import type { ListWindow } from './pages';
import type { Member, Participant, Task } from './types';

/** A rule's decision as data: applied to the task it was computed from, `change` gives `task`. */
export interface TaskChange {
  change: Change;
  premises: Premise[];
  task: Task;
}

/** A sign-up's decision as data, on the task's record (core/task-record.ts), from what one read of it showed. */
export interface SignUpChange {
  change: Change;
  premises: Premise[];
  /** True when the card now lags: a member it may not mark yet took a place on a collecting card. */
  cardLags: boolean;
}

/** What every sign-up and leave rests on: the task still takes them, and its deadline is the one checked. */
const takingPart = (head: Pick<TaskHead, 'deadline'>): Premise[] => [
  { path: 'state', oneOf: ['open', 'closingSoon'] },
  { path: 'deadline', equals: head.deadline },
];

/** Every change of a task moves its clock and revision, as task.ts `changed` does. */
const touched = (now: number, change: Change): Change => ({
  ...change,
  set: { ...change.set, updatedAt: now },
  increment: { ...change.increment, revision: 1 },
});

const standingOf = (userId: string) => `standing.${memberKey(userId)}`;
/** The index's note of a member (task-record.ts `notes`), kept only while it is not empty. */
const noteOf = (userId: string, note: string) => ({ [`notes.${memberKey(userId)}`]: note === '' ? undefined : note });

/**
 * joinOutcome as a change: the entry appended to the places while one is free, else to a waitlist with room. It
 * rests on the member's standing and the counts, never on the lists, so a burst of sign-ups commits without
 * conflict while there is room.
 */
export function joinChange(
  sight: TaskSight,
  member: Member,
  now: number,
  note = '',
): ApiResult<SignUpChange & { outcome: JoinOutcome; entry: Participant }> {
  const decided = joinOutcome(sight, member, now);
  if (!decided.ok) return decided;
  const { head, facts } = sight;
  const outcome = decided.data;
  const entry = entryOf(member, now, note);
  const joined = outcome === 'joined';
  const premises: Premise[] = [...takingPart(head), { path: standingOf(member.userId), equals: null }];
  if (head.capacity !== null) {
    premises.push(
      ...(joined
        ? [{ path: 'participantCount', below: head.capacity }]
        : [
            { path: 'participantCount', atLeast: head.capacity },
            { path: 'waitlistCount', below: WAITLIST_MAX },
          ]),
    );
  }
  const standing: Standing = joined ? 'joined' : 'waiting';
  const change = touched(now, {
    append: { [joined ? 'participants' : 'waitlist']: entry },
    addToSet: { members: [member.userId] },
    set: { [standingOf(member.userId)]: standing, ...(note === '' ? {} : noteOf(member.userId, note)) },
    increment: { [joined ? 'participantCount' : 'waitlistCount']: 1 },
  });
  // Only a collecting card marks members (kit/core/card.ts): a member joining later is shown by the card's state.
  return ok({ change, premises, outcome, entry, cardLags: joined && !facts.marked && head.state === 'open' });
}

/**
 * leaveOutcome as a change. From the waitlist or from a place nobody waits for, that entry goes. While anyone waits,
 * the first waiting member (the read's first waitlist item) takes the leaver's place where it is, resting on both
 * standings and on that member still heading the waitlist: nothing of the lists is read beyond that one item.
 */
export function leaveChange(
  sight: TaskSight,
  userId: string,
  now: number,
): ApiResult<SignUpChange & { promoted: Participant | null }> {
  const decided = leaveOutcome(sight, now);
  if (!decided.ok) return decided;
  const { head } = sight;
  const byUserId = (value: string) => ({ key: 'userId', value });
  const gone = { [standingOf(userId)]: undefined, ...noteOf(userId, '') };
  if (decided.data === 'fromWaitlist') {
    return ok({
      change: touched(now, {
        remove: { waitlist: byUserId(userId) },
        removeFromSet: { members: [userId] },
        set: gone,
        increment: { waitlistCount: -1 },
      }),
      // The entry itself, not only the standing: an entry the remove would miss leaves nothing half-written.
      premises: [
        ...takingPart(head),
        { path: standingOf(userId), equals: 'waiting' },
        { list: 'waitlist', has: byUserId(userId) },
      ],
      promoted: null,
      cardLags: false,
    });
  }
  if (decided.data === 'freed') {
    return ok({
      change: touched(now, {
        remove: { participants: byUserId(userId) },
        removeFromSet: { members: [userId] },
        set: gone,
        increment: { participantCount: -1 },
      }),
      premises: [
        ...takingPart(head),
        { path: standingOf(userId), equals: 'joined' },
        { list: 'participants', has: byUserId(userId) },
        { path: 'waitlistCount', equals: 0 },
      ],
      promoted: null,
      cardLags: false,
    });
  }
  const first = sight.waitlist.items[0];
  if (first === undefined) return fail('BUSY', 'the waitlist changed while it was read; try again');
  const promoted: Participant = { ...first, at: now };
  return ok({
    change: touched(now, {
      replace: { participants: { ...byUserId(userId), item: promoted } },
      remove: { waitlist: byUserId(first.userId) },
      removeFromSet: { members: [userId] },
      set: { ...gone, [standingOf(first.userId)]: 'joined' },
      increment: { waitlistCount: -1 },
    }),
    premises: [
      ...takingPart(head),
      { path: standingOf(userId), equals: 'joined' },
      { path: standingOf(first.userId), equals: 'waiting' },
      { list: 'waitlist', firstHas: byUserId(first.userId) },
      // The promoted entry is the one read: a note its member changed meanwhile is read again, never lost.
      { list: 'waitlist', firstHas: { key: 'note', value: first.note ?? null } },
    ],
    promoted,
    cardLags: head.state === 'open',
  });
}

/**
 * noteOutcome as a change: the member's entry, found by userId in the list they stand in, carries `note` in place
 * (the store's amend: no list is read). It rests on their standing and on the task taking sign-ups, never on the
 * lists or counts, so sign-ups landing meanwhile commit beside it and it beside them.
 */
export function noteChange(
  sight: TaskSight,
  userId: string,
  note: string,
  now: number,
): ApiResult<SignUpChange & { list: 'participants' | 'waitlist' }> {
  const decided = noteOutcome(sight, now);
  if (!decided.ok) return decided;
  const list = decided.data;
  return ok({
    change: touched(now, {
      amend: { [list]: { key: 'userId', value: userId, fields: { note } } },
      set: noteOf(userId, note),
    }),
    premises: [
      ...takingPart(sight.head),
      { path: standingOf(userId), equals: list === 'participants' ? 'joined' : 'waiting' },
    ],
    list,
    cardLags: false,
  });
}

/**
 * A rule that changes only the state decides on the state alone, so it rests on the state, not on the revision:
 * sign-ups landing meanwhile cannot make it lose its race. Ending rests on the task not having ended.
 */
function stateChange(task: Task, next: Task): TaskChange {
  const premise: Premise =
    next.state === 'ended' ? { path: 'state', oneOf: ['open', 'closingSoon'] } : { path: 'state', equals: task.state };
  return { change: touched(next.updatedAt, { set: { state: next.state } }), premises: [premise], task: next };
}

export function closingSoonChange(task: Task, userId: string, now: number): ApiResult<TaskChange> {
  const decided = markClosingSoon(task, userId, now);
  return decided.ok ? ok(stateChange(task, decided.data)) : decided;
}

export function endChange(task: Task, userId: string, now: number): ApiResult<TaskChange> {
  const decided = endTask(task, userId, now);
  return decided.ok ? ok(stateChange(task, decided.data)) : decided;
}

/** The timer's deadline rule as a change; null when it has nothing to do. */
export function tickChange(task: Task, now: number): TaskChange | null {
  const next = tickTask(task, now);
  return next === null ? null : stateChange(task, next);
}

const markOf = (memberId: string) => `marks.${memberKey(memberId)}`;

/** Marks added to the record as a set, each counted once: each rests on its member not being marked yet. */
function marksAdded(memberIds: readonly string[]): { change: Change; premises: Premise[] } {
  return {
    change: {
      addToSet: { 'card.shown.doneMemberIds': [...memberIds] },
      set: Object.fromEntries(memberIds.map((id) => [markOf(id), true])),
      increment: { markCount: memberIds.length, 'card.shown.version': 1 },
    },
    premises: memberIds.map((id): Premise => ({ path: markOf(id), equals: null })),
  };
}

/**
 * What a card sync learned, recorded beside the task (kit cardAfter) with the record's marks index; null when there
 * is nothing to record. While the task collects and the sync only marked members, the record only gains marks: added
 * as a set, so the syncs of a burst of sign-ups never conflict. Otherwise the whole record is replaced, resting on
 * the record and the task state it was computed from. Refused with WRONG_STATE when the card was renewed meanwhile.
 */
export function cardRecordChange(task: Task, activityId: string, sync: CardSync): ApiResult<TaskChange | null> {
  if (task.card.activityId !== activityId) return fail('WRONG_STATE', 'the card was renewed meanwhile');
  if (sync.answers.length === 0) return ok(null);
  const shown = cardAfter(task.card.shown, TARGET_STATE[task.state], sync);
  const next: Task = { ...task, card: { ...task.card, shown } };
  const onCard: Premise = { path: 'card.activityId', equals: activityId };
  const marked = marksOnly(sync);
  if (task.state === 'open' && marked !== null) {
    const added = marksAdded(marked.filter((id) => !task.card.shown.doneMemberIds.includes(id)));
    return ok({
      change: added.change,
      premises: [onCard, { path: 'state', equals: 'open' }, ...added.premises],
      task: next,
    });
  }
  const { marks, markCount } = indexOf(next);
  return ok({
    change: { set: { 'card.shown': shown, marks, markCount } },
    premises: [
      onCard,
      { path: 'state', equals: task.state },
      { path: 'card.shown.version', equals: task.card.shown.version },
    ],
    task: next,
  });
}

/** What a mark rests on to say the card is in line again: the revision a sign-up left, the record version it read. */
export interface CardInLine {
  revision: number;
  version: number;
}

/**
 * A sign-up's card mark recorded without reading the record (one conditional write): while the card is the one the
 * sync marked, the task collects and the member is not marked yet. With `inLine` (the revision the sign-up left
 * and the record version it read, when the card was otherwise in line), it also says the card is in line again,
 * resting on nothing else having moved since.
 */
export function markChange(
  activityId: string,
  memberId: string,
  inLine: CardInLine | null,
): { change: Change; premises: Premise[] } {
  const added = marksAdded([memberId]);
  const premises: Premise[] = [
    { path: 'card.activityId', equals: activityId },
    { path: 'state', equals: 'open' },
    ...added.premises,
  ];
  if (inLine === null) return { change: added.change, premises };
  return {
    change: { ...added.change, set: { ...added.change.set, cardDirty: false } },
    premises: [
      ...premises,
      { path: 'revision', equals: inLine.revision },
      { path: 'card.shown.version', equals: inLine.version },
    ],
  };
}

/** A read list window with `item` appended when the window reaches the list's end and has room for it. */
function appended<T>(window: ListWindow<T>, item: T, page: number): ListWindow<T> {
  const whole = window.start + window.items.length === window.total;
  return {
    ...window,
    items: whole && window.items.length < page ? [...window.items, item] : window.items,
    total: window.total + 1,
  };
}

function without(window: ListWindow<Participant>, userId: string): ListWindow<Participant> {
  const items = window.items.filter((p) => p.userId !== userId);
  return { ...window, items, total: window.total - 1 };
}

/** The sight a sign-up left (joinChange's decision applied to what was read): no second read needed. */
export function joinedSight(
  sight: TaskSight,
  { outcome, entry, cardLags }: { outcome: JoinOutcome; entry: Participant; cardLags: boolean },
  now: number,
  page: number,
): TaskSight {
  const { head } = sight;
  const joined = outcome === 'joined';
  return {
    head: {
      ...head,
      updatedAt: now,
      revision: head.revision + 1,
      counts: {
        ...head.counts,
        joined: head.counts.joined + (joined ? 1 : 0),
        waitlisted: head.counts.waitlisted + (joined ? 0 : 1),
      },
      cardInSync: head.cardInSync && !cardLags,
    },
    facts: { ...sight.facts, standing: joined ? 'joined' : 'waiting', note: entry.note ?? '' },
    participants: joined ? appended(sight.participants, entry, page) : sight.participants,
    waitlist: joined ? sight.waitlist : appended(sight.waitlist, entry, page),
  };
}

/** The sight a leave left (leaveChange's decision applied to what was read). */
export function leftSight(sight: TaskSight, userId: string, promoted: Participant | null, now: number): TaskSight {
  const { head } = sight;
  const fromWaitlist = sight.facts.standing === 'waiting';
  const touchedHead = { ...head, updatedAt: now, revision: head.revision + 1 };
  const facts = { ...sight.facts, standing: null, note: '' };
  if (fromWaitlist) {
    return {
      ...sight,
      head: { ...touchedHead, counts: { ...head.counts, waitlisted: head.counts.waitlisted - 1 } },
      facts,
      waitlist: without(sight.waitlist, userId),
    };
  }
  if (promoted === null) {
    return {
      ...sight,
      head: { ...touchedHead, counts: { ...head.counts, joined: head.counts.joined - 1 } },
      facts,
      participants: without(sight.participants, userId),
    };
  }
  return {
    head: { ...touchedHead, counts: { ...head.counts, waitlisted: head.counts.waitlisted - 1 }, cardInSync: false },
    facts,
    participants: {
      ...sight.participants,
      items: sight.participants.items.map((p) => (p.userId === userId ? promoted : p)),
    },
    waitlist: without(sight.waitlist, promoted.userId),
  };
}

/** The sight a note edit left (noteChange's decision applied to what was read). */
export function notedSight(sight: TaskSight, userId: string, note: string, now: number): TaskSight {
  const noted = (window: ListWindow<Participant>): ListWindow<Participant> => ({
    ...window,
    items: window.items.map((p) => (p.userId === userId ? { ...p, note } : p)),
  });
  return {
    ...sight,
    head: { ...sight.head, updatedAt: now, revision: sight.head.revision + 1 },
    facts: { ...sight.facts, note },
    participants: noted(sight.participants),
    waitlist: noted(sight.waitlist),
  };
}
