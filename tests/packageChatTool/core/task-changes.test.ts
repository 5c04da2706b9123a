// The hot changes as data (core/task-changes.ts) against the rules they state (core/task.ts): computed on the task
// a member read, a change's premises hold on the task as it now stands exactly when the rule, run on that task,
// makes the very change; then applying it gives what the rule gives. The store commits nothing else.
import fc from 'fast-check';
import type { CardSync } from 'chat-tool-kit';
import { cardUpdates, newBinding } from 'chat-tool-kit';
import { applyChange, premisesHold, project, replacedItems } from '../../../kit/server/store/change';
import type { ApiResult } from '../../../packageChatTool/core/api';
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import {
  cardTargetOf,
  endTask,
  joinTask,
  leaveTask,
  markClosingSoon,
  renewActivity,
  setNote,
  tickTask,
} from '../../../packageChatTool/core/task';
import type { TaskChange } from '../../../packageChatTool/core/task-changes';
import {
  cardRecordChange,
  closingSoonChange,
  endChange,
  joinChange,
  leaveChange,
  noteChange,
  tickChange,
} from '../../../packageChatTool/core/task-changes';
import type { SightRead, TaskRecord, TaskSight } from '../../../packageChatTool/core/task-record';
import { recordOf, sightOfRead, sightProjection } from '../../../packageChatTool/core/task-record';
import type { Task } from '../../../packageChatTool/core/types';
import { aTask, creator, HOUR, member, NOW } from './fixtures';

/** One thing a member or the timer does, and the rule and change that do it. */
type Step =
  | { kind: 'join'; n: number; note?: string }
  | { kind: 'leave'; n: number }
  | { kind: 'note'; n: number; note: string }
  | { kind: 'closingSoon' }
  | { kind: 'end' }
  | { kind: 'tick'; at: number };

const AT = NOW + 1;
/** List items a read shows: fewer than the lists may hold, so that a leave reads only the first waiting. */
const PAGE = 2;

/** JSON with keys sorted and undefined left out, the members set in order: two records compare by content. */
function canonical(value: unknown, key = ''): string {
  if (Array.isArray(value)) {
    const items = value.map((item) => canonical(item));
    return `[${(key === 'members' ? items.sort() : items).join(',')}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([name, inner]) => `${JSON.stringify(name)}:${canonical(inner, name)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function ruleOf(step: Step): (task: Task) => ApiResult<Task> | null {
  switch (step.kind) {
    case 'join':
      return (task) => mapped(joinTask(task, member(step.n), AT, step.note), (r) => r.task);
    case 'leave':
      return (task) => mapped(leaveTask(task, member(step.n).userId, AT), (r) => r.task);
    case 'note':
      return (task) => setNote(task, member(step.n).userId, step.note, AT);
    case 'closingSoon':
      return (task) => markClosingSoon(task, creator.userId, AT);
    case 'end':
      return (task) => endTask(task, creator.userId, AT);
    case 'tick':
      return (task) => {
        const next = tickTask(task, step.at);
        return next === null ? null : { ok: true, data: next };
      };
  }
}

/** What the store keeps of a task: the task and its index (core/task-record.ts). */
const stored = (task: Task): TaskRecord & { _id: string } => ({ ...recordOf(task), _id: task.id });

/** What one read of the stored task shows member n: the projection a store reads, applied to the record. */
const sightFor = (task: Task, n: number): TaskSight =>
  sightOfRead(project<SightRead>(stored(task), sightProjection(member(n), PAGE)), member(n));

function changeOf(step: Step): (task: Task) => ApiResult<Pick<TaskChange, 'change' | 'premises'>> | null {
  switch (step.kind) {
    case 'join':
      return (task) => joinChange(sightFor(task, step.n), member(step.n), AT, step.note);
    case 'leave':
      return (task) => leaveChange(sightFor(task, step.n), member(step.n).userId, AT);
    case 'note':
      return (task) => noteChange(sightFor(task, step.n), member(step.n).userId, step.note, AT);
    case 'closingSoon':
      return (task) => closingSoonChange(task, creator.userId, AT);
    case 'end':
      return (task) => endChange(task, creator.userId, AT);
    case 'tick':
      return (task) => {
        const change = tickChange(task, step.at);
        return change === null ? null : { ok: true, data: change };
      };
  }
}

function mapped<T, U>(result: ApiResult<T>, to: (data: T) => U): ApiResult<U> {
  return result.ok ? { ok: true, data: to(result.data) } : result;
}

/** The task after the steps the rules allow (refused ones change nothing). */
const after = (task: Task, steps: Step[]): Task =>
  steps.reduce((current, step) => {
    const next = ruleOf(step)(current);
    return next?.ok ? next.data : current;
  }, task);

const MEMBERS = 6;
/** A few notes, '' (none) among them, so that edits often repeat or clear what a read showed. */
const aNote = fc.constantFrom('', '+2', 'vegetarian', '粤B12345');
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: 1, max: MEMBERS }).map((n): Step => ({ kind: 'join', n })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ n: fc.integer({ min: 1, max: MEMBERS }), note: aNote })
      .map((s): Step => ({ kind: 'join', ...s })),
  },
  { weight: 3, arbitrary: fc.integer({ min: 1, max: MEMBERS }).map((n): Step => ({ kind: 'leave', n })) },
  {
    weight: 2,
    arbitrary: fc
      .record({ n: fc.integer({ min: 1, max: MEMBERS }), note: aNote })
      .map((s): Step => ({ kind: 'note', ...s })),
  },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'closingSoon' }) },
  { weight: 1, arbitrary: fc.constant<Step>({ kind: 'end' }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(NOW, NOW + HOUR + 1, NOW + 2 * HOUR).map((at): Step => ({ kind: 'tick', at })),
  },
);

