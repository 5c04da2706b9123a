import type { CardAnswer, CardSync, SetChatToolMsgBody } from '../../../packageChatTool/core/card';
import {
  cardAfter,
  cardInSync,
  cardUpdates,
  MAX_PARTICIPATORS_PER_CALL,
  NEW_CARD,
} from '../../../packageChatTool/core/card';
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

/** The task once WeChat accepted every body its card needed, in one sync nobody else interleaved with. */
const apply = (task: Task, at = NOW): Task => {
  const answers = cardUpdates(task, at).map((body) => ({ body, answer: 'accepted' as const }));
  return { ...task, card: cardAfter(task.card, task.state, { version: task.card.version, answers }) };
};

const body = (target_state: 1 | 2 | 3, marks: string[] = []): SetChatToolMsgBody => ({
  activity_id: 'a',
  target_state,
  template_id: CARD_TEMPLATE.participate,
  version_type: 0,
  ...(marks.length > 0 ? { participator_info_list: marks.map((group_openid) => ({ group_openid, state: 1 })) } : {}),
});

const sync = (version: number | null, ...answers: [SetChatToolMsgBody, CardAnswer][]): CardSync => ({
  version,
  answers: answers.map(([b, answer]) => ({ body: b, answer })),
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

  it('sends target_state 2 for closing soon, marking first who is still unmarked, and never marks after', () => {
    const unmarked = joined(aTask(), 1);
    const closing = markClosingSoon(unmarked, creator.openid, NOW);
    if (!closing.ok) throw new Error('refused');
    // The card still certainly shows 1: the member is marked before it turns to 2.
    expect(cardUpdates(closing.data, NOW).map((b) => [b.target_state, b.participator_info_list?.length])).toEqual([
      [1, 1],
      [2, undefined],
    ]);
    const shownClosing = apply(closing.data);
    expect(shownClosing.card).toMatchObject({ state: 2, settled: true, doneGroupOpenids: ['group1'] });
    // Marking now would take the card back to collecting: members who sign up later are not marked.
    const withMember = joined(shownClosing, 3);
    expect(cardUpdates(withMember, NOW)).toEqual([]);
    expect(cardInSync(withMember)).toBe(true);
  });

  it('re-sends closing soon while the card may show another state, without marking anyone', () => {
    const closing = markClosingSoon(joined(aTask(), 1), creator.openid, NOW);
    if (!closing.ok) throw new Error('refused');
    const doubt = { ...closing.data, card: { ...closing.data.card, settled: false } };
    expect(cardUpdates(doubt, NOW)).toEqual([expect.objectContaining({ target_state: 2 })]);
    expect(cardUpdates(doubt, NOW)[0]?.participator_info_list).toBeUndefined();
  });

  it('puts participator_info_list only on target_state 1', () => {
    const many = joined(aTask(), 1, 2, 3);
    for (const task of [many, apply(many)]) {
      for (const b of cardUpdates(task, NOW)) {
        if (b.participator_info_list !== undefined) expect(b.target_state).toBe(1);
      }
    }
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

describe('the card record (cardAfter): no clock decides, unknown outcomes are re-sent', () => {
  it('accumulates the marks of accepted calls only', () => {
    const card = cardAfter(NEW_CARD, 'open', sync(0, [body(1, ['g1']), 'accepted'], [body(1, ['g2']), 'unknown']));
    expect(card).toEqual({ state: 1, settled: true, endSent: false, version: 1, doneGroupOpenids: ['g1'] });
    expect(cardAfter(card, 'open', sync(0, [body(1, ['g3']), 'refused'])).doneGroupOpenids).toEqual(['g1']);
  });

  it('settles the state of a sync nobody else recorded during, and doubts one that raced', () => {
    const alone = cardAfter(NEW_CARD, 'closingSoon', sync(0, [body(1, ['g1']), 'accepted'], [body(2), 'accepted']));
    expect(alone).toMatchObject({ state: 2, settled: true, version: 1 });
    // Another sync read version 0 too: which of its calls WeChat applied last is unknown.
    const raced = cardAfter(alone, 'closingSoon', sync(0, [body(1, ['g2']), 'accepted']));
    expect(raced).toMatchObject({ state: 1, settled: false, version: 2, doneGroupOpenids: ['g1', 'g2'] });
    // An answer that came after its sync gave up has no place in the order either.
    expect(cardAfter(alone, 'closingSoon', sync(null, [body(2), 'accepted'])).settled).toBe(false);
  });

  it('doubts the state after an unknown outcome until a sync alone sends it again', () => {
    const timedOut = cardAfter(NEW_CARD, 'closingSoon', sync(0, [body(2), 'unknown']));
    expect(timedOut).toMatchObject({ state: 1, settled: false, endSent: false });
    const again = cardAfter(timedOut, 'closingSoon', sync(1, [body(2), 'accepted']));
    expect(again).toMatchObject({ state: 2, settled: true });
  });

  it('knows a collecting task’s card shows 1 whatever the order', () => {
    const raced = cardAfter({ ...NEW_CARD, version: 4 }, 'open', sync(0, [body(1, ['g1']), 'unknown']));
    expect(raced).toMatchObject({ state: 1, settled: true, doneGroupOpenids: [] });
  });

  it('keeps ended final, and reads a refused end after an unknown one as ended', () => {
    const ended = cardAfter(NEW_CARD, 'ended', sync(0, [body(3), 'accepted']));
    expect(ended).toMatchObject({ state: 3, settled: true });
    expect(cardAfter(ended, 'ended', sync(0, [body(2), 'accepted'])).state).toBe(3);
    const unknownEnd = cardAfter(NEW_CARD, 'ended', sync(0, [body(3), 'unknown']));
    expect(unknownEnd).toMatchObject({ state: 1, settled: false, endSent: true });
    expect(cardAfter(unknownEnd, 'ended', sync(1, [body(3), 'refused']))).toMatchObject({ state: 3, settled: true });
    // Without an end of unknown outcome before it, a refused end is a failure: the card did not end.
    expect(cardAfter(NEW_CARD, 'ended', sync(0, [body(3), 'refused'])).state).toBe(1);
    // A call refused before WeChat looked at the card (permission, cloud call unsupported) proves nothing.
    expect(cardAfter(unknownEnd, 'ended', sync(1, [body(3), 'failed']))).toMatchObject({ state: 1, endSent: true });
  });

  it('changes nothing when nothing was sent', () => {
    expect(cardAfter(NEW_CARD, 'closingSoon', sync(0))).toBe(NEW_CARD);
  });
});
