// Task transitions as pure functions: each returns the next task or a typed refusal, never throws.
// Stores run them inside their atomic update, so the rules live here once.
import type { ApiResult } from './api';
import { WAITLIST_MAX } from './limits';
import { fail, ok } from './result';
import type { CardBinding, CardTarget, CardTargetState } from 'chat-tool-kit';
import type { Member, Participant, Room, Task, TaskState } from './types';
import type { MemberFacts, TaskHead } from './task-record';
import { sightOf } from './task-record';
import type { SentDraft } from './task-fields';
import { draftOf } from './task-fields';

/** The timer moves an open task to "closing soon" this long before its deadline. */
export const CLOSING_SOON_BEFORE_MS = 60 * 60 * 1000;

export interface NewTask {
  id: string;
  /** The fields the creator filled in (task-fields.ts); left-out optional ones take their fallbacks. */
  draft: SentDraft;
  room: Room;
  creator: Member;
  /** The new card's binding (newBinding of a fresh card id). */
  card: CardBinding;
  now: number;
}

export function createTask({ id, draft, room, creator, card, now }: NewTask): Task {
  return {
    ...draftOf(draft),
    id,
    room,
    creator,
    state: 'open',
    participants: [],
    waitlist: [],
    card,
    createdAt: now,
    updatedAt: now,
    revision: 1,
  };
}

const changed = (task: Task, now: number, patch: Partial<Task>): Task => ({
  ...task,
  ...patch,
  updatedAt: now,
  revision: task.revision + 1,
});

export function checkRoom(task: Task, roomId: string): ApiResult<Task> {
  return task.room.id === roomId ? ok(task) : fail('WRONG_ROOM', 'this task belongs to another chat');
}

/** Wraps a rule so it first refuses a caller from another room. */
export function inRoom<R>(roomId: string, rule: (task: Task) => ApiResult<R>): (task: Task) => ApiResult<R> {
  return (task) => {
    const checked = checkRoom(task, roomId);
    return checked.ok ? rule(task) : checked;
  };
}

/** Whether the task asks this member to act. Never its creator: the card shows them as its publisher, not a participant. */
export function isInvited(task: Task, memberId: string): boolean {
  return invites(task, memberId, task.audience.kind === 'everyone' || task.audience.memberIds.includes(memberId));
}

/** isInvited on a head: `chosen` says whether the member is among the chosen ones (MemberFacts). */
export const invites = (
  task: Pick<Task, 'creator'> & { audience: { kind: Task['audience']['kind'] } },
  memberId: string,
  chosen: boolean,
): boolean => memberId !== task.creator.memberId && (task.audience.kind === 'everyone' || chosen);

export const deadlinePassed = (task: Pick<Task, 'deadline'>, now: number): boolean =>
  task.deadline !== null && now >= task.deadline;

export type JoinOutcome = 'joined' | 'waitlisted';

/** What a sign-up rule reads: the task without its lists, and the member's own facts (core/task-record.ts). */
export interface SignUpFacts {
  head: Pick<TaskHead, 'state' | 'deadline' | 'creator' | 'audience' | 'capacity' | 'counts'>;
  facts: MemberFacts;
}

