// What a step costs on the offline CloudBase database, through the whole function: requests by kind for a task
// read, an admitted and a waitlisted sign-up and a leave, and the bytes of documents read per sign-up and leave,
// which stay the same whether the task holds 10 + 10 members or 500 + 500. Reads write nothing.
import { newBinding } from 'chat-tool-kit';
import type { DatabaseOperation } from '../../../emulator/cloudbase-memory';
import type { EmulatedMember } from '../../../local';
import { ROOM_MEMBERS } from '../../../cloudfunctions/groupTask/src/task-store';
import { memberBindings } from '../../../kit/server/member-bindings';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { createTask } from '../../../packageChatTool/core/task';
import type { Participant, Task } from '../../../packageChatTool/core/types';
import type { World } from './world';
import { everyoneDraft, makeWorld, memberOf, must, NOW } from './world';

jest.setTimeout(60_000);

/** A member of WeChat's id lengths (an userId has 28 characters), seeded into a list without signing up. */
const seeded = (n: number): Participant => ({
  userId: `oSeed${n}`.padEnd(28, 'x'),
  memberId: `gSeed${n}`.padEnd(28, 'x'),
  at: NOW + n,
});

/**
 * A task with `joined` and `waiting` seeded members (all marked on its card, so the card is in line), stored whole
 * under a new id on the card of a task the creator published and shared: a sign-up's mark goes to a real card.
 */
async function storedTask(
  world: World,
  joined: number,
  waiting: number,
  capacity: number | null,
  first: { joined?: EmulatedMember[]; waiting?: EmulatedMember[] } = {},
): Promise<string> {
  const created = must(
    await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft({ capacity: 1 }) }),
  );
  world.backend.wechat.shareCard(world.creator, created.share);
  const real = (members: EmulatedMember[] = []): Participant[] =>
    members.map(({ openid, groupOpenid }) => ({ userId: openid, memberId: groupOpenid, at: NOW }));
  const participants = [...real(first.joined), ...Array.from({ length: joined }, (_, n) => seeded(n))];
  const base = createTask({
    id: `big${joined}x${waiting}c${capacity ?? 'n'}r${first.joined?.length ?? 0}`,
    draft: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' }, capacity },
    room: { id: world.roomId, chatType: 3 },
    creator: memberOf(world.creator),
    card: newBinding({ activityId: created.share.activityId, expiresAt: created.share.activityExpiresAt }, 0),
    now: NOW,
  });
  const task: Task = {
    ...base,
    participants,
    waitlist: [...real(first.waiting), ...Array.from({ length: waiting }, (_, n) => seeded(joined + n))],
    card: {
      ...base.card,
      shown: { ...base.card.shown, doneMemberIds: participants.map((p) => p.memberId) },
    },
  };
  await world.tasks.insert(task);
  return task.id;
}

interface Cost {
  requests: Record<DatabaseOperation, number>;
  total: number;
  bytes: number;
}

/** The database requests by kind and the document bytes `step` cost. */
async function cost(world: World, step: () => Promise<unknown>): Promise<Cost> {
  const memory = world.memory!;
  const before = memory.requestsByKind();
  const bytes = memory.bytesReturned();
  must((await step()) as never);
  const after = memory.requestsByKind();
  const requests = Object.fromEntries(
    Object.entries(after).map(([kind, n]) => [kind, n - before[kind as DatabaseOperation]]),
  ) as Record<DatabaseOperation, number>;
  const total = Object.values(requests).reduce((sum, n) => sum + n, 0);
  return { requests, total, bytes: memory.bytesReturned() - bytes };
}

