// The only way the pages reach the server: the kit's action client for the groupPoll function, one method per
// action of the poll's table (the client adds the chatProof and the build's envVersion, re-reads an expired chatProof
// once, and checks every answer).
import type { ActionMethods } from 'chat-tool-kit';
import { actionMethods, createActionClient } from 'chat-tool-kit';
import { POLL_ACTIONS, POLL_FUNCTION, type PollActions } from '../core/actions';
import { POLL_ERROR_CODES, type ErrorCode } from '../core/errors';

export type PollService = ActionMethods<PollActions, ErrorCode>;

let current: PollService | null = null;

export function pollService(): PollService {
  current ??= actionMethods(POLL_ACTIONS, createActionClient<PollActions, ErrorCode>(POLL_FUNCTION, POLL_ERROR_CODES));
  return current;
}
