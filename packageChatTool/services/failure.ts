// Why a call failed, as the pages see it: a server error code, or one of the client's own.
import type { ErrorCode } from '../core/api';

/**
 * NETWORK: the cloud function could not be reached; NOT_IN_CHAT: getChatToolInfo failed (the page is
 * not inside a chat tool); PLATFORM: a WeChat client API (share, remind, pick members) failed.
 */
export type FailureCode = ErrorCode | 'NETWORK' | 'NOT_IN_CHAT' | 'PLATFORM';

export type Outcome<T> = { ok: true; data: T } | { ok: false; code: FailureCode };

export const succeed = <T>(data: T): Outcome<T> => ({ ok: true, data });
export const fail = <T = never>(code: FailureCode): Outcome<T> => ({ ok: false, code });
