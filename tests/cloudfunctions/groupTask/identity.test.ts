// Identity comes only from the server context (OPENID) and the cloudID the server resolves itself.
import type { ApiResult, TaskView } from '../../../packageChatTool/core/api';
import type { Member } from '../../../packageChatTool/core/types';
import type { GroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createGroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createTaskStore } from '../../../cloudfunctions/groupTask/src/task-store';
import type { OpenData, WeChatPlatform } from '../../../kit/server/ports';
import { memberBindings } from '../../../kit/server/member-bindings';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { READING_PROFILES, readingsFromEnvironment } from '../../../emulator/readings';
import { createLocalBackend } from '../../../local';
import { codeOf, everyoneDraft, HOUR, makeWorld, MINUTE, must, NOW, publishedTask, STORES } from './world';
import type { World } from './world';

describe.each(STORES)('forged identity is refused and changes nothing (%s)', (store) => {
  let world: World;
  let taskId: string;
  let before: TaskView;

  beforeEach(async () => {
    world = makeWorld(store, 4);
    const { creator, call } = world;
    taskId = await publishedTask(world, 5);
    must(await call(world.members[1]!, 'join', { taskId }));
    before = must(await call(creator, 'getTask', { taskId }));
  });
  afterEach(() => world.close());

  async function expectUnchanged() {
    expect(must(await world.call(world.creator, 'getTask', { taskId }))).toEqual(before);
  }

  it('refuses openid, group_openid or room sent as data', async () => {
    const bob = world.members[2]!;
    const alice = world.members[1]!;
    for (const forged of [
      { openid: alice.openid },
      { groupOpenid: alice.groupOpenid },
      { group_openid: alice.groupOpenid },
      { room: world.roomId },
      { roomId: 'another-room' },
      { opengid: world.roomId },
    ]) {
      const leave = await world.raw(bob, {
        action: 'leave',
        cloudID: world.backend.wechat.issueCloudId(bob),
        taskId,
        ...forged,
      });
      expect(leave).toEqual({
        ok: false,
        error: { code: 'INVALID_REQUEST', message: expect.any(String), text: expect.any(String) },
      });
    }
    await expectUnchanged();
  });

  it('never trusts a {cloudID, data} object sent as plain data', async () => {
    const bob = world.members[2]!;
    const alice = world.members[1]!;
    const result = await world.raw(bob, {
      action: 'leave',
      cloudID: { cloudID: 'x', data: { opengid: world.roomId, group_openid: alice.groupOpenid, chat_type: 3 } },
      taskId,
    });
    expect(codeOf(result)).toBe('INVALID_REQUEST');
    await expectUnchanged();
  });

  it("refuses another user's cloudID, an unknown one and an expired one", async () => {
    const alice = world.members[1]!;
    const bob = world.members[2]!;
    const aliceCloudId = world.backend.wechat.issueCloudId(alice);
    // WeChat refusing it (no documented code: CLOUD_ID_INVALID), or resolving it and the server's binding
    // refusing it (docs/platform.md, "Replayed cloudID"): Alice presented her group_openid first.
    const foreign = readingsFromEnvironment().foreignCloudId === 'refused' ? 'CLOUD_ID_INVALID' : 'CLOUD_ID_FOREIGN';
    expect(codeOf(await world.raw(bob, { action: 'leave', cloudID: aliceCloudId, taskId }))).toBe(foreign);
    expect(
      codeOf(await world.raw({ openid: 'oNotInAnyRoom' }, { action: 'leave', cloudID: aliceCloudId, taskId })),
    ).toBe(foreign);
    expect(codeOf(await world.raw(bob, { action: 'leave', cloudID: 'made-up', taskId }))).toBe('CLOUD_ID_INVALID');
    world.clock.now += 5 * MINUTE;
    expect(codeOf(await world.raw(alice, { action: 'leave', cloudID: aliceCloudId, taskId }))).toBe('CLOUD_ID_EXPIRED');
    world.clock.now -= 5 * MINUTE;
    await expectUnchanged();
  });

  it("refuses another room's cloudID for this room's task", async () => {
    const other = world.backend.wechat.createRoom({ name: 'Other chat' });
    const alice = world.members[1]!;
    const aliceThere = world.backend.wechat.addMember(other.id, { openid: alice.openid, nickname: 'Alice' });
    const stranger = world.backend.wechat.addMember(other.id, { nickname: 'Stranger' });
    for (const who of [aliceThere, stranger]) {
      for (const action of ['join', 'leave', 'getTask', 'endTask', 'pendingMembers', 'renewCard'] as const) {
        const cloudID = world.backend.wechat.issueCloudId(who);
        expect(codeOf(await world.raw(who, { action, cloudID, taskId }))).toBe('WRONG_ROOM');
      }
    }
    await expectUnchanged();
  });

  it('lets only the creator end, mark closing soon, remind and renew', async () => {
    const alice = world.members[1]!;
    for (const action of ['endTask', 'markClosingSoon', 'pendingMembers', 'renewCard'] as const) {
      expect(codeOf(await world.call(alice, action, { taskId }))).toBe('NOT_CREATOR');
    }
    await expectUnchanged();
  });

  it('does not let a client start the timer sweep, nor call without identity', async () => {
    const calls = world.backend.wechat.calls('setChatToolMsg').length;
    const bob = world.members[2]!;
    expect(codeOf(await world.raw(bob, { Type: 'Timer', TriggerName: 'sweep' }))).toBe('INVALID_REQUEST');
    expect(codeOf(await world.raw({ openid: '' }, { action: 'getTask', cloudID: 'x', taskId }))).toBe(
      'INVALID_REQUEST',
    );
    expect(world.backend.wechat.calls('setChatToolMsg')).toHaveLength(calls);
    await expectUnchanged();
  });
});

