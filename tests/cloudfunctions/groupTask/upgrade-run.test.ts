// `npm run upgrade:data`'s runner (kit/server/upgrade.ts) with the group task's upgrades, on both stores (SQLite,
// and CloudBase offline: emulator/cloudbase-memory.ts): documents of the old layout written raw, upgraded, then read
// back through the REAL task store and member bindings, which answer them as the tasks and members they were.
import type { StoredFields } from '../../../kit/server/neutral-names';
import { memberBindings } from '../../../kit/server/member-bindings';
import { databaseOf } from '../../../kit/server/sdk';
import type { CloudDatabase, Collection, DocumentStore } from '../../../kit/server/store';
import { cloudbaseDocuments } from '../../../kit/server/store';
import type { UpgradeCounts, UpgradeOptions } from '../../../kit/server/upgrade';
import { upgradeCollection } from '../../../kit/server/upgrade';
import { GROUP_TASK_UPGRADES } from '../../../cloudfunctions/groupTask/src/upgrade';
import { createTaskStore, ROOM_MEMBERS, TASKS } from '../../../cloudfunctions/groupTask/src/task-store';
import type { MemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { storeOf } from '../../harness/stores';
import { newBinding, newTask, oldBinding, oldTask, ROOM } from './old-layout';
import { codeOf, must, NOW, STORES, type StoreKind } from './world';

const COUNTS: UpgradeCounts = { upgraded: 0, alreadyNew: 0, unreadable: 0, again: 0, gone: 0 };

/** What the store keeps beside a task (task-store.ts TaskDocument): the task is the rest. */
const BESIDE_THE_TASK = new Set([
  '_id',
  'standing',
  'members',
  'notes',
  'chosen',
  'marks',
  'participantCount',
  'waitlistCount',
  'markCount',
  'audienceSize',
  'cardDirty',
  'sweptAt',
  'timerDueAt',
]);
const taskOf = (doc: StoredFields) =>
  Object.fromEntries(Object.entries(doc).filter(([field]) => !BESIDE_THE_TASK.has(field)));

/** Every upgrade of the group task, in order, as the command runs them: each collection's counts. */
async function upgradeAll(documents: DocumentStore, options: UpgradeOptions = {}) {
  const counts: Record<string, UpgradeCounts> = {};
  for (const upgrade of GROUP_TASK_UPGRADES) {
    counts[upgrade.collection] = await upgradeCollection(documents, upgrade, options);
  }
  return counts;
}

/** A collection whose update first lets `meanwhile` land once: a write between the listing and the upgrade. */
function landingFirst(documents: DocumentStore, meanwhile: () => Promise<unknown>): DocumentStore {
  let landed = false;
  return {
    close: () => documents.close(),
    collection<D extends { _id: string }>(name: string) {
      const inner: Collection<D> = documents.collection<D>(name);
      if (name !== TASKS) return inner;
      const wrapped: Collection<D> = {
        ...inner,
        async update(id, edit) {
          if (!landed) {
            landed = true;
            await meanwhile();
          }
          return inner.update(id, edit);
        },
      };
      return wrapped;
    },
  };
}

describe.each(STORES)('upgrading stored tasks and bindings on %s', (kind: StoreKind) => {
  let memory: MemoryCloudbase | null;
  let documents: DocumentStore;

  beforeEach(() => {
    ({ documents, memory } = storeOf(kind));
  });
  afterEach(() => documents.close());

  /** Two tasks and three bindings of the old layout and one task of the new, written raw. */
  async function oldDeployment() {
    const tasks = documents.collection<StoredFields>(TASKS);
    const everyone = { ...oldTask('t2'), audience: { kind: 'everyone' }, chosen: {}, audienceSize: null };
    for (const doc of [oldTask('t1'), everyone, newTask('t3')]) await tasks.insert(doc);
    const bindings = documents.collection<StoredFields>(ROOM_MEMBERS);
    for (const [userId, memberId] of [
      ['o0', 'g0'],
      ['o1', 'g1'],
      ['o2', 'g2'],
    ]) {
      await bindings.insert(oldBinding(userId, memberId));
    }
  }

  /** Every document of both collections, as the store answers them. */
  async function stored() {
    const all = (name: string) =>
      documents.collection<StoredFields>(name).find({ where: { _id: { gt: '' } }, limit: 100 });
    return { tasks: await all(TASKS), bindings: await all(ROOM_MEMBERS) };
  }

  it('upgrades every old document, and the task store answers them as the tasks they were', async () => {
    await oldDeployment();
    const store = createTaskStore(documents);
    const mine = async () => (await store.listByMember('o0', null, 10)).map((listing) => listing.summary.id).sort();
    // What the new version sees before the upgrade: of the creator's tasks, only the one in the new names is theirs.
    expect(await mine()).toEqual(['t3']);

    expect(await upgradeAll(documents)).toEqual({
      [TASKS]: { ...COUNTS, upgraded: 2, alreadyNew: 1 },
      [ROOM_MEMBERS]: { ...COUNTS, upgraded: 3 },
    });

    expect(await store.get('t1')).toEqual(taskOf(newTask('t1')));

    // The old creator is still the creator: their tasks list again, and they may end one.
    expect(await mine()).toEqual(['t1', 't2', 't3']);
    // An old participant still stands, with their note, chosen and marked on the card.
    const sight = must(await store.sight('t1', ROOM, { userId: 'o1', memberId: 'g1' }, 20));
    expect(sight.facts).toEqual({ standing: 'joined', note: 'hi', chosen: true, marked: true });
    expect(sight.participants.items).toEqual([{ userId: 'o1', memberId: 'g1', at: NOW + 1, note: 'hi' }]);
    expect(sight.head.counts).toEqual({ joined: 1, waitlisted: 1, marked: 1 });
    expect(codeOf(await store.join('t1', ROOM, { userId: 'o1', memberId: 'g1' }, NOW + 10))).toBe('ALREADY_JOINED');
    expect(must(await store.join('t1', ROOM, { userId: 'o3', memberId: 'g3' }, NOW + 11)).outcome).toBe('waitlisted');
    // Leaving finds the old entry by its userId, and the first old waiting member takes the place.
    const left = must(await store.leave('t1', ROOM, { userId: 'o1', memberId: 'g1' }, NOW + 12));
    expect(left.promoted).toEqual({ userId: 'o2', memberId: 'g2', at: NOW + 12 });
    expect(must(await store.setNote('t1', ROOM, { userId: 'o2', memberId: 'g2' }, 'here', NOW + 13)).facts.note).toBe(
      'here',
    );
    expect(codeOf(await store.end('t1', ROOM, 'o1', NOW + 14))).toBe('NOT_CREATOR');
    expect(must(await store.end('t1', ROOM, 'o0', NOW + 14)).state).toBe('ended');

    // The bindings hold: each member is still theirs, and another user presenting their memberId is not.
    const bindings = memberBindings(documents, ROOM_MEMBERS, 0);
    expect(await bindings.bindMember(ROOM, { userId: 'o1', memberId: 'g1' }, NOW + 20)).toBe('o1');
    expect(await bindings.bindMember(ROOM, { userId: 'o9', memberId: 'g1' }, NOW + 20)).toBe('o1');
    expect(await bindings.roomMembers(ROOM, 10)).toEqual(
      expect.arrayContaining([
        { userId: 'o0', memberId: 'g0' },
        { userId: 'o1', memberId: 'g1' },
        { userId: 'o2', memberId: 'g2' },
      ]),
    );
    expect((await stored()).bindings).toEqual([newBinding('o0', 'g0'), newBinding('o1', 'g1'), newBinding('o2', 'g2')]);
  });

  it('refuses members through their old bindings until the run reaches the bindings, writing none', async () => {
    await oldDeployment();
    const bindings = memberBindings(documents, ROOM_MEMBERS, 0);
    // The new version reads an owner with no userId: identity answers CHAT_PROOF_FOREIGN (kit/server/identity.ts).
    expect(await bindings.bindMember(ROOM, { userId: 'o1', memberId: 'g1' }, NOW + 5)).toBeUndefined();
    const before = await stored();
    expect(before.bindings).toEqual([oldBinding('o0', 'g0'), oldBinding('o1', 'g1'), oldBinding('o2', 'g2')]);
    await upgradeAll(documents);
    expect(await bindings.bindMember(ROOM, { userId: 'o1', memberId: 'g1' }, NOW + 5)).toBe('o1');
  });

  it('changes nothing on a second run', async () => {
    await oldDeployment();
    await upgradeAll(documents);
    const once = await stored();
    expect(await upgradeAll(documents)).toEqual({
      [TASKS]: { ...COUNTS, alreadyNew: 3 },
      [ROOM_MEMBERS]: { ...COUNTS, alreadyNew: 3 },
    });
    expect(await stored()).toEqual(once);
  });

  it('writes nothing on a dry run, and counts what it would do', async () => {
    await oldDeployment();
    const before = await stored();
    const raw = JSON.stringify(memory?.collections.get(TASKS));
    expect(await upgradeAll(documents, { dryRun: true })).toEqual({
      [TASKS]: { ...COUNTS, upgraded: 2, alreadyNew: 1 },
      [ROOM_MEMBERS]: { ...COUNTS, upgraded: 3 },
    });
    expect(await stored()).toEqual(before);
    // Not even the store's revision moved.
    expect(JSON.stringify(memory?.collections.get(TASKS))).toBe(raw);
  });

  it('reports a document in neither layout with its _id and leaves it as it is', async () => {
    await oldDeployment();
    const broken = { ...oldTask('t0'), creator: { name: 'who?' } };
    await documents.collection<StoredFields>(TASKS).insert(broken);
    const lines: string[] = [];
    const counts = await upgradeAll(documents, { log: (line) => lines.push(line) });
    expect(counts[TASKS]).toEqual({ ...COUNTS, upgraded: 2, alreadyNew: 1, unreadable: 1 });
    expect(lines).toEqual([
      'group_tasks t0: task t0: creator has neither { userId, memberId } nor { openid, groupOpenid }',
    ]);
    expect(await documents.collection<StoredFields>(TASKS).get('t0')).toEqual(broken);
  });

  it('refuses a leave on a task the upgrade has not reached yet, writing nothing, and takes it once upgraded', async () => {
    // What the window between deploying and upgrading can bring: a member passing identity without their old
    // binding (a member ticket from before) leaves an old task; the new version's change finds no entry by userId,
    // so its premise (core/task-changes.ts leaveChange) refuses the write instead of leaving the entry behind.
    const old = { ...oldTask('t1'), waitlist: [], standing: { o1: 'joined' }, members: ['o1'], waitlistCount: 0 };
    await documents.collection<StoredFields>(TASKS).insert(old);
    const store = createTaskStore(documents);
    const member = { userId: 'o1', memberId: 'g1' };
    expect(codeOf(await store.leave('t1', ROOM, member, NOW + 10))).toBe('BUSY');
    expect(await documents.collection<StoredFields>(TASKS).get('t1')).toEqual(old);
    expect(await upgradeCollection(documents, GROUP_TASK_UPGRADES[0])).toEqual({ ...COUNTS, upgraded: 1 });
    must(await store.leave('t1', ROOM, member, NOW + 20));
    const sight = must(await store.sight('t1', ROOM, member, 20));
    expect(sight.facts.standing).toBeNull();
    expect(sight.participants).toEqual({ start: 0, items: [], total: 0 });
  });

  it('keeps a sign-up the new version made on an old task before the upgrade reached it', async () => {
    await oldDeployment();
    const store = createTaskStore(documents);
    const joined = landingFirst(documents, async () =>
      must(await store.join('t1', ROOM, { userId: 'o3', memberId: 'g3' }, NOW + 10)),
    );
    expect((await upgradeAll(joined))[TASKS]).toEqual({ ...COUNTS, upgraded: 2, alreadyNew: 1 });
    const sight = must(await store.sight('t1', ROOM, { userId: 'o3', memberId: 'g3' }, 20));
    expect(sight.facts.standing).toBe('waiting');
    expect(sight.waitlist.items).toEqual([
      { userId: 'o2', memberId: 'g2', at: NOW + 2 },
      { userId: 'o3', memberId: 'g3', at: NOW + 10 },
    ]);
    await expect(upgradeAll(documents)).resolves.toEqual({
      [TASKS]: { ...COUNTS, alreadyNew: 3 },
      [ROOM_MEMBERS]: { ...COUNTS, alreadyNew: 3 },
    });
  });
});

/**
 * CloudBase's database as the runner's store sees it, except that its first update of a task waits for `meanwhile`
 * to land: a write between the runner's read of the task and its compare-and-set.
 */
function racing(db: CloudDatabase, meanwhile: () => Promise<unknown>): { db: CloudDatabase; updates: () => number } {
  let updates = 0;
  const bound = <T extends object>(target: T, prop: string | symbol): unknown => {
    const value: unknown = Reflect.get(target, prop);
    return typeof value === 'function' ? value.bind(target) : value;
  };
  const collection: CloudDatabase['collection'] = (name) => {
    const inner = db.collection<never>(name);
    if (name !== TASKS) return inner;
    return new Proxy(inner, {
      get: (target, prop) =>
        prop !== 'where'
          ? bound(target, prop)
          : (condition: Parameters<typeof target.where>[0]) =>
              new Proxy(target.where(condition), {
                get: (query, key) =>
                  key !== 'update'
                    ? bound(query, key)
                    : async (options: Parameters<typeof query.update>[0]) => {
                        updates += 1;
                        if (updates === 1) await meanwhile();
                        return query.update(options);
                      },
              }),
    });
  };
  return {
    db: { command: db.command, createCollection: (name) => db.createCollection(name), collection },
    updates: () => updates,
  };
}

describe('upgrading on CloudBase while the new version writes', () => {
  it('reads a task changed between its read and its write again, and loses nothing of the change', async () => {
    const memory = createMemoryCloudbase();
    const db = databaseOf(memory.database);
    const documents = cloudbaseDocuments(db);
    const tasks = documents.collection<StoredFields>(TASKS);
    await tasks.insert(oldTask('t1'));
    const store = createTaskStore(documents);
    const race = racing(db, async () => must(await store.join('t1', ROOM, { userId: 'o3', memberId: 'g3' }, NOW + 10)));

    const counts = await upgradeCollection(cloudbaseDocuments(race.db), GROUP_TASK_UPGRADES[0]);

    expect(counts).toEqual({ ...COUNTS, upgraded: 1 });
    // Its first compare-and-set found the task moved on, so it read the task again and wrote that.
    expect(race.updates()).toBe(2);
    const expected = newTask('t1');
    expect(await tasks.get('t1')).toEqual({
      ...expected,
      waitlist: [...(expected.waitlist as object[]), { userId: 'o3', memberId: 'g3', at: NOW + 10 }],
      standing: { o1: 'joined', o2: 'waiting', o3: 'waiting' },
      members: ['o1', 'o2', 'o3'],
      waitlistCount: 2,
      updatedAt: NOW + 10,
      revision: 4,
    });
  });
});
