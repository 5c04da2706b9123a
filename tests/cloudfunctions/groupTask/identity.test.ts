// Identity comes only from the server context (OPENID) and the chatProof the server resolves itself.
import type { ApiResult, TaskView } from '../../../packageChatTool/core/api';
import type { Member } from '../../../packageChatTool/core/types';
import type { GroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createGroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createTaskStore } from '../../../cloudfunctions/groupTask/src/task-store';
import type { ChatPlatform } from '../../../kit/server/ports';
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

  it('refuses userId, group_openid or room sent as data', async () => {
    const bob = world.members[2]!;
    const alice = world.members[1]!;
    for (const forged of [
      { userId: alice.openid },
      { memberId: alice.groupOpenid },
      { group_openid: alice.groupOpenid },
      { room: world.roomId },
      { roomId: 'another-room' },
      { opengid: world.roomId },
    ]) {
      const leave = await world.raw(bob, {
        action: 'leave',
        chatProof: world.backend.wechat.issueCloudId(bob),
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

  it('never trusts a {chatProof, data} object sent as plain data', async () => {
    const bob = world.members[2]!;
    const alice = world.members[1]!;
    const result = await world.raw(bob, {
      action: 'leave',
      chatProof: { chatProof: 'x', data: { opengid: world.roomId, group_openid: alice.groupOpenid, chat_type: 3 } },
      taskId,
    });
    expect(codeOf(result)).toBe('INVALID_REQUEST');
    await expectUnchanged();
  });

  it("refuses another user's chatProof, an unknown one and an expired one", async () => {
    const alice = world.members[1]!;
    const bob = world.members[2]!;
    const aliceChatProof = world.backend.wechat.issueCloudId(alice);
    // WeChat refusing it (no documented code: CHAT_PROOF_INVALID), or resolving it and the server's binding
    // refusing it (docs/platform.md, "Replayed cloudID"): Alice presented her group_openid first.
    const foreign =
      readingsFromEnvironment().foreignCloudId === 'refused' ? 'CHAT_PROOF_INVALID' : 'CHAT_PROOF_FOREIGN';
    expect(codeOf(await world.raw(bob, { action: 'leave', chatProof: aliceChatProof, taskId }))).toBe(foreign);
    expect(
      codeOf(await world.raw({ openid: 'oNotInAnyRoom' }, { action: 'leave', chatProof: aliceChatProof, taskId })),
    ).toBe(foreign);
    expect(codeOf(await world.raw(bob, { action: 'leave', chatProof: 'made-up', taskId }))).toBe('CHAT_PROOF_INVALID');
    world.clock.now += 5 * MINUTE;
    expect(codeOf(await world.raw(alice, { action: 'leave', chatProof: aliceChatProof, taskId }))).toBe(
      'CHAT_PROOF_EXPIRED',
    );
    world.clock.now -= 5 * MINUTE;
    await expectUnchanged();
  });

  it("refuses another room's chatProof for this room's task", async () => {
    const other = world.backend.wechat.createRoom({ name: 'Other chat' });
    const alice = world.members[1]!;
    const aliceThere = world.backend.wechat.addMember(other.id, { openid: alice.openid, nickname: 'Alice' });
    const stranger = world.backend.wechat.addMember(other.id, { nickname: 'Stranger' });
    for (const who of [aliceThere, stranger]) {
      for (const action of ['join', 'leave', 'getTask', 'endTask', 'pendingMembers', 'renewCard'] as const) {
        const chatProof = world.backend.wechat.issueCloudId(who);
        expect(codeOf(await world.raw(who, { action, chatProof, taskId }))).toBe('WRONG_ROOM');
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
    expect(codeOf(await world.raw({ openid: '' }, { action: 'getTask', chatProof: 'x', taskId }))).toBe(
      'INVALID_REQUEST',
    );
    expect(world.backend.wechat.calls('setChatToolMsg')).toHaveLength(calls);
    await expectUnchanged();
  });
});

// WeChat may resolve a cloudID whoever presents it (docs/platform.md, "Replayed cloudID"): here a platform that
// does, so only the server's own binding (a member id belongs to the first userId that presented it in
// the room) stands between a replayed chatProof and someone else's sign-up.
describe.each(STORES)('a replayed chatProof, on a platform that resolves it for anyone (%s)', (store) => {
  const ROOM = 'tGreplay';
  const alice: Member = { userId: 'oAlice', memberId: 'gAlice' };
  const bob: Member = { userId: 'oBob', memberId: 'gBob' };
  let issued: Map<string, Member>;
  let logged: string[];
  let groupTask: GroupTask;
  let close: () => void;

  const chatProofOf = (member: Member): string => {
    const chatProof = `cid${issued.size}`;
    issued.set(chatProof, member);
    return chatProof;
  };
  const call = async (userId: string, data: object) => (await groupTask.main(data, userId)) as ApiResult<TaskView>;

  beforeEach(() => {
    issued = new Map();
    logged = [];
    const documents =
      store === 'sqlite' ? sqliteDocuments() : cloudbaseDocuments(databaseOf(createMemoryCloudbase().database));
    const tasks = createTaskStore(documents);
    close = () => void documents.close();
    let activities = 0;
    const platform: ChatPlatform = {
      createCard: async () => ({ activityId: `act${(activities += 1)}`, expiresAt: NOW + 24 * HOUR }),
      updateCard: async () => undefined,
      resolveChat: async (chatProof) => {
        const member = issued.get(chatProof);
        return member === undefined
          ? { ok: false, code: 'CHAT_PROOF_INVALID', message: 'unknown' }
          : { ok: true, room: { id: ROOM, chatType: 3 }, memberId: member.memberId };
      },
      checkText: async () => ({ verdict: 'pass', traceId: 'trace' }),
    };
    groupTask = createGroupTask({
      tasks,
      bindings: memberBindings(documents),
      platform,
      clock: { now: () => NOW },
      newId: () => 'task1',
      cardSyncTimeoutMs: 100,
      log: (message) => logged.push(message),
    });
  });
  afterEach(() => close());

  it('refuses another userId presenting a bound member id, logs it, and changes nothing', async () => {
    const draft = everyoneDraft({ capacity: 5 });
    must(
      await call(bob.userId, { action: 'createTask', chatProof: chatProofOf(bob), envVersion: 'release', task: draft }),
    );
    const aliceChatProof = chatProofOf(alice);
    must(await call(alice.userId, { action: 'join', chatProof: aliceChatProof, taskId: 'task1' }));
    const before = must(await call(bob.userId, { action: 'getTask', chatProof: chatProofOf(bob), taskId: 'task1' }));

    for (const intruder of ['oMallory', bob.userId]) {
      for (const action of ['leave', 'getTask', 'join'])
        expect(codeOf(await call(intruder, { action, chatProof: aliceChatProof, taskId: 'task1' }))).toBe(
          'CHAT_PROOF_FOREIGN',
        );
    }
    expect(logged.filter((line) => line.includes('bound to another user'))).toHaveLength(6);
    expect(must(await call(bob.userId, { action: 'getTask', chatProof: chatProofOf(bob), taskId: 'task1' }))).toEqual(
      before,
    );
    // The owner keeps working with the very same chatProof.
    expect(
      must(await call(alice.userId, { action: 'getTask', chatProof: aliceChatProof, taskId: 'task1' })).viewer,
    ).toMatchObject({ status: 'done', memberId: alice.memberId });
  });

  it('keeps one owner per group_openid when the first presentations race', async () => {
    const chatProof = chatProofOf(alice);
    const results = await Promise.all(
      ['o1', 'o2', 'o3', 'o4'].map((userId) => call(userId, { action: 'listRoomTasks', chatProof })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => codeOf(result) === 'CHAT_PROOF_FOREIGN')).toHaveLength(3);
  });
});

describe('a replayed chatProof on the emulator resolving foreign chatProofs (foreignCloudId: resolved)', () => {
  it('is refused by the binding, whoever replays it, while its owner keeps working', async () => {
    const backend = createLocalBackend({
      now: () => NOW,
      readings: { ...READING_PROFILES.documented, foreignCloudId: 'resolved' },
    });
    const room = backend.wechat.createRoom();
    const [alice, bob] = [backend.wechat.addMember(room.id), backend.wechat.addMember(room.id)];
    const aliceChatProof = backend.wechat.issueCloudId(alice!);
    const list = (who: { openid: string }, chatProof: string) =>
      backend.callFunction(who, { action: 'listRoomTasks', chatProof }) as Promise<ApiResult<unknown>>;
    must(await list(alice!, aliceChatProof));
    expect(codeOf(await list(bob!, aliceChatProof))).toBe('CHAT_PROOF_FOREIGN');
    expect(codeOf(await list({ openid: 'oOutsider' }, aliceChatProof))).toBe('CHAT_PROOF_FOREIGN');
    // WeChat did resolve them: only the server's binding refused.
    expect(backend.wechat.calls('getOpenData').map((call) => call.outcome)).toEqual(['ok', 'ok', 'ok']);
    must(await list(alice!, aliceChatProof));
    must(await list(bob!, backend.wechat.issueCloudId(bob!)));
    backend.close();
  });
});
