// The task document's upgrade to the neutral names (cloudfunctions/groupTask/src/upgrade.ts), pure: every renamed
// field, on its own and all together; what it leaves as it is; idempotence; a task in neither layout.
import type { StoredFields } from '../../../kit/server/neutral-names';
import { upgradeTaskDocument } from '../../../cloudfunctions/groupTask/src/upgrade';
import { indexOf } from '../../../packageChatTool/core/task-record';
import type { Task } from '../../../packageChatTool/core/types';
import { newTask, oldTask } from './old-layout';

const upgraded = (doc: StoredFields): StoredFields | null => {
  const answer = upgradeTaskDocument(doc);
  if (!answer.ok) throw new Error(answer.error.message);
  return answer.data;
};

const refusal = (doc: StoredFields): string => {
  const answer = upgradeTaskDocument(doc);
  return answer.ok ? 'ok' : `${answer.error.code}: ${answer.error.message}`;
};

describe('upgradeTaskDocument', () => {
  it('answers a task of the old layout in the new names, with every value and every other field as it was', () => {
    expect(upgraded(oldTask('t1'))).toEqual(newTask('t1'));
  });

  // Each renamed field alone in the old names, the rest new: each one is upgraded, not only the whole.
  const one = (field: string, value: unknown): StoredFields => ({ ...newTask('t1'), [field]: value });
  const old = oldTask('t1');
  it.each([
    ['creator', one('creator', old.creator)],
    ['a participant', one('participants', old.participants)],
    ['a waiting member', one('waitlist', old.waitlist)],
    ['the chosen members', one('audience', old.audience)],
    ['the card record marks', one('card', old.card)],
  ])('renames %s', (_, doc) => {
    expect(upgraded(doc)).toEqual(newTask('t1'));
  });

  it('answers null for a task in the new names, and for the task it upgraded: a second run changes nothing', () => {
    expect(upgraded(newTask('t1'))).toBeNull();
    expect(upgraded(upgraded(oldTask('t1'))!)).toBeNull();
    const everyone = { ...oldTask('t2'), audience: { kind: 'everyone' }, chosen: {}, audienceSize: null };
    expect(upgraded(upgraded(everyone)!)).toBeNull();
  });

  it('upgrades a task the new version wrote to first: an entry it appended, a mark it recorded', () => {
    const doc = oldTask('t1');
    const touched: StoredFields = {
      ...doc,
      waitlist: [...(doc.waitlist as object[]), { userId: 'o3', memberId: 'g3', at: 9 }],
      card: {
        ...(doc.card as object),
        shown: { state: 1, settled: true, endSent: false, version: 3, doneGroupOpenids: ['g1'], doneMemberIds: ['g2'] },
      },
    };
    const expected = newTask('t1');
    expect(upgraded(touched)).toEqual({
      ...expected,
      waitlist: [...(expected.waitlist as object[]), { userId: 'o3', memberId: 'g3', at: 9 }],
      card: {
        ...(expected.card as object),
        shown: { state: 1, settled: true, endSent: false, version: 3, doneMemberIds: ['g1', 'g2'] },
      },
    });
  });

  it('keeps the index as it is: it holds the ids values, which are what the new version derives it from', () => {
    const task = upgraded(oldTask('t1'))!;
    const { standing, members, notes, chosen, marks, participantCount, waitlistCount, markCount, audienceSize } = task;
    expect(indexOf(task as unknown as Task)).toEqual({
      standing,
      members,
      notes,
      chosen,
      marks,
      participantCount,
      waitlistCount,
      markCount,
      audienceSize,
    });
  });

  it('keeps fields it does not know, even one holding an openid, and the revisions', () => {
    const doc = { ...oldTask('t1'), pinned: { openid: 'o9', groupOpenid: 'g9' }, _rev: 7 };
    expect(upgraded(doc)).toEqual({ ...newTask('t1'), pinned: { openid: 'o9', groupOpenid: 'g9' }, _rev: 7 });
  });

  it('reports a task in neither layout, naming each field, and answers nothing to write', () => {
    const doc = oldTask('t1');
    expect(refusal({ ...doc, creator: { at: 1 } })).toBe(
      'UNREADABLE: task t1: creator has neither { userId, memberId } nor { openid, groupOpenid }',
    );
    expect(
      refusal({
        ...doc,
        participants: [{ openid: 'o1', groupOpenid: 'g1', userId: 'o1', memberId: 'g1', at: 1 }],
        audience: { kind: 'members' },
      }),
    ).toBe(
      'UNREADABLE: task t1: participants[0] holds both { userId, memberId } and { openid, groupOpenid }; ' +
        'audience has neither memberIds nor groupOpenids as a list of ids',
    );
    expect(refusal({ ...doc, waitlist: undefined })).toBe('UNREADABLE: task t1: waitlist is not a list');
    expect(refusal({ ...doc, audience: { kind: 'members', groupOpenids: ['g1'], memberIds: ['g1'] } })).toBe(
      'UNREADABLE: task t1: audience holds both memberIds and groupOpenids',
    );
    expect(refusal({ ...doc, audience: { kind: 'some' } })).toBe(
      'UNREADABLE: task t1: audience.kind is neither everyone nor members',
    );
    expect(refusal({ ...doc, card: { activityId: 'a1', shown: { state: 1 } } })).toBe(
      'UNREADABLE: task t1: card.shown has neither doneMemberIds nor doneGroupOpenids',
    );
    expect(refusal({ _id: 'x', title: 'not a task' })).toContain('UNREADABLE: task x: creator is not an object');
  });
});
