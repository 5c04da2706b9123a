// The actions end to end on the local backend: what each member sees, and what the card shows.
import type { ApiResult } from '../../../packageChatTool/core/api';
import { CARD_TEMPLATE } from 'chat-tool-kit';
import { SHOWN_TO_OTHERS, textsShownToOthers } from '../../../packageChatTool/core/task-fields';
import type { GroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createGroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import type { ChatResolution, TextCheck, TextVerdict } from '../../../kit/server/ports';
import { PlatformError } from '../../../kit/server/ports';
import { createTaskStore } from '../../../cloudfunctions/groupTask/src/task-store';
import { memberBindings } from '../../../kit/server/member-bindings';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import { createLocalBackend } from '../../../local';
import { codeOf, everyoneDraft, HOUR, makeWorld, MINUTE, must, NOW } from './world';
import type { World } from './world';

let world: World;
beforeEach(() => {
  world = makeWorld('sqlite', 5);
});
afterEach(() => world.close());

async function publish(task: object = everyoneDraft(), envVersion: 'release' | 'develop' | 'trial' = 'release') {
  const created = must(
    await world.call(world.creator, 'createTask', { envVersion, task: { ...everyoneDraft(), ...task } }),
  );
  world.backend.wechat.shareCard(world.creator, created.share);
  return created;
}

/**
 * A one-to-one chat in which `me` creates a task for the members selectGroupMembers returned there: the other
 * person, or both parties (a reading WeChat leaves open).
 */
async function oneToOneTask(selected: 'other' | 'both') {
  const single = world.backend.wechat.createRoom({ chatType: 1 });
  const me = world.backend.wechat.addMember(single.id);
  const you = world.backend.wechat.addMember(single.id);
  const memberIds = selected === 'both' ? [me.groupOpenid, you.groupOpenid] : [you.groupOpenid];
  const created = must(
    await world.call(me, 'createTask', {
      envVersion: 'release',
      task: everyoneDraft({ audience: { kind: 'members', memberIds } }),
    }),
  );
  return { me, you, created };
}

describe('creating and reading', () => {
  it('creates the activity, returns the share and shows each member their view', async () => {
    const [, alice, bob] = world.members;
    const chosen = { kind: 'complete', audience: { kind: 'members', memberIds: [alice!.groupOpenid] } };
    const { task, share } = await publish(chosen, 'develop');
    expect(share).toMatchObject({
      templateId: CARD_TEMPLATE.complete,
      chooseType: 1,
      participant: [alice!.groupOpenid],
      title: '周六爬山',
      path: `/packageChatTool/pages/entry/index?taskId=${task.id}`,
    });
    expect(task.viewer).toMatchObject({ isCreator: true, cardText: '0人已完成' });
    expect(must(await world.call(alice!, 'getTask', { taskId: task.id })).viewer).toMatchObject({
      status: 'pending',
      cardText: '未完成',
      can: { join: true },
    });
    expect(must(await world.call(bob!, 'getTask', { taskId: task.id })).viewer).toMatchObject({
      status: 'notInvited',
      cardText: '你无需完成',
    });
    expect(codeOf(await world.call(bob!, 'join', { taskId: task.id }))).toBe('NOT_INVITED');
    must(await world.call(alice!, 'join', { taskId: task.id }));
    expect(world.backend.wechat.calls('setChatToolMsg').at(-1)?.request).toMatchObject({ version_type: 1 });
    expect(world.backend.wechat.systemMessages(world.roomId).map((m) => m.text)).toEqual([
      `${alice!.nickname} 已完成 ${world.creator.nickname} 发布的 周六爬山`,
    ]);
  });

  it('lists the room’s tasks and a member’s own tasks across rooms', async () => {
    const alice = world.members[1]!;
    const first = await publish();
    world.clock.now += 1;
    const second = await publish({ title: '周日打球' });
    const listed = must(await world.call(alice, 'listRoomTasks', {}));
    expect(listed.items.map((t) => t.id)).toEqual([second.task.id, first.task.id]);
    expect(listed.next).toBeNull();
    must(await world.call(alice, 'join', { taskId: first.task.id }));

    const other = world.backend.wechat.createRoom();
    const aliceThere = world.backend.wechat.addMember(other.id, { openid: alice.openid });
    const there = must(
      await world.call(aliceThere, 'createTask', { envVersion: 'release', task: everyoneDraft({ title: '别处' }) }),
    );
    const mine = must(await world.call(alice, 'listMyTasks', {}));
    expect(mine.items.map((t) => [t.id, t.status, t.isCreator])).toEqual([
      [there.task.id, 'notInvited', true],
      [first.task.id, 'done', false],
    ]);
    expect(await world.backend.callFunction(alice, { action: 'listMyTasks' })).toEqual({ ok: true, data: mine });
  });

  it('works in a one-to-one chat (open_single_roomid)', async () => {
    const { me, you, created } = await oneToOneTask('other');
    expect(created.task.chatType).toBe(1);
    world.backend.wechat.shareCard(me, created.share);
    expect(must(await world.call(you, 'join', { taskId: created.task.id })).viewer.status).toBe('done');
  });

  it('never counts the creator in their own audience (selectGroupMembers may return both parties)', async () => {
    const { me, you, created } = await oneToOneTask('both');
    expect(created.task.audience).toEqual({ kind: 'members', count: 1 });
    expect(created.task.counts.expected).toBe(1);
    expect(created.share.participant).toEqual([you.groupOpenid]);
    expect(created.task.viewer.status).toBe('notInvited');
    world.backend.wechat.shareCard(me, created.share);
    const reminder = must(await world.call(me, 'pendingMembers', { taskId: created.task.id }));
    expect(reminder.members).toEqual([you.groupOpenid]);
    expect(codeOf(await world.call(me, 'join', { taskId: created.task.id }))).toBe('NOT_INVITED');
  });

  it('refuses an audience of the creator alone, and creates nothing', async () => {
    const only = { kind: 'members', memberIds: [world.creator.groupOpenid] } as const;
    const refused = await world.call(world.creator, 'createTask', {
      envVersion: 'release',
      task: everyoneDraft({ audience: only }),
    });
    expect(codeOf(refused)).toBe('AUDIENCE_INVALID');
    expect(world.backend.wechat.calls('createActivityId')).toEqual([]);
    expect(must(await world.call(world.creator, 'listRoomTasks', {}))).toEqual({ items: [], next: null });
  });

  it('answers a huge field name or value with a short message', async () => {
    const huge = 'x'.repeat(1_000_000);
    for (const data of [
      { action: 'listMyTasks', [huge]: 1 },
      { action: huge },
      { action: 'createTask', chatProof: 'c', envVersion: 'release', task: { ...everyoneDraft(), [huge]: huge } },
    ]) {
      const result = await world.raw(world.creator, data);
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result).length).toBeLessThan(300);
    }
  });
});

