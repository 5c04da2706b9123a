import { NEW_CARD, newBinding } from 'chat-tool-kit';
import {
  cardTargetOf,
  CLOSING_SOON_BEFORE_MS,
  checkRoom,
  endTask,
  joinTask,
  leaveTask,
  markClosingSoon,
  renewActivity,
  tickTask,
} from '../../../packageChatTool/core/task';
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import type { Task } from '../../../packageChatTool/core/types';
import { aTask, creator, HOUR, member, NOW } from './fixtures';

function must<T>(result: { ok: true; data: T } | { ok: false; error: { code: string } }): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code}`);
  return result.data;
}

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

function withJoined(task: Task, ...numbers: number[]): Task {
  return numbers.reduce((t, n) => must(joinTask(t, member(n), NOW)).task, task);
}

describe('joining', () => {
  it('adds the member with the time and bumps the revision', () => {
    const { task, outcome } = must(joinTask(aTask(), member(1), NOW + 5));
    expect(outcome).toBe('joined');
    expect(task.participants).toEqual([{ ...member(1), at: NOW + 5 }]);
    expect(task.revision).toBe(2);
    expect(task.updatedAt).toBe(NOW + 5);
  });

  it('refuses a second sign-up, also from the waitlist', () => {
    const task = withJoined(aTask({ capacity: 1 }), 1, 2);
    expect(codeOf(joinTask(task, member(1), NOW))).toBe('ALREADY_JOINED');
    expect(codeOf(joinTask(task, member(2), NOW))).toBe('ALREADY_JOINED');
  });

  it('waitlists when full and refuses with TASK_FULL when the waitlist is full', () => {
    let task = withJoined(aTask({ capacity: 1 }), 1);
    const second = must(joinTask(task, member(2), NOW));
    expect(second.outcome).toBe('waitlisted');
    task = second.task;
    for (let n = 3; n < 3 + WAITLIST_MAX - 1; n += 1) task = must(joinTask(task, member(n), NOW)).task;
    expect(task.waitlist).toHaveLength(WAITLIST_MAX);
    expect(codeOf(joinTask(task, member(9999), NOW))).toBe('TASK_FULL');
  });

  it('refuses members who were not chosen', () => {
    const task = aTask({ audience: { kind: 'members', memberIds: ['group1'] } });
    expect(codeOf(joinTask(task, member(1), NOW))).toBe('ok');
    expect(codeOf(joinTask(task, member(2), NOW))).toBe('NOT_INVITED');
  });

  it('never takes the creator: the card shows them as its publisher, whoever the task is for', () => {
    expect(codeOf(joinTask(aTask(), creator, NOW))).toBe('NOT_INVITED');
    const chosen = aTask({ audience: { kind: 'members', memberIds: [creator.memberId, 'group1'] } });
    expect(codeOf(joinTask(chosen, creator, NOW))).toBe('NOT_INVITED');
  });

  it('refuses after the deadline and after the end', () => {
    expect(codeOf(joinTask(aTask({ deadline: NOW + HOUR }), member(1), NOW + HOUR))).toBe('DEADLINE_PASSED');
    const ended = must(endTask(aTask(), creator.userId, NOW));
    expect(codeOf(joinTask(ended, member(1), NOW))).toBe('TASK_ENDED');
  });
});

describe('leaving', () => {
  it('promotes the first waiting member in order', () => {
    const task = withJoined(aTask({ capacity: 1 }), 1, 2, 3);
    const { task: after, promoted } = must(leaveTask(task, 'open1', NOW + 9));
    expect(promoted).toEqual({ ...member(2), at: NOW + 9 });
    expect(after.participants.map((p) => p.userId)).toEqual(['open2']);
    expect(after.waitlist.map((p) => p.userId)).toEqual(['open3']);
  });

  it('lets a waiting member leave the waitlist', () => {
    const task = withJoined(aTask({ capacity: 1 }), 1, 2);
    const { task: after, promoted } = must(leaveTask(task, 'open2', NOW));
    expect(promoted).toBeNull();
    expect(after.waitlist).toEqual([]);
  });

  it('refuses someone not signed up, and leaving after the end or deadline', () => {
    expect(codeOf(leaveTask(aTask(), 'open1', NOW))).toBe('NOT_JOINED');
    const task = withJoined(aTask({ deadline: NOW + HOUR }), 1);
    expect(codeOf(leaveTask(task, 'open1', NOW + HOUR))).toBe('DEADLINE_PASSED');
    expect(codeOf(leaveTask(must(endTask(task, creator.userId, NOW)), 'open1', NOW))).toBe('TASK_ENDED');
  });
});

describe('creator actions', () => {
  it('only the creator marks closing soon or ends; ended is final', () => {
    expect(codeOf(markClosingSoon(aTask(), 'open1', NOW))).toBe('NOT_CREATOR');
    expect(codeOf(endTask(aTask(), 'open1', NOW))).toBe('NOT_CREATOR');
    const closing = must(markClosingSoon(aTask(), creator.userId, NOW));
    expect(closing.state).toBe('closingSoon');
    expect(codeOf(markClosingSoon(closing, creator.userId, NOW))).toBe('WRONG_STATE');
    const ended = must(endTask(closing, creator.userId, NOW));
    expect(ended.state).toBe('ended');
    expect(codeOf(endTask(ended, creator.userId, NOW))).toBe('TASK_ENDED');
    expect(codeOf(markClosingSoon(ended, creator.userId, NOW))).toBe('TASK_ENDED');
  });

  it('checks the room', () => {
    expect(codeOf(checkRoom(aTask(), 'room1'))).toBe('ok');
    expect(codeOf(checkRoom(aTask(), 'room2'))).toBe('WRONG_ROOM');
  });
});

describe('the timer rule', () => {
  it('closes soon within the hour before the deadline and ends at it', () => {
    const task = aTask({ deadline: NOW + 3 * HOUR });
    expect(tickTask(task, NOW)).toBeNull();
    expect(tickTask(task, NOW + 3 * HOUR - CLOSING_SOON_BEFORE_MS)?.state).toBe('closingSoon');
    expect(tickTask(task, NOW + 3 * HOUR)?.state).toBe('ended');
    expect(tickTask(aTask(), NOW + 1000 * HOUR)).toBeNull();
    const ended = tickTask(task, NOW + 3 * HOUR);
    expect(ended && tickTask(ended, NOW + 4 * HOUR)).toBeNull();
  });
});

describe('renewing the card', () => {
  it('puts a new card in place of the one it replaces, which starts collecting with nobody marked', () => {
    const task = withJoined(aTask(), 1);
    const shown = { ...task, card: { ...task.card, shown: { ...NEW_CARD, version: 3, doneMemberIds: ['group1'] } } };
    const card = newBinding({ activityId: 'new', expiresAt: NOW + 48 * HOUR }, 2);
    const renewed = must(renewActivity(shown, task.card.activityId, card, NOW));
    expect(renewed.renewed).toBe(true);
    expect(renewed.task.card).toEqual({
      activityId: 'new',
      expiresAt: NOW + 48 * HOUR,
      versionType: 2,
      shown: NEW_CARD,
    });
    expect(renewed.task.participants).toEqual(task.participants);
  });

  it('changes nothing when another renewal replaced the card first, and refuses an ended task', () => {
    const task = withJoined(aTask(), 1);
    const late = must(
      renewActivity(task, 'older', newBinding({ activityId: 'mine', expiresAt: NOW + 48 * HOUR }, 2), NOW),
    );
    expect(late).toEqual({ task, renewed: false });
    const ended = must(endTask(task, creator.userId, NOW));
    const refused = renewActivity(
      ended,
      task.card.activityId,
      newBinding({ activityId: 'x', expiresAt: NOW + HOUR }, 0),
      NOW,
    );
    expect(refused.ok ? 'ok' : refused.error.code).toBe('TASK_ENDED');
  });
});

describe('what the card should show (cardTargetOf)', () => {
  it('takes the template from the kind, the state from the task state, and marks the participants only', () => {
    const task = withJoined(aTask({ kind: 'complete', capacity: 1 }), 1, 2);
    expect(task.waitlist.map((p) => p.memberId)).toEqual(['group2']);
    expect(cardTargetOf(task)).toEqual({ kind: 'complete', state: 1, done: ['group1'] });
    const closing = must(markClosingSoon(task, creator.userId, NOW));
    expect(cardTargetOf(closing).state).toBe(2);
    expect(cardTargetOf(must(endTask(closing, creator.userId, NOW))).state).toBe(3);
    expect(cardTargetOf(aTask())).toEqual({ kind: 'participate', state: 1, done: [] });
  });
});
