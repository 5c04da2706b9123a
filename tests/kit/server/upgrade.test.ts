// The upgrade runner (kit/server/upgrade.ts) on both stores: it pages through a whole collection by _id, counts
// what it did, reports what it left, and takes again on the next run a write whose outcome it could not know.
import type { StoredFields } from '../../../kit/server/neutral-names';
import { upgradeBindingDocument } from '../../../kit/server/neutral-names';
import { databaseOf } from '../../../kit/server/sdk';
import type { DocumentStore } from '../../../kit/server/store';
import { cloudbaseDocuments } from '../../../kit/server/store';
import type { CollectionUpgrade } from '../../../kit/server/upgrade';
import { countsLine, upgradeCollection } from '../../../kit/server/upgrade';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { storeOf, STORES } from '../../harness/stores';

const BINDINGS: CollectionUpgrade = { collection: 'my_members', upgrade: upgradeBindingDocument };

const old = (n: number): StoredFields => ({
  _id: `r:g${n}`,
  roomId: 'r',
  groupOpenid: `g${n}`,
  openid: `o${n}`,
  boundAt: n,
});
const upgraded = (n: number): StoredFields => ({
  _id: `r:g${n}`,
  roomId: 'r',
  memberId: `g${n}`,
  userId: `o${n}`,
  boundAt: n,
});

describe.each(STORES)('upgradeCollection on %s', (kind) => {
  let documents: DocumentStore;

  beforeEach(() => {
    ({ documents } = storeOf(kind));
  });
  afterEach(() => documents.close());

  const members = () => documents.collection<StoredFields>(BINDINGS.collection);
  const all = () => members().find({ where: { _id: { gt: '' } }, limit: 100 });

  it('pages through every document, page after page, and counts each outcome', async () => {
    for (const n of [1, 2, 3, 5, 6, 8, 9]) await members().insert(old(n));
    await members().insert(upgraded(4));
    await members().insert({ _id: 'r:g7', roomId: 'r', boundAt: 7 });
    const lines: string[] = [];
    const counts = await upgradeCollection(documents, BINDINGS, { pageSize: 2, log: (line) => lines.push(line) });
    expect(counts).toEqual({ upgraded: 7, alreadyNew: 1, unreadable: 1, again: 0, gone: 0 });
    expect(lines).toEqual([
      'my_members r:g7: binding r:g7 has neither { userId, memberId } nor { openid, groupOpenid }',
    ]);
    expect(await all()).toEqual([
      ...[1, 2, 3, 4, 5, 6].map(upgraded),
      { _id: 'r:g7', roomId: 'r', boundAt: 7 },
      ...[8, 9].map(upgraded),
    ]);
    expect(countsLine(BINDINGS.collection, counts, false)).toBe('my_members: 7 upgraded, 1 already new, 1 unreadable');
  });

  it('says what a dry run would do and writes nothing', async () => {
    for (const n of [1, 2, 3]) await members().insert(old(n));
    await members().insert({ _id: 'r:g4', roomId: 'r', boundAt: 4 });
    const lines: string[] = [];
    const counts = await upgradeCollection(documents, BINDINGS, {
      dryRun: true,
      pageSize: 2,
      log: (line) => lines.push(line),
    });
    expect(lines).toEqual([
      'my_members r:g4: binding r:g4 has neither { userId, memberId } nor { openid, groupOpenid }',
    ]);
    expect(countsLine(BINDINGS.collection, counts, true)).toBe(
      'my_members (dry run): 3 to upgrade, 0 already new, 1 unreadable',
    );
    expect(await all()).toEqual([...[1, 2, 3].map(old), { _id: 'r:g4', roomId: 'r', boundAt: 4 }]);
  });

  it('answers nothing to do on an empty collection', async () => {
    expect(await upgradeCollection(documents, BINDINGS)).toEqual({
      upgraded: 0,
      alreadyNew: 0,
      unreadable: 0,
      again: 0,
      gone: 0,
    });
  });
});

describe('upgradeCollection on CloudBase under load', () => {
  it('counts a write that timed out as one to run again, and the next run finds it done or does it', async () => {
    const memory = createMemoryCloudbase();
    const documents = cloudbaseDocuments(databaseOf(memory.database));
    const members = documents.collection<StoredFields>(BINDINGS.collection);
    for (const n of [1, 2]) await members.insert(old(n));
    memory.failNext('timeoutAfterCommit', { operation: 'update', collection: BINDINGS.collection });
    const lines: string[] = [];
    const first = await upgradeCollection(documents, BINDINGS, { log: (line) => lines.push(line) });
    expect(first).toEqual({ upgraded: 1, alreadyNew: 0, unreadable: 0, again: 1, gone: 0 });
    expect(lines).toEqual([expect.stringMatching(/^my_members r:g1: .*timed out.*; the next run reads it again$/)]);
    expect(countsLine(BINDINGS.collection, first, false)).toBe(
      'my_members: 1 upgraded, 0 already new, 0 unreadable, 1 to run again',
    );
    // The write had landed: the second run finds both in the new names.
    expect(await upgradeCollection(documents, BINDINGS)).toEqual({
      upgraded: 0,
      alreadyNew: 2,
      unreadable: 0,
      again: 0,
      gone: 0,
    });
    expect(await members.get('r:g1')).toEqual(upgraded(1));
  });
});
