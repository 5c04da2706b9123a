// What members see of a poll: counts per option, never who voted for what; and what the card is shared with.
import type { CardShare } from 'chat-tool-kit';
import { CARD_TEMPLATE, cardInSync } from 'chat-tool-kit';
import { cardTargetOf, type Poll, type PollState } from './poll';

/** The chat tool's entry page; with ?pollId it opens that poll (the card's path). */
export const ENTRY_PAGE = '/packagePoll/pages/entry/index';

const pollPath = (pollId: string): string => `${ENTRY_PAGE}?pollId=${encodeURIComponent(pollId)}`;

export const CREATE_PAGE = '/packagePoll/pages/create/index';

/** The poll page itself, where the entry page forwards a card's ?pollId. */
export const pollPage = (pollId: string): string =>
  `/packagePoll/pages/poll/index?pollId=${encodeURIComponent(pollId)}`;

export interface PollView {
  id: string;
  question: string;
  state: PollState;
  options: { text: string; votes: number }[];
  voters: number;
  viewer: {
    isCreator: boolean;
    /** The option the viewer voted for, or null. */
    option: number | null;
    can: { vote: boolean; close: boolean };
  };
  /** False while the platform has not yet confirmed the latest change to the card. */
  cardInSync: boolean;
  createdAt: number;
}

export interface PollSummary {
  id: string;
  question: string;
  state: PollState;
  voters: number;
  voted: boolean;
  isCreator: boolean;
}

export function pollView(poll: Poll, userId: string): PollView {
  const mine = poll.votes.find((vote) => vote.userId === userId);
  const isCreator = poll.creator.userId === userId;
  const open = poll.state === 'open';
  return {
    id: poll._id,
    question: poll.question,
    state: poll.state,
    options: poll.options.map((text, index) => ({
      text,
      votes: poll.votes.filter((vote) => vote.option === index).length,
    })),
    voters: poll.votes.length,
    viewer: {
      isCreator,
      option: mine?.option ?? null,
      can: { vote: open && mine === undefined, close: open && isCreator },
    },
    cardInSync: cardInSync(poll.card, cardTargetOf(poll)),
    createdAt: poll.createdAt,
  };
}

export const pollSummary = (poll: Poll, userId: string): PollSummary => ({
  id: poll._id,
  question: poll.question,
  state: poll.state,
  voters: poll.votes.length,
  voted: poll.votes.some((vote) => vote.userId === userId),
  isCreator: poll.creator.userId === userId,
});

/** The card as the creator posts it: every member of the chat may vote (chooseType 2). */
export const shareOf = (poll: Poll): CardShare => ({
  activityId: poll.card.activityId,
  activityExpiresAt: poll.card.expiresAt,
  templateId: CARD_TEMPLATE.participate,
  chooseType: 2,
  participant: [],
  title: poll.question,
  path: pollPath(poll._id),
});
