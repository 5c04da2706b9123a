// Why a call failed, as a chat tool's pages see it: a code the server answered with, or one of the client's own.
import type { KitErrorCode } from '../core/result';

/**
 * The client's own failures. NETWORK: the cloud function could not be reached; NOT_IN_CHAT: getChatToolInfo
 * failed (the page is not inside a chat tool); PLATFORM: a WeChat client API (share, remind, pick members) failed.
 */
export const CLIENT_FAILURES = ['NETWORK', 'NOT_IN_CHAT', 'PLATFORM'] as const;
export type ClientFailure = (typeof CLIENT_FAILURES)[number];

/** Every code a page may meet: the server's (`C`, a tool's own codes and the kit's) and the client's. */
export type FailureCode<C extends string = KitErrorCode> = C | ClientFailure;

/** A failed call: its code, and the server's words for it when the tool words its refusals (ApiError.text). */
export interface Failure<C extends string = KitErrorCode> {
  ok: false;
  code: FailureCode<C>;
  text?: string;
}

export type Outcome<T, C extends string = KitErrorCode> = { ok: true; data: T } | Failure<C>;

export const succeed = <T>(data: T): { ok: true; data: T } => ({ ok: true, data });

/**
 * A failed outcome, with the server's words for it when it sent some (the server's `fail` in core/result.ts builds an
 * ApiResult, which carries a message for logs too).
 */
export const failed = <C extends string>(code: C, text?: string): { ok: false; code: C; text?: string } =>
  text === undefined ? { ok: false, code } : { ok: false, code, text };
