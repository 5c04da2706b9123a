// Building the group task's results: the kit's ok/fail, with refusals limited to the task's codes.
import { fail as kitFail } from 'chat-tool-kit';
import type { ApiResult, ErrorCode } from './api';

export { ok } from 'chat-tool-kit';

export const fail = <T = never>(code: ErrorCode, message: string): ApiResult<T> => kitFail(code, message);
