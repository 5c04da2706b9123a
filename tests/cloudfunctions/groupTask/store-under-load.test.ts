// The CloudBase store where its guarantees are at risk: the offline database at 20–50 ms per request, with the
// service's timeouts and limits (emulator/cloudbase-memory.ts). SQLite runs the same bursts where they apply.
import { newBinding } from 'chat-tool-kit';
import { createTaskStore, TASKS } from '../../../cloudfunctions/groupTask/src/task-store';
import type { TaskRepository } from '../../../cloudfunctions/groupTask/src/ports';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import type { MemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import { createTask } from '../../../packageChatTool/core/task';
import type { Member, Task } from '../../../packageChatTool/core/types';
import { codeOf, HOUR, must, NOW } from './store-contract';

jest.setTimeout(120_000);

const ROOM = 'loadRoom';
const member = (n: number): Member => ({ userId: `o${n}`, memberId: `g${n}` });
const CREATOR = member(0);

async function newTask(store: TaskRepository, capacity: number | null): Promise<Task> {
  const task = createTask({
    id: `t${Math.random().toString(36).slice(2, 8)}`,
    draft: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' }, capacity },
    room: { id: ROOM, chatType: 3 },
    creator: CREATOR,
    card: newBinding({ activityId: 'a', expiresAt: NOW + 24 * HOUR }, 0),
    now: NOW,
  });
  await store.insert(task);
  return task;
}

const cloudbaseTasks = (memory: MemoryCloudbase) => createTaskStore(cloudbaseDocuments(databaseOf(memory.database)));

const slowCloudbase = () => {
  const memory = createMemoryCloudbase({ latencyMs: [20, 50] });
  return { memory, store: cloudbaseTasks(memory) };
};

const STORES: [string, () => TaskRepository][] = [
  ['CloudBase at 20–50 ms per request', () => slowCloudbase().store],
  ['SQLite', () => createTaskStore(sqliteDocuments(':memory:'))],
];

describe.each(STORES)('under a sign-up burst (%s)', (_name, open) => {
  it('leave, closing soon and end still succeed while sign-ups keep landing', async () => {
    const store = open();
    const task = await newTask(store, 20);
    for (const n of [1, 2]) must(await store.join(task.id, ROOM, member(n), NOW));
    // Six members at a time keep signing up, one after another, until the task ends: at 20–50 ms per
    // request, several sign-ups land during any other change.
    const joins: { m: Member; code: string }[] = [];
    let next = 3;
    const stream = async () => {
      for (;;) {
        const m = member(next);
        next += 1;
        const code = codeOf(await store.join(task.id, ROOM, m, NOW));
        joins.push({ m, code });
        if (code === 'TASK_ENDED' || next > 600) return;
      }
    };
    const streams = Promise.all(Array.from({ length: 6 }, stream));
    const at = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    await at(100);
    // Member 2 leaves while places are free, member 1 once a waitlist has formed (a promotion).
    const [leftFirst, closing] = await Promise.all([
      store.leave(task.id, ROOM, member(2), NOW),
      store.markClosingSoon(task.id, ROOM, CREATOR.userId, NOW),
    ]);
    while ((await store.get(task.id))?.waitlist.length === 0) await at(20);
    const leftPromoting = await store.leave(task.id, ROOM, member(1), NOW);
    const ended = await store.end(task.id, ROOM, CREATOR.userId, NOW);
    await streams;
    expect([leftFirst, closing, leftPromoting, ended].map(codeOf)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(leftPromoting.ok && leftPromoting.data.promoted).not.toBeNull();
    const stored = await store.get(task.id);
    expect(stored?.state).toBe('ended');
    // Every sign-up answered ok is stored, once; the places are full; the leavers are gone.
    const people = [...(stored?.participants ?? []), ...(stored?.waitlist ?? [])].map((p) => p.userId);
    expect(stored?.participants).toHaveLength(20);
    expect(new Set(people).size).toBe(people.length);
    expect(people).not.toContain(member(1).userId);
    expect(people).not.toContain(member(2).userId);
    expect(new Set(people)).toEqual(new Set(joins.flatMap(({ m, code }) => (code === 'ok' ? [m.userId] : []))));
    expect(joins.filter(({ code }) => !['ok', 'TASK_FULL', 'TASK_ENDED'].includes(code))).toEqual([]);
  });

  it('1,000 concurrent sign-ups to 100 places give exactly 100, no duplicates, nothing lost', async () => {
    const store = open();
    const task = await newTask(store, 100);
    const results = await Promise.all(
      Array.from({ length: 1000 }, (_, i) => store.join(task.id, ROOM, member(i + 1), NOW)),
    );
    const stored = await store.get(task.id);
    const participants = (stored?.participants ?? []).map((p) => p.userId);
    const waitlist = (stored?.waitlist ?? []).map((p) => p.userId);
    expect(participants).toHaveLength(100);
    expect(waitlist).toHaveLength(WAITLIST_MAX);
    expect(new Set([...participants, ...waitlist]).size).toBe(100 + WAITLIST_MAX);
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === 'ok')).toHaveLength(100 + WAITLIST_MAX);
    expect(codes.filter((c) => c === 'TASK_FULL')).toHaveLength(1000 - 100 - WAITLIST_MAX);
    expect(results.filter((r) => r.ok && r.data.outcome === 'joined')).toHaveLength(100);
  });
});

