// The poll's domain, pure: the draft's rules, one vote per member, closing, what the card should show and what
// each member sees.
import { cardUpdates, newBinding, parseRequest } from 'chat-tool-kit';
import { applyChange, premisesHold } from '../../../kit/server/store/change';
import { POLL_ACTIONS } from '../../../examples/poll/packagePoll/core/actions';
import { cardRecordChange, closeChange, voteChange } from '../../../examples/poll/packagePoll/core/changes';
import {
  cardTargetOf,
  castVote,
  closePoll,
  newPoll,
  pollDraft,
  type Poll,
} from '../../../examples/poll/packagePoll/core/poll';
import { pollView, shareOf } from '../../../examples/poll/packagePoll/core/view';

const NOW = 1_700_000_000_000;
const alice = { userId: 'o-alice', memberId: 'g-alice' };
const bob = { userId: 'o-bob', memberId: 'g-bob' };
const carol = { userId: 'o-carol', memberId: 'g-carol' };

function aPoll(changes: Partial<Poll> = {}): Poll {
  return {
    ...newPoll({
      id: 'p1',
      draft: { question: '周六去哪里', options: ['山顶', '湖边'] },
      room: { id: 'room-1', chatType: 3 },
      creator: alice,
      card: newBinding({ activityId: 'a1', expiresAt: NOW + 86_400_000 }, 1),
      now: NOW,
    }),
    ...changes,
  };
}

const codeOf = (result: { ok: boolean; error?: { code: string } }): string | undefined => result.error?.code;

describe('the draft', () => {
  test('a question and 2 to 6 distinct options, trimmed', () => {
    expect(pollDraft({ question: ' 去哪 ', options: [' 山顶', '湖边 '] }, NOW)).toEqual({
      ok: true,
      data: { question: '去哪', options: ['山顶', '湖边'] },
    });
  });

  test.each([
    ['QUESTION_EMPTY', { question: '  ', options: ['a', 'b'] }],
    ['QUESTION_TOO_LONG', { question: '问'.repeat(61), options: ['a', 'b'] }],
    ['OPTIONS_COUNT', { question: 'q', options: ['a'] }],
    ['OPTIONS_COUNT', { question: 'q', options: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }],
    ['OPTION_EMPTY', { question: 'q', options: ['a', ' '] }],
    ['OPTION_TOO_LONG', { question: 'q', options: ['a', 'b'.repeat(31)] }],
    ['OPTION_DUPLICATE', { question: 'q', options: ['a', ' a'] }],
    ['INVALID_REQUEST', { question: 'q', options: ['a', 2] }],
    ['INVALID_REQUEST', { question: 'q', options: ['a', 'b'], creator: 'o-x' }],
    ['INVALID_REQUEST', 'q'],
  ])('%s: draft %# is refused', (code, draft) => {
    expect(codeOf(pollDraft(draft, NOW))).toBe(code);
  });

  test('lengths count characters, not UTF-16 units: 60 emoji are a question', () => {
    expect(pollDraft({ question: '😀'.repeat(60), options: ['a', 'b'] }, NOW).ok).toBe(true);
  });

  test('the vote request takes an option index and nothing that claims an identity', () => {
    const vote = { action: 'vote', chatProof: 'c', pollId: 'p1' };
    expect(parseRequest(POLL_ACTIONS, { ...vote, option: 1 }, NOW).ok).toBe(true);
    expect(codeOf(parseRequest(POLL_ACTIONS, { ...vote, option: 1.5 }, NOW))).toBe('INVALID_REQUEST');
    expect(codeOf(parseRequest(POLL_ACTIONS, { ...vote, option: 6 }, NOW))).toBe('INVALID_REQUEST');
    expect(codeOf(parseRequest(POLL_ACTIONS, { ...vote, option: 0, userId: 'o-x' }, NOW))).toBe('INVALID_REQUEST');
  });
});

describe('voting and closing', () => {
  test('one vote per member, for an option the poll has, while it is open', () => {
    expect(castVote(aPoll(), bob, 1, NOW)).toEqual({ ok: true, data: { ...bob, option: 1, at: NOW } });
    const voted = aPoll({ votes: [{ ...bob, option: 0, at: NOW }] });
    expect(codeOf(castVote(voted, bob, 1, NOW))).toBe('ALREADY_VOTED');
    expect(codeOf(castVote(aPoll(), bob, 2, NOW))).toBe('OPTION_UNKNOWN');
    expect(codeOf(castVote(aPoll({ state: 'closed' }), bob, 0, NOW))).toBe('POLL_CLOSED');
  });

  test('only the creator closes, once', () => {
    expect(codeOf(closePoll(aPoll(), bob.userId))).toBe('NOT_CREATOR');
    const closed = closePoll(aPoll(), alice.userId);
    expect(closed.ok && closed.data.state).toBe('closed');
    expect(codeOf(closePoll(aPoll({ state: 'closed' }), alice.userId))).toBe('POLL_CLOSED');
  });
});

