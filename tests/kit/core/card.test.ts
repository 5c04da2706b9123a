// The card engine, generic: a binding (what WeChat shows) and a target (what the tool wants it to show).
import type { CardAnswer, CardBinding, CardSync, CardTarget, SetChatToolMsgBody } from 'chat-tool-kit';
import {
  CARD_TEMPLATE,
  cardAfter,
  cardInSync,
  cardRole,
  cardText,
  cardUpdates,
  MAX_PARTICIPATORS_PER_CALL,
  NEW_CARD,
  newBinding,
} from 'chat-tool-kit';

const NOW = Date.UTC(2026, 0, 1, 8, 0, 0);
const HOUR = 60 * 60 * 1000;

const aBinding = (): CardBinding => newBinding({ activityId: '1001_abc+/=', expiresAt: NOW + 24 * HOUR }, 1);
const group = (...numbers: number[]): string[] => numbers.map((n) => `group${n}`);
const target = (state: 1 | 2 | 3, done: string[] = [], kind: CardTarget['kind'] = 'participate'): CardTarget => ({
  kind,
  state,
  done,
});

/** The binding once WeChat accepted every body its card needed, in one sync nobody else interleaved with. */
const apply = (binding: CardBinding, wanted: CardTarget, at = NOW): CardBinding => {
  const answers = cardUpdates(binding, wanted, at).map((body) => ({ body, answer: 'accepted' as const }));
  return { ...binding, shown: cardAfter(binding.shown, wanted.state, { version: binding.shown.version, answers }) };
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

describe('a new binding', () => {
  it('is a new card: collecting, settled, nobody marked, with the activity and version type given', () => {
    expect(aBinding()).toEqual({
      activityId: '1001_abc+/=',
      expiresAt: NOW + 24 * HOUR,
      versionType: 1,
      shown: { state: 1, settled: true, endSent: false, version: 0, doneMemberIds: [] },
    });
    expect(aBinding().shown).toBe(NEW_CARD);
  });
});

describe('card updates', () => {
  it('needs nothing for a new record', () => {
    expect(cardUpdates(aBinding(), target(1), NOW)).toEqual([]);
    expect(cardInSync(aBinding(), target(1))).toBe(true);
  });

  it('marks several new members in one call with target_state 1 and snake_case keys', () => {
    expect(cardUpdates(aBinding(), target(1, group(1, 2)), NOW)).toEqual([
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

  it('uses the completion template for the complete kind', () => {
    const [first] = cardUpdates(aBinding(), target(1, group(1), 'complete'), NOW);
    expect(first?.template_id).toBe(CARD_TEMPLATE.complete);
  });

  it('only sends what the card does not show yet', () => {
    const first = apply(aBinding(), target(1, group(1)));
    expect(cardUpdates(first, target(1, group(1, 2)), NOW)[0]?.participator_info_list).toEqual([
      { group_openid: 'group2', state: 1 },
    ]);
  });

  it('splits large batches', () => {
    const many = group(...Array.from({ length: MAX_PARTICIPATORS_PER_CALL + 5 }, (_, i) => i + 1));
    const bodies = cardUpdates(aBinding(), target(1, many), NOW);
    expect(bodies.map((b) => b.participator_info_list?.length)).toEqual([MAX_PARTICIPATORS_PER_CALL, 5]);
  });

  it('never un-marks: a member no longer done stays marked on the card and nothing is sent', () => {
    const shown = apply(aBinding(), target(1, group(1)));
    expect(cardUpdates(shown, target(1), NOW)).toEqual([]);
    expect(shown.shown.doneMemberIds).toEqual(['group1']);
  });

  it('sends target_state 2 for closing soon, marking first who is still unmarked, and never marks after', () => {
    const closing = target(2, group(1));
    // The card still certainly shows 1: the member is marked before it turns to 2.
    expect(
      cardUpdates(aBinding(), closing, NOW).map((b) => [b.target_state, b.participator_info_list?.length]),
    ).toEqual([
      [1, 1],
      [2, undefined],
    ]);
    const shownClosing = apply(aBinding(), closing);
    expect(shownClosing.shown).toMatchObject({ state: 2, settled: true, doneMemberIds: ['group1'] });
    // Marking now would take the card back to collecting: members done later are not marked.
    const withMember = target(2, group(1, 3));
    expect(cardUpdates(shownClosing, withMember, NOW)).toEqual([]);
    expect(cardInSync(shownClosing, withMember)).toBe(true);
  });

  it('re-sends closing soon while the card may show another state, without marking anyone', () => {
    const binding = aBinding();
    const doubt = { ...binding, shown: { ...binding.shown, settled: false } };
    expect(cardUpdates(doubt, target(2, group(1)), NOW)).toEqual([expect.objectContaining({ target_state: 2 })]);
    expect(cardUpdates(doubt, target(2, group(1)), NOW)[0]?.participator_info_list).toBeUndefined();
  });

  it('puts participator_info_list only on target_state 1', () => {
    const many = target(2, group(1, 2, 3));
    for (const binding of [aBinding(), apply(aBinding(), target(1, group(1)))]) {
      for (const b of cardUpdates(binding, many, NOW)) {
        if (b.participator_info_list !== undefined) expect(b.target_state).toBe(1);
      }
    }
  });

  it('ends with a single target_state 3 and then stays final', () => {
    const ended = target(3, group(1));
    const bodies = cardUpdates(aBinding(), ended, NOW);
    expect(bodies).toEqual([expect.objectContaining({ target_state: 3 })]);
    expect(bodies[0]?.participator_info_list).toBeUndefined();
    const after = apply(aBinding(), ended);
    expect(after.shown.state).toBe(3);
    expect(cardUpdates(after, ended, NOW)).toEqual([]);
    expect(cardUpdates(after, target(2, group(1, 2)), NOW)).toEqual([]);
  });

  it('cannot update an expired activity_id (a new binding is needed)', () => {
    const wanted = target(1, group(1));
    expect(cardUpdates(aBinding(), wanted, NOW + 25 * HOUR)).toEqual([]);
    expect(cardUpdates(aBinding(), wanted, NOW + 24 * HOUR)).toEqual([]);
    expect(cardInSync(aBinding(), wanted)).toBe(false);
  });
});

describe('what the card shows after a sync (cardAfter): no clock decides, unknown outcomes are re-sent', () => {
  it('accumulates the marks of accepted calls only', () => {
    const card = cardAfter(NEW_CARD, 1, sync(0, [body(1, ['g1']), 'accepted'], [body(1, ['g2']), 'unknown']));
    expect(card).toEqual({ state: 1, settled: true, endSent: false, version: 1, doneMemberIds: ['g1'] });
    expect(cardAfter(card, 1, sync(0, [body(1, ['g3']), 'refused'])).doneMemberIds).toEqual(['g1']);
  });

  it('settles the state of a sync nobody else recorded during, and doubts one that raced', () => {
    const alone = cardAfter(NEW_CARD, 2, sync(0, [body(1, ['g1']), 'accepted'], [body(2), 'accepted']));
    expect(alone).toMatchObject({ state: 2, settled: true, version: 1 });
    // Another sync read version 0 too: which of its calls WeChat applied last is unknown.
    const raced = cardAfter(alone, 2, sync(0, [body(1, ['g2']), 'accepted']));
    expect(raced).toMatchObject({ state: 1, settled: false, version: 2, doneMemberIds: ['g1', 'g2'] });
    // An answer that came after its sync gave up has no place in the order either.
    expect(cardAfter(alone, 2, sync(null, [body(2), 'accepted'])).settled).toBe(false);
  });

  it('doubts the state after an unknown outcome until a sync alone sends it again', () => {
    const timedOut = cardAfter(NEW_CARD, 2, sync(0, [body(2), 'unknown']));
    expect(timedOut).toMatchObject({ state: 1, settled: false, endSent: false });
    const again = cardAfter(timedOut, 2, sync(1, [body(2), 'accepted']));
    expect(again).toMatchObject({ state: 2, settled: true });
  });

  it('knows a collecting card (target 1) shows 1 whatever the order', () => {
    const raced = cardAfter({ ...NEW_CARD, version: 4 }, 1, sync(0, [body(1, ['g1']), 'unknown']));
    expect(raced).toMatchObject({ state: 1, settled: true, doneMemberIds: [] });
  });

  it('keeps ended final, and reads a refused end after an unknown one as ended', () => {
    const ended = cardAfter(NEW_CARD, 3, sync(0, [body(3), 'accepted']));
    expect(ended).toMatchObject({ state: 3, settled: true });
    expect(cardAfter(ended, 3, sync(0, [body(2), 'accepted'])).state).toBe(3);
    const unknownEnd = cardAfter(NEW_CARD, 3, sync(0, [body(3), 'unknown']));
    expect(unknownEnd).toMatchObject({ state: 1, settled: false, endSent: true });
    expect(cardAfter(unknownEnd, 3, sync(1, [body(3), 'refused']))).toMatchObject({ state: 3, settled: true });
    // Without an end of unknown outcome before it, a refused end is a failure: the card did not end.
    expect(cardAfter(NEW_CARD, 3, sync(0, [body(3), 'refused'])).state).toBe(1);
    // A call refused before WeChat looked at the card (permission, cloud call unsupported) proves nothing.
    expect(cardAfter(unknownEnd, 3, sync(1, [body(3), 'failed']))).toMatchObject({ state: 1, endSent: true });
  });

  it('changes nothing when nothing was sent', () => {
    expect(cardAfter(NEW_CARD, 2, sync(0))).toBe(NEW_CARD);
  });
});

describe('card text (docs/platform.md#card-templates-and-subtitles)', () => {
  it.each([
    ['complete', 1, 'publisher', false, 3, '3人已完成'],
    ['complete', 2, 'publisher', false, 3, '3人已完成'],
    ['complete', 3, 'publisher', false, 3, '已结束'],
    ['complete', 1, 'participant', false, 0, '未完成'],
    ['complete', 2, 'participant', false, 0, '即将截止'],
    ['complete', 3, 'participant', false, 0, '已结束'],
    ['complete', 1, 'participant', true, 1, '已完成'],
    ['complete', 2, 'participant', true, 1, '已完成'],
    ['complete', 3, 'participant', true, 1, '已结束'],
    ['complete', 1, 'nonParticipant', false, 0, '你无需完成'],
    ['complete', 3, 'nonParticipant', false, 0, '已结束'],
    ['participate', 1, 'publisher', false, 2, '2人已参与'],
    ['participate', 3, 'publisher', false, 2, '已结束'],
    ['participate', 1, 'participant', false, 0, '未参与'],
    ['participate', 2, 'participant', false, 0, '即将截止'],
    ['participate', 2, 'participant', true, 0, '已参与'],
    ['participate', 2, 'nonParticipant', false, 0, '你无需参与'],
  ] as const)('%s, state %i, %s, done %s → %s', (kind, state, role, done, count, text) => {
    expect(cardText(kind, state, role, done, count)).toBe(text);
  });

  it('classifies viewers by chooseType', () => {
    const card = { publisherMemberId: 'p', chooseType: 1 as const, participant: ['a'] };
    expect(cardRole(card, 'p')).toBe('publisher');
    expect(cardRole(card, 'a')).toBe('participant');
    expect(cardRole(card, 'b')).toBe('nonParticipant');
    expect(cardRole({ ...card, chooseType: 2 }, 'b')).toBe('participant');
  });
});
