// The real adapter over `wx`: each port method calls the documented API with the documented fields.
import { CARD_TEMPLATE, createWeChat, type CardShare, type Reminder, type SelectorScope } from 'chat-tool-kit';

/** A tool's card picture; the kit passes whatever path the tool gives. */
const IMAGE = '/packageAny/assets/card.png';

function wxWith(api: Record<string, unknown>) {
  return createWeChat(api as unknown as WechatMiniprogram.Wx);
}

function cardShare(overrides: Partial<CardShare> = {}): CardShare {
  return {
    activityId: 'act-1',
    activityExpiresAt: 1_700_000_000_000,
    templateId: CARD_TEMPLATE.participate,
    chooseType: 1,
    participant: ['g-alice', 'g-bob'],
    title: '周六爬山',
    path: '/packageAny/pages/record/index?id=r1',
    ...overrides,
  };
}

const reminder: Reminder = {
  title: '周六爬山',
  members: ['g-bob', 'g-carol'],
  entrancePath: '/packageAny/pages/record/index?id=r1',
  type: 'participate',
};

test('publishCard declares the chat-tool card, then posts it to the chat', async () => {
  const calls: string[] = [];
  const updateShareMenu = jest.fn(async () => calls.push('updateShareMenu'));
  const shareAppMessageToGroup = jest.fn(async () => calls.push('shareAppMessageToGroup'));
  await wxWith({ updateShareMenu, shareAppMessageToGroup }).publishCard(cardShare(), IMAGE);
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
    path: '/packageAny/pages/record/index?id=r1',
    imageUrl: IMAGE,
  });
  expect(calls).toEqual(['updateShareMenu', 'shareAppMessageToGroup']);
});

test("every card, first post or renewal, carries the tool's picture instead of a screenshot of the page", async () => {
  const shareAppMessageToGroup = jest.fn(async () => ({}));
  const platform = wxWith({ updateShareMenu: async () => ({}), shareAppMessageToGroup });
  await platform.publishCard(cardShare(), IMAGE);
  await platform.publishCard(cardShare({ activityId: 'act-2', chooseType: 2, participant: [] }), IMAGE);
  expect(shareAppMessageToGroup).toHaveBeenCalledTimes(2);
  for (const [option] of shareAppMessageToGroup.mock.calls as unknown as [{ imageUrl?: string }][]) {
    expect(option.imageUrl).toBe(IMAGE);
  }
});

test('publishCard does not post when the card cannot be declared', async () => {
  const shareAppMessageToGroup = jest.fn();
  const platform = wxWith({
    updateShareMenu: async () => {
      throw new Error('updateShareMenu:fail');
    },
    shareAppMessageToGroup,
  });
  await expect(platform.publishCard(cardShare(), IMAGE)).rejects.toThrow('updateShareMenu:fail');
  expect(shareAppMessageToGroup).not.toHaveBeenCalled();
});

test('remind, shareImage, selectGroupMembers and getChatToolInfo pass the documented fields', async () => {
  const notifyGroupMembers = jest.fn(async () => ({}));
  const shareImageToGroup = jest.fn(async () => ({}));
  const selectGroupMembers = jest.fn(async () => ({ members: ['g-1'] }));
  const getChatToolInfo = jest.fn(async () => ({ cloudID: 'c-1', encryptedData: '', iv: '' }));
  const platform = wxWith({ notifyGroupMembers, shareImageToGroup, selectGroupMembers, getChatToolInfo });
  await platform.remind(reminder);
  expect(notifyGroupMembers).toHaveBeenCalledWith(reminder);
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

/** A page whose selector query finds `node` (WeChat's Snapshot instance) for the selector, or nothing. */
function scopeWith(node: unknown): { scope: SelectorScope; selected: string[] } {
  const selected: string[] = [];
  const query = {
    select(selector: string) {
      selected.push(selector);
      return { node: () => ({ exec: (callback: (results: unknown[]) => void) => callback([node ? { node } : null]) }) };
    },
  };
  return { scope: { createSelectorQuery: () => query as unknown as WechatMiniprogram.SelectorQuery }, selected };
}

describe('snapshot', () => {
  test('exports the <snapshot> node with takeSnapshot({ type: file, format: png }), never an offscreen canvas', async () => {
    const takeSnapshot = jest.fn((option: { success: (result: { tempFilePath: string }) => void }) =>
      option.success({ tempFilePath: 'wxfile://tmp/snap.png' }),
    );
    const createOffscreenCanvas = jest.fn();
    const canvasToTempFilePath = jest.fn();
    const { scope, selected } = scopeWith({ takeSnapshot });
    const file = await wxWith({ createOffscreenCanvas, canvasToTempFilePath }).snapshot(scope, '#progress-image');
    expect(file).toBe('wxfile://tmp/snap.png');
    expect(selected).toEqual(['#progress-image']);
    expect(takeSnapshot).toHaveBeenCalledWith(expect.objectContaining({ type: 'file', format: 'png' }));
    expect(createOffscreenCanvas).not.toHaveBeenCalled();
    expect(canvasToTempFilePath).not.toHaveBeenCalled();
  });

  test('rejects when no <snapshot> matches, or when WeChat cannot take it', async () => {
    await expect(wxWith({}).snapshot(scopeWith(null).scope, '#missing')).rejects.toThrow(
      'no <snapshot> matches #missing',
    );
    const takeSnapshot = (option: { fail: (error: { errMsg: string }) => void }) =>
      option.fail({ errMsg: 'takeSnapshot:fail' });
    await expect(wxWith({}).snapshot(scopeWith({ takeSnapshot }).scope, '#progress-image')).rejects.toEqual({
      errMsg: 'takeSnapshot:fail',
    });
  });
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
