// WeChat failing or stalling never loses or undoes a sign-up; the timer brings the card in line.
import type { TaskRepository } from '../../../cloudfunctions/groupTask/src/ports';
import { OutcomeUnknownError } from '../../../kit/server/ports';
import { createLocalBackend } from '../../../local';
import { codeOf, everyoneDraft, makeWorld, must, STORES } from './world';
import type { World } from './world';

describe.each(STORES)('faults (%s)', (store) => {
  let world: World;
  let taskId: string;
  let activityId: string;

  beforeEach(async () => {
    world = makeWorld(store, 4, 100);
    const created = must(
      await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft({ capacity: 5 }) }),
    );
    world.backend.wechat.shareCard(world.creator, created.share);
    taskId = created.task.id;
    activityId = created.share.activityId;
  });
  afterEach(() => {
    world.backend.wechat.releaseStalled();
    world.close();
  });

  it('keeps a sign-up when setChatToolMsg fails, and the timer retries until the card agrees', async () => {
    const { wechat } = world.backend;
    const alice = world.members[1]!;
    wechat.setFault('setChatToolMsg', { mode: 'fail', errcode: -1, times: 2 });
    const joined = must(await world.call(alice, 'join', { taskId }));
    expect(joined.viewer.status).toBe('done');
    expect(joined.card.inSync).toBe(false);
    expect(wechat.card(activityId)?.done).toEqual([]);
    expect(await world.backend.runTimer()).toMatchObject({ cardFailures: 1 });
    expect(must(await world.call(alice, 'getTask', { taskId })).participants.items).toHaveLength(1);
    expect(await world.backend.runTimer()).toMatchObject({ cardUpdates: 1, cardFailures: 0 });
    expect(wechat.card(activityId)?.done).toEqual([alice.groupOpenid]);
    expect(wechat.cardText(activityId, alice)).toBe('已参与');
    expect(must(await world.call(alice, 'getTask', { taskId })).card.inSync).toBe(true);
    expect(await world.backend.runTimer()).toMatchObject({ looked: 0 });
  });

  it('answers within the sync timeout when setChatToolMsg stalls, and converges without duplicates', async () => {
    const { wechat } = world.backend;
    const alice = world.members[1]!;
    wechat.setFault('setChatToolMsg', { mode: 'stall' });
    const started = Date.now();
    const joined = must(await world.call(alice, 'join', { taskId }));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(joined).toMatchObject({ viewer: { status: 'done' }, card: { inSync: false } });
    wechat.setFault('setChatToolMsg', null);
    wechat.releaseStalled();
    await new Promise((resolve) => setImmediate(resolve));
    await world.backend.runTimer();
    expect(wechat.card(activityId)?.done).toEqual([alice.groupOpenid]);
    expect(wechat.systemMessages().filter((m) => m.text.includes('已参与'))).toHaveLength(1);
    expect(must(await world.call(alice, 'getTask', { taskId })).card.inSync).toBe(true);
  });

  it('ends the task in the database even when WeChat fails, and ends the card later', async () => {
    const { wechat } = world.backend;
    wechat.setFault('setChatToolMsg', { mode: 'fail' });
    const ended = must(await world.call(world.creator, 'endTask', { taskId }));
    expect(ended.state).toBe('ended');
    expect(wechat.card(activityId)?.state).toBe(1);
    wechat.setFault('setChatToolMsg', null);
    await world.backend.runTimer();
    expect(wechat.card(activityId)?.state).toBe(3);
    expect(wechat.systemMessages().filter((m) => m.text.endsWith('已结束'))).toHaveLength(1);
  });

  it('saves nothing when createActivityId fails, and reports getOpenData failures', async () => {
    const { wechat } = world.backend;
    wechat.setFault('createActivityId', { mode: 'fail', times: 1 });
    const failed = await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft() });
    expect(codeOf(failed)).toBe('PLATFORM_FAILED');
    expect(must(await world.call(world.creator, 'listRoomTasks', {})).items).toHaveLength(1);
    wechat.setFault('getOpenData', { mode: 'fail', times: 1 });
    expect(codeOf(await world.call(world.creator, 'getTask', { taskId }))).toBe('PLATFORM_FAILED');
  });
});

describe('a failing store', () => {
  it('turns exceptions into INTERNAL; nothing escapes', async () => {
    const broken = new Proxy({} as TaskRepository, {
      get: () => async () => {
        throw new Error('disk on fire');
      },
    });
    const backend = createLocalBackend({ tasks: broken });
    const room = backend.wechat.createRoom();
    const alice = backend.wechat.addMember(room.id);
    const result = await backend.callFunction(alice, {
      action: 'listRoomTasks',
      chatProof: backend.wechat.issueCloudId(alice),
    });
    // Identity held before the store failed: the answer carries the member's ticket all the same.
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String), text: expect.any(String) },
      memberTicket: expect.any(String),
    });
    await expect(backend.runTimer()).resolves.toMatchObject({ storeFailures: 1 });
  });
});

describe('a store whose write timed out', () => {
  it('answers OUTCOME_UNKNOWN, never INTERNAL ("nothing changed"), whichever store method it was', async () => {
    const unsure = new Proxy({} as TaskRepository, {
      get: () => async () => {
        throw new OutcomeUnknownError('the database timed out on a write that may have landed');
      },
    });
    const backend = createLocalBackend({ tasks: unsure });
    const room = backend.wechat.createRoom();
    const alice = backend.wechat.addMember(room.id);
    const result = await backend.callFunction(alice, {
      action: 'createTask',
      chatProof: backend.wechat.issueCloudId(alice),
      envVersion: 'release',
      task: everyoneDraft(),
    });
    expect(result).toEqual({
      ok: false,
      error: { code: 'OUTCOME_UNKNOWN', message: expect.any(String), text: expect.any(String) },
      memberTicket: expect.any(String),
    });
  });
});
