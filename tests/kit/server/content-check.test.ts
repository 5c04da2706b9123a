// msgSecCheck v2 on what the chat will read: only 'pass' lets a record be stored.
import { CONTENT_CHECK_TIMEOUT_MS, createContentCheck } from '../../../kit/server/content-check';
import type { TextCheck, TextVerdict } from '../../../kit/server/ports';
import { PlatformError } from '../../../kit/server/ports';

describe('kit content check', () => {
  let answer: () => Promise<{ verdict: TextVerdict; traceId: string }>;
  let checks: TextCheck[];
  let logged: { message: string; detail: unknown }[];
  const check = (timeoutMs?: number) =>
    createContentCheck({
      platform: {
        checkText: async (text) => {
          checks.push(text);
          return answer();
        },
      },
      scene: 2,
      timeoutMs,
      log: (message, detail) => logged.push({ message, detail }),
    });

  beforeEach(() => {
    checks = [];
    logged = [];
    answer = async () => ({ verdict: 'pass', traceId: 't1' });
  });

  it("sends the writer's user id, the tool's scene and the texts, and passes what the platform passes", async () => {
    expect(await check()('oAlice', { title: '标题', content: '标题\n说明' })).toEqual({ ok: true, data: null });
    expect(checks).toEqual([{ userId: 'oAlice', scene: 2, title: '标题', content: '标题\n说明' }]);
    expect(logged).toEqual([]);
  });

  it.each([
    ['risky', async () => ({ verdict: 'risky' as const, traceId: 't2' }), 'CONTENT_RISKY'],
    ['review', async () => ({ verdict: 'review' as const, traceId: 't2' }), 'CONTENT_REVIEW'],
    ['failing', async () => Promise.reject(new PlatformError(-1, 'system error')), 'CONTENT_CHECK_FAILED'],
    ['throwing anything', async () => Promise.reject(new Error('socket hang up')), 'CONTENT_CHECK_FAILED'],
    ['stalled', () => new Promise<never>(() => undefined), 'CONTENT_CHECK_FAILED'],
  ])('refuses when the check is %s', async (_, verdict, code) => {
    answer = verdict;
    const result = await check(20)('oAlice', { title: 't', content: 't' });
    expect(result).toEqual({ ok: false, error: { code, message: expect.stringContaining('nothing was saved') } });
    expect(logged).toHaveLength(1);
  });

  it("logs a verdict's trace id, so a refusal can be looked up", async () => {
    answer = async () => ({ verdict: 'risky', traceId: 'trace-42' });
    await check()('oAlice', { title: 't', content: 't' });
    expect(logged).toEqual([
      { message: 'msgSecCheck answered risky', detail: { userId: 'oAlice', traceId: 'trace-42' } },
    ]);
  });

  it('waits CONTENT_CHECK_TIMEOUT_MS by default before refusing', async () => {
    jest.useFakeTimers();
    try {
      answer = () => new Promise<never>(() => undefined);
      let settled = false;
      const result = check()('oAlice', { title: 't', content: 't' }).then((value) => {
        settled = true;
        return value;
      });
      await jest.advanceTimersByTimeAsync(CONTENT_CHECK_TIMEOUT_MS - 1);
      expect(settled).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await result).toMatchObject({ ok: false, error: { code: 'CONTENT_CHECK_FAILED' } });
    } finally {
      jest.useRealTimers();
    }
  });
});
