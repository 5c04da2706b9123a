// The poll's own refusals, beside the kit's (chat-tool-kit KIT_ERROR_CODES): the client has a text for each in
// both languages (i18n/), and the compiler names a code without one.
import type { ApiResult, KitErrorCode } from 'chat-tool-kit';
import { fail } from 'chat-tool-kit';

export const POLL_ERROR_CODES = [
  'QUESTION_EMPTY',
  'QUESTION_TOO_LONG',
  'OPTIONS_COUNT',
  'OPTION_EMPTY',
  'OPTION_TOO_LONG',
  'OPTION_DUPLICATE',
  'OPTION_UNKNOWN',
  'ALREADY_VOTED',
  'POLL_CLOSED',
  'NOT_CREATOR',
] as const;

/** Every code the groupPoll function answers with: the poll's own and the kit's. */
export type ErrorCode = KitErrorCode | (typeof POLL_ERROR_CODES)[number];

export type PollResult<T> = ApiResult<T, ErrorCode>;

/** A refusal with one of the poll's codes (or the kit's). */
export const refuse = <T = never>(code: ErrorCode, message: string): PollResult<T> => fail(code, message);