/** A task, what one member read of it, and what others did before that member's change commits. */
const race = fc.record({
  capacity: fc.constantFrom(null, 1, 2, 3),
  deadline: fc.constantFrom(null, NOW + 2 * HOUR),
  before: fc.array(step, { maxLength: 10 }),
  meanwhile: fc.array(step, { maxLength: 6 }),
  mine: step,
});

describe('the hot changes as data', () => {
  it('hold exactly when the rule would make the same change on the task as it stands, and give what it gives', () => {
    fc.assert(
      fc.property(race, ({ capacity, deadline, before, meanwhile, mine }) => {
        const read = after(aTask({ capacity, deadline }), before);
        const decided = changeOf(mine)(read);
        const ruled = ruleOf(mine)(read);
        // On the task it was computed from, the change is the rule's decision (or both refuse alike).
        expect(decided?.ok ?? null).toBe(ruled?.ok ?? null);
        if (!decided?.ok || !ruled?.ok) {
          if (decided && ruled && !decided.ok && !ruled.ok) expect(decided.error.code).toBe(ruled.error.code);
          return;
        }
        expect(premisesHold(stored(read), decided.data.premises)).toBe(true);
        expect(canonical(applyChange(stored(read), decided.data.change))).toBe(canonical(stored(ruled.data)));

        const current = after(read, meanwhile);
        const now = ruleOf(mine)(current);
        const applied = premisesHold(stored(current), replacedItems(decided.data.change))
          ? applyChange(stored(current), decided.data.change)
          : null;
        const same = now?.ok === true && canonical(applied) === canonical(stored(now.data));
        expect(premisesHold(stored(current), decided.data.premises)).toBe(same);
      }),
      { numRuns: 3000 },
    );
  });

  it('waitlist a sign-up only while the waitlist has room', () => {
    let task = aTask({ capacity: 1 });
    for (let n = 1; n <= WAITLIST_MAX; n += 1) task = after(task, [{ kind: 'join', n }]);
    const read = task;
    const decided = joinChange(sightFor(read, WAITLIST_MAX + 1), member(WAITLIST_MAX + 1), AT);
    if (!decided.ok) throw new Error(decided.error.code);
    expect(decided.data.outcome).toBe('waitlisted');
    const full = after(read, [{ kind: 'join', n: WAITLIST_MAX + 2 }]);
    expect(joinTask(full, member(WAITLIST_MAX + 1), AT)).toMatchObject({ ok: false, error: { code: 'TASK_FULL' } });
    expect(premisesHold(stored(full), decided.data.premises)).toBe(false);
  });

  it('leave only while the leaving entry is in its list: an index alone (a stored entry it misses) is not enough', () => {
    // Member 1 takes the one place, member 2 waits, member 3 holds a place of a task with room (nobody waiting).
    const waiting = after(aTask({ capacity: 1 }), [
      { kind: 'join', n: 1 },
      { kind: 'join', n: 2 },
    ]);
    const roomy = after(aTask(), [{ kind: 'join', n: 3 }]);
    for (const [task, n, list] of [
      [waiting, 2, 'waitlist'],
      [roomy, 3, 'participants'],
    ] as const) {
      const decided = leaveChange(sightFor(task, n), member(n).userId, AT);
      if (!decided.ok) throw new Error(decided.error.code);
      const record = stored(task);
      expect(premisesHold(record, decided.data.premises)).toBe(true);
      const missing = { ...record, [list]: record[list].filter((entry) => entry.userId !== member(n).userId) };
      expect(premisesHold(missing, decided.data.premises)).toBe(false);
    }
  });
});

