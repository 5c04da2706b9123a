// WeChat's content check (security.msgSecCheck version 2) on what a member writes for the whole chat to read,
// before anything is stored (docs/platform.md, "msgSecCheck"). 'review' is refused too: a card shows the text to
// the whole chat at once and the starter has no human review queue (docs/backend.md, "Content check").
import type { ApiResult, KitErrorCode } from '../core/result';
import { fail, ok } from '../core/result';
import type { ChatPlatform, Log, TextCheck } from './ports';
import { PlatformError } from './ports';
import { within } from './within';

/** How long a check may take before the text is refused with CONTENT_CHECK_FAILED. */
export const CONTENT_CHECK_TIMEOUT_MS = 3000;

export interface ContentCheckDeps {
  platform: Pick<ChatPlatform, 'checkText'>;
  /** Where the text is shown, the tool's choice: 1 资料, 2 评论, 3 论坛, 4 社交日志 (docs/platform.md, "msgSecCheck"). */
  scene: TextCheck['scene'];
  /** Default CONTENT_CHECK_TIMEOUT_MS. */
  timeoutMs?: number;
  log: Log;
}

/** The texts of one record that others will see: a title and the rest joined. */
export interface TextsShown {
  title: string;
  content: string;
}

/** Checks what `userId` (on WeChat, the openid) wrote; ok(null) when WeChat passes it, otherwise the refusal (nothing was stored). */
export type ContentCheck = (userId: string, texts: TextsShown) => Promise<ApiResult<null, KitErrorCode>>;

export function createContentCheck({
  platform,
  scene,
  timeoutMs = CONTENT_CHECK_TIMEOUT_MS,
  log,
}: ContentCheckDeps): ContentCheck {
  return async (userId, { title, content }) => {
    let answer: Awaited<ReturnType<ChatPlatform['checkText']>> | 'timeout';
    try {
      answer = await within(platform.checkText({ userId, scene, title, content }), timeoutMs);
    } catch (error) {
      log('msgSecCheck failed', error instanceof PlatformError ? error.message : error);
      return fail('CONTENT_CHECK_FAILED', 'WeChat could not check the text; nothing was saved');
    }
    if (answer === 'timeout') {
      log('msgSecCheck timed out');
      return fail('CONTENT_CHECK_FAILED', 'WeChat did not check the text in time; nothing was saved');
    }
    if (answer.verdict === 'pass') return ok(null);
    log(`msgSecCheck answered ${answer.verdict}`, { userId, traceId: answer.traceId });
    return answer.verdict === 'risky'
      ? fail('CONTENT_RISKY', "WeChat's content check refused the text; nothing was saved")
      : fail('CONTENT_REVIEW', "WeChat's content check flagged the text for review; nothing was saved");
  };
}