/** Sign up (participate) or mark done (complete); a full task puts the member on the waitlist. */
export function joinOutcome({ head, facts }: SignUpFacts, member: Member, now: number): ApiResult<JoinOutcome> {
  if (head.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  if (deadlinePassed(head, now)) return fail('DEADLINE_PASSED', 'the deadline has passed');
  if (!invites(head, member.memberId, facts.chosen)) return fail('NOT_INVITED', 'the task is for chosen members only');
  if (facts.standing === 'joined') return fail('ALREADY_JOINED', 'already signed up');
  if (facts.standing === 'waiting') return fail('ALREADY_JOINED', 'already on the waitlist');
  if (head.capacity === null || head.counts.joined < head.capacity) return ok('joined');
  if (head.counts.waitlisted >= WAITLIST_MAX) return fail('TASK_FULL', 'no places and the waitlist is full');
  return ok('waitlisted');
}

/** How a member leaves: off the waitlist, from a place nobody waits for, or from a place the first waiting takes. */
export type LeaveOutcome = 'fromWaitlist' | 'freed' | 'promoting';

/** Leave a place or the waitlist; the first waiting member takes a freed place. */
export function leaveOutcome({ head, facts }: SignUpFacts, now: number): ApiResult<LeaveOutcome> {
  if (head.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  if (deadlinePassed(head, now)) return fail('DEADLINE_PASSED', 'the deadline has passed');
  if (facts.standing === 'waiting') return ok('fromWaitlist');
  if (facts.standing !== 'joined') return fail('NOT_JOINED', 'not signed up');
  return ok(head.counts.waitlisted === 0 ? 'freed' : 'promoting');
}

/** A list entry for `member` from `now`, with their note when they wrote one. */
export const entryOf = (member: Member, now: number, note: string): Participant => ({
  userId: member.userId,
  memberId: member.memberId,
  at: now,
  ...(note === '' ? {} : { note }),
});

/** joinOutcome on a whole task: the entry (with the member's note, '' for none) appended to a list. */
export function joinTask(
  task: Task,
  member: Member,
  now: number,
  note = '',
): ApiResult<{ task: Task; outcome: JoinOutcome }> {
  const decided = joinOutcome(sightOf(task, member, 0), member, now);
  if (!decided.ok) return decided;
  const entry = entryOf(member, now, note);
  const outcome = decided.data;
  const list = outcome === 'joined' ? 'participants' : 'waitlist';
  return ok({ task: changed(task, now, { [list]: [...task[list], entry] }), outcome });
}

/**
 * leaveOutcome on a whole task. The first waiting member takes the leaver's place where it was (so nobody else's
 * place in the list moves), with the time they were promoted.
 */
export function leaveTask(
  task: Task,
  userId: string,
  now: number,
): ApiResult<{ task: Task; promoted: Participant | null }> {
  const decided = leaveOutcome(sightOf(task, { userId, memberId: null }, 0), now);
  if (!decided.ok) return decided;
  const others = (list: readonly Participant[]) => list.filter((p) => p.userId !== userId);
  if (decided.data === 'fromWaitlist')
    return ok({ task: changed(task, now, { waitlist: others(task.waitlist) }), promoted: null });
  if (decided.data === 'freed') {
    return ok({ task: changed(task, now, { participants: others(task.participants) }), promoted: null });
  }
  const [first, ...waitlist] = task.waitlist;
  const promoted: Participant = { ...first, at: now };
  const participants = task.participants.map((p) => (p.userId === userId ? promoted : p));
  return ok({ task: changed(task, now, { participants, waitlist }), promoted });
}

/**
 * Whether a member may change their own note: while the task takes sign-ups, on either list (a waitlisted member's
 * note is read by the creator as much as a participant's). Their list, when they may.
 */
export function noteOutcome({ head, facts }: SignUpFacts, now: number): ApiResult<'participants' | 'waitlist'> {
  if (head.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  if (deadlinePassed(head, now)) return fail('DEADLINE_PASSED', 'the deadline has passed');
  if (facts.standing === null) return fail('NOT_JOINED', 'not signed up');
  return ok(facts.standing === 'joined' ? 'participants' : 'waitlist');
}

/** noteOutcome on a whole task: the member's entry keeps its place and time and carries `note` ('' clears it). */
export function setNote(task: Task, userId: string, note: string, now: number): ApiResult<Task> {
  const decided = noteOutcome(sightOf(task, { userId, memberId: null }, 0), now);
  if (!decided.ok) return decided;
  const list = decided.data;
  const entries = task[list].map((p) => (p.userId === userId ? { ...p, note } : p));
  return ok(changed(task, now, { [list]: entries }));
}

/**
 * Whether a "complete" task reached everyone it targets. Chosen members: every one of them marked done (the
 * creator is never among them). Everyone in the chat: the platform gives the app no room size, so no count can say
 * "all"; the creator says it by ending the task, and it reached everyone once it has ended with anyone done.
 */
export const reachedEveryone = (
  head: Pick<TaskHead, 'kind' | 'state' | 'audience'> & { counts: Pick<TaskHead['counts'], 'joined'> },
): boolean =>
  head.kind === 'complete' &&
  (head.audience.kind === 'members'
    ? head.counts.joined >= head.audience.count
    : head.state === 'ended' && head.counts.joined > 0);

function creatorOnly(task: Task, userId: string): ApiResult<Task> {
  if (task.creator.userId !== userId) return fail('NOT_CREATOR', 'only the creator can do this');
  if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  return ok(task);
}

export function markClosingSoon(task: Task, userId: string, now: number): ApiResult<Task> {
  const allowed = creatorOnly(task, userId);
  if (!allowed.ok) return allowed;
  if (task.state !== 'open') return fail('WRONG_STATE', 'the task is already closing soon');
  return ok(changed(task, now, { state: 'closingSoon' }));
}

export function endTask(task: Task, userId: string, now: number): ApiResult<Task> {
  const allowed = creatorOnly(task, userId);
  if (!allowed.ok) return allowed;
  return ok(changed(task, now, { state: 'ended' }));
}

/** The timer's rule: ended at the deadline, closing soon within the hour before it. Null: nothing to do. */
export function tickTask(task: Task, now: number): Task | null {
  if (task.state === 'ended' || task.deadline === null) return null;
  if (now >= task.deadline) return changed(task, now, { state: 'ended' });
  if (task.state === 'open' && task.deadline - now <= CLOSING_SOON_BEFORE_MS) {
    return changed(task, now, { state: 'closingSoon' });
  }
  return null;
}

/** Checks that renewCard may proceed; the caller then asks the platform for a new card id. */
export function checkRenewal(task: Task, userId: string): ApiResult<Task> {
  return creatorOnly(task, userId);
}

/**
 * A new card (`card`, a new binding: collecting, nobody marked) replaces the one whose card id was
 * `replaces`, so the next sync marks every participant on it once it has been shared. When another renewal
 * replaced that card first, `renewed` is false and the task is unchanged: both callers hand out the same live card.
 */
export function renewActivity(
  task: Task,
  replaces: string,
  card: CardBinding,
  now: number,
): ApiResult<{ task: Task; renewed: boolean }> {
  if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  if (task.card.activityId !== replaces) return ok({ task, renewed: false });
  return ok({ task: changed(task, now, { card }), renewed: true });
}

/** The card's target state per task state: a task's state never goes back, nor does its card's. */
export const TARGET_STATE: Record<TaskState, CardTargetState> = { open: 1, closingSoon: 2, ended: 3 };

/** What the task's card should show now: its template, its state, and the participants marked done. */
export const cardTargetOf = (task: Task): CardTarget => ({
  kind: task.kind,
  state: TARGET_STATE[task.state],
  done: task.participants.map((p) => p.memberId),
});
