// The groupPoll function's actions, each declared once (chat-tool-kit's action table): the pages' service, the
// server's validation and its router derive from it. Identity never travels in a request: the server resolves
// the chat proof into the room and the caller's member id itself.
import type { ActionTable, CardShare } from 'chat-tool-kit';
import { chatProof, envVersion, recordId, returns } from 'chat-tool-kit';
import { optionIndex, pollDraft } from './poll';
import type { PollSummary, PollView } from './view';

/** The one cloud function the poll calls. */
export const POLL_FUNCTION = 'groupPoll';

export const POLL_ACTIONS = {
  /** Creates the poll and its card's id; the page then posts the card (share). */
  createPoll: {
    request: { chatProof, envVersion, poll: pollDraft },
    response: returns<{ poll: PollView; share: CardShare }>(),
  },
  /** The chat's polls, newest first. */
  listPolls: { request: { chatProof }, response: returns<PollSummary[]>() },
  getPoll: { request: { chatProof, pollId: recordId }, response: returns<PollView>() },
  vote: { request: { chatProof, pollId: recordId, option: optionIndex }, response: returns<PollView>() },
  closePoll: { request: { chatProof, pollId: recordId }, response: returns<PollView>() },
} satisfies ActionTable;

export type PollActions = typeof POLL_ACTIONS;
