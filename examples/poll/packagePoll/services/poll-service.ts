// The only way the pages reach the server: the kit's action client for the groupPoll function, typed by the
// poll's action table (its cloudID cache, the one re-read of an expired cloudID, and the check of every answer).
import type { ActionClient } from 'chat-tool-kit';
import { createActionClient } from 'chat-tool-kit';
import { POLL_FUNCTION, type PollActions } from '../core/actions';
import { POLL_ERROR_CODES, type ErrorCode } from '../core/errors';

export type PollService = ActionClient<PollActions, ErrorCode>;

let current: PollService | null = null;

export function pollService(): PollService {
  current ??= createActionClient<PollActions, ErrorCode>(POLL_FUNCTION, POLL_ERROR_CODES);
  return current;
}
