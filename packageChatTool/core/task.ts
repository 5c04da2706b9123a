// Task transitions as pure functions: each returns the next task or a typed refusal, never throws.
// Stores run them inside their atomic update, so the rules live here once.
import type { ApiResult } from './api';
import { WAITLIST_MAX } from './limits';
import { fail, ok } from './result';
import type { CardBinding, CardTarget, CardTargetState } from 'chat-tool-kit';
import type { Member, Participant, Room, Task, TaskState } from './types';
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
  /** The new card's binding (newBinding of a fresh activity_id). */
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
export function isInvited(task: Task, groupOpenid: string): boolean {
  if (groupOpenid === task.creator.groupOpenid) return false;
  return task.audience.kind === 'everyone' || task.audience.groupOpenids.includes(groupOpenid);
}

export const deadlinePassed = (task: Task, now: number): boolean => task.deadline !== null && now >= task.deadline;

export type JoinOutcome = 'joined' | 'waitlisted';

/** Sign up (participate) or mark done (complete); a full task puts the member on the waitlist. */
export function joinTask(task: Task, member: Member, now: number): ApiResult<{ task: Task; outcome: JoinOutcome }> {
  if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  if (deadlinePassed(task, now)) return fail('DEADLINE_PASSED', 'the deadline has passed');
  if (!isInvited(task, member.groupOpenid)) return fail('NOT_INVITED', 'the task is for chosen members only');
  if (task.participants.some((p) => p.openid === member.openid)) return fail('ALREADY_JOINED', 'already signed up');
  if (task.waitlist.some((p) => p.openid === member.openid)) {
    return fail('ALREADY_JOINED', 'already on the waitlist');
  }
  const entry: Participant = { openid: member.openid, groupOpenid: member.groupOpenid, at: now };
  if (task.capacity === null || task.participants.length < task.capacity) {
    return ok({ task: changed(task, now, { participants: [...task.participants, entry] }), outcome: 'joined' });
  }
  if (task.waitlist.length >= WAITLIST_MAX) return fail('TASK_FULL', 'no places and the waitlist is full');
  return ok({ task: changed(task, now, { waitlist: [...task.waitlist, entry] }), outcome: 'waitlisted' });
}

/** Leave a place or the waitlist; the first waiting member takes a freed place. */
export function leaveTask(
  task: Task,
  openid: string,
  now: number,
): ApiResult<{ task: Task; promoted: Participant | null }> {
  if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  if (deadlinePassed(task, now)) return fail('DEADLINE_PASSED', 'the deadline has passed');
  if (task.waitlist.some((p) => p.openid === openid)) {
    return ok({
      task: changed(task, now, { waitlist: task.waitlist.filter((p) => p.openid !== openid) }),
      promoted: null,
    });
  }
  if (!task.participants.some((p) => p.openid === openid)) return fail('NOT_JOINED', 'not signed up');
  const participants = task.participants.filter((p) => p.openid !== openid);
  const [first, ...waitlist] = task.waitlist;
  if (first === undefined) return ok({ task: changed(task, now, { participants }), promoted: null });
  const promoted: Participant = { ...first, at: now };
  return ok({ task: changed(task, now, { participants: [...participants, promoted], waitlist }), promoted });
}

function creatorOnly(task: Task, openid: string): ApiResult<Task> {
  if (task.creator.openid !== openid) return fail('NOT_CREATOR', 'only the creator can do this');
  if (task.state === 'ended') return fail('TASK_ENDED', 'the task has ended');
  return ok(task);
}

export function markClosingSoon(task: Task, openid: string, now: number): ApiResult<Task> {
  const allowed = creatorOnly(task, openid);
  if (!allowed.ok) return allowed;
  if (task.state !== 'open') return fail('WRONG_STATE', 'the task is already closing soon');
  return ok(changed(task, now, { state: 'closingSoon' }));
}

export function endTask(task: Task, openid: string, now: number): ApiResult<Task> {
  const allowed = creatorOnly(task, openid);
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

/** Checks that renewCard may proceed; the caller then asks WeChat for a new activity_id. */
export function checkRenewal(task: Task, openid: string): ApiResult<Task> {
  return creatorOnly(task, openid);
}

/**
 * A new card (`card`, a new binding: collecting, nobody marked) replaces the one whose activity_id was
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
  done: task.participants.map((p) => p.groupOpenid),
});
