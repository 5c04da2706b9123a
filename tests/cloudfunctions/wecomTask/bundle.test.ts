// The deployable wecomTask: scripts/build-functions.ts bundles cloudfunctions/wecomTask (the WeCom server,
// platforms/wecom/function.ts) as it bundles groupTask, and the bundle runs on the real wx-server-sdk whose database
// transport is the in-memory CloudBase: its timer ends a due task in the store groupTask keeps, and an HTTP access
// request reaches the WeCom server. No call here reaches WeCom or the network.
import { newBinding } from 'chat-tool-kit';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { functionEntries } from '../../../scripts/build-functions';
import { bundledFunction } from '../../harness/function-bundle';
import { createTaskStore, TASKS } from '../../../cloudfunctions/groupTask/src/task-store';
import { createTask } from '../../../packageChatTool/core/task';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';

/** Generous, as groupTask's: a jump means a dependency slipped in (the SQLite store above all). */
const BUNDLE_BUDGET_BYTES = 100 * 1024;

jest.setTimeout(30_000);

describe('the wecomTask bundle', () => {
  const outfile = bundledFunction('wecom-bundle-test', () => {
    const entry = functionEntries().find((f) => f.name === 'wecomTask');
    if (entry === undefined) throw new Error('cloudfunctions/wecomTask/src/main.ts is missing');
    expect(entry.outfile).toBe(join(__dirname, '../../../cloudfunctions/wecomTask/index.js'));
    return entry.entry;
  });

  it('is small, leaves wx-server-sdk to the cloud and carries no SQLite', () => {
    expect(statSync(outfile).size).toBeLessThan(BUNDLE_BUDGET_BYTES);
    const code = readFileSync(outfile, 'utf8');
    expect(code).toContain('require("wx-server-sdk")');
    expect(code).not.toContain('better-sqlite3');
    expect(code).toContain('miniprogram/jscode2session');
  });

  it('runs the timer on the shared store and answers HTTP access requests', async () => {
    const memory = createMemoryCloudbase({ servesCurrentEnv: true });
    const now = Date.now();
    const overdue = createTask({
      id: 'overdueWecom',
      draft: { title: '过期', kind: 'complete', audience: { kind: 'everyone' }, deadline: now - 1000 },
      room: { id: 'wecom-g-room', chatType: 4 },
      creator: { userId: 'wecom-u-creator', memberId: 'wecom-m-creator' },
      // WeCom's card is never updated: an expired binding needs no call.
      card: newBinding({ activityId: 'a', expiresAt: now - 1 }, 0),
      now: now - 2000,
    });
    await createTaskStore(cloudbaseDocuments(databaseOf(memory.database))).insert(overdue);
    process.env.WECOM_CORP_ID = 'wwbundle0001';
    process.env.WECOM_CORP_SECRET = 'bundle-secret';
    process.env.WECOM_PROOF_KEY = 'k'.repeat(40);
    // Nothing may reach qyapi from here.
    process.env.WECOM_API_BASE = 'http://127.0.0.1:9';

    type Answer = { statusCode?: number; body?: string } & Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn: { main(event: unknown): Promise<Answer> } = require(outfile);
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() })).toMatchObject({
      looked: 1,
      moved: 1,
    });
    expect(memory.collections.get(TASKS)?.[0]).toMatchObject({ _id: 'overdueWecom', state: 'ended' });

    const answer = await fn.main({
      httpMethod: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ op: 'dropTables' }),
      isBase64Encoded: false,
    });
    expect(JSON.parse(answer.body ?? '')).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    // An HTTP request carrying a timer's fields is still an HTTP request.
    const forged = await fn.main({ httpMethod: 'POST', Type: 'Timer', body: '{}', isBase64Encoded: false });
    expect(forged.statusCode).toBeDefined();
  });
});
