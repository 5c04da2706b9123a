// Member bindings on the store primitive, on both stores: a group_openid belongs to the first userId that presented
// it in the room; simultaneous first presentations agree on one owner; reminders read every member, page by page.
import type { Member } from 'chat-tool-kit';
import { MEMBERS_COLLECTION, memberBindings } from '../../../kit/server/member-bindings';
import { databaseOf } from '../../../kit/server/sdk';
import type { DocumentStore } from '../../../kit/server/store';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import type { MemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';

const NOW = 1_767_254_400_000;
const alice: Member = { userId: 'oAlice', memberId: 'gAlice' };

interface Setup {
  store: DocumentStore;
  cloudbase: MemoryCloudbase | null;
}

const STORES: [string, () => Setup][] = [
  ['SQLite', () => ({ store: sqliteDocuments(':memory:'), cloudbase: null })],
  [
    'CloudBase (offline)',
    () => {
      const cloudbase = createMemoryCloudbase();
      return { store: cloudbaseDocuments(databaseOf(cloudbase.database)), cloudbase };
    },
  ],
];

describe.each(STORES)('member bindings (%s)', (_, setup) => {
  let store: DocumentStore;
  let cloudbase: MemoryCloudbase | null;
  beforeEach(() => {
    ({ store, cloudbase } = setup());
  });
  afterEach(() => store.close());

  it('binds a group_openid to the first userId that presents it, per room, and never to another', async () => {
    const bindings = memberBindings(store);
    expect(await bindings.bindMember('tG1', alice, NOW)).toBe(alice.userId);
    expect(await bindings.bindMember('tG1', { userId: 'oMallory', memberId: alice.memberId }, NOW)).toBe(alice.userId);
    expect(await bindings.bindMember('tG1', alice, NOW + 1)).toBe(alice.userId);
    expect(await bindings.bindMember('tG2', { userId: 'oBob', memberId: alice.memberId }, NOW)).toBe('oBob');
    expect(await bindings.roomMembers('tG1', 10)).toEqual([alice]);
  });

  it('agrees on one owner when the first presentations race, without failing any of them', async () => {
    const bindings = memberBindings(store);
    const userIds = Array.from({ length: 12 }, (_, i) => `o${i}`);
    const owners = await Promise.all(
      userIds.map((userId) => bindings.bindMember('tG1', { userId, memberId: 'gShared' }, NOW)),
    );
    expect(new Set(owners).size).toBe(1);
    expect(userIds).toContain(owners[0]);
    expect(await bindings.roomMembers('tG1', 10)).toEqual([{ userId: owners[0], memberId: 'gShared' }]);
  });

  it("lists a room's members newest first, that room's only, up to the limit, beyond one read's cap", async () => {
    const bindings = memberBindings(store, 'my_tool_members');
    const count = 230;
    for (let i = 0; i < count; i += 1) {
      await bindings.bindMember('tG1', { userId: `o${i}`, memberId: `g${i}` }, NOW + i);
    }
    await bindings.bindMember('tGother', { userId: 'oElsewhere', memberId: 'gElsewhere' }, NOW + count);
    const all = await bindings.roomMembers('tG1', 500);
    expect(all).toEqual(
      Array.from({ length: count }, (_, i) => ({ userId: `o${count - 1 - i}`, memberId: `g${count - 1 - i}` })),
    );
    expect(await bindings.roomMembers('tG1', 150)).toEqual(all.slice(0, 150));
    expect(await bindings.roomMembers('tGnobody', 10)).toEqual([]);
    if (cloudbase !== null) {
      expect(cloudbase.collections.get('my_tool_members')).toHaveLength(count + 1);
      expect(cloudbase.collections.get(MEMBERS_COLLECTION)).toBeUndefined();
    }
  });

  it('reads a bound group_openid and writes nothing more', async () => {
    const bindings = memberBindings(store);
    await bindings.bindMember('tG1', alice, NOW);
    const before = await bindings.roomMembers('tG1', 10);
    const stored = JSON.stringify(cloudbase?.collections.get(MEMBERS_COLLECTION));
    const requests = cloudbase?.requests() ?? 0;
    expect(await bindings.bindMember('tG1', alice, NOW + 1000)).toBe(alice.userId);
    expect(await bindings.bindMember('tG1', { userId: 'oMallory', memberId: alice.memberId }, NOW)).toBe(alice.userId);
    expect(await bindings.roomMembers('tG1', 10)).toEqual(before);
    if (cloudbase !== null) {
      // The instance remembers the binding it wrote: only the room's list is read.
      expect(cloudbase.requests() - requests).toBe(1);
      expect(JSON.stringify(cloudbase.collections.get(MEMBERS_COLLECTION))).toBe(stored);
    }
  });

  it('remembers bindings it found or wrote (never an absence), as many as it may, the oldest forgotten first', async () => {
    const first = memberBindings(store);
    await first.bindMember('tG1', alice, NOW);
    const bindings = memberBindings(store, MEMBERS_COLLECTION, 2);
    const requests = () => cloudbase?.requestsByKind() ?? { get: 0, add: 0 };
    const read = async (member: { userId: string; memberId: string }) => {
      const before = requests();
      const owner = await bindings.bindMember('tG1', member, NOW);
      const after = requests();
      return { owner, gets: after.get - before.get, adds: after.add - before.add };
    };
    expect(await read(alice)).toEqual({ owner: alice.userId, gets: cloudbase === null ? 0 : 1, adds: 0 });
    expect(await read({ userId: 'oMallory', memberId: alice.memberId })).toEqual({
      owner: alice.userId,
      gets: 0,
      adds: 0,
    });
    const bob = { userId: 'oBob', memberId: 'gBob' };
    const carol = { userId: 'oCarol', memberId: 'gCarol' };
    expect((await read(bob)).owner).toBe(bob.userId);
    expect(await read(bob)).toEqual({ owner: bob.userId, gets: 0, adds: 0 });
    // A third binding makes room by forgetting the oldest (alice's): read again, still hers.
    await read(carol);
    expect(await read({ userId: 'oMallory', memberId: alice.memberId })).toEqual({
      owner: alice.userId,
      gets: cloudbase === null ? 0 : 1,
      adds: 0,
    });
  });
});

describe('member bindings under CloudBase faults', () => {
  it('keeps the first presenter as owner when its insert timed out after landing', async () => {
    const cloudbase = createMemoryCloudbase();
    const store = cloudbaseDocuments(databaseOf(cloudbase.database));
    const bindings = memberBindings(store);
    cloudbase.failNext('timeoutAfterCommit', { operation: 'add' });
    expect(await bindings.bindMember('tG1', alice, NOW)).toBe(alice.userId);
    expect(await bindings.bindMember('tG1', { userId: 'oMallory', memberId: alice.memberId }, NOW)).toBe(alice.userId);
    expect(cloudbase.collections.get(MEMBERS_COLLECTION)).toHaveLength(1);
    await store.close();
  });

  it('agrees on one owner for a burst of first presentations at 20–50 ms per request', async () => {
    const cloudbase = createMemoryCloudbase({ latencyMs: [20, 50] });
    const store = cloudbaseDocuments(databaseOf(cloudbase.database));
    const bindings = memberBindings(store);
    const owners = await Promise.all(
      Array.from({ length: 30 }, (_, i) => bindings.bindMember('tG1', { userId: `o${i}`, memberId: 'gShared' }, NOW)),
    );
    expect(new Set(owners).size).toBe(1);
    expect(cloudbase.collections.get(MEMBERS_COLLECTION)).toHaveLength(1);
    await store.close();
  });
  it('retries simultaneous first writes of one binding instead of failing, whatever the service answers', async () => {
    const cloudbase = createMemoryCloudbase({ latencyMs: [5, 20] });
    const store = cloudbaseDocuments(databaseOf(cloudbase.database));
    const bindings = memberBindings(store);
    for (const fault of ['concurrentLimit', 'requestLimit', 'timeoutAfterCommit', 'serverTimeout'] as const) {
      const room = `race-${fault}`;
      cloudbase.failNext(fault, { operation: 'add', collection: MEMBERS_COLLECTION, times: 3 });
      const contenders = Array.from({ length: 8 }, (_, i) => ({ userId: `o${i}`, memberId: 'gSame' }));
      const owners = await Promise.all(contenders.map((m) => bindings.bindMember(room, m, NOW)));
      expect(new Set(owners).size).toBe(1);
      expect(await bindings.roomMembers(room, 10)).toEqual([{ userId: owners[0], memberId: 'gSame' }]);
    }
    await store.close();
  });

  it('lists every member of a 500-member room for an "everyone" reminder, whatever the get() cap', async () => {
    for (const getCap of [100, 1000] as const) {
      const cloudbase = createMemoryCloudbase({ getCap });
      const store = cloudbaseDocuments(databaseOf(cloudbase.database));
      const bindings = memberBindings(store);
      const member = (i: number): Member => ({ userId: `o${i}`, memberId: `g${i}` });
      await Promise.all(Array.from({ length: 500 }, (_, i) => bindings.bindMember('tG1', member(i), NOW + i)));
      const members = await bindings.roomMembers('tG1', 500);
      expect(members).toHaveLength(500);
      expect(new Set(members.map((m) => m.memberId)).size).toBe(500);
      expect(members[0]).toEqual(member(499));
      await store.close();
    }
  });
});