describe('leaving and the waitlist', () => {
  it('promotes the first waiting member and marks them on the card; the leaver stays marked', async () => {
    const [, alice, bob, carol] = world.members;
    const { task, share } = await publish({ capacity: 1 });
    must(await world.call(alice!, 'join', { taskId: task.id }));
    expect(must(await world.call(bob!, 'join', { taskId: task.id })).viewer.status).toBe('waitlisted');
    expect(must(await world.call(carol!, 'join', { taskId: task.id })).waitlist.items).toHaveLength(2);
    const left = must(await world.call(alice!, 'leave', { taskId: task.id }));
    expect(left.viewer.status).toBe('pending');
    expect(left.participants.items.map((p) => p.memberId)).toEqual([bob!.groupOpenid]);
    expect(left.waitlist.items.map((p) => p.memberId)).toEqual([carol!.groupOpenid]);
    expect(left.counts).toEqual({ joined: 1, waitlisted: 1, expected: null });
    const card = world.backend.wechat.card(share.activityId);
    expect(card?.done).toEqual([alice!.groupOpenid, bob!.groupOpenid]);
    expect(world.backend.wechat.cardText(share.activityId, alice!)).toBe('已参与');
    expect(codeOf(await world.call(alice!, 'leave', { taskId: task.id }))).toBe('NOT_JOINED');
  });
});

