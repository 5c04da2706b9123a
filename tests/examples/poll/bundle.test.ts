// The poll's deployable index.js, bundled from src/main.ts as scripts/build-functions.ts bundles every function
// (the kit's server part inside it), run on the real wx-server-sdk whose database is the in-memory CloudBase.
import { newBinding } from 'chat-tool-kit';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundledFunction } from '../../harness/function-bundle';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { POLLS_COLLECTION } from '../../../examples/poll/cloudfunctions/groupPoll/src/handlers';
import { newPoll, type Poll } from '../../../examples/poll/packagePoll/core/poll';

/** Generous: a jump means a dependency slipped in. */
const BUNDLE_BUDGET_BYTES = 100 * 1024;

jest.setTimeout(30_000);

describe('the groupPoll bundle', () => {
  const outfile = bundledFunction('poll-bundle-test', () =>
    join(__dirname, '../../../examples/poll/cloudfunctions/groupPoll/src/main.ts'),
  );

  it('is small, leaves wx-server-sdk to the cloud and carries no SQLite', () => {
    expect(statSync(outfile).size).toBeLessThan(BUNDLE_BUDGET_BYTES);
    const code = readFileSync(outfile, 'utf8');
    expect(code).toContain('require("wx-server-sdk")');
    expect(code).not.toContain('better-sqlite3');
  });

  it('runs the timer on a lagging card and routes client calls through the table', async () => {
    const memory = createMemoryCloudbase({ servesCurrentEnv: true });
    const now = Date.now();
    const poll = newPoll({
      id: 'lagging',
      draft: { question: '去哪', options: ['a', 'b'] },
      room: { id: 'G', chatType: 3 },
      creator: { userId: 'oC', memberId: 'gC' },
      card: newBinding({ activityId: 'a', expiresAt: now + 3_600_000 }, 0),
      now,
    });
    // Flagged, though the card already shows all it can: the timer records that without a WeChat call.
    const polls = cloudbaseDocuments(databaseOf(memory.database)).collection<Poll>(POLLS_COLLECTION);
    await polls.insert({ ...poll, cardBehind: true });

    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fn: { main(event: unknown): Promise<unknown> } = require(outfile);
    expect(await fn.main({ Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() })).toMatchObject({
      looked: 1,
      failures: 0,
    });
    expect((await polls.get('lagging'))?.cardBehind).toBe(false);

    process.env.WX_CONTEXT_KEYS = 'WX_OPENID,WX_APPID';
    process.env.WX_OPENID = 'oClient';
    expect(await fn.main({ action: 'vote', chatProof: '', pollId: 'lagging', option: 0 })).toMatchObject({
      error: { code: 'CHAT_PROOF_INVALID' },
    });
    expect(await fn.main({ action: 'vote', chatProof: 'c', pollId: 'lagging', option: 0, userId: 'oC' })).toMatchObject(
      {
        error: { code: 'INVALID_REQUEST' },
      },
    );
    expect(await fn.main({ action: 'dropTables' })).toMatchObject({ error: { code: 'UNKNOWN_ACTION' } });
  });
});
