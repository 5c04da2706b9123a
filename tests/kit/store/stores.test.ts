// The store primitive's contract on SQLite and on the CloudBase store over the offline database, then what only
// CloudBase meets: the service's timeouts and limits, the get() cap, and a burst at 20–50 ms per request.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { fail, ok } from 'chat-tool-kit';
import { OutcomeUnknownError } from '../../../kit/server/outcome';
import { databaseOf } from '../../../kit/server/sdk';
import type { Collection, DocumentStore } from '../../../kit/server/store';
import { cloudbaseDocuments, GET_PAGE } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import type { GetCap, MemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import type { Board } from './collection-contract';
import { appendUpTo, board, codeOf, collectionContract } from './collection-contract';

const nothingToPrepare = async () => undefined;

collectionContract('SQLite', async () => {
  const store = sqliteDocuments(':memory:');
  return { store, prepare: nothingToPrepare, close: () => store.close() };
});

collectionContract('CloudBase (offline)', async () => {
  const store = cloudbaseDocuments(databaseOf(createMemoryCloudbase().database));
  return { store, prepare: nothingToPrepare, close: () => store.close() };
});

function offline(options: { getCap?: GetCap; retryBudgetMs?: number; minAttempts?: number } = {}) {
  const memory = createMemoryCloudbase({ getCap: options.getCap });
  const store = cloudbaseDocuments(databaseOf(memory.database), options);
  return { memory, store };
}

async function boardIn(store: DocumentStore): Promise<Collection<Board>> {
  const boards = store.collection<Board>('boards');
  await boards.insert(board());
  return boards;
}

const bump = (boards: Collection<Board>) =>
  boards.update('b', (d) => ok({ next: { ...d, counter: d.counter + 1 }, result: d.counter + 1 }));
const bumpByChange = (boards: Collection<Board>) =>
  boards.change('b', () => ok({ change: { increment: { counter: 1 } }, premises: [], result: null }));

describe('the CloudBase store under the service’s faults', () => {
  it('throws OutcomeUnknownError when a write timed out, whether or not it landed', async () => {
    for (const fault of ['timeoutAfterCommit', 'serverTimeout'] as const) {
      for (const write of [bump, bumpByChange]) {
        const { memory, store } = offline();
        const boards = await boardIn(store);
        memory.failNext(fault, { operation: 'update' });
        await expect(write(boards)).rejects.toThrow(OutcomeUnknownError);
        expect((await boards.get('b'))?.counter).toBe(fault === 'timeoutAfterCommit' ? 1 : 0);
      }
    }
  });

  it('sends again a read that timed out and requests refused unrun (-501003, -501004)', async () => {
    const { memory, store } = offline();
    const boards = await boardIn(store);
    memory.failNext('serverTimeout', { operation: 'get', times: 2 });
    expect((await boards.get('b'))?.counter).toBe(0);
    memory.failNext('requestLimit', { times: 2 });
    memory.failNext('concurrentLimit', { operation: 'update', times: 2 });
    expect(await bump(boards)).toEqual(ok(1));
    memory.failNext('concurrentLimit', { operation: 'get' });
    expect(await boards.find({ where: { state: 'open' }, limit: 5 })).toHaveLength(1);
    memory.failNext('requestLimit', { operation: 'add' });
    expect(await boards.insert(board('c'))).toBe('inserted');
  });

  it('inserts once when an add timed out, before or after it landed', async () => {
    for (const fault of ['timeoutAfterCommit', 'serverTimeout'] as const) {
      const { memory, store } = offline();
      const boards = store.collection<Board>('boards');
      memory.failNext(fault, { operation: 'add' });
      expect(await boards.insert(board('t'))).toBe('inserted');
      expect(memory.collections.get('boards')).toHaveLength(1);
      expect(await boards.insert(board('t'))).toBe('exists');
    }
  });

  it('binds one of racing first inserts under every fault, throwing nothing', async () => {
    for (const fault of ['timeoutAfterCommit', 'serverTimeout', 'requestLimit', 'concurrentLimit'] as const) {
      const { memory, store } = offline();
      const boards = store.collection<Board>('boards');
      memory.failNext(fault, { operation: 'add', times: 3 });
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, n) => boards.insert({ ...board('r'), counter: n })),
      );
      expect(answers.filter((a) => a === 'inserted')).toHaveLength(1);
      expect((await boards.get('r'))?.counter).toBe(answers.indexOf('inserted'));
    }
  });

  it('answers BUSY once the budget is spent, having written nothing', async () => {
    const { store } = offline({ retryBudgetMs: 100, minAttempts: 3 });
    const boards = await boardIn(store);
    let attempts = 0;
    // Every attempt loses its race: a patch lands between its read and its write.
    const answer = await boards.update('b', (d) => {
      attempts += 1;
      void boards.patch('b', { state: `swept${attempts}` });
      return ok({ next: { ...d, counter: 99 }, result: null });
    });
    expect(answer).toEqual(fail('BUSY', expect.any(String)));
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect((await boards.get('b'))?.counter).toBe(0);
  });

  it('never writes back, from a read older than a patch, a field the patch wrote', async () => {
    const { store } = offline();
    const boards = await boardIn(store);
    let patched = false;
    const answer = await boards.update('b', (d) => {
      if (!patched) {
        patched = true;
        void boards.patch('b', { state: 'swept' });
      }
      return ok({ next: { ...d, state: `${d.state}+` }, result: d.state });
    });
    expect(answer).toEqual(ok('swept'));
    expect((await boards.get('b'))?.state).toBe('swept+');
  });

  it('keeps its revision out of what it returns', async () => {
    const { memory, store } = offline();
    const boards = await boardIn(store);
    await bump(boards);
    expect(memory.collections.get('boards')?.[0]).toMatchObject({ _rev: 1 });
    expect(await boards.get('b')).toEqual({ ...board(), counter: 1 });
    expect(await boards.find({ where: {}, limit: 1 })).toEqual([{ ...board(), counter: 1 }]);
  });

  it('compares and sets a document stored without a revision (before the store primitive)', async () => {
    const { memory, store } = offline();
    memory.collections.set('boards', [{ ...board() }]);
    const boards = store.collection<Board>('boards');
    expect(await Promise.all([bump(boards), bump(boards)])).toEqual(expect.arrayContaining([ok(1), ok(2)]));
  });
});