// WeChat may resolve a cloudID whoever presents it (docs/platform.md, "getOpenData"): here a platform that
// does, so only the server's own binding (a group_openid belongs to the first openid that presented it in
// the room) stands between a replayed cloudID and someone else's sign-up.
describe.each(STORES)('a replayed cloudID, on a platform that resolves it for anyone (%s)', (store) => {
  const ROOM = 'tGreplay';
  const alice: Member = { openid: 'oAlice', groupOpenid: 'gAlice' };
  const bob: Member = { openid: 'oBob', groupOpenid: 'gBob' };
  let issued: Map<string, OpenData>;
  let logged: string[];
  let groupTask: GroupTask;
  let close: () => void;

  const cloudIdOf = (member: Member): string => {
    const cloudID = `cid${issued.size}`;
    issued.set(cloudID, { opengid: ROOM, group_openid: member.groupOpenid, chat_type: 3 });
    return cloudID;
  };
  const call = async (openid: string, data: object) => (await groupTask.main(data, openid)) as ApiResult<TaskView>;

  beforeEach(() => {
    issued = new Map();
    logged = [];
    const documents =
      store === 'sqlite' ? sqliteDocuments() : cloudbaseDocuments(databaseOf(createMemoryCloudbase().database));
    const tasks = createTaskStore(documents);
    close = () => void documents.close();
    let activities = 0;
    const platform: WeChatPlatform = {
      createActivityId: async () => ({ activityId: `act${(activities += 1)}`, expiresAt: NOW + 24 * HOUR }),
      setChatToolMsg: async () => undefined,
      resolveOpenData: async (cloudID) => {
        const data = issued.get(cloudID);
        return data === undefined ? { ok: false, code: 'CLOUD_ID_INVALID', message: 'unknown' } : { ok: true, data };
      },
      checkText: async () => ({ verdict: 'pass', traceId: 'trace' }),
    };
    groupTask = createGroupTask({
      tasks,
      bindings: memberBindings(documents),
      wechat: platform,
      clock: { now: () => NOW },
      newId: () => 'task1',
      cardSyncTimeoutMs: 100,
      log: (message) => logged.push(message),
    });
  });
  afterEach(() => close());

  it('refuses another openid presenting a bound group_openid, logs it, and changes nothing', async () => {
    const draft = everyoneDraft({ capacity: 5 });
    must(await call(bob.openid, { action: 'createTask', cloudID: cloudIdOf(bob), envVersion: 'release', task: draft }));
    const aliceCloudId = cloudIdOf(alice);
    must(await call(alice.openid, { action: 'join', cloudID: aliceCloudId, taskId: 'task1' }));
    const before = must(await call(bob.openid, { action: 'getTask', cloudID: cloudIdOf(bob), taskId: 'task1' }));

    for (const intruder of ['oMallory', bob.openid]) {
      for (const action of ['leave', 'getTask', 'join'])
        expect(codeOf(await call(intruder, { action, cloudID: aliceCloudId, taskId: 'task1' }))).toBe(
          'CLOUD_ID_FOREIGN',
        );
    }
    expect(logged.filter((line) => line.includes('bound to another openid'))).toHaveLength(6);
    expect(must(await call(bob.openid, { action: 'getTask', cloudID: cloudIdOf(bob), taskId: 'task1' }))).toEqual(
      before,
    );
    // The owner keeps working with the very same cloudID.
    expect(
      must(await call(alice.openid, { action: 'getTask', cloudID: aliceCloudId, taskId: 'task1' })).viewer,
    ).toMatchObject({ status: 'done', groupOpenid: alice.groupOpenid });
  });

  it('keeps one owner per group_openid when the first presentations race', async () => {
    const cloudID = cloudIdOf(alice);
    const results = await Promise.all(
      ['o1', 'o2', 'o3', 'o4'].map((openid) => call(openid, { action: 'listRoomTasks', cloudID })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CLOUD_ID_FOREIGN')).toHaveLength(3);
  });
});

describe('a replayed cloudID on the emulator resolving foreign cloudIDs (foreignCloudId: resolved)', () => {
  it('is refused by the binding, whoever replays it, while its owner keeps working', async () => {
    const backend = createLocalBackend({
      now: () => NOW,
      readings: { ...READING_PROFILES.documented, foreignCloudId: 'resolved' },
    });
    const room = backend.wechat.createRoom();
    const [alice, bob] = [backend.wechat.addMember(room.id), backend.wechat.addMember(room.id)];
    const aliceCloudId = backend.wechat.issueCloudId(alice!);
    const list = (who: { openid: string }, cloudID: string) =>
      backend.callFunction(who, { action: 'listRoomTasks', cloudID }) as Promise<ApiResult<unknown>>;
    must(await list(alice!, aliceCloudId));
    expect(codeOf(await list(bob!, aliceCloudId))).toBe('CLOUD_ID_FOREIGN');
    expect(codeOf(await list({ openid: 'oOutsider' }, aliceCloudId))).toBe('CLOUD_ID_FOREIGN');
    // WeChat did resolve them: only the server's binding refused.
    expect(backend.wechat.calls('getOpenData').map((call) => call.outcome)).toEqual(['ok', 'ok', 'ok']);
    must(await list(alice!, aliceCloudId));
    must(await list(bob!, backend.wechat.issueCloudId(bob!)));
    backend.close();
  });
});