describe('the card and the views', () => {
  const votes = [
    { ...alice, option: 0, at: NOW },
    { ...bob, option: 1, at: NOW + 1 },
  ];

  test('the card counts the voters with the participate template, the creator not among them', () => {
    expect(cardTargetOf(aPoll({ votes }))).toEqual({ kind: 'participate', state: 1, done: ['g-bob'] });
    expect(cardTargetOf(aPoll({ votes, state: 'closed' }))).toEqual({ kind: 'participate', state: 3, done: ['g-bob'] });
  });

  test('members see counts per option and their own vote, never who voted for what', () => {
    const view = pollView(aPoll({ votes }), bob.userId);
    expect(view.options).toEqual([
      { text: '山顶', votes: 1 },
      { text: '湖边', votes: 1 },
    ]);
    expect(view.voters).toBe(2);
    expect(view.viewer).toEqual({ isCreator: false, option: 1, can: { vote: false, close: false } });
    expect(JSON.stringify(view)).not.toContain('o-alice');
    expect(pollView(aPoll(), alice.userId).viewer.can).toEqual({ vote: true, close: true });
    expect(pollView(aPoll({ state: 'closed' }), alice.userId).viewer.can).toEqual({ vote: false, close: false });
  });

  test('the card is shared with everyone in the chat, titled by the question, opening the poll', () => {
    expect(shareOf(aPoll())).toEqual({
      activityId: 'a1',
      activityExpiresAt: NOW + 86_400_000,
      templateId: '2A84254B945674A2F88CE4970782C402795EB607',
      chooseType: 2,
      participant: [],
      title: '周六去哪里',
      path: '/packagePoll/pages/entry/index?pollId=p1',
    });
  });
});

describe('the changes as data, for the store', () => {
  const bobVote = { ...bob, option: 1, at: NOW };

  test('a vote appends itself while the poll is open and lacks the voter; the result is the change applied', () => {
    const decided = voteChange(aPoll(), bob, 1, NOW);
    if (!decided.ok) throw new Error(decided.error.code);
    const { change, premises, result } = decided.data;
    expect(applyChange(aPoll(), change!)).toEqual(result);
    expect(result).toMatchObject({ votes: [bobVote], cardBehind: true });
    // The premises refuse what another request committed meanwhile: Bob's own vote, or the end of the poll.
    expect(premisesHold(aPoll({ votes: [{ ...alice, option: 0, at: NOW }] }), premises)).toBe(true);
    expect(premisesHold(aPoll({ votes: [bobVote] }), premises)).toBe(false);
    expect(premisesHold(aPoll({ state: 'closed' }), premises)).toBe(false);
  });

  test('closing is guarded by the state alone, so a burst of votes cannot starve it', () => {
    const decided = closeChange(aPoll(), alice.userId);
    if (!decided.ok) throw new Error(decided.error.code);
    expect(applyChange(aPoll(), decided.data.change!)).toEqual(decided.data.result);
    expect(premisesHold(aPoll({ votes: [bobVote] }), decided.data.premises)).toBe(true);
    expect(codeOf(closeChange(aPoll(), bob.userId))).toBe('NOT_CREATOR');
  });

  test('a card record clears the lag only while the votes are the ones it was weighed against', () => {
    const voted = aPoll({ votes: [bobVote], cardBehind: true });
    const [body] = cardUpdates(voted.card, cardTargetOf(voted), NOW);
    const recorded = cardRecordChange(voted, 'a1', { version: 0, answers: [{ body: body!, answer: 'accepted' }] })!;
    expect(applyChange(voted, recorded.change!)).toEqual(recorded.result);
    expect(recorded.result).toMatchObject({ cardBehind: false, card: { shown: { doneMemberIds: ['g-bob'] } } });
    const later = aPoll({ votes: [bobVote, { ...carol, option: 0, at: NOW }], cardBehind: true });
    expect(premisesHold(later, recorded.premises)).toBe(false);
    expect(cardRecordChange(voted, 'another card', { version: 0, answers: [] })).toBeNull();
  });
});
