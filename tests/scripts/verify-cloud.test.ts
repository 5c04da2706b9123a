// `npm run verify:cloud` run against the offline CloudBase database: every check passes there, every check fails
// on a database that claims writes it did not make (a service that does not honour its conditions), the run
// removes its documents either way, and without credentials the script says what it needs and exits 2.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { databaseOf } from '../../kit/server/sdk';
import type { CloudDatabase, DbQuery } from '../../kit/server/store';
import { createMemoryCloudbase } from '../../emulator/cloudbase-memory';
import { VERIFY_COLLECTION, verifyCloud } from '../../scripts/verify-cloud';

jest.setTimeout(60_000);

/** A database that answers every update as applied and every add as accepted, whatever happened. */
function overclaiming(db: CloudDatabase): CloudDatabase {
  const claiming = <T>(query: DbQuery<T>): DbQuery<T> => ({
    where: (condition) => claiming(query.where(condition)),
    field: <P>(projection: Record<string, boolean>) => claiming(query.field<P>(projection)),
    orderBy: (field, order) => claiming(query.orderBy(field, order)),
    limit: (max) => claiming(query.limit(max)),
    skip: (offset) => claiming(query.skip(offset)),
    get: () => query.get(),
    update: async (options) => {
      await query.update(options);
      return { stats: { updated: 1 } };
    },
    remove: () => query.remove(),
  });
  return {
    command: db.command,
    createCollection: (name) => db.createCollection(name),
    collection: <T>(name: string) => {
      const inner = db.collection<T>(name);
      return {
        ...claiming(inner),
        add: (options: { data: T }) => inner.add(options).catch(() => ({})),
        doc: (id: string) => inner.doc(id),
      };
    },
  };
}

describe('verify:cloud', () => {
  it('passes every check on the offline CloudBase database, and leaves none of its documents', async () => {
    const memory = createMemoryCloudbase();
    const lines: string[] = [];
    const report = await verifyCloud(databaseOf(memory.database), { log: (line) => lines.push(line) });
    expect(report.checks.map((check) => [check.name, check.passed])).toEqual([
      ['insert refuses a duplicate _id', true],
      ['compare-and-set refuses a stale revision', true],
      ['a guarded change commits only while its premises hold', true],
      ['200 guarded appends at once to a list of 20', true],
      ['50 compare-and-set increments of one counter at once', true],
      ['clean-up', true],
    ]);
    expect(report.passed).toBe(true);
    expect(lines.filter((line) => line.startsWith('✔'))).toHaveLength(6);
    expect(lines.join('\n')).toMatch(/20 stored; answers: .*\d+ attempts/);
    expect(memory.collections.get(VERIFY_COLLECTION)).toEqual([]);
  });

  it('fails every check on a database that claims writes it refused, and still cleans up', async () => {
    const memory = createMemoryCloudbase();
    const lines: string[] = [];
    const report = await verifyCloud(overclaiming(databaseOf(memory.database)), { log: (line) => lines.push(line) });
    expect(report.checks.map((check) => [check.name, check.passed])).toEqual([
      ['insert refuses a duplicate _id', false],
      ['compare-and-set refuses a stale revision', false],
      ['a guarded change commits only while its premises hold', false],
      ['200 guarded appends at once to a list of 20', false],
      ['50 compare-and-set increments of one counter at once', false],
      ['clean-up', true],
    ]);
    expect(report.passed).toBe(false);
    expect(lines.filter((line) => line.startsWith('✖'))).toHaveLength(5);
    expect(memory.collections.get(VERIFY_COLLECTION)).toEqual([]);
  });

  it('reports a check that threw as failed and goes on to the rest and the clean-up', async () => {
    const memory = createMemoryCloudbase();
    // The first compare-and-set write times out: its outcome is unknown, so the check cannot pass.
    memory.failNext('serverTimeout', { operation: 'update' });
    const report = await verifyCloud(databaseOf(memory.database));
    const revision = report.checks.find((check) => check.name === 'compare-and-set refuses a stale revision');
    expect(revision).toMatchObject({ passed: false, figures: expect.stringMatching(/^threw .*timed out/) });
    expect(report.checks.filter((check) => !check.passed)).toHaveLength(1);
    expect(memory.collections.get(VERIFY_COLLECTION)).toEqual([]);
  });

  it('without credentials, says what it needs and exits 2', async () => {
    const root = path.resolve(__dirname, '../..');
    const env = { ...process.env, TCB_ENV: '', TCB_SECRET_ID: '', TCB_SECRET_KEY: '' };
    const run = promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['scripts/verify-cloud.ts'], {
      cwd: root,
      env,
    });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('TCB_SECRET_KEY') });
  });

  it('refuses a key in the wrong variable, as setup:cloud does, without repeating it', async () => {
    const root = path.resolve(__dirname, '../..');
    const secretId = 'AKIDfakefakefakefakefakefakefake1234';
    const env = {
      ...process.env,
      TCB_ENV: secretId,
      TCB_SECRET_ID: secretId,
      TCB_SECRET_KEY: 'fakeSecretKeyfakeSecretKeyfake12',
    };
    const run = promisify(execFile)(path.join(root, 'node_modules/.bin/tsx'), ['scripts/verify-cloud.ts'], {
      cwd: root,
      env,
    });
    const failed = (await run.then(
      () => null,
      (error: unknown) => error,
    )) as { code: number; stdout: string; stderr: string } | null;
    expect(failed).toMatchObject({ code: 2, stderr: expect.stringContaining('TCB_ENV holds a SecretId') });
    expect(`${failed?.stdout}${failed?.stderr}`).not.toContain(secretId);
  });
});
