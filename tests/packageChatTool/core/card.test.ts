import { cardAfter, cardInSync, cardUpdates, MAX_PARTICIPATORS_PER_CALL } from '../../../packageChatTool/core/card';
import { endTask, joinTask, leaveTask, markClosingSoon } from '../../../packageChatTool/core/task';
import type { Task } from '../../../packageChatTool/core/types';
import { CARD_TEMPLATE } from '../../../packageChatTool/core/types';
import { aTask, creator, HOUR, member, NOW } from './fixtures';

function joined(task: Task, ...numbers: number[]): Task {
  return numbers.reduce((current, n) => {
    const result = joinTask(current, member(n), NOW);
    if (!result.ok) throw new Error(result.error.message);
    return result.data.task;
  }, task);
}

const apply = (task: Task, at = NOW): Task => ({
  ...task,
  card: cardUpdates(task, at).reduce((card, body) => cardAfter(card, { body, at }), task.card),
});

describe('card updates', () => {
  it('needs nothing for a new task', () => {
    expect(cardUpdates(aTask(), NOW)).toEqual([]);
    expect(cardInSync(aTask())).toBe(true);
  });

  it('marks several new participants in one call with target_state 1 and snake_case keys', () => {
    const task = joined(aTask(), 1, 2);
    expect(cardUpdates(task, NOW)).toEqual([
      {
        activity_id: '1001_abc+/=',
        target_state: 1,
        template_id: CARD_TEMPLATE.participate,
        version_type: 1,
        participator_info_list: [
          { group_openid: 'group1', state: 1 },
          { group_openid: 'group2', state: 1 },
        ],
      },
    ]);
  });

  it('uses the completion template for complete tasks', () => {
    const [body] = cardUpdates(joined(aTask({ kind: 'complete' }), 1), NOW);
    expect(body?.template_id).toBe(CARD_TEMPLATE.complete);
  });

  it('only sends what the card does not show yet', () => {
    const first = apply(joined(aTask(), 1));
    const second = joined(first, 2);
    expect(cardUpdates(second, NOW)[0]?.participator_info_list).toEqual([{ group_openid: 'group2', state: 1 }]);
  });

  it('splits large batches', () => {
    const many = Array.from({ length: MAX_PARTICIPATORS_PER_CALL + 5 }, (_, i) => i + 1);
    const bodies = cardUpdates(joined(aTask(), ...many), NOW);
    expect(bodies.map((b) => b.participator_info_list?.length)).toEqual([MAX_PARTICIPATORS_PER_CALL, 5]);
  });

  it('never un-marks: a member who left stays marked on the card and nothing is sent', () => {
    const shown = apply(joined(aTask(), 1));
    const left = leaveTask(shown, 'open1', NOW);
    if (!left.ok) throw new Error('leave refused');
    expect(cardUpdates(left.data.task, NOW)).toEqual([]);
    expect(left.data.task.card.doneGroupOpenids).toEqual(['group1']);
  });

  it('sends target_state 2 for closing soon; new members are marked with 1, then the card returns to 2', () => {
    const closing = markClosingSoon(aTask(), creator.openid, NOW);
    if (!closing.ok) throw new Error('refused');
    expect(cardUpdates(closing.data, NOW)).toEqual([expect.objectContaining({ target_state: 2 })]);
    expect(cardUpdates(closing.data, NOW)[0]?.participator_info_list).toBeUndefined();
    const shownClosing = apply(closing.data);
    expect(shownClosing.card.state).toBe(2);
    const withMember = joined(shownClosing, 3);
    const bodies = cardUpdates(withMember, NOW);
    expect(bodies.map((b) => [b.target_state, b.participator_info_list?.length])).toEqual([
      [1, 1],
      [2, undefined],
    ]);
    expect(apply(withMember, NOW + 1).card).toEqual({ state: 2, stateAt: NOW + 1, doneGroupOpenids: ['group3'] });
  });

  it('puts participator_info_list only on target_state 1', () => {
    const many = joined(aTask(), 1, 2, 3);
    for (const task of [many, apply(many)]) {
      for (const body of cardUpdates(task, NOW)) {
        if (body.participator_info_list !== undefined) expect(body.target_state).toBe(1);
      }
    }
  });

  it('records the state of the latest accepted call and never leaves ended', () => {
    const base = { state: 1 as const, stateAt: 0, doneGroupOpenids: [] };
    const body = (target_state: 1 | 2 | 3) => ({
      activity_id: 'a',
      target_state,
      template_id: CARD_TEMPLATE.participate,
      version_type: 0 as const,
    });
    const later = cardAfter(cardAfter(base, { body: body(2), at: 9 }), { body: body(1), at: 5 });
    expect(later).toMatchObject({ state: 2, stateAt: 9 });
    const ended = cardAfter(base, { body: body(3), at: 1 });
    expect(cardAfter(ended, { body: body(2), at: 2 }).state).toBe(3);
  });

  it('ends with a single target_state 3 and then stays final', () => {
    const ended = endTask(joined(aTask(), 1), creator.openid, NOW);
    if (!ended.ok) throw new Error('refused');
    const bodies = cardUpdates(ended.data, NOW);
    expect(bodies).toEqual([expect.objectContaining({ target_state: 3 })]);
    expect(bodies[0]?.participator_info_list).toBeUndefined();
    const after = apply(ended.data);
    expect(after.card.state).toBe(3);
    expect(cardUpdates(after, NOW)).toEqual([]);
  });

  it('cannot update an expired activity_id (a renewed card is needed)', () => {
    const task = joined(aTask(), 1);
    expect(cardUpdates(task, NOW + 25 * HOUR)).toEqual([]);
    expect(cardInSync(task)).toBe(false);
  });
});