describe('reminders', () => {
  it('names the chosen members who have not acted', async () => {
    const [, alice, bob] = world.members;
    const { task } = await publish({
      audience: { kind: 'members', memberIds: [alice!.groupOpenid, bob!.groupOpenid] },
    });
    must(await world.call(alice!, 'join', { taskId: task.id }));
    const reminder = must(await world.call(world.creator, 'pendingMembers', { taskId: task.id }));
    expect(reminder).toEqual({
      title: '周六爬山',
      members: [bob!.groupOpenid],
      entrancePath: `/packageChatTool/pages/entry/index?taskId=${task.id}`,
      type: 'participate',
    });
    expect(world.backend.wechat.remind(world.creator, reminder).text).toBe(`@${bob!.nickname} 请参与：周六爬山`);
  });

  it('for everyone, names the members the server has seen open the tool', async () => {
    const [, alice, bob, carol] = world.members;
    const { task } = await publish();
    must(await world.call(alice!, 'join', { taskId: task.id }));
    must(await world.call(bob!, 'getTask', { taskId: task.id }));
    const reminder = must(await world.call(world.creator, 'pendingMembers', { taskId: task.id }));
    expect(reminder.members).toEqual([bob!.groupOpenid]);
    expect(reminder.members).not.toContain(carol!.groupOpenid);
  });
});

describe('closing soon, deadlines and the end', () => {
  it('moves the card to closing soon and then ends it', async () => {
    const alice = world.members[1]!;
    const { task, share } = await publish();
    expect(must(await world.call(world.creator, 'markClosingSoon', { taskId: task.id })).state).toBe('closingSoon');
    expect(world.backend.wechat.cardText(share.activityId, alice)).toBe('即将截止');
    expect(codeOf(await world.call(world.creator, 'markClosingSoon', { taskId: task.id }))).toBe('WRONG_STATE');
    // Marking takes target_state 1: a closing-soon card is not taken back to collecting to mark a late sign-up.
    const late = must(await world.call(alice, 'join', { taskId: task.id }));
    expect(world.backend.wechat.card(share.activityId)).toMatchObject({ state: 2, done: [] });
    expect(late.viewer).toMatchObject({ status: 'done', cardText: '即将截止' });
    expect(late.card.inSync).toBe(true);
    expect(must(await world.call(world.creator, 'endTask', { taskId: task.id })).viewer.cardText).toBe('已结束');
    expect(world.backend.wechat.cardText(share.activityId, alice)).toBe('已结束');
    expect(codeOf(await world.call(world.creator, 'endTask', { taskId: task.id }))).toBe('TASK_ENDED');
    expect(codeOf(await world.call(alice, 'leave', { taskId: task.id }))).toBe('TASK_ENDED');
    expect(codeOf(await world.call(world.creator, 'pendingMembers', { taskId: task.id }))).toBe('TASK_ENDED');
  });

  it('lets the timer close soon an hour before the deadline and end at it', async () => {
    const alice = world.members[1]!;
    const { task, share } = await publish({ deadline: world.clock.now + 3 * HOUR });
    expect(await world.backend.runTimer()).toMatchObject({ looked: 0 });
    world.clock.now += 2 * HOUR + MINUTE;
    expect(await world.backend.runTimer()).toMatchObject({ moved: 1, cardUpdates: 1 });
    expect(world.backend.wechat.card(share.activityId)?.state).toBe(2);
    world.clock.now += HOUR;
    expect(codeOf(await world.call(alice, 'join', { taskId: task.id }))).toBe('DEADLINE_PASSED');
    expect(await world.backend.runTimer()).toMatchObject({ moved: 1, cardUpdates: 1 });
    expect(world.backend.wechat.card(share.activityId)?.state).toBe(3);
    expect(must(await world.call(alice, 'getTask', { taskId: task.id })).state).toBe('ended');
    expect(await world.backend.runTimer()).toMatchObject({ looked: 0 });
  });

  it('refuses reminders once the deadline has passed, before the timer has run', async () => {
    const { task } = await publish({ deadline: world.clock.now + 3 * HOUR });
    must(await world.call(world.creator, 'pendingMembers', { taskId: task.id }));
    world.clock.now += 3 * HOUR;
    expect(codeOf(await world.call(world.creator, 'pendingMembers', { taskId: task.id }))).toBe('DEADLINE_PASSED');
    expect(must(await world.call(world.creator, 'getTask', { taskId: task.id })).viewer.can.remind).toBe(false);
  });
});

