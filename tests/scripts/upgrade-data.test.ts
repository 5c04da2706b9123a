// `npm run upgrade:data` (scripts/upgrade-data.ts): its arguments, its settings, and a run on a SQLite file and on
// the offline CloudBase database, dry and for real, and the tool it upgrades. What it writes is tested in
// tests/cloudfunctions/groupTask/upgrade-run.test.ts and tests/examples/poll/upgrade.test.ts; here, what the
// command says and where it writes.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { StoredFields } from '../../kit/server/neutral-names';
import { databaseOf } from '../../kit/server/sdk';
import type { DocumentStore } from '../../kit/server/store';
import { cloudbaseDocuments } from '../../kit/server/store';
import { sqliteDocuments } from '../../kit/server/store/sqlite';
import { ROOM_MEMBERS, TASKS } from '../../cloudfunctions/groupTask/src/task-store';
import { MEMBERS_COLLECTION, POLLS_COLLECTION } from '../../examples/poll/cloudfunctions/groupPoll/src/handlers';
import { createMemoryCloudbase } from '../../emulator/cloudbase-memory';
import { parseUpgradeArguments, upgradeData, USAGE } from '../../scripts/upgrade-data';
import { newBinding, newTask, oldBinding, oldTask } from '../cloudfunctions/groupTask/old-layout';

jest.setTimeout(60_000);

const SETTINGS = {
  TCB_ENV: 'prod-1a2b3c',
  TCB_SECRET_ID: 'AKIDfakefakefakefakefakefakefake1234',
  TCB_SECRET_KEY: 'fakeSecretKeyfakeSecretKeyfake12',
};

/** The command's deps, its lines kept; a CloudBase it must not open unless `cloud` is given. */
function terminal(cloud?: ReturnType<typeof databaseOf>) {
  const out: string[] = [];
  const err: string[] = [];
  const opened: unknown[] = [];
  return {
    out,
    err,
    opened,
    deps: {
      openCloud: (settings: unknown) => {
        opened.push(settings);
        if (cloud === undefined) throw new Error('opened CloudBase');
        return cloud;
      },
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
    },
  };
}

async function oldDeployment(documents: DocumentStore) {
  await documents.collection<StoredFields>(TASKS).insert(oldTask('t1'));
  await documents.collection<StoredFields>(TASKS).insert(newTask('t2'));
  await documents.collection<StoredFields>(ROOM_MEMBERS).insert(oldBinding('o1', 'g1'));
}

describe('parseUpgradeArguments', () => {
  it('reads --sqlite <file>, --tool <tool> and --dry-run, in any order; the group task by default', () => {
    expect(parseUpgradeArguments([])).toEqual({ ok: true, data: { sqlite: null, tool: 'task', dryRun: false } });
    expect(parseUpgradeArguments(['--dry-run', '--sqlite', 'a.sqlite'])).toEqual({
      ok: true,
      data: { sqlite: 'a.sqlite', tool: 'task', dryRun: true },
    });
    expect(parseUpgradeArguments(['--tool', 'poll', '--dry-run'])).toEqual({
      ok: true,
      data: { sqlite: null, tool: 'poll', dryRun: true },
    });
  });

  it('refuses a tool it does not know, and --tool without one', () => {
    for (const argv of [['--tool', 'groupPoll'], ['--tool'], ['--tool', '--dry-run'], ['--tool', 'toString']]) {
      expect(parseUpgradeArguments(argv)).toMatchObject({
        ok: false,
        error: { message: '--tool needs one of task, poll after it' },
      });
    }
  });

  it('refuses an unknown argument and --sqlite without its file', () => {
    expect(parseUpgradeArguments(['--force'])).toMatchObject({
      ok: false,
      error: { message: 'unknown argument --force' },
    });
    expect(parseUpgradeArguments(['--sqlite'])).toMatchObject({
      error: { message: '--sqlite needs the file after it' },
    });
    expect(parseUpgradeArguments(['--sqlite', '--dry-run'])).toMatchObject({
      error: { message: '--sqlite needs the file after it' },
    });
  });
});

