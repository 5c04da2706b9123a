import { createLauncherPlatform } from '../../../miniprogram/platform/launcher';
import { createWxMock } from '../../harness/wx-mock';

test('reads versions, language and theme from getAppBaseInfo', () => {
  const mock = createWxMock({ SDKVersion: '3.7.12', version: '8.0.60', language: 'en', theme: 'dark' });
  const platform = createLauncherPlatform(mock.wx as unknown as WechatMiniprogram.Wx);
  expect(platform.environment()).toEqual({ baseLibrary: '3.7.12', weChat: '8.0.60', language: 'en', theme: 'dark' });
});

test('openChatTool passes the url and rejects when WeChat fails', async () => {
  const mock = createWxMock();
  const platform = createLauncherPlatform(mock.wx as unknown as WechatMiniprogram.Wx);
  await platform.openChatTool('/packageChatTool/pages/entry/index');
  expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: '/packageChatTool/pages/entry/index' });
  mock.failNext('openChatTool', { errMsg: 'openChatTool:fail cancel' });
  await expect(platform.openChatTool('/x')).rejects.toMatchObject({ errMsg: 'openChatTool:fail cancel' });
  platform.setTitle('Group tasks');
  expect(mock.api('setNavigationBarTitle')).toHaveBeenCalledWith({ title: 'Group tasks' });
});
