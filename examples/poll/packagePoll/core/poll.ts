// The group poll, pure: what a poll is, who may vote and close, and what its card should show (the kit takes the
// card there). The chat tool (the create page's counters) and the groupPoll function (which bundles it) share it.
// No wx, cloud or database import.
import type { CardBinding, CardTarget, Field, Member, Room } from 'chat-tool-kit';
import { countCharacters, isRecord, ok, unexpectedField } from 'chat-tool-kit';
import { refuse, type PollResult } from './errors';

export const QUESTION_MAX = 60;
export const OPTION_TEXT_MAX = 30;
export const OPTIONS_MIN = 2;
export const OPTIONS_MAX = 6;

/** What the creator fills in. */
export interface PollDraft {
  question: string;
  options: string[];
}

export interface Vote extends Member {
  /** Index into the poll's options. */
  option: number;
  at: number;
}

/** open → closed; closed is final (the card's end cannot be taken back). */
export type PollState = 'open' | 'closed';

export interface Poll {
  /** The poll's id, which is also its stored document's key. */
  _id: string;
  question: string;
  options: string[];
  room: Room;
  creator: Member;
  state: PollState;
  /** One per member, in the order they voted. */
  votes: Vote[];
  card: CardBinding;
  /** The card may lag behind the poll (raised by every change, cleared by a sync): the timer syncs it again. */
  cardBehind: boolean;
  createdAt: number;
}

/** The problem with a question, or null; the create page shows it as the creator types. */
export function questionProblem(question: string): 'QUESTION_EMPTY' | 'QUESTION_TOO_LONG' | null {
  if (question.trim() === '') return 'QUESTION_EMPTY';
  return countCharacters(question.trim()) > QUESTION_MAX ? 'QUESTION_TOO_LONG' : null;
}

/** The problem with a list of option texts, or null. */
export function optionsProblem(
  options: readonly string[],
): 'OPTIONS_COUNT' | 'OPTION_EMPTY' | 'OPTION_TOO_LONG' | 'OPTION_DUPLICATE' | null {
  if (options.length < OPTIONS_MIN || options.length > OPTIONS_MAX) return 'OPTIONS_COUNT';
  const texts = options.map((text) => text.trim());
  if (texts.some((text) => text === '')) return 'OPTION_EMPTY';
  if (texts.some((text) => countCharacters(text) > OPTION_TEXT_MAX)) return 'OPTION_TOO_LONG';
  return new Set(texts).size < texts.length ? 'OPTION_DUPLICATE' : null;
}

const PROBLEM_MESSAGES = {
  QUESTION_EMPTY: 'the question is empty',
  QUESTION_TOO_LONG: `the question exceeds ${QUESTION_MAX} characters`,
  OPTIONS_COUNT: `a poll has ${OPTIONS_MIN} to ${OPTIONS_MAX} options`,
  OPTION_EMPTY: 'an option is empty',
  OPTION_TOO_LONG: `an option exceeds ${OPTION_TEXT_MAX} characters`,
  OPTION_DUPLICATE: 'two options are the same',
} as const;

/** The createPoll request's `poll` field: untrusted value → a draft with trimmed texts, or the first problem. */
export const pollDraft: Field<PollDraft> = (value) => {
  if (!isRecord(value)) return refuse('INVALID_REQUEST', 'poll must be an object');
  const extra = unexpectedField(value, ['question', 'options']);
  if (!extra.ok) return extra;
  const { question, options } = value;
  if (typeof question !== 'string') return refuse('INVALID_REQUEST', 'question must be a string');
  if (!Array.isArray(options) || !options.every((text): text is string => typeof text === 'string')) {
    return refuse('INVALID_REQUEST', 'options must be a list of strings');
  }
  const problem = questionProblem(question) ?? optionsProblem(options);
  if (problem !== null) return refuse(problem, PROBLEM_MESSAGES[problem]);
  return ok({ question: question.trim(), options: options.map((text) => text.trim()) });
};

/** The vote request's `option` field: an index a poll could have; the poll itself decides whether it has it. */
export const optionIndex: Field<number> = (value) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < OPTIONS_MAX
    ? ok(value)
    : refuse('INVALID_REQUEST', `option must be a whole number from 0 to ${OPTIONS_MAX - 1}`);

export function newPoll(input: {
  id: string;
  draft: PollDraft;
  room: Room;
  creator: Member;
  card: CardBinding;
  now: number;
}): Poll {
  const { id, draft, room, creator, card, now } = input;
  return { _id: id, ...draft, room, creator, state: 'open', votes: [], card, cardBehind: false, createdAt: now };
}

/** The caller's vote: refused once the poll is closed, for an option it lacks, or a second time. */
export function castVote(poll: Poll, voter: Member, option: number, now: number): PollResult<Vote> {
  if (poll.state === 'closed') return refuse('POLL_CLOSED', 'the poll is closed');
  if (option >= poll.options.length) return refuse('OPTION_UNKNOWN', `the poll has no option ${option}`);
  if (poll.votes.some((vote) => vote.userId === voter.userId)) return refuse('ALREADY_VOTED', 'already voted');
  return ok({ ...voter, option, at: now });
}

/** Only the creator closes the poll, once. */
export function closePoll(poll: Poll, userId: string): PollResult<Poll> {
  if (poll.creator.userId !== userId) return refuse('NOT_CREATOR', 'only the creator can close the poll');
  if (poll.state === 'closed') return refuse('POLL_CLOSED', 'the poll is closed');
  return ok({ ...poll, state: 'closed' });
}

/** The poll's room must be the caller's: a poll id seen elsewhere opens nothing. */
export const inRoom = (poll: Poll, roomId: string): PollResult<Poll> =>
  poll.room.id === roomId ? ok(poll) : refuse('WRONG_ROOM', 'this poll belongs to another chat');

/**
 * What the card should show: "N人已参与" counting the voters while open, 已结束 once closed. The creator publishes
 * the card and is never one of its participants (docs/platform.md, "Card templates and subtitles"), so their own
 * vote counts in the poll but is not marked on the card.
 */
export function cardTargetOf(poll: Poll): CardTarget {
  return {
    kind: 'participate',
    state: poll.state === 'open' ? 1 : 3,
    done: poll.votes.map((vote) => vote.memberId).filter((id) => id !== poll.creator.memberId),
  };
}