describe('the SQLite store shared by several processes', () => {
  it('answers BUSY while another connection holds the file past the busy timeout, then writes', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'kit-store-'));
    const file = path.join(dir, 'documents.sqlite');
    const store = sqliteDocuments(file, { busyTimeoutMs: 50 });
    const boards = await boardIn(store);
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    expect(codeOf(await bump(boards))).toBe('BUSY');
    expect(codeOf(await bumpByChange(boards))).toBe('BUSY');
    other.exec('COMMIT');
    other.close();
    expect(await bump(boards)).toEqual(ok(1));
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe.each([100, 1000] as const)('find beyond the get() cap of %i', (getCap) => {
  it('pages up to the limit, in order, without duplicates', async () => {
    const { memory, store } = offline({ getCap });
    const rows = store.collection<{ _id: string; n: number; even: boolean }>('rows');
    await Promise.all(
      Array.from({ length: 1150 }, (_, n) =>
        rows.insert({ _id: `r${String(n).padStart(4, '0')}`, n, even: n % 2 === 0 }),
      ),
    );
    const before = memory.requests();
    const all = await rows.find({ where: {}, orderBy: { path: 'n', order: 'desc' }, limit: 1100 });
    expect(all.map((r) => r.n)).toEqual(Array.from({ length: 1100 }, (_, i) => 1149 - i));
    expect(memory.requests() - before).toBe(Math.ceil(1100 / GET_PAGE));
    expect(await rows.find({ where: { even: true }, limit: 2000 })).toHaveLength(575);
    expect(await rows.find({ where: { n: { lt: 250 } }, limit: 250 })).toHaveLength(250);
  });
});

/** 1,000 members at once: 100 places, then 500 waiting, then full. */
async function burst(boards: Collection<Board>) {
  const answers = await Promise.all(
    Array.from({ length: 1000 }, (_, n) =>
      boards.change('b', (doc) =>
        doc.items.length < 100
          ? appendUpTo('items', { id: `m${n}` }, 100)(doc)
          : appendUpTo('spare', { id: `m${n}` }, 500)(doc),
      ),
    ),
  );
  const stored = await boards.get('b');
  const items = stored?.items.map((i) => i.id) ?? [];
  const spare = stored?.spare.map((i) => i.id) ?? [];
  const landed = answers.flatMap((a, n) => (a.ok ? [`m${n}`] : []));
  return { answers, items, spare, landed };
}

describe('a burst of guarded appends', () => {
  it.each([
    [
      'the CloudBase store at 20–50 ms per request',
      () => {
        const memory: MemoryCloudbase = createMemoryCloudbase({ latencyMs: [20, 50] });
        return cloudbaseDocuments(databaseOf(memory.database));
      },
    ],
    ['SQLite', () => sqliteDocuments(':memory:')],
  ])(
    'fills exactly 100 + 500, no duplicates, every answer applied or a typed refusal (%s)',
    async (_name, open) => {
      const store = open();
      const { answers, items, spare, landed } = await burst(await boardIn(store));
      expect(items).toHaveLength(100);
      expect(spare).toHaveLength(500);
      expect(new Set([...items, ...spare]).size).toBe(600);
      // Nothing lost: what was answered ok is stored, and only that.
      expect([...items, ...spare].sort()).toEqual(landed.sort());
      for (const answer of answers) if (!answer.ok) expect(['FULL', 'BUSY']).toContain(answer.error.code);
      expect(answers.filter((a) => codeOf(a) === 'FULL').length).toBeGreaterThan(0);
      await store.close();
    },
    60_000,
  );
});
