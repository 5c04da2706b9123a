// The real adapter over `wx`: each port method calls the documented API with the documented fields.
import { createWeChat } from '../../../packageChatTool/platform/wechat';
import { cardShare, reminder } from '../helpers/samples';

function wxWith(api: Record<string, unknown>) {
  return createWeChat(api as unknown as WechatMiniprogram.Wx);
}

test('publishCard declares the chat-tool card, then posts it to the chat', async () => {
  const calls: string[] = [];
  const updateShareMenu = jest.fn(async () => calls.push('updateShareMenu'));
  const shareAppMessageToGroup = jest.fn(async () => calls.push('shareAppMessageToGroup'));
  await wxWith({ updateShareMenu, shareAppMessageToGroup }).publishCard(cardShare());
  expect(updateShareMenu).toHaveBeenCalledWith({
    withShareTicket: true,
    isUpdatableMessage: true,
    activityId: 'act-1',
    useForChatTool: true,
    chooseType: 1,
    participant: ['g-alice', 'g-bob'],
    templateInfo: { templateId: '2A84254B945674A2F88CE4970782C402795EB607' },
  });
  expect(shareAppMessageToGroup).toHaveBeenCalledWith({
    title: '周六爬山',
    path: '/packageChatTool/pages/task/index?taskId=t1',
  });
  expect(calls).toEqual(['updateShareMenu', 'shareAppMessageToGroup']);
});

test('publishCard does not post when the card cannot be declared', async () => {
  const shareAppMessageToGroup = jest.fn();
  const platform = wxWith({
    updateShareMenu: async () => {
      throw new Error('updateShareMenu:fail');
    },
    shareAppMessageToGroup,
  });
  await expect(platform.publishCard(cardShare())).rejects.toThrow('updateShareMenu:fail');
  expect(shareAppMessageToGroup).not.toHaveBeenCalled();
});

test('remind, shareImage, selectGroupMembers and getChatToolInfo pass the documented fields', async () => {
  const notifyGroupMembers = jest.fn(async () => ({}));
  const shareImageToGroup = jest.fn(async () => ({}));
  const selectGroupMembers = jest.fn(async () => ({ members: ['g-1'] }));
  const getChatToolInfo = jest.fn(async () => ({ cloudID: 'c-1', encryptedData: '', iv: '' }));
  const platform = wxWith({ notifyGroupMembers, shareImageToGroup, selectGroupMembers, getChatToolInfo });
  await platform.remind(reminder());
  expect(notifyGroupMembers).toHaveBeenCalledWith(reminder());
  await platform.shareImage('wxfile://a.png', '/p?taskId=t1');
  expect(shareImageToGroup).toHaveBeenCalledWith({
    imagePath: 'wxfile://a.png',
    needShowEntrance: true,
    entrancePath: '/p?taskId=t1',
  });
  expect(await platform.selectGroupMembers()).toEqual(['g-1']);
  expect(selectGroupMembers).toHaveBeenCalledWith({});
  expect(await platform.chatToolInfo()).toEqual({ cloudID: 'c-1' });
});

test('renderImage draws on an offscreen 2d canvas and returns the PNG file', async () => {
  const context = { fillRect: jest.fn() };
  const canvas = { getContext: jest.fn(() => context) };
  const createOffscreenCanvas = jest.fn(() => canvas);
  const canvasToTempFilePath = jest.fn(async () => ({ tempFilePath: 'wxfile://tmp/1.png' }));
  const path = await wxWith({ createOffscreenCanvas, canvasToTempFilePath }).renderImage(600, 480, (ctx) =>
    ctx.fillRect(0, 0, 1, 1),
  );
  expect(createOffscreenCanvas).toHaveBeenCalledWith({ type: '2d', width: 600, height: 480 });
  expect(canvas.getContext).toHaveBeenCalledWith('2d');
  expect(context.fillRect).toHaveBeenCalledWith(0, 0, 1, 1);
  expect(canvasToTempFilePath).toHaveBeenCalledWith({ canvas, fileType: 'png' });
  expect(path).toBe('wxfile://tmp/1.png');
});

test('window metrics, build, language and api category come from the system', () => {
  const platform = wxWith({
    getWindowInfo: () => ({ statusBarHeight: 44 }),
    getMenuButtonBoundingClientRect: () => ({ top: 50, height: 32 }),
    getAccountInfoSync: () => ({ miniProgram: { envVersion: 'trial' } }),
    getAppBaseInfo: () => ({ language: 'en' }),
    getApiCategory: () => 'chatTool',
  });
  expect(platform.windowMetrics()).toEqual({ statusBarHeight: 44, menuButton: { top: 50, height: 32 } });
  expect(platform.envVersion()).toBe('trial');
  expect(platform.language()).toBe('en');
  expect(platform.apiCategory()).toBe('chatTool');
});

test('a missing capsule button gives no menu button metrics', () => {
  const platform = wxWith({
    getWindowInfo: () => ({ statusBarHeight: 20 }),
    getMenuButtonBoundingClientRect: () => ({ top: 0, height: 0 }),
  });
  expect(platform.windowMetrics().menuButton).toBeNull();
});

test('an api category WeChat adds later counts as default', () => {
  expect(wxWith({ getApiCategory: () => 'somethingNew' }).apiCategory()).toBe('default');
});