describe('renewing the card', () => {
  it('posts a new card with a new activity_id on every re-send; the old one stays in the chat', async () => {
    const alice = world.members[1]!;
    const { task, share } = await publish();
    must(await world.call(alice, 'join', { taskId: task.id }));
    const again = must(await world.call(world.creator, 'renewCard', { taskId: task.id }));
    expect(again.share.activityId).not.toBe(share.activityId);
    expect(world.backend.wechat.calls('createActivityId')).toHaveLength(2);
    expect(world.backend.wechat.cards(world.roomId).map((card) => card.activityId)).toEqual([share.activityId]);

    world.clock.now += 23 * HOUR + 30 * MINUTE;
    const renewed = must(await world.call(world.creator, 'renewCard', { taskId: task.id, envVersion: 'trial' }));
    expect(renewed.share.activityId).not.toBe(share.activityId);
    expect(renewed.task.card.inSync).toBe(false);
    world.backend.wechat.shareCard(world.creator, renewed.share);
    await world.backend.runTimer();
    expect(world.backend.wechat.card(renewed.share.activityId)?.done).toEqual([alice.groupOpenid]);
    expect(world.backend.wechat.calls('setChatToolMsg').at(-1)?.request).toMatchObject({ version_type: 2 });
    world.clock.now += HOUR;
    expect(() => world.backend.wechat.shareCard(world.creator, share)).toThrow(/expired/);
  });
});

describe('the content check on text shown to others', () => {
  const ROOM = 'tGcheck';
  const me = { userId: 'oMe', memberId: 'gMe' };
  let answer: () => Promise<{ verdict: TextVerdict; traceId: string }>;
  let checks: TextCheck[];
  let activities: number;
  let groupTask: GroupTask;
  let close: () => void;

  beforeEach(() => {
    checks = [];
    activities = 0;
    answer = async () => ({ verdict: 'pass', traceId: 't' });
    const documents = sqliteDocuments();
    const tasks = createTaskStore(documents);
    close = () => void documents.close();
    groupTask = createGroupTask({
      tasks,
      bindings: memberBindings(documents),
      platform: {
        createCard: async () => ({ activityId: `act${(activities += 1)}`, expiresAt: NOW + 24 * HOUR }),
        updateCard: async () => undefined,
        resolveChat: async () => ({ ok: true, room: { id: ROOM, chatType: 3 }, memberId: me.memberId }),
        checkText: async (check) => {
          checks.push(check);
          return answer();
        },
      },
      clock: { now: () => NOW },
      newId: () => `task${activities}`,
      cardSyncTimeoutMs: 100,
      contentCheckTimeoutMs: 50,
      log: () => undefined,
    });
  });
  afterEach(() => close());

  const create = (task: object) =>
    groupTask.main(
      { action: 'createTask', chatProof: 'c', envVersion: 'release', task: everyoneDraft(task) },
      me.userId,
    );
  const listed = async () =>
    must(
      (await groupTask.main({ action: 'listRoomTasks', chatProof: 'c' }, me.userId)) as ApiResult<{ items: unknown[] }>,
    ).items;

  it('sends the creator, scene 3 and every text the chat will see, then stores the task', async () => {
    must((await create({ description: '带水\n和伞' })) as ApiResult<unknown>);
    expect(checks).toEqual([{ userId: me.userId, scene: 3, title: '周六爬山', content: '周六爬山\n带水\n和伞' }]);
    must((await create({})) as ApiResult<unknown>);
    expect(checks[1]?.content).toBe('周六爬山');
    expect(await listed()).toHaveLength(2);
  });

  it.each([
    ['risky', async () => ({ verdict: 'risky' as const, traceId: 't' }), 'CONTENT_RISKY'],
    ['review', async () => ({ verdict: 'review' as const, traceId: 't' }), 'CONTENT_REVIEW'],
    ['failing (busy)', async () => Promise.reject(new PlatformError(-1, 'system error')), 'CONTENT_CHECK_FAILED'],
    ['stalled', () => new Promise<never>(() => undefined), 'CONTENT_CHECK_FAILED'],
  ])('refuses when the check is %s, and stores nothing', async (_, verdict, code) => {
    answer = verdict;
    expect(codeOf((await create({ description: '说明' })) as ApiResult<unknown>)).toBe(code);
    expect(activities).toBe(0);
    expect(await listed()).toEqual([]);
  });

  it('declares every draft field, so a new one cannot skip the check', () => {
    const draft = { ...everyoneDraft(), description: '说明', capacity: 3, deadline: NOW + HOUR };
    expect(Object.keys(SHOWN_TO_OTHERS).sort()).toEqual(Object.keys(draft).sort());
    expect(textsShownToOthers(draft)).toEqual(['周六爬山', '说明']);
  });
});

