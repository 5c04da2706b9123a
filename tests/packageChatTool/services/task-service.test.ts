// The group task's service: a method per action of the groupTask table (the kit's actionMethods over its action
// client, tests/kit/client/action-client.test.ts), each sending the page's body.
import { ERROR_CODES } from '../../../packageChatTool/core/api';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import { createTaskService } from '../../../packageChatTool/services/task-service';
import { fakeWeChat } from '../helpers/fakes';
import { summary, taskView } from '../helpers/samples';

const failure = (code: string) => ({ ok: false, error: { code, message: code } });

describe('task service', () => {
  test('sends the action, a chatProof and the arguments to the groupTask function', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: taskView() }) });
    const service = createTaskService(() => platform);
    const result = await service.join({ taskId: 't1' });
    expect(platform.callFunction).toHaveBeenCalledWith('groupTask', {
      action: 'join',
      locale: 'zh-CN',
      chatProof: 'cloud-1',
      taskId: 't1',
    });
    expect(result).toEqual({ ok: true, data: taskView() });
  });

  test('passes the draft of createTask and lists the room', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: [summary()] }) });
    const service = createTaskService(() => platform);
    const draft = { title: 'a', kind: 'complete' as const, audience: { kind: 'everyone' as const } };
    await service.createTask({ task: draft });
    expect(platform.callFunction).toHaveBeenLastCalledWith('groupTask', {
      action: 'createTask',
      locale: 'zh-CN',
      chatProof: 'cloud-1',
      envVersion: 'develop',
      task: draft,
    });
    expect(await service.listRoomTasks({})).toEqual({ ok: true, data: [summary()] });
    expect(platform.callFunction).toHaveBeenLastCalledWith('groupTask', {
      action: 'listRoomTasks',
      locale: 'zh-CN',
      chatProof: 'cloud-1',
    });
  });

  test('asks the server which chat the tool is open in', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: { roomId: 'r1', chatType: 1 } }) });
    expect(await createTaskService(() => platform).resolveChat({})).toEqual({
      ok: true,
      data: { roomId: 'r1', chatType: 1 },
    });
    expect(platform.callFunction).toHaveBeenCalledWith('groupTask', {
      action: 'resolveChat',
      locale: 'zh-CN',
      chatProof: 'cloud-1',
    });
  });

  test.each(ERROR_CODES.filter((code) => code !== 'CHAT_PROOF_EXPIRED' && code !== 'CHAT_PROOF_INVALID'))(
    'turns the server error %s into a typed failure without retrying',
    async (code) => {
      const platform = fakeWeChat({ callFunction: async () => failure(code) });
      const result = await createTaskService(() => platform).endTask({ taskId: 't1' });
      expect(result).toEqual({ ok: false, code });
      expect(platform.callFunction).toHaveBeenCalledTimes(1);
    },
  );
});

test('there is a method for every action of the table, so a new action needs no client code', async () => {
  const platform = fakeWeChat({ envVersion: () => 'trial', callFunction: async () => ({ ok: true, data: {} }) });
  // Every action called with an empty body: what the client adds is the point here, not the page's fields.
  const service = createTaskService(() => platform) as unknown as Record<string, (body: object) => Promise<unknown>>;
  for (const [action, { request }] of Object.entries(TASK_ACTIONS)) {
    await service[action]!({});
    const sent: unknown = platform.callFunction.mock.lastCall?.[1];
    // envVersion and the chatProof go exactly where the table's request declares them.
    expect(sent).toEqual({
      action,
      locale: 'zh-CN',
      ...('chatProof' in request ? { chatProof: 'cloud-1' } : {}),
      ...('envVersion' in request ? { envVersion: 'trial' } : {}),
    });
  }
});

test('the service is no promise: an async function may return it', async () => {
  const service = createTaskService(() => fakeWeChat());
  expect(await Promise.resolve(service)).toBe(service);
  expect(service.join).toBe(service.join);
});

test('renewCard tells the server which build re-shares the card', async () => {
  const platform = fakeWeChat({ envVersion: () => 'trial', callFunction: async () => ({ ok: true, data: {} }) });
  await createTaskService(() => platform).renewCard({ taskId: 't1' });
  expect(platform.callFunction).toHaveBeenCalledWith('groupTask', {
    action: 'renewCard',
    locale: 'zh-CN',
    chatProof: 'cloud-1',
    taskId: 't1',
    envVersion: 'trial',
  });
});
