// The poll's own refusals, beside the kit's (chat-tool-kit KIT_ERROR_CODES): the client has a text for each in
// both languages (i18n/), and the compiler names a code without one.
import type { ApiResult } from 'chat-tool-kit';
import { fail, KIT_ERROR_CODES } from 'chat-tool-kit';

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

/** Every code the groupPoll function answers with. */
export const ERROR_CODES = [...KIT_ERROR_CODES, ...POLL_ERROR_CODES] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type PollResult<T> = ApiResult<T, ErrorCode>;

/** A refusal with one of the poll's codes (or the kit's). */
export const refuse = <T = never>(code: ErrorCode, message: string): PollResult<T> => fail(code, message);