describe('resolveChat: the launcher opened from a chat', () => {
  it('answers the roomid and chatType wx.openChatTool needs, for a group and a one-to-one chat', async () => {
    const member = world.members[1]!;
    expect(must(await world.call(member, 'resolveChat', {}))).toEqual({ roomId: world.roomId, chatType: 3 });
    const single = world.backend.wechat.createRoom({ chatType: 1 });
    const me = world.backend.wechat.addMember(single.id);
    expect(must(await world.call(me, 'resolveChat', {}))).toEqual({ roomId: single.id, chatType: 1 });
    expect(codeOf(await world.raw(me, { action: 'resolveChat', chatProof: 'made-up' }))).toBe('CHAT_PROOF_INVALID');
    expect(codeOf(await world.raw(me, { action: 'resolveChat', chatProof: 'c', roomId: single.id }))).toBe(
      'INVALID_REQUEST',
    );
  });

  it('needs no member id (getGroupEnterInfo without needGroupOpenID), and binds one when given', async () => {
    const room = { id: 'tGenter', chatType: 4 } as const;
    let resolved: ChatResolution = { ok: true, room, memberId: null };
    const documents = sqliteDocuments();
    const tasks = createTaskStore(documents);
    const bindings = memberBindings(documents);
    const groupTask = createGroupTask({
      tasks,
      bindings,
      platform: {
        createCard: async () => ({ activityId: 'act', expiresAt: NOW + HOUR }),
        updateCard: async () => undefined,
        resolveChat: async () => resolved,
        checkText: async () => ({ verdict: 'pass', traceId: 't' }),
      },
      clock: { now: () => NOW },
      newId: () => 'task',
      cardSyncTimeoutMs: 100,
      log: () => undefined,
    });
    const call = (userId: string, action: string) => groupTask.main({ action, chatProof: 'c' }, userId);
    expect(await call('oA', 'resolveChat')).toEqual({ ok: true, data: { roomId: 'tGenter', chatType: 4 } });
    // The chat tool's own actions need the caller's member id.
    expect(codeOf((await call('oA', 'listRoomTasks')) as ApiResult<unknown>)).toBe('CHAT_PROOF_INVALID');
    resolved = { ok: true, room, memberId: 'gA' };
    expect(await call('oA', 'resolveChat')).toEqual({ ok: true, data: { roomId: 'tGenter', chatType: 4 } });
    expect(codeOf((await call('oB', 'resolveChat')) as ApiResult<unknown>)).toBe('CHAT_PROOF_FOREIGN');
    expect(await bindings.roomMembers('tGenter', 10)).toEqual([{ userId: 'oA', memberId: 'gA' }]);
    resolved = { ok: false, code: 'CHAT_PROOF_INVALID', message: 'no chat' };
    expect(codeOf((await call('oA', 'resolveChat')) as ApiResult<unknown>)).toBe('CHAT_PROOF_INVALID');
    await documents.close();
  });
});

describe('the content check through the production adapter on the emulator', () => {
  it.each([
    ['pass', 'ok'],
    ['risky', 'CONTENT_RISKY'],
    ['review', 'CONTENT_REVIEW'],
    ['failing', 'CONTENT_CHECK_FAILED'],
  ] as const)('msgSecCheck answering %s gives %s', async (setting, code) => {
    world.backend.wechat.setContentCheck(setting);
    const result = await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft() });
    expect(codeOf(result)).toBe(code);
    expect(world.backend.wechat.calls('msgSecCheck')).toHaveLength(1);
    expect(world.backend.wechat.calls('createActivityId')).toHaveLength(code === 'ok' ? 1 : 0);
    expect(must(await world.call(world.creator, 'listRoomTasks', {})).items).toHaveLength(code === 'ok' ? 1 : 0);
  });

  it('stores nothing when config.json lacks the permission (-604101)', async () => {
    const backend = createLocalBackend({
      now: () => NOW,
      openapiPermissions: ['updatableMessage.createActivityId', 'chattoolmsg.send'],
    });
    const room = backend.wechat.createRoom();
    const creator = backend.wechat.addMember(room.id);
    const chatProof = backend.wechat.issueCloudId(creator);
    const created = await backend.callFunction(creator, {
      action: 'createTask',
      chatProof,
      envVersion: 'release',
      task: everyoneDraft(),
    });
    expect(codeOf(created as ApiResult<unknown>)).toBe('CONTENT_CHECK_FAILED');
    expect(backend.wechat.calls('msgSecCheck')).toMatchObject([{ errcode: -604101 }]);
    expect(backend.wechat.calls('createActivityId')).toEqual([]);
    backend.close();
  });
});
