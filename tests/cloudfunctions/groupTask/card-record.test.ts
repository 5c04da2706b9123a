// The card record is what WeChat shows, on both stores: whatever commits concurrently, whatever WeChat answers
// late, the view each member gets says what their card says, and the timer leaves the card at the task's state.
import type { TaskRepository } from '../../../cloudfunctions/groupTask/src/ports';
import { everyoneDraft, HOUR, makeWorld, must, STORES, until } from './world';
import type { World } from './world';

describe.each(STORES)('the card record is what WeChat shows (%s)', (store) => {
  let world: World;
  let taskId: string;
  let activityId: string;

  async function publish(extra: object = {}) {
    const created = must(
      await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft(extra) }),
    );
    world.backend.wechat.shareCard(world.creator, created.share);
    taskId = created.task.id;
    activityId = created.share.activityId;
  }

  /** Every member's view says what their card says, and the creator's count is the card's. */
  async function expectViewsMatchTheCard() {
    for (const member of world.members) {
      const view = must(await world.call(member, 'getTask', { taskId }));
      expect([member.nickname, view.viewer.cardText]).toEqual([
        member.nickname,
        world.backend.wechat.cardText(activityId, member),
      ]);
    }
  }

  /** The creator ends the task; WeChat's answer never comes back in time, but the end lands on the card late. */
  async function endLandingLate() {
    const { wechat } = world.backend;
    wechat.setFault('setChatToolMsg', { mode: 'stall', times: 1 });
    must(await world.call(world.creator, 'endTask', { taskId }));
    wechat.releaseStalled();
    await until(async () => wechat.card(activityId)?.state === 3, 'the late end to land');
  }

  afterEach(() => {
    world.backend.wechat.releaseStalled();
    world.close();
  });

  it('keeps every mark WeChat accepted while sign-ups and leaves commit concurrently', async () => {
    world = makeWorld(store, 31, 2000);
    await publish();
    const [, ...signers] = world.members;
    const first = signers.slice(0, 20);
    await Promise.all(first.map((who) => world.call(who, 'join', { taskId })));
    // New sign-ups (each recording its card) race with leaves (each rewriting the task).
    await Promise.all([
      ...first.slice(0, 8).map((who) => world.call(who, 'leave', { taskId })),
      ...signers.slice(20).map((who) => world.call(who, 'join', { taskId })),
    ]);
    await world.backend.runTimer();
    expect(world.backend.wechat.cardText(activityId, world.creator)).toBe('30人已参与');
    await expectViewsMatchTheCard();
    // A member who left is still marked on the card, and the view says so.
    const left = must(await world.call(first[0]!, 'getTask', { taskId }));
    expect(left.viewer).toMatchObject({ status: 'pending', cardText: '已参与' });
  });

  it('claims nothing WeChat did not accept, whatever it answers', async () => {
    world = makeWorld(store, 4, 100);
    await publish({ capacity: 1 });
    const [, alice, bob, carol] = world.members;
    must(await world.call(alice!, 'join', { taskId }));
    must(await world.call(bob!, 'join', { taskId }));
    must(await world.call(alice!, 'leave', { taskId }));
    must(await world.call(world.creator, 'markClosingSoon', { taskId }));
    must(await world.call(carol!, 'join', { taskId }));
    await world.backend.runTimer();
    await expectViewsMatchTheCard();
    must(await world.call(world.creator, 'endTask', { taskId }));
    await world.backend.runTimer();
    await expectViewsMatchTheCard();
    const card = world.backend.wechat.card(activityId);
    expect(card).toMatchObject({ state: 3 });
    expect(must(await world.call(world.creator, 'getTask', { taskId })).card.inSync).toBe(true);
  });

  it('re-asserts closing soon when a sign-up’s card update lands after it', async () => {
    world = makeWorld(store, 4, 100);
    await publish();
    const { wechat } = world.backend;
    const alice = world.members[1]!;
    wechat.setFault('setChatToolMsg', { mode: 'stall', times: 1 });
    const joined = must(await world.call(alice, 'join', { taskId }));
    expect(joined.card.inSync).toBe(false);
    must(await world.call(world.creator, 'markClosingSoon', { taskId }));
    expect(wechat.card(activityId)?.state).toBe(2);
    wechat.releaseStalled();
    // WeChat applies the sign-up's call last: the card shows "collecting" again until the timer runs.
    await until(async () => wechat.card(activityId)?.state === 1, 'the late call to land');
    const lagging = async () => !must(await world.call(world.creator, 'getTask', { taskId })).card.inSync;
    await until(lagging, 'the late answer to be recorded');
    await world.backend.runTimer();
    expect(wechat.card(activityId)?.state).toBe(2);
    expect(wechat.card(activityId)?.done).toEqual([alice.groupOpenid]);
    await expectViewsMatchTheCard();
    expect(must(await world.call(alice, 'getTask', { taskId })).card.inSync).toBe(true);
  });

  it('records an end whose answer timed out but landed as ended, and stops sending it', async () => {
    world = makeWorld(store, 3, 100);
    await publish();
    await endLandingLate();
    const { wechat } = world.backend;
    await world.backend.runTimer();
    const sent = wechat.calls('setChatToolMsg').length;
    expect(await world.backend.runTimer()).toMatchObject({ looked: 0 });
    expect(wechat.calls('setChatToolMsg')).toHaveLength(sent);
    expect(must(await world.call(world.creator, 'getTask', { taskId })).card.inSync).toBe(true);
    expect(wechat.systemMessages().filter((m) => m.text.endsWith('已结束'))).toHaveLength(1);
  });

  it('takes WeChat refusing an end again as ended when the first end’s answer was lost', async () => {
    // The function instance froze before the late answer came: nothing records it.
    const frozen = (tasks: TaskRepository): TaskRepository => ({
      ...tasks,
      recordCard: async (id, activity, sync) => {
        if (sync.version === null) throw new Error('instance frozen');
        return tasks.recordCard(id, activity, sync);
      },
    });
    world = makeWorld(store, 3, 100, frozen);
    await publish();
    await endLandingLate();
    const { wechat } = world.backend;
    expect(must(await world.call(world.creator, 'getTask', { taskId })).card.inSync).toBe(false);
    expect(await world.backend.runTimer()).toMatchObject({ looked: 1, cardUpdates: 0, cardFailures: 0 });
    expect(wechat.calls('setChatToolMsg').at(-1)).toMatchObject({ outcome: 'failed' });
    expect(must(await world.call(world.creator, 'getTask', { taskId }))).toMatchObject({
      viewer: { cardText: '已结束' },
      card: { inSync: true },
    });
    expect(await world.backend.runTimer()).toMatchObject({ looked: 0 });
  });

  it('posts a new card on every re-send, and the new card shows the task', async () => {
    world = makeWorld(store, 4, 2000);
    await publish();
    const { wechat } = world.backend;
    const alice = world.members[1]!;
    must(await world.call(alice, 'join', { taskId }));
    const again = must(await world.call(world.creator, 'renewCard', { taskId }));
    expect(again.share.activityId).not.toBe(activityId);
    wechat.shareCard(world.creator, again.share);
    const third = must(await world.call(world.creator, 'renewCard', { taskId }));
    expect(new Set([activityId, again.share.activityId, third.share.activityId]).size).toBe(3);
    wechat.shareCard(world.creator, third.share);
    expect(wechat.cards(world.roomId)).toHaveLength(3);
    activityId = third.share.activityId;
    await world.backend.runTimer();
    expect(wechat.cardText(activityId, world.creator)).toBe('1人已参与');
    await expectViewsMatchTheCard();
  });

  it('hands the same live card to two renewals at once', async () => {
    world = makeWorld(store, 3, 2000);
    await publish();
    world.clock.now += 23.5 * HOUR;
    const [one, two] = await Promise.all([
      world.call(world.creator, 'renewCard', { taskId }),
      world.call(world.creator, 'renewCard', { taskId }),
    ]);
    const first = must(one!);
    const second = must(two!);
    expect(second.share.activityId).toBe(first.share.activityId);
    expect(first.share.activityId).not.toBe(activityId);
    // The card handed out is the task's: sign-ups are marked on it.
    world.backend.wechat.shareCard(world.creator, first.share);
    const alice = world.members[1]!;
    must(await world.call(alice, 'join', { taskId }));
    expect(world.backend.wechat.cardText(first.share.activityId, alice)).toBe('已参与');
  });
});
