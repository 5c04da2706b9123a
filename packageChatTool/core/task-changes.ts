// The task's hot changes as data, for the kit's store primitive (kit/server/store, Collection.change): each is the
// decision of one rule in task.ts, stated as the change it makes and the premises it rested on, so a store commits
// it atomically while they hold, whatever else changed meanwhile. A burst of sign-ups, which only ever append,
// then never makes a leave, a closing soon or an end lose its race. Pure: the primitive's types only, never loaded
// by the chat tool.
import type { CardSync } from 'chat-tool-kit';
import { cardAfter, markedBy } from 'chat-tool-kit';
import type { Change, Premise, Scalar } from '../../kit/server/store/types';
import type { ApiResult } from './api';
import { WAITLIST_MAX } from './limits';
import { fail, ok } from './result';
import type { JoinOutcome } from './task';
import { endTask, joinTask, leaveTask, markClosingSoon, TARGET_STATE, tickTask } from './task';
import type { Member, Participant, Task } from './types';

/** A rule's decision as data: applied to the task it was computed from, `change` gives `task`. */
export interface TaskChange {
  change: Change;
  premises: Premise[];
  task: Task;
}

const has = (list: 'participants' | 'waitlist', openid: string): Premise => ({
  list,
  has: { key: 'openid', value: openid },
});
const lacks = (list: 'participants' | 'waitlist', openid: string): Premise => ({
  list,
  lacks: { key: 'openid', value: openid },
});

/** What every sign-up and leave rests on: the task still takes them, and its deadline is the one checked. */
const takingPart = (task: Task): Premise[] => [
  { path: 'state', oneOf: ['open', 'closingSoon'] },
  { path: 'deadline', equals: task.deadline },
];

/** Every change of a task moves its clock and revision, as task.ts `changed` does. */
const touched = (next: Task, change: Change): Change => ({
  ...change,
  set: { ...change.set, updatedAt: next.updatedAt },
  increment: { ...change.increment, revision: 1 },
});

/** joinTask as a change: the entry appended to the places while one is free, else to a waitlist with room. */
export function joinChange(task: Task, member: Member, now: number): ApiResult<TaskChange & { outcome: JoinOutcome }> {
  const decided = joinTask(task, member, now);
  if (!decided.ok) return decided;
  const { task: next, outcome } = decided.data;
  const list = outcome === 'joined' ? 'participants' : 'waitlist';
  const entry = next[list][next[list].length - 1];
  const premises = [...takingPart(task), lacks('participants', member.openid), lacks('waitlist', member.openid)];
  if (task.capacity !== null) {
    premises.push(
      ...(outcome === 'joined'
        ? [{ list: 'participants', sizeBelow: task.capacity }]
        : [
            { list: 'participants', sizeAtLeast: task.capacity },
            { list: 'waitlist', sizeBelow: WAITLIST_MAX },
          ]),
    );
  }
  return ok({ change: touched(next, { append: { [list]: entry } }), premises, outcome, task: next });
}

/**
 * leaveTask as a change. From the waitlist: that entry goes. From the places while nobody waits: that entry goes,
 * and only while nobody waits (a sign-up landing on the waitlist meanwhile is owed the freed place). While anyone
 * waits the places are full, so only a promotion changes them: the places are replaced as the rule left them,
 * while their count and the waitlist's head are those read.
 */
export function leaveChange(
  task: Task,
  openid: string,
  now: number,
): ApiResult<TaskChange & { promoted: Participant | null }> {
  const decided = leaveTask(task, openid, now);
  if (!decided.ok) return decided;
  const { task: next, promoted } = decided.data;
  const byOpenid = (value: string) => ({ key: 'openid', value });
  if (task.waitlist.some((p) => p.openid === openid)) {
    return ok({
      change: touched(next, { remove: { waitlist: byOpenid(openid) } }),
      premises: [...takingPart(task), has('waitlist', openid)],
      promoted,
      task: next,
    });
  }
  if (promoted === null) {
    return ok({
      change: touched(next, { remove: { participants: byOpenid(openid) } }),
      premises: [...takingPart(task), has('participants', openid), { list: 'waitlist', sizeIs: 0 }],
      promoted,
      task: next,
    });
  }
  return ok({
    change: touched(next, {
      set: { participants: next.participants },
      remove: { waitlist: byOpenid(promoted.openid) },
    }),
    premises: [
      ...takingPart(task),
      has('participants', openid),
      { list: 'participants', sizeIs: task.participants.length },
      { list: 'waitlist', firstHas: byOpenid(promoted.openid) },
    ],
    promoted,
    task: next,
  });
}

/**
 * A rule that changes only the state decides on the state alone, so it rests on the state, not on the revision:
 * sign-ups landing meanwhile cannot make it lose its race. Ending rests on the task not having ended.
 */
function stateChange(task: Task, next: Task): TaskChange {
  const premise: Premise =
    next.state === 'ended' ? { path: 'state', oneOf: ['open', 'closingSoon'] } : { path: 'state', equals: task.state };
  return { change: touched(next, { set: { state: next.state } }), premises: [premise], task: next };
}

export function closingSoonChange(task: Task, openid: string, now: number): ApiResult<TaskChange> {
  const decided = markClosingSoon(task, openid, now);
  return decided.ok ? ok(stateChange(task, decided.data)) : decided;
}

export function endChange(task: Task, openid: string, now: number): ApiResult<TaskChange> {
  const decided = endTask(task, openid, now);
  return decided.ok ? ok(stateChange(task, decided.data)) : decided;
}

/** The timer's deadline rule as a change; null when it has nothing to do. */
export function tickChange(task: Task, now: number): TaskChange | null {
  const next = tickTask(task, now);
  return next === null ? null : stateChange(task, next);
}

/**
 * What a card sync learned, recorded beside the task (kit cardAfter); null when there is nothing to record. While the
 * task collects and the sync only marked members, the record only gains marks: added as a set, so the syncs of a
 * burst of sign-ups never conflict. Otherwise the whole record is replaced, resting on the record and the task
 * state it was computed from. Refused with WRONG_STATE when the card was renewed meanwhile.
 */
export function cardRecordChange(task: Task, activityId: string, sync: CardSync): ApiResult<TaskChange | null> {
  if (task.card.activityId !== activityId) return fail('WRONG_STATE', 'the card was renewed meanwhile');
  if (sync.answers.length === 0) return ok(null);
  const shown = cardAfter(task.card.shown, TARGET_STATE[task.state], sync);
  const next: Task = { ...task, card: { ...task.card, shown } };
  const onCard: Premise = { path: 'card.activityId', equals: activityId };
  if (task.state === 'open' && sync.answers.every(({ body }) => body.target_state === 1)) {
    const marked: Scalar[] = sync.answers.flatMap(({ body, answer }) => (answer === 'accepted' ? markedBy(body) : []));
    return ok({
      change: { addToSet: { 'card.shown.doneGroupOpenids': marked }, increment: { 'card.shown.version': 1 } },
      premises: [onCard, { path: 'state', equals: 'open' }],
      task: next,
    });
  }
  return ok({
    change: { set: { 'card.shown': shown } },
    premises: [
      onCard,
      { path: 'state', equals: task.state },
      { path: 'card.shown.version', equals: task.card.shown.version },
    ],
    task: next,
  });
}
