// The local runner as the simulator and page tests use it: any member of any room calls the function.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiResult, CardShare, TaskView } from '../../packageChatTool/core/api';
import { local } from '../../cloudfunctions/groupTask/src/local';
import * as sdk from '../../kit/server/sdk';
import { READING_PROFILES } from '../../emulator/readings';
import type { EmulatedMember } from '../../emulator/types';
import { configuredPermissions, createLocalBackend, type LocalBackend, type LocalFunction } from '../../local';

type Created = ApiResult<{ task: TaskView; share: CardShare }>;

/** The documented example's start: Alice and Bob in a group chat, Alice creates 周六爬山 and shares its card. */
async function aliceSharesATask(backend: LocalBackend) {
  const { wechat } = backend;
  const room = wechat.createRoom({ name: '周末爬山群', chatType: 3 });
  const alice = wechat.addMember(room.id, { nickname: 'Alice' });
  const bob = wechat.addMember(room.id, { nickname: 'Bob' });
  const created = (await backend.callFunction(alice, {
    action: 'createTask',
    chatProof: wechat.issueCloudId(alice),
    envVersion: 'develop',
    task: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' }, capacity: 10 },
  })) as Created;
  if (!created.ok) throw new Error(created.error.message);
  wechat.shareCard(alice, created.data.share);
  return { room, alice, bob, created };
}

/** `member` calls `action` on the task from its page in the chat, with the cloudID WeChat gives that page. */
async function onTask(
  backend: LocalBackend,
  member: EmulatedMember,
  action: 'getTask' | 'join' | 'endTask',
  taskId: string,
): Promise<ApiResult<TaskView>> {
  return (await backend.callFunction(member, {
    action,
    chatProof: backend.wechat.issueCloudId(member),
    taskId,
  })) as ApiResult<TaskView>;
}

