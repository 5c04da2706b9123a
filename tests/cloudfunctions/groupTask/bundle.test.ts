// The deployable index.js: built by scripts/build-functions.ts, run on the real wx-server-sdk whose
// database transport is the in-memory CloudBase (no call here can reach WeChat or the network).
import { newBinding } from 'chat-tool-kit';
import { readFileSync, statSync } from 'node:fs';
import { functionEntries } from '../../../scripts/build-functions';
import { bundledFunction } from '../../harness/function-bundle';
import { createTaskStore, TASKS } from '../../../cloudfunctions/groupTask/src/task-store';
import { createTask } from '../../../packageChatTool/core/task';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';

/** Generous: the bundle is ≈25 KB; a jump means a dependency slipped in. */
const BUNDLE_BUDGET_BYTES = 100 * 1024;

jest.setTimeout(30_000);

describe('the groupTask bundle', () => {
  const outfile = bundledFunction('bundle-test', () => {
    const entry = functionEntries().find((f) => f.name === 'groupTask');
    if (entry === undefined) throw new Error('cloudfunctions/groupTask/src/main.ts is missing');
    return entry.entry;
  });

  it('is small and leaves wx-server-sdk to the cloud', () => {
    expect(statSync(outfile).size).toBeLessThan(BUNDLE_BUDGET_BYTES);
    const code = readFileSync(outfile, 'utf8');
    expect(code).toContain('require("wx-server-sdk")');
    expect(code).not.toContain('@cloudbase/database');
  });

  it('routes timer events to the sweep and client calls through validation', async () => {
    const memory = createMemoryCloudbase({ servesCurrentEnv: true });
    const now = Date.now();
    const overdue = createTask({
      id: 'overdueTask',
      draft: { title: '过期', kind: 'complete', audience: { kind: 'everyone' }, deadline: now - 1000 },
      room: { id: 'G', chatType: 3 },
      creator: { userId: 'oC', memberId: 'gC' },
      // An expired card needs no WeChat call, so the sweep stays offline.
      card: newBinding({ activityId: 'a', expiresAt: now - 1 }, 0),
      now: now - 2000,
    });
    await createTaskStore(cloudbaseDocuments(databaseOf(memory.database))).insert(overdue);

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn: { main(event: unknown): Promise<unknown> } = require(outfile);
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() })).toEqual({
      looked: 1,
      moved: 1,
      cardUpdates: 0,
      cardFailures: 0,
      cardsDeferred: 0,
      storeFailures: 0,
    });
    expect(memory.collections.get(TASKS)?.[0]).toMatchObject({ _id: 'overdueTask', state: 'ended' });
    expect(await fn.main({ action: 'getTask' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });

    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    process.env.WX_OPENID = 'oClient';
    expect(await fn.main({ action: 'dropTables', userInfo: { openId: 'forged' } })).toMatchObject({
      error: { code: 'UNKNOWN_ACTION' },
    });
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep' })).toMatchObject({
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await fn.main({ action: 'getTask', chatProof: '', taskId: 'overdueTask' })).toMatchObject({
      error: { code: 'CHAT_PROOF_INVALID' },
    });
  });
});
