import { TASK_FUNCTION as CHAT_TOOL_FUNCTION } from '../../../packageChatTool/core/api';
import { chatRoomOf, createLauncherPlatform, TASK_FUNCTION } from '../../../miniprogram/platform/launcher';
import { createWxMock } from '../../harness/wx-mock';

const platformOf = (mock: ReturnType<typeof createWxMock>) =>
  createLauncherPlatform(mock.wx as unknown as WechatMiniprogram.Wx);

test('reads versions, language and theme from getAppBaseInfo', () => {
  const mock = createWxMock({ SDKVersion: '3.7.12', version: '8.0.60', language: 'en', theme: 'dark' });
  expect(platformOf(mock).environment()).toEqual({
    baseLibrary: '3.7.12',
    weChat: '8.0.60',
    language: 'en',
    theme: 'dark',
  });
});

test('openChatTool: the picker without a chat, roomid with the chatType WeChat requires with a chat; rejects when WeChat fails', async () => {
  const mock = createWxMock();
  const platform = platformOf(mock);
  await platform.openChatTool('/packageChatTool/pages/entry/index', null);
  expect(mock.api('openChatTool')).toHaveBeenLastCalledWith({ url: '/packageChatTool/pages/entry/index' });
  await platform.openChatTool('/packageChatTool/pages/entry/index', { roomId: 'opengid-1', chatType: 4 });
  expect(mock.api('openChatTool')).toHaveBeenLastCalledWith({
    url: '/packageChatTool/pages/entry/index',
    roomid: 'opengid-1',
    chatType: 4,
  });
  mock.failNext('openChatTool', { errMsg: 'openChatTool:fail cancel' });
  await expect(platform.openChatTool('/x', null)).rejects.toMatchObject({ errMsg: 'openChatTool:fail cancel' });
  platform.setTitle('Group tasks');
  expect(mock.api('setNavigationBarTitle')).toHaveBeenCalledWith({ title: 'Group tasks' });
});

describe('enteredChat', () => {
  test('sends the getGroupEnterInfo cloudID to the cloud function and returns the chat it names', async () => {
    const groupTask = jest.fn(() => ({ ok: true, data: { roomId: 'opengid-1', chatType: 3 } }));
    const mock = createWxMock({ chatToolCloudID: 'cid-7', cloudFunctions: { groupTask } });
    await expect(platformOf(mock).enteredChat()).resolves.toEqual({ roomId: 'opengid-1', chatType: 3 });
    expect(mock.api('getGroupEnterInfo')).toHaveBeenCalledWith(expect.objectContaining({ allowSingleChat: true }));
    expect(groupTask).toHaveBeenCalledWith({ action: 'resolveChat', chatProof: 'cid-7' });
  });

  test('null without asking the server when the mini program was not opened from a chat (40097)', async () => {
    const mock = createWxMock();
    mock.failNext('getGroupEnterInfo', { errMsg: 'getGroupEnterInfo:fail', errno: 40097 });
    await expect(platformOf(mock).enteredChat()).resolves.toBeNull();
    expect(mock.api('cloud.callFunction')).not.toHaveBeenCalled();
  });

  test('null when the server fails or refuses', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const refusing = createWxMock({
      cloudFunctions: { groupTask: () => ({ ok: false, error: { code: 'FORBIDDEN', message: 'no' } }) },
    });
    await expect(platformOf(refusing).enteredChat()).resolves.toBeNull();
    const failing = createWxMock();
    failing.failNext('cloud.callFunction', { errMsg: 'cloud.callFunction:fail timeout', errno: -1 });
    await expect(platformOf(failing).enteredChat()).resolves.toBeNull();
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});

test('chatRoomOf accepts only a resolved chat with a documented chatType', () => {
  expect(chatRoomOf({ ok: true, data: { roomId: 'r', chatType: 2 } })).toEqual({ roomId: 'r', chatType: 2 });
  for (const bad of [
    null,
    'x',
    { ok: false },
    { ok: true },
    { ok: true, data: null },
    { ok: true, data: { roomId: '', chatType: 3 } },
    { ok: true, data: { roomId: 5, chatType: 3 } },
    { ok: true, data: { roomId: 'r' } },
    { ok: true, data: { roomId: 'r', chatType: 0 } },
    { ok: true, data: { roomId: 'r', chatType: '3' } },
  ]) {
    expect(chatRoomOf(bad)).toBeNull();
  }
});

test('the launcher calls the same cloud function as the chat tool', () => {
  expect(TASK_FUNCTION).toBe(CHAT_TOOL_FUNCTION);
});
