import { pendingMemberIds, shareOf, summarizeTask, viewerStatus, viewTask } from '../../../packageChatTool/core/view';
import { joinTask } from '../../../packageChatTool/core/task';
import { CARD_TEMPLATE } from 'chat-tool-kit';
import type { Task } from '../../../packageChatTool/core/types';
import { MEMBERS_FIRST_PAGE } from '../../../packageChatTool/core/limits';
import { aTask, creator, member, NOW } from './fixtures';

const viewer = (n: number, roomId = 'room1') => ({ ...member(n), roomId, locale: 'zh-CN' as const });

function join(task: Task, n: number): Task {
  const result = joinTask(task, member(n), NOW);
  if (!result.ok) throw new Error(result.error.code);
  return result.data.task;
}

describe('task view per viewer', () => {
  const chosen = aTask({ audience: { kind: 'members', memberIds: ['group1', 'group2'] }, capacity: 1 });

  it('shows the creator the creator actions', () => {
    const view = viewTask(chosen, { ...creator, roomId: 'room1', locale: 'zh-CN' }, NOW);
    expect(view.viewer).toMatchObject({ isCreator: true, status: 'notInvited', cardText: '0人已参与' });
    expect(view.viewer.can).toEqual({
      join: false,
      leave: false,
      remind: true,
      markClosingSoon: true,
      end: true,
      renewCard: true,
      celebrate: false,
    });
    expect(view.counts.expected).toBe(2);
  });

  it('tells invited, done, waitlisted, not invited and outsiders apart', () => {
    const task = join(join(chosen, 1), 2);
    expect(viewTask(task, viewer(1), NOW).viewer.status).toBe('done');
    expect(viewTask(task, viewer(2), NOW).viewer.status).toBe('waitlisted');
    expect(viewTask(chosen, viewer(1), NOW).viewer).toMatchObject({ status: 'pending', cardText: '未参与' });
    expect(viewTask(chosen, viewer(1), NOW).viewer.can.join).toBe(true);
    expect(viewTask(task, viewer(3), NOW).viewer).toMatchObject({ status: 'notInvited', cardText: '你无需参与' });
    expect(viewTask(task, viewer(3, 'room2'), NOW).viewer.status).toBe('outsider');
    expect(viewTask(task, viewer(2), NOW).viewer.can.leave).toBe(true);
  });

  it('reports the card text WeChat confirmed, and whether the card is in sync', () => {
    const task = join(aTask(), 1);
    expect(viewTask(task, viewer(1), NOW)).toMatchObject({ viewer: { cardText: '未参与' }, card: { inSync: false } });
    const shown = { ...task, card: { ...task.card, shown: { ...task.card.shown, doneMemberIds: ['group1'] } } };
    expect(viewTask(shown, viewer(1), NOW)).toMatchObject({ viewer: { cardText: '已参与' }, card: { inSync: true } });
  });

  it('shows counts, the audience summarized and the first page of each list, never the chosen ids', () => {
    const chosenIds = Array.from({ length: 12 }, (_, n) => member(n + 1).memberId);
    let task = aTask({ audience: { kind: 'members', memberIds: chosenIds }, capacity: 5 });
    for (let n = 1; n <= 9; n += 1) task = join(task, n);
    const view = viewTask(task, viewer(1), NOW);
    expect(view.counts).toEqual({ joined: 5, waitlisted: 4, expected: 12 });
    expect(view.audience).toEqual({ kind: 'members', count: 12 });
    expect(view.participants.items.map((p) => p.memberId)).toEqual(chosenIds.slice(0, MEMBERS_FIRST_PAGE));
    expect(view.participants.next).not.toBeNull();
    expect(view.waitlist.items).toHaveLength(Math.min(4, MEMBERS_FIRST_PAGE));
    expect(JSON.stringify(view)).not.toContain(chosenIds[11]);
    const small = viewTask(join(aTask(), 1), viewer(1), NOW);
    expect(small.participants).toEqual({
      items: [{ memberId: member(1).memberId, at: NOW, note: '' }],
      next: null,
    });
    expect(small.waitlist).toEqual({ items: [], next: null });
  });

  it('never exposes userIds', () => {
    const json = JSON.stringify(viewTask(join(aTask(), 1), viewer(2), NOW));
    expect(json).not.toContain('open1');
    expect(json).not.toContain(creator.userId);
  });

  it('gives lists the same status as the task page, for every kind of viewer', () => {
    const task = join(
      join(aTask({ audience: { kind: 'members', memberIds: ['group1', 'group2'] }, capacity: 1 }), 1),
      2,
    );
    // Each member in the room, in another room, and with neither room nor group_openid resolved.
    const expected = [
      ['notInvited', 'outsider', 'notInvited'],
      ['done', 'outsider', 'done'],
      ['waitlisted', 'outsider', 'waitlisted'],
      ['notInvited', 'outsider', 'outsider'],
    ];
    for (const n of [0, 1, 2, 3]) {
      const viewers = [
        viewer(n),
        viewer(n, 'room2'),
        { userId: member(n).userId, roomId: null, memberId: null, locale: 'en' as const },
      ];
      expect(viewers.map((v) => viewerStatus(task, v))).toEqual(expected[n]);
      expect(viewers.map((v) => summarizeTask(task, v).status)).toEqual(expected[n]);
    }
  });

  it('summarises for lists', () => {
    expect(
      summarizeTask(join(aTask(), 1), { userId: 'open1', roomId: null, memberId: null, locale: 'en' }),
    ).toMatchObject({
      done: 1,
      status: 'done',
      isCreator: false,
    });
  });
});

describe('sharing and reminding', () => {
  it('shares chosen members with chooseType 1 and everyone with chooseType 2', () => {
    const chosen = shareOf(aTask({ audience: { kind: 'members', memberIds: ['group1'] }, kind: 'complete' }));
    expect(chosen).toMatchObject({ chooseType: 1, participant: ['group1'], templateId: CARD_TEMPLATE.complete });
    expect(chosen.path).toBe('/packageChatTool/pages/entry/index?taskId=task1');
    expect(shareOf(aTask())).toMatchObject({ chooseType: 2, participant: [], templateId: CARD_TEMPLATE.participate });
  });

  it('reminds chosen members who have not acted, or the seen members of an everyone task', () => {
    const chosen = join(aTask({ audience: { kind: 'members', memberIds: ['group1', 'group2'] } }), 1);
    expect(pendingMemberIds(chosen, [])).toEqual(['group2']);
    const everyone = join(aTask(), 1);
    expect(pendingMemberIds(everyone, [creator, member(1), member(2), member(3)])).toEqual(['group2', 'group3']);
  });
});
