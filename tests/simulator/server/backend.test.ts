// The simulator's backend keeps the chats and the database when the cloud function's code is
// reloaded after an edit (simulator/server/backend.ts). It re-requires TypeScript with Node's own
// module cache, as under `tsx simulator/cli.ts`, so the scenario runs in a tsx child process (jest
// replaces Node's require with its own registry).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

const SCENARIO = `
import { createRequire } from 'node:module';
import path from 'node:path';
import { createReloadableBackend } from ${JSON.stringify(path.join(ROOT, 'simulator/server/backend'))};

async function main(): Promise<void> {
  const root = ${JSON.stringify(ROOT)};
  const backend = createReloadableBackend(root, root, process.argv[2]!);
  const { wechat } = backend;
  const room = wechat.createRoom({ name: 'g', chatType: 3 });
  const alice = wechat.addMember(room.id, { nickname: 'Alice' });
  const created = (await backend.callFunction(alice, {
    action: 'createTask',
    chatProof: wechat.issueCloudId(alice),
    envVersion: 'develop',
    task: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' } },
  })) as { ok: boolean; data: { task: { id: string } } };
  const nodeRequire = createRequire(__filename);
  const actionsFile = nodeRequire.resolve(path.join(root, 'cloudfunctions/groupTask/src/actions'));
  const files = [...(backend.functionFiles().get('groupTask') ?? [])].map((f) => path.relative(root, f));
  const shared = nodeRequire.resolve(path.join(root, files.find((f) => f.startsWith('packageChatTool/core/'))!));
  const before = nodeRequire.cache[actionsFile]?.exports;
  const sharedBefore = nodeRequire.cache[shared]?.exports;
  backend.reloadFunction('groupTask');
  const after = nodeRequire.cache[actionsFile]?.exports;
  const read = await backend.callFunction(alice, { action: 'getTask', chatProof: wechat.issueCloudId(alice), taskId: created.data.task.id });
  const sharedReloaded = nodeRequire.cache[shared]?.exports !== sharedBefore;
  console.log(JSON.stringify({ created: created.ok, loaded: before !== undefined, reloaded: after !== undefined && after !== before, sharedReloaded, files, rooms: wechat.rooms().length, read }));
  backend.close();
}
void main();
`;

describe('reloadable local backend', () => {
  test('reloading the function re-reads its code and what it imports, and keeps rooms and tasks', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-backend-'));
    try {
      const script = path.join(dir, 'scenario.ts');
      fs.writeFileSync(script, SCENARIO);
      const out = execFileSync(
        process.execPath,
        [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), script, path.join(dir, 'tasks.sqlite')],
        {
          cwd: ROOT,
          encoding: 'utf8',
        },
      );
      const result = JSON.parse(out.trim().split('\n').pop()!) as Record<string, unknown>;
      expect(result).toMatchObject({
        created: true,
        loaded: true,
        reloaded: true,
        // The domain the function shares with the pages is found by following its imports, and reloaded too.
        sharedReloaded: true,
        files: expect.arrayContaining([
          'cloudfunctions/groupTask/src/local.ts',
          'cloudfunctions/groupTask/src/actions.ts',
          expect.stringMatching(/^packageChatTool\/core\/\w+\.ts$/),
        ]),
        rooms: 1,
        read: { ok: true, data: { title: '周六爬山' } },
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