describe('the card record as a change', () => {
  const synced = (task: Task): CardSync => ({
    version: task.card.shown.version,
    answers: cardUpdates(task.card, cardTargetOf(task), NOW).map((body) => ({ body, answer: 'accepted' as const })),
  });

  it('adds marks as a set while the task collects, whatever signed up meanwhile', () => {
    const read = after(aTask(), [{ kind: 'join', n: 1 }]);
    const recorded = cardRecordChange(read, read.card.activityId, synced(read));
    if (!recorded.ok || recorded.data === null) throw new Error('nothing recorded');
    const current = stored(after(read, [{ kind: 'join', n: 2 }]));
    expect(premisesHold(current, recorded.data.premises)).toBe(true);
    expect(applyChange(current, recorded.data.change).card.shown).toEqual({
      ...current.card.shown,
      version: 1,
      doneMemberIds: [member(1).memberId],
    });
  });

  it('replaces the record only while the record and the state are those it was computed from', () => {
    const read = after(aTask(), [{ kind: 'join', n: 1 }, { kind: 'closingSoon' }]);
    const recorded = cardRecordChange(read, read.card.activityId, synced(read));
    if (!recorded.ok || recorded.data === null) throw new Error('nothing recorded');
    expect(applyChange(stored(read), recorded.data.change)).toEqual(stored(recorded.data.task));
    expect(recorded.data.task.card.shown).toMatchObject({ state: 2, settled: true });
    expect(premisesHold(stored(after(read, [{ kind: 'join', n: 2 }])), recorded.data.premises)).toBe(true);
    expect(premisesHold(stored(after(read, [{ kind: 'end' }])), recorded.data.premises)).toBe(false);
    const other = cardRecordChange(read, read.card.activityId, synced(read));
    if (!other.ok || other.data === null) throw new Error('nothing recorded');
    expect(premisesHold(applyChange(stored(read), other.data.change), recorded.data.premises)).toBe(false);
  });

  it('refuses a card renewed meanwhile, and records nothing for a sync that sent nothing', () => {
    const read = aTask();
    const renewed = renewActivity(read, read.card.activityId, newBinding({ activityId: 'b', expiresAt: NOW }, 0), AT);
    if (!renewed.ok) throw new Error(renewed.error.code);
    expect(cardRecordChange(renewed.data.task, read.card.activityId, synced(read))).toMatchObject({
      ok: false,
      error: { code: 'WRONG_STATE' },
    });
    expect(cardRecordChange(read, read.card.activityId, { version: 0, answers: [] })).toEqual({ ok: true, data: null });
  });
});
