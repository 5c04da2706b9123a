// A participant's note (the 接龙 line): its rule as a field, who may change it and when, where it rides, and the
// celebration's rule beside it (core/task.ts reachedEveryone).
import { NOTE_MAX } from '../../../packageChatTool/core/limits';
import { memberPage } from '../../../packageChatTool/core/pages';
import {
  endTask,
  joinTask,
  leaveTask,
  noteOutcome,
  reachedEveryone,
  setNote,
} from '../../../packageChatTool/core/task';
import { note } from '../../../packageChatTool/core/task-fields';
import { headOf, sightOf } from '../../../packageChatTool/core/task-record';
import type { Task } from '../../../packageChatTool/core/types';
import { aTask, HOUR, member, NOW } from './fixtures';

const codeOf = (result: { ok: boolean; error?: { code: string } }) => (result.ok ? 'ok' : result.error?.code);

function joined(task: Task, n: number, text = ''): Task {
  const result = joinTask(task, member(n), NOW, text);
  if (!result.ok) throw new Error(result.error.code);
  return result.data.task;
}

describe('the note as a field', () => {
  it('counts characters (code points), as the title and description do, up to NOTE_MAX', () => {
    expect(note('+2, vegetarian', NOW)).toEqual({ ok: true, data: '+2, vegetarian' });
    expect(note('', NOW)).toEqual({ ok: true, data: '' });
    // Four-byte characters count one each: NOTE_MAX of them fit, one more does not.
    expect(codeOf(note('𠀀'.repeat(NOTE_MAX), NOW))).toBe('ok');
    expect(codeOf(note('𠀀'.repeat(NOTE_MAX + 1), NOW))).toBe('NOTE_TOO_LONG');
    expect(codeOf(note('a'.repeat(NOTE_MAX + 1), NOW))).toBe('NOTE_TOO_LONG');
  });

  it.each([
    ['a line feed', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['a tab', 'a\tb'],
    ['a line separator', 'a\u2028b'],
    ['a paragraph separator', 'a\u2029b'],
    ['a control character', 'a\u0007b'],
    ['a lone surrogate', 'a\ud800b'],
  ])('refuses %s with NOTE_CHARACTERS: a note is one line', (_, text) => {
    expect(codeOf(note(text, NOW))).toBe('NOTE_CHARACTERS');
  });

  it('refuses anything but a string as a bad request', () => {
    expect(codeOf(note(12, NOW))).toBe('INVALID_REQUEST');
    expect(codeOf(note(null, NOW))).toBe('INVALID_REQUEST');
  });
});

describe('who may change a note, and when', () => {
  it('the member themselves, on a place or on the waitlist; the entry keeps its place and time', () => {
    let task = joined(joined(aTask({ capacity: 1 }), 1, '+1'), 2, '候补');
    expect(task.participants[0]).toMatchObject({ userId: member(1).userId, note: '+1' });
    expect(task.waitlist[0]).toMatchObject({ userId: member(2).userId, note: '候补' });
    for (const [n, text] of [
      [1, '+2, vegetarian'],
      [2, '粤B12345'],
    ] as const) {
      const noted = setNote(task, member(n).userId, text, NOW + 5);
      if (!noted.ok) throw new Error(noted.error.code);
      task = noted.data;
    }
    expect(task.participants).toEqual([{ ...member(1), at: NOW, note: '+2, vegetarian' }]);
    expect(task.waitlist).toEqual([{ ...member(2), at: NOW, note: '粤B12345' }]);
    expect(task.revision).toBe(5);
  });

  it('a sign-up without a note stores none; clearing one stores the empty note', () => {
    const task = joined(aTask(), 1);
    expect(task.participants[0]).toEqual({ ...member(1), at: NOW });
    const cleared = setNote(joined(aTask(), 1, 'x'), member(1).userId, '', NOW);
    expect(cleared.ok && cleared.data.participants[0]?.note).toBe('');
  });

  it('a promoted member keeps their note', () => {
    const task = joined(joined(aTask({ capacity: 1 }), 1, 'first'), 2, 'second');
    const left = leaveTask(task, member(1).userId, NOW + 1);
    expect(left.ok && left.data.task.participants).toEqual([{ ...member(2), at: NOW + 1, note: 'second' }]);
  });

  it('refuses a member in neither list, an ended task and a passed deadline, changing nothing', () => {
    const task = joined(aTask({ deadline: NOW + HOUR }), 1, 'mine');
    expect(codeOf(setNote(task, member(2).userId, 'x', NOW))).toBe('NOT_JOINED');
    expect(codeOf(setNote(task, member(1).userId, 'x', NOW + HOUR))).toBe('DEADLINE_PASSED');
    const ended = endTask(task, task.creator.userId, NOW);
    if (!ended.ok) throw new Error(ended.error.code);
    expect(codeOf(setNote(ended.data, member(1).userId, 'x', NOW))).toBe('TASK_ENDED');
    expect(codeOf(noteOutcome(sightOf(task, member(1), 0), NOW))).toBe('ok');
  });
});

describe('notes ride in the member pages', () => {
  it('each item carries its note, "" for none and for entries stored before notes', () => {
    const task = joined(joined(aTask(), 1, '+2'), 2);
    const page = memberPage({ start: 0, items: task.participants, total: 2 }, null, 10);
    expect(page.items).toEqual([
      { memberId: member(1).memberId, at: NOW, note: '+2' },
      { memberId: member(2).memberId, at: NOW, note: '' },
    ]);
    expect(Object.keys(page.items[0]!)).not.toContain('userId');
  });
});

describe('reachedEveryone: when the creator of a "complete" task may celebrate', () => {
  const chosen = { kind: 'members' as const, memberIds: [member(1).memberId, member(2).memberId] };

  it('chosen members: once every one of them marked done, open or ended', () => {
    const one = joined(aTask({ kind: 'complete', audience: chosen }), 1);
    expect(reachedEveryone(headOf(one))).toBe(false);
    const both = joined(one, 2);
    expect(reachedEveryone(headOf(both))).toBe(true);
  });

  it('everyone in the chat: WeChat gives no room size, so once the creator ended it with anyone done', () => {
    const task = joined(aTask({ kind: 'complete' }), 1);
    expect(reachedEveryone(headOf(task))).toBe(false);
    const ended = endTask(task, task.creator.userId, NOW);
    expect(ended.ok && reachedEveryone(headOf(ended.data))).toBe(true);
    const nobody = endTask(aTask({ kind: 'complete' }), task.creator.userId, NOW);
    expect(nobody.ok && reachedEveryone(headOf(nobody.data))).toBe(false);
  });

  it('never for a "participate" task', () => {
    const task = joined(joined(aTask({ audience: chosen }), 1), 2);
    expect(reachedEveryone(headOf(task))).toBe(false);
  });
});
