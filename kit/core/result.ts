// Results as values: every refusal carries a code and an English message for logs. The kit's codes are the
// ones any chat tool meets (identity, room, platform, store); a tool extends them with its own
// (docs/customize.md, "Error codes"), and words each in the user's language: on the server (a refusal's `text`) or
// on the client.

/** Codes the kit itself answers with, whatever the tool. */
export const KIT_ERROR_CODES = [
  'INVALID_REQUEST',
  'UNKNOWN_ACTION',
  'CHAT_PROOF_INVALID',
  'CHAT_PROOF_EXPIRED',
  'CHAT_PROOF_FOREIGN',
  'NOT_FOUND',
  'WRONG_ROOM',
  'CONTENT_RISKY',
  'CONTENT_REVIEW',
  'CONTENT_CHECK_FAILED',
  'PLATFORM_FAILED',
  'BUSY',
  'OUTCOME_UNKNOWN',
  'INTERNAL',
] as const;
export type KitErrorCode = (typeof KIT_ERROR_CODES)[number];

export interface ApiError<C extends string = string> {
  code: C;
  /** English, for logs. */
  message: string;
  /**
   * What the user reads, in the caller's language (LOCALE_FIELD), when the tool words its refusals on the server
   * (kit/server/chat-tool-function.ts `refusals`); otherwise the client words `code` itself.
   */
  text?: string;
}

/** An answer or a typed refusal; `C` is the codes a refusal may carry (a tool's own plus the kit's). */
export type ApiResult<T, C extends string = string> = { ok: true; data: T } | { ok: false; error: ApiError<C> };

/**
 * Where a member ticket travels: beside a request's fields and beside an answer's `ok` (kit/server/member-tickets.ts).
 * The action client keeps the last one answered and presents it with every call in the chat.
 */
export const MEMBER_TICKET_FIELD = 'memberTicket';

/**
 * Where the caller's language travels: beside a request's fields, with every call (the action client adds the
 * language WeChat runs in). The server takes it off before the action table parses the request, and words what it
 * answers in it; a call without it, or naming an unknown one, is answered as core/locale.ts localeIn says.
 */
export const LOCALE_FIELD = 'locale';

export const ok = <T>(data: T): { ok: true; data: T } => ({ ok: true, data });

export const fail = <C extends string>(code: C, message: string): { ok: false; error: ApiError<C> } => ({
  ok: false,
  error: { code, message },
});