describe('the local backend', () => {
  it('runs the documented example: create, share, join, card text, system message', async () => {
    const backend = createLocalBackend();
    const { wechat } = backend;
    const { room, alice, bob, created } = await aliceSharesATask(backend);
    const joined = await onTask(backend, bob, 'join', created.data.task.id);
    // Under every reading: where WeChat refuses chattoolmsg.send by cloud call, the card moves through HTTPS.
    expect(joined).toMatchObject({ ok: true, data: { viewer: { status: 'done', cardText: '已参与' } } });
    expect(wechat.cardText(created.data.share.activityId, bob)).toBe('已参与');
    expect(wechat.cardText(created.data.share.activityId, alice)).toBe('1人已参与');
    expect(wechat.systemMessages(room.id).map((m) => m.text)).toEqual(['Bob 已参与 Alice 发布的 周六爬山']);
    expect(wechat.calls('setChatToolMsg').at(-1)).toMatchObject({ outcome: 'ok' });
    expect(await backend.runTimer()).toEqual({
      looked: 0,
      moved: 0,
      cardUpdates: 0,
      cardFailures: 0,
      storeFailures: 0,
      cardsDeferred: 0,
    });
    backend.close();
  });

  it('where WeChat refuses chattoolmsg.send by cloud call, moves cards through HTTPS with the console’s appid and secret, and stays on HTTPS', async () => {
    const logged: string[] = [];
    const backend = createLocalBackend({
      readings: { ...READING_PROFILES.documented, cloudCallForChatToolMsg: 'refused' },
      log: (message, detail) => logged.push(`${message} ${JSON.stringify(detail ?? '')}`),
    });
    const { wechat } = backend;
    const { room, bob, created } = await aliceSharesATask(backend);
    const carol = wechat.addMember(room.id, { nickname: 'Carol' });
    for (const member of [bob, carol]) {
      const joined = await onTask(backend, member, 'join', created.data.task.id);
      expect(joined).toMatchObject({ ok: true, data: { viewer: { cardText: '已参与' } } });
    }
    // One refused cloud call, one token, then every update over HTTPS.
    expect(wechat.calls().filter((call) => call.api !== 'getOpenData' && call.api !== 'msgSecCheck')).toMatchObject([
      { api: 'createActivityId', via: 'cloudCall', outcome: 'ok' },
      { api: 'setChatToolMsg', via: 'cloudCall', outcome: 'failed', errcode: -604100 },
      { api: 'stableToken', via: 'https', outcome: 'ok', request: { appid: wechat.appid, secret: '***' } },
      { api: 'setChatToolMsg', via: 'https', outcome: 'ok' },
      { api: 'setChatToolMsg', via: 'https', outcome: 'ok' },
    ]);
    expect(wechat.card(created.data.share.activityId)?.done).toHaveLength(2);
    expect(logged).toEqual([
      'setChatToolMsg is refused by cloud call; this instance uses the HTTPS API from now on ""',
    ]);
    expect(JSON.stringify([wechat.calls(), logged])).not.toContain(wechat.appSecret);
    backend.close();
  });

  it('without WECHAT_APPID/WECHAT_APPSECRET, where WeChat refuses the cloud call, is honest: the sign-up stands, the card claims nothing, the timer keeps trying, logged once', async () => {
    const logged: string[] = [];
    const backend = createLocalBackend({
      readings: { ...READING_PROFILES.documented, cloudCallForChatToolMsg: 'refused' },
      functionEnvironment: {},
      log: (message) => logged.push(message),
    });
    const { wechat } = backend;
    const { room, alice, bob, created } = await aliceSharesATask(backend);
    const joined = await onTask(backend, bob, 'join', created.data.task.id);
    expect(joined).toMatchObject({ ok: true, data: { viewer: { status: 'done', cardText: '未参与' } } });
    expect(wechat.cardText(created.data.share.activityId, bob)).toBe('未参与');
    expect(wechat.cardText(created.data.share.activityId, alice)).toBe('0人已参与');
    expect(wechat.systemMessages(room.id)).toEqual([]);
    expect(await backend.runTimer()).toEqual({
      looked: 1,
      moved: 0,
      cardUpdates: 0,
      cardFailures: 1,
      storeFailures: 0,
      cardsDeferred: 0,
    });
    expect(wechat.calls('setChatToolMsg')).toMatchObject([
      { via: 'cloudCall', outcome: 'failed', errcode: -604100 },
      { via: 'cloudCall', outcome: 'failed', errcode: -604100 },
    ]);
    expect(wechat.calls('stableToken')).toEqual([]);
    expect(logged.filter((message) => message.includes('WECHAT_APPID'))).toEqual([
      'setChatToolMsg is refused by cloud call; set WECHAT_APPID/WECHAT_APPSECRET to use the HTTPS API',
    ]);
    backend.close();
  });

  it('over HTTPS, takes a token WeChat will not give as a failed call, never as WeChat refusing the end again', async () => {
    const backend = createLocalBackend({
      readings: { ...READING_PROFILES.documented, cloudCallForChatToolMsg: 'refused' },
      cardSyncTimeoutMs: 100,
    });
    const { wechat } = backend;
    const { alice, created } = await aliceSharesATask(backend);
    const taskId = created.data.task.id;
    // The end's answer never comes (its outcome is unknown); then the token is refused and a new one is not given
    // (the API IP whitelist, 40164): the retried end never reached the card.
    wechat.setFault('setChatToolMsg', { mode: 'stall', times: 1 });
    await onTask(backend, alice, 'endTask', taskId);
    wechat.setFault('setChatToolMsg', { mode: 'fail', errcode: 40001, times: 1 });
    wechat.setFault('stableToken', { mode: 'fail', errcode: 40164 });
    expect(await backend.runTimer()).toMatchObject({ looked: 1, cardFailures: 1 });
    expect(wechat.calls('stableToken').at(-1)).toMatchObject({ errcode: 40164 });
    expect(wechat.card(created.data.share.activityId)?.state).toBe(1);
    expect(await onTask(backend, alice, 'getTask', taskId)).toMatchObject({
      ok: true,
      data: { viewer: { cardText: '0人已参与' }, card: { inSync: false } },
    });
    wechat.releaseStalled();
    backend.close();
  });

  it('reloadFunction builds the function again from loadFunction and keeps rooms, cards and tasks', async () => {
    const loaded: LocalFunction[] = [];
    /** Events each loaded copy handled. */
    const handled: number[] = [];
    // Each load hands out a new copy of the code, as re-requiring an edited file does.
    const backend = createLocalBackend({
      loadFunction: (fn) => {
        expect(fn.name).toBe('groupTask');
        const copy = loaded.length;
        handled.push(0);
        const code: LocalFunction = {
          ...local,
          createMain: (database, context, options) => {
            const main = local.createMain(database as Parameters<typeof local.createMain>[0], context, options);
            return (event) => {
              handled[copy] += 1;
              return main(event);
            };
          },
        };
        loaded.push(code);
        return code;
      },
    });
    const { wechat } = backend;
    const { room, alice, created } = await aliceSharesATask(backend);
    expect(loaded).toHaveLength(1);

    backend.reloadFunction();
    expect(loaded).toHaveLength(2);
    const read = await onTask(backend, alice, 'getTask', created.data.task.id);
    expect(handled).toEqual([1, 1]);
    expect(read).toMatchObject({ ok: true, data: { title: '周六爬山' } });
    expect(wechat.rooms()).toEqual([room]);
    expect(wechat.cards(room.id).map((c) => c.activityId)).toEqual([created.data.share.activityId]);
    backend.close();
  });

  it('keeps tasks in a SQLite file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'group-task-'));
    const databaseFile = join(dir, 'tasks.sqlite');
    try {
      const first = createLocalBackend({ databaseFile });
      const room = first.wechat.createRoom({ id: 'tGfixed' });
      const alice = first.wechat.addMember(room.id, { openid: 'oAlice' });
      const created = (await first.callFunction(alice, {
        action: 'createTask',
        chatProof: first.wechat.issueCloudId(alice),
        envVersion: 'release',
        task: { title: '周六爬山', kind: 'complete', audience: { kind: 'everyone' } },
      })) as Created;
      first.close();
      const second = createLocalBackend({ databaseFile });
      const listed = await second.callFunction({ openid: 'oAlice' }, { action: 'listMyTasks' });
      expect(listed).toMatchObject({
        ok: true,
        data: { items: [{ id: created.ok ? created.data.task.id : '', isCreator: true }], next: null },
      });
      second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('deploys the function with its config.json permissions: a missing one is refused with -604101', async () => {
    expect(configuredPermissions()).toEqual(
      expect.arrayContaining(['updatableMessage.createActivityId', 'chattoolmsg.send']),
    );
    const backend = createLocalBackend({
      openapiPermissions: configuredPermissions().filter((name) => name !== 'chattoolmsg.send'),
    });
    const { wechat } = backend;
    const { bob, created } = await aliceSharesATask(backend);
    await onTask(backend, bob, 'join', created.data.task.id);
    expect(wechat.calls('setChatToolMsg')).toMatchObject([{ outcome: 'failed', errcode: -604101 }]);
    expect(wechat.card(created.data.share.activityId)?.done).toEqual([]);
    backend.close();
  });

  it('runs the production adapter over the SDK surface, each call as its own caller, in the readings given', async () => {
    const spied = jest.spyOn(sdk, 'platformOf');
    const backend = createLocalBackend({ readings: READING_PROFILES.alternate });
    expect(spied).toHaveBeenCalledTimes(1);
    expect(backend.wechat.readings).toEqual(READING_PROFILES.alternate);
    const { wechat } = backend;
    const room = wechat.createRoom();
    const members = ['A', 'B', 'C'].map((nickname) => wechat.addMember(room.id, { nickname }));
    // Concurrent calls: each is answered as its own caller (getWXContext per invocation).
    const listed = await Promise.all(members.map((member) => backend.callFunction(member, { action: 'listMyTasks' })));
    expect(listed).toEqual(members.map(() => ({ ok: true, data: { items: [], next: null } })));
    const whoAmI = await Promise.all(
      members.map((member) =>
        backend.callFunction(member, {
          action: 'createTask',
          chatProof: wechat.issueCloudId(member),
          envVersion: 'develop',
          task: { title: `T${member.nickname}`, kind: 'complete', audience: { kind: 'everyone' } },
        }),
      ),
    );
    expect(whoAmI.map((result) => (result as ApiResult<unknown>).ok)).toEqual([true, true, true]);
    const mine = (await Promise.all(
      members.map((member) => backend.callFunction(member, { action: 'listMyTasks' })),
    )) as ApiResult<{ items: { title: string }[] }>[];
    expect(mine.map((result) => (result.ok ? result.data.items.map((task) => task.title) : result))).toEqual([
      ['TA'],
      ['TB'],
      ['TC'],
    ]);
    spied.mockRestore();
    backend.close();
  });

  it('reads the readings from WECHAT_READINGS when none are given', () => {
    const before = process.env.WECHAT_READINGS;
    process.env.WECHAT_READINGS = 'alternate';
    try {
      const backend = createLocalBackend();
      expect(backend.wechat.readings).toEqual(READING_PROFILES.alternate);
      backend.close();
    } finally {
      if (before === undefined) delete process.env.WECHAT_READINGS;
      else process.env.WECHAT_READINGS = before;
    }
  });
});