describe('upgradeData', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'upgrade-data-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('without settings names each one missing, with the usage, opens nothing and exits 2', async () => {
    const run = terminal();
    expect(await upgradeData([], {}, run.deps)).toBe(2);
    expect(run.err.join('\n')).toContain('TCB_ENV is not set');
    expect(run.err.join('\n')).toContain('TCB_SECRET_ID is not set');
    expect(run.err.join('\n')).toContain('TCB_SECRET_KEY is not set');
    expect(run.err.join('\n')).toContain(USAGE);
    expect(run.opened).toEqual([]);
    expect(run.out).toEqual([]);
  });

  it("says which collections each tool's run touches", () => {
    expect(USAGE).toContain('--tool task (default): group_tasks, then group_task_members');
    expect(USAGE).toContain('--tool poll: group_polls, then group_poll_members');
  });

  it('refuses a bad argument before anything else, and exits 2', async () => {
    const run = terminal();
    expect(await upgradeData(['--dryrun'], SETTINGS, run.deps)).toBe(2);
    expect(run.err).toEqual([`unknown argument --dryrun\n${USAGE}`]);
    expect(run.opened).toEqual([]);
  });

  it('refuses a SQLite file that is not there, and does not create it', async () => {
    const file = path.join(dir, 'missing.sqlite');
    const run = terminal();
    expect(await upgradeData(['--sqlite', file], {}, run.deps)).toBe(2);
    expect(run.err[0]).toBe(`no SQLite file at ${file}\n${USAGE}`);
    expect(existsSync(file)).toBe(false);
  });

  it('on a SQLite file: a dry run counts and writes nothing, the run upgrades, a second run finds it done', async () => {
    const file = path.join(dir, 'feishu-tasks.sqlite');
    const setup = sqliteDocuments(file);
    await oldDeployment(setup);
    await setup.close();

    const dry = terminal();
    expect(await upgradeData(['--sqlite', file, '--dry-run'], {}, dry.deps)).toBe(0);
    expect(dry.out).toEqual([
      `Upgrading the SQLite store ${file} (dry run: nothing is written)`,
      'group_tasks (dry run): 1 to upgrade, 1 already new, 0 unreadable',
      'group_task_members (dry run): 1 to upgrade, 0 already new, 0 unreadable',
    ]);
    const read = async () => {
      const documents = sqliteDocuments(file);
      const found = {
        task: await documents.collection<StoredFields>(TASKS).get('t1'),
        binding: await documents.collection<StoredFields>(ROOM_MEMBERS).get(String(oldBinding('o1', 'g1')._id)),
      };
      await documents.close();
      return found;
    };
    expect(await read()).toEqual({ task: oldTask('t1'), binding: oldBinding('o1', 'g1') });

    const real = terminal();
    expect(await upgradeData(['--sqlite', file], SETTINGS, real.deps)).toBe(0);
    expect(real.out).toEqual([
      `Upgrading the SQLite store ${file}`,
      'group_tasks: 1 upgraded, 1 already new, 0 unreadable',
      'group_task_members: 1 upgraded, 0 already new, 0 unreadable',
    ]);
    expect(real.opened).toEqual([]);
    expect(await read()).toEqual({ task: newTask('t1'), binding: newBinding('o1', 'g1') });

    const again = terminal();
    expect(await upgradeData(['--sqlite', file], {}, again.deps)).toBe(0);
    expect(again.out.slice(1)).toEqual([
      'group_tasks: 0 upgraded, 2 already new, 0 unreadable',
      'group_task_members: 0 upgraded, 1 already new, 0 unreadable',
    ]);
  });

  it("with --tool poll upgrades the poll's collections and leaves the group task's as they are", async () => {
    const file = path.join(dir, 'database.sqlite');
    const setup = sqliteDocuments(file);
    await oldDeployment(setup);
    // A poll as the version before the neutral names stored it (tests/examples/poll/upgrade.test.ts has more).
    await setup.collection<StoredFields>(POLLS_COLLECTION).insert({
      _id: 'p1',
      question: '去哪',
      options: ['a', 'b'],
      room: { id: 'G1', chatType: 3 },
      creator: { openid: 'o0', groupOpenid: 'g0' },
      state: 'open',
      votes: [{ openid: 'o1', groupOpenid: 'g1', option: 0, at: 1 }],
      card: {
        activityId: 'a1',
        expiresAt: 2,
        versionType: 0,
        shown: { state: 1, settled: true, endSent: false, version: 0, doneGroupOpenids: [] },
      },
      cardBehind: false,
      createdAt: 0,
    });
    await setup.collection<StoredFields>(MEMBERS_COLLECTION).insert(oldBinding('o1', 'g1'));
    await setup.close();

    const poll = terminal();
    expect(await upgradeData(['--sqlite', file, '--tool', 'poll'], {}, poll.deps)).toBe(0);
    expect(poll.out.slice(1)).toEqual([
      'group_polls: 1 upgraded, 0 already new, 0 unreadable',
      'group_poll_members: 1 upgraded, 0 already new, 0 unreadable',
    ]);
    const documents = sqliteDocuments(file);
    const polled = await documents.collection<StoredFields>(POLLS_COLLECTION).get('p1');
    expect(polled?.votes).toEqual([{ userId: 'o1', memberId: 'g1', option: 0, at: 1 }]);
    expect(await documents.collection<StoredFields>(TASKS).get('t1')).toEqual(oldTask('t1'));
    expect(await documents.collection<StoredFields>(ROOM_MEMBERS).get(String(oldBinding('o1', 'g1')._id))).toEqual(
      oldBinding('o1', 'g1'),
    );
    await documents.close();

    const task = terminal();
    expect(await upgradeData(['--sqlite', file], {}, task.deps)).toBe(0);
    expect(task.out.slice(1)).toEqual([
      'group_tasks: 1 upgraded, 1 already new, 0 unreadable',
      'group_task_members: 1 upgraded, 0 already new, 0 unreadable',
    ]);
  });

  it('on CloudBase with the settings verify:cloud reads, and exits 1 naming what it left', async () => {
    const memory = createMemoryCloudbase();
    const documents = cloudbaseDocuments(databaseOf(memory.database));
    await oldDeployment(documents);
    await documents.collection<StoredFields>(TASKS).insert({ ...oldTask('t0'), waitlist: null });
    const run = terminal(databaseOf(memory.database));
    expect(await upgradeData([], SETTINGS, run.deps)).toBe(1);
    expect(run.opened).toEqual([
      { envId: SETTINGS.TCB_ENV, secretId: SETTINGS.TCB_SECRET_ID, secretKey: SETTINGS.TCB_SECRET_KEY },
    ]);
    expect(run.out).toEqual([
      `Upgrading CloudBase environment ${SETTINGS.TCB_ENV}`,
      'group_tasks t0: task t0: waitlist is not a list',
      'group_tasks: 1 upgraded, 1 already new, 1 unreadable',
      'group_task_members: 1 upgraded, 0 already new, 0 unreadable',
    ]);
    expect(run.err).toEqual([
      '1 document(s) left as they were (listed above): unreadable ones need a look, the others a second run',
    ]);
    expect(await documents.collection<StoredFields>(TASKS).get('t1')).toEqual(newTask('t1'));
  });
});

describe('npm run upgrade:data as a process', () => {
  it('without credentials, says what it needs and exits 2', async () => {
    const root = path.resolve(__dirname, '../..');
    const env = { ...process.env, TCB_ENV: '', TCB_SECRET_ID: '', TCB_SECRET_KEY: '' };
    const run = promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['scripts/upgrade-data.ts'], {
      cwd: root,
      env,
    });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('TCB_SECRET_KEY is not set') });
  });
});