describe('the CloudBase store when a request fails', () => {
  let memory: MemoryCloudbase;
  let store: TaskRepository;
  beforeEach(() => {
    memory = createMemoryCloudbase();
    store = cloudbaseTasks(memory);
  });

  it('reports a write that timed out as an unknown outcome, whether or not it landed', async () => {
    const task = await newTask(store, null);
    memory.failNext('timeoutAfterCommit', { operation: 'update', collection: TASKS });
    expect(codeOf(await store.join(task.id, ROOM, member(1), NOW))).toBe('OUTCOME_UNKNOWN');
    expect((await store.get(task.id))?.participants.map((p) => p.userId)).toEqual([member(1).userId]);
    memory.failNext('serverTimeout', { operation: 'update', collection: TASKS });
    expect(codeOf(await store.join(task.id, ROOM, member(2), NOW))).toBe('OUTCOME_UNKNOWN');
    expect((await store.get(task.id))?.participants).toHaveLength(1);
    memory.failNext('timeoutAfterCommit', { operation: 'update', collection: TASKS });
    expect(codeOf(await store.leave(task.id, ROOM, member(1), NOW))).toBe('OUTCOME_UNKNOWN');
    memory.failNext('serverTimeout', { operation: 'update', collection: TASKS });
    expect(codeOf(await store.end(task.id, ROOM, CREATOR.userId, NOW))).toBe('OUTCOME_UNKNOWN');
    expect(await store.get(task.id)).toMatchObject({ state: 'open', participants: [] });
  });

  it('sends again what the service refused unrun (-501003, -501004) and reads that timed out', async () => {
    const task = await newTask(store, null);
    memory.failNext('requestLimit', { operation: 'update', times: 3 });
    memory.failNext('concurrentLimit', { operation: 'get', times: 2 });
    memory.failNext('serverTimeout', { operation: 'get' });
    must(await store.join(task.id, ROOM, member(1), NOW));
    must(await store.markClosingSoon(task.id, ROOM, CREATOR.userId, NOW));
    expect(await store.get(task.id)).toMatchObject({ state: 'closingSoon', participants: [{ userId: 'o1' }] });
  });

  it('adds a task once when the add timed out, whether or not it landed', async () => {
    for (const fault of ['timeoutAfterCommit', 'serverTimeout'] as const) {
      memory.failNext(fault, { operation: 'add', collection: TASKS });
      const task = await newTask(store, null);
      expect(await store.get(task.id)).toEqual(task);
    }
  });
});