describe('database requests and bytes per step (CloudBase offline)', () => {
  let world: World;
  beforeEach(() => {
    world = makeWorld('cloudbase', 8);
  });
  afterEach(() => world.close());

  const member = (n: number): EmulatedMember => world.members[n]!;
  const getTask = (who: EmulatedMember, taskId: string) => () => world.call(who, 'getTask', { taskId });
  const join = (who: EmulatedMember, taskId: string) => () => world.call(who, 'join', { taskId });
  const leave = (who: EmulatedMember, taskId: string) => () => world.call(who, 'leave', { taskId });

  it('a read writes nothing: a first presentation writes its binding (identity), a repeat nothing at all', async () => {
    const taskId = await storedTask(world, 500, 500, 500);
    const first = await cost(world, getTask(member(1), taskId));
    expect(first.requests).toMatchObject({ add: 1, update: 0, remove: 0 });
    const again = await cost(world, getTask(member(1), taskId));
    expect(again.requests).toEqual({ get: 1, count: 0, add: 0, update: 0, remove: 0 });
    const after = must(await getTask(member(1), taskId)()).waitlist.next!;
    const members = await cost(world, () => world.call(member(1), 'listMembers', { taskId, list: 'waitlist', after }));
    expect(members.requests).toEqual({ get: 1, count: 0, add: 0, update: 0, remove: 0 });
    const lists = await cost(world, () => world.call(member(1), 'listRoomTasks', {}));
    expect(lists.requests).toEqual({ get: 1, count: 0, add: 0, update: 0, remove: 0 });
    expect(lists.bytes).toBeLessThan(2000);
  });

  it('an admitted sign-up: 3 requests when the instance has seen the member (the page read the task first), 4 cold without a ticket', async () => {
    const taskId = await storedTask(world, 500, 500, null);
    await getTask(member(1), taskId)();
    const seen = await cost(world, join(member(1), taskId));
    expect(seen.requests).toEqual({ get: 1, count: 0, add: 0, update: 2, remove: 0 });
    expect(world.backend.wechat.card((await world.tasks.get(taskId))!.card.activityId)?.done).toContain(
      member(1).groupOpenid,
    );
    const view = must(await getTask(member(1), taskId)());
    expect(view).toMatchObject({ viewer: { status: 'done', cardText: '已参与' }, card: { inSync: true } });

    // Bound by another instance: this one has never seen the member.
    const elsewhere = memberBindings(cloudbaseDocuments(databaseOf(world.memory!.database)), ROOM_MEMBERS);
    await elsewhere.bindMember(world.roomId, memberOf(member(2)), NOW);
    const cold = await cost(world, join(member(2), taskId));
    expect(cold.requests).toEqual({ get: 2, count: 0, add: 0, update: 2, remove: 0 });
  });

  it('an admitted sign-up on an instance that has never seen the member: 3 requests with the ticket an earlier answer gave their client', async () => {
    const fresh = makeWorld('cloudbase', 4, 200, undefined, {}, { bindingsRemembered: 0 });
    try {
      const taskId = await storedTask(fresh, 500, 500, null);
      const [, signer, other] = fresh.members as [EmulatedMember, EmulatedMember, EmulatedMember];
      const send = (who: EmulatedMember, action: string, extra: object) =>
        fresh.raw(who, { action, chatProof: fresh.backend.wechat.issueCloudId(who), taskId, ...extra });
      const read = (await send(signer, 'getTask', {})) as { memberTicket?: unknown };
      expect(read.memberTicket).toEqual(expect.stringMatching(/^[\w-]{43}$/));
      // Another user presenting it gains nothing: the binding is read, and their own ticket answered.
      const copied = await cost(fresh, () => send(other, 'getTask', { memberTicket: read.memberTicket }));
      expect(copied.requests).toMatchObject({ get: 2 });
      const joined = await cost(fresh, () => send(signer, 'join', { memberTicket: read.memberTicket }));
      expect(joined.requests).toEqual({ get: 1, count: 0, add: 0, update: 2, remove: 0 });
      const without = await cost(fresh, () => send(other, 'join', {}));
      expect(without.requests).toEqual({ get: 2, count: 0, add: 0, update: 2, remove: 0 });
    } finally {
      fresh.close();
    }
  });

  it('a waitlisted sign-up: 2 requests; a leave that promotes the first waiting: 3', async () => {
    const taskId = await storedTask(world, 500, 499, 500);
    await getTask(member(1), taskId)();
    const waitlisted = await cost(world, join(member(1), taskId));
    expect(waitlisted.requests).toEqual({ get: 1, count: 0, add: 0, update: 1, remove: 0 });
    const full = await storedTask(world, 499, 0, 500);
    await getTask(member(2), full)();
    must(await join(member(2), full)());
    must(await join(member(3), full)());
    const promoting = await cost(world, leave(member(2), full));
    expect(promoting.requests).toEqual({ get: 1, count: 0, add: 0, update: 2, remove: 0 });
    const stored = await world.tasks.get(full);
    expect(stored?.participants.at(-1)?.memberId).toBe(member(3).groupOpenid);
    expect(stored?.waitlist).toEqual([]);
  });

  it('a note edit: one read and one write, as many bytes at 500 + 500 as at 10 + 10, wherever the entry is', async () => {
    const edit = async (joined: number, waiting: number) => {
      const taskId = await storedTask(world, joined, waiting, null);
      await getTask(member(1), taskId)();
      // Last in a long list: the database finds the entry, the read takes only the first page.
      must(await join(member(1), taskId)());
      const noted = await cost(world, () => world.call(member(1), 'setNote', { taskId, note: '+2, vegetarian' }));
      expect(noted.requests).toEqual({ get: 1, count: 0, add: 0, update: 1, remove: 0 });
      expect((await world.tasks.get(taskId))?.participants.at(-1)).toMatchObject({ note: '+2, vegetarian' });
      return noted.bytes;
    };
    const small = await edit(10, 10);
    const large = await edit(500, 500);
    expect(Math.abs(large - small)).toBeLessThanOrEqual(32);
    expect(large).toBeLessThan(3000);
  });

  it('reads as many bytes per sign-up and per leave at 500 + 500 as at 10 + 10', async () => {
    const steps = async (joined: number, waiting: number) => {
      const open = await storedTask(world, joined, waiting, null);
      // Member 7 holds the first place, member 6 waits first: 7 leaving promotes 6, whom the card then marks.
      const full = await storedTask(world, joined - 1, waiting - 2, joined, {
        joined: [member(7)],
        waiting: [member(6)],
      });
      for (const n of [4, 5, 6, 7]) await getTask(member(n), open)();
      const admitted = await cost(world, join(member(4), open));
      const waitlisted = await cost(world, join(member(5), full));
      const left = await cost(world, leave(member(7), full));
      const unwaited = await cost(world, leave(member(5), full));
      return { admitted: admitted.bytes, waitlisted: waitlisted.bytes, left: left.bytes, unwaited: unwaited.bytes };
    };
    const small = await steps(10, 10);
    const large = await steps(500, 500);
    for (const step of ['admitted', 'waitlisted', 'left', 'unwaited'] as const) {
      // Only the counts' digits and the ids' numbers differ.
      expect(Math.abs(large[step] - small[step])).toBeLessThanOrEqual(32);
      expect(large[step]).toBeLessThan(3000);
    }
  });
});
