// The poll's changes as data for the kit's store primitive (Collection.change): each rule's decision in poll.ts,
// stated as the change it makes and the premises it rested on, so the store commits it atomically while they hold,
// whatever other votes landed meanwhile. Pure: the primitive's types only; the chat tool never loads this file.
import type { CardSync, Member } from 'chat-tool-kit';
import { cardAfter, cardInSync, ok } from 'chat-tool-kit';
import type { GuardedChange } from '../../../../kit/server/store/types';
import type { PollResult } from './errors';
import { cardTargetOf, castVote, closePoll, type Poll } from './poll';

/** A decision as data: `change` applied to the poll it was computed from gives `result`. */
export type PollChange = GuardedChange<Poll>;

/** A vote lands only while the poll is open and holds no vote of this member; the card lags until synced. */
export function voteChange(poll: Poll, voter: Member, option: number, now: number): PollResult<PollChange> {
  const vote = castVote(poll, voter, option, now);
  if (!vote.ok) return vote;
  return ok({
    change: { append: { votes: vote.data }, set: { cardBehind: true } },
    premises: [
      { path: 'state', equals: 'open' },
      { list: 'votes', lacks: { key: 'userId', value: voter.userId } },
    ],
    result: { ...poll, votes: [...poll.votes, vote.data], cardBehind: true },
  });
}

/** The creator closes an open poll; the card lags until it shows 已结束. */
export function closeChange(poll: Poll, userId: string): PollResult<PollChange> {
  const closed = closePoll(poll, userId);
  if (!closed.ok) return closed;
  return ok({
    change: { set: { state: 'closed', cardBehind: true } },
    premises: [{ path: 'state', equals: 'open' }],
    result: { ...closed.data, cardBehind: true },
  });
}

/**
 * What a card sync learned, recorded beside the poll (kit card sync's CardRecords); null for another card than the
 * poll's. Committed only while the card, the state and the votes are as the answers were weighed against, so
 * `cardBehind` is never cleared for a vote the card lacks.
 */
export function cardRecordChange(poll: Poll, activityId: string, sync: CardSync): PollChange | null {
  if (poll.card.activityId !== activityId) return null;
  const target = cardTargetOf(poll);
  const card = { ...poll.card, shown: cardAfter(poll.card.shown, target.state, sync) };
  const cardBehind = !cardInSync(card, target);
  return {
    change: { set: { 'card.shown': card.shown, cardBehind } },
    premises: [
      { path: 'card.activityId', equals: activityId },
      { path: 'card.shown.version', equals: poll.card.shown.version },
      { path: 'state', equals: poll.state },
      { list: 'votes', sizeIs: poll.votes.length },
    ],
    result: { ...poll, card, cardBehind },
  };
}
