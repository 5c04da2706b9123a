// Identity comes only from the server context (OPENID) and the cloudID the server resolves itself.
import type { TaskView } from '../../../packageChatTool/core/api';
import { codeOf, everyoneDraft, makeWorld, MINUTE, must, STORES } from './world';
import type { World } from './world';

describe.each(STORES)('forged identity is refused and changes nothing (%s)', (store) => {
  let world: World;
  let taskId: string;
  let before: TaskView;

  beforeEach(async () => {
    world = makeWorld(store, 4);
    const { creator, call, backend } = world;
    const created = must(
      await call(creator, 'createTask', { envVersion: 'release', task: everyoneDraft({ capacity: 5 }) }),
    );
    backend.wechat.shareCard(creator, created.share);
    taskId = created.task.id;
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
      expect(leave).toEqual({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.any(String) } });
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
    expect(codeOf(await world.raw(bob, { action: 'leave', cloudID: aliceCloudId, taskId }))).toBe('CLOUD_ID_FOREIGN');
    expect(
      codeOf(await world.raw({ openid: 'oNotInAnyRoom' }, { action: 'leave', cloudID: aliceCloudId, taskId })),
    ).toBe('CLOUD_ID_FOREIGN');
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
