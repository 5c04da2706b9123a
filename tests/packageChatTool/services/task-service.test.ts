import { ERROR_CODES } from '../../../packageChatTool/core/api';
import { CLOUD_ID_REUSE_MS, createTaskService } from '../../../packageChatTool/services/task-service';
import { fakeWeChat } from '../helpers/fakes';
import { summary, taskView } from '../helpers/samples';

const failure = (code: string) => ({ ok: false, error: { code, message: code } });

describe('task service', () => {
  test('sends the action, a cloudID and the arguments to the groupTask function', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: taskView() }) });
    const service = createTaskService(() => platform);
    const result = await service.join('t1');
    expect(platform.callFunction).toHaveBeenCalledWith('groupTask', {
      action: 'join',
      cloudID: 'cloud-1',
      taskId: 't1',
    });
    expect(result).toEqual({ ok: true, data: taskView() });
  });

  test('passes the draft of createTask and lists the room', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: [summary()] }) });
    const service = createTaskService(() => platform);
    const draft = { title: 'a', kind: 'complete' as const, audience: { kind: 'everyone' as const } };
    await service.createTask(draft);
    expect(platform.callFunction).toHaveBeenLastCalledWith('groupTask', {
      action: 'createTask',
      cloudID: 'cloud-1',
      envVersion: 'develop',
      task: draft,
    });
    expect(await service.listRoomTasks()).toEqual({ ok: true, data: [summary()] });
    expect(platform.callFunction).toHaveBeenLastCalledWith('groupTask', {
      action: 'listRoomTasks',
      cloudID: 'cloud-1',
    });
  });

  test('asks the server which chat the tool is open in', async () => {
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: { roomId: 'r1', chatType: 1 } }) });
    expect(await createTaskService(() => platform).chat()).toEqual({ ok: true, data: { roomId: 'r1', chatType: 1 } });
    expect(platform.callFunction).toHaveBeenCalledWith('groupTask', { action: 'resolveChat', cloudID: 'cloud-1' });
  });

  test.each(ERROR_CODES.filter((code) => code !== 'CLOUD_ID_EXPIRED' && code !== 'CLOUD_ID_INVALID'))(
    'turns the server error %s into a typed failure without retrying',
    async (code) => {
      const platform = fakeWeChat({ callFunction: async () => failure(code) });
      const result = await createTaskService(() => platform).endTask('t1');
      expect(result).toEqual({ ok: false, code });
      expect(platform.callFunction).toHaveBeenCalledTimes(1);
    },
  );

  test('a rejected call is a NETWORK failure', async () => {
    const platform = fakeWeChat({
      callFunction: async () => {
        throw new Error('cloud.callFunction:fail timeout');
      },
    });
    expect(await createTaskService(() => platform).getTask('t1')).toEqual({ ok: false, code: 'NETWORK' });
  });

  test.each([null, undefined, 'text', { ok: false, error: { code: 'SOMETHING_NEW' } }, { ok: true }])(
    'an answer outside the contract (%p) is INTERNAL',
    async (answer) => {
      const platform = fakeWeChat({ callFunction: async () => answer });
      expect(await createTaskService(() => platform).leave('t1')).toEqual({ ok: false, code: 'INTERNAL' });
    },
  );

  test('without getChatToolInfo the call fails with NOT_IN_CHAT and never reaches the server', async () => {
    const platform = fakeWeChat({
      chatToolInfo: async () => {
        throw new Error('getChatToolInfo:fail not in chat tool');
      },
    });
    expect(await createTaskService(() => platform).listRoomTasks()).toEqual({ ok: false, code: 'NOT_IN_CHAT' });
    expect(platform.callFunction).not.toHaveBeenCalled();
  });

  test.each(['CLOUD_ID_EXPIRED', 'CLOUD_ID_INVALID'])(
    'on %s it re-reads getChatToolInfo and retries once',
    async (code) => {
      let n = 0;
      const platform = fakeWeChat({
        chatToolInfo: async () => ({ cloudID: `cloud-${++n}` }),
        callFunction: jest
          .fn()
          .mockResolvedValueOnce(failure(code))
          .mockResolvedValueOnce({ ok: true, data: taskView() }),
      });
      const result = await createTaskService(() => platform).join('t1');
      expect(result.ok).toBe(true);
      expect(platform.callFunction).toHaveBeenCalledTimes(2);
      expect(platform.callFunction.mock.calls[1][1]).toMatchObject({ cloudID: 'cloud-2' });
    },
  );

  test('gives up after one retry', async () => {
    const platform = fakeWeChat({ callFunction: async () => failure('CLOUD_ID_EXPIRED') });
    expect(await createTaskService(() => platform).join('t1')).toEqual({ ok: false, code: 'CLOUD_ID_EXPIRED' });
    expect(platform.callFunction).toHaveBeenCalledTimes(2);
  });

  test('reuses a cloudID for four minutes, then reads a new one', async () => {
    let clock = 0;
    const platform = fakeWeChat({ callFunction: async () => ({ ok: true, data: [] }) });
    const service = createTaskService(
      () => platform,
      () => clock,
    );
    await service.listRoomTasks();
    clock = CLOUD_ID_REUSE_MS - 1;
    await service.listRoomTasks();
    expect(platform.chatToolInfo).toHaveBeenCalledTimes(1);
    clock = CLOUD_ID_REUSE_MS;
    await service.listRoomTasks();
    expect(platform.chatToolInfo).toHaveBeenCalledTimes(2);
  });
});

test('renewCard tells the server which build re-shares the card', async () => {
  const platform = fakeWeChat({ envVersion: () => 'trial', callFunction: async () => ({ ok: true, data: {} }) });
  await createTaskService(() => platform).renewCard('t1');
  expect(platform.callFunction).toHaveBeenCalledWith('groupTask', {
    action: 'renewCard',
    cloudID: 'cloud-1',
    taskId: 't1',
    envVersion: 'trial',
  });
});
