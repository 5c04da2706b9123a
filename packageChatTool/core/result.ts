// Building ApiResult values: every refusal carries its code and an English message for logs.
import type { ApiResult, ErrorCode } from './api';

export const ok = <T>(data: T): ApiResult<T> => ({ ok: true, data });

export const fail = <T = never>(code: ErrorCode, message: string): ApiResult<T> => ({
  ok: false,
  error: { code, message },
});
