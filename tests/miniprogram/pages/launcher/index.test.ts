/**
 * @jest-environment jsdom
 */
import { mountGlassEasel } from '../../../harness/glass-easel';
import { mountPage } from '../../../harness/simulate';
import { installWxMock, type WxMockOptions } from '../../../harness/wx-mock';

const page = 'miniprogram/pages/launcher/index';

async function open(options: WxMockOptions) {
  const mock = installWxMock(options);
  return { mock, launcher: await mountPage(page) };
}

test('explains the tool in Chinese and opens the chat tool entry page on tap', async () => {
  const { mock, launcher } = await open({ language: 'zh_CN' });
  expect(launcher.text('.title')).toBe('群任务接龙');
  expect(launcher.text('.intro')).toContain('在群聊里发布任务');
  expect(launcher.text('.steps')).toContain('1. 点击下方按钮并选择一个群聊');
  expect(launcher.has('.too-old')).toBe(false);
  expect(launcher.instance.data.supported).toBe(true);
  expect(mock.api('setNavigationBarTitle')).toHaveBeenCalledWith({ title: '群任务接龙' });

  await launcher.tap('.open');
  expect(mock.api('openChatTool')).toHaveBeenCalledWith({ url: '/packageChatTool/pages/entry/index' });
  expect(launcher.has('.error')).toBe(false);
});

test('speaks English when the system language is English', async () => {
  const { launcher } = await open({ language: 'en' });
  expect(launcher.text('.title')).toBe('Group tasks');
  expect(launcher.text('.open')).toBe('Open in a group chat');
  expect(launcher.instance.data.texts).toMatchObject({ openLabel: 'Pick a group chat and open Group tasks' });
});

test.each([
  ['zh_CN', '选择一个群聊并打开群任务接龙'],
  ['en', 'Pick a group chat and open Group tasks'],
])('the button carries an accessibility label in %s (real engine: simulate drops aria-*)', (language, label) => {
  installWxMock({ language });
  const launcher = mountGlassEasel(page);
  launcher.callMethod('onLoad', {});
  expect(launcher.attribute('.open', 'aria-label')).toBe(label);
  expect(launcher.attribute('.open', 'aria-role')).toBe('button');
  launcher.unmount();
});

test('too old WeChat: a clear message and no attempt to open', async () => {
  const { mock, launcher } = await open({ language: 'en', version: '8.0.50' });
  expect(launcher.text('.too-old')).toBe(
    'This version of WeChat (8.0.50) is too old: chat tools need 8.0.56 or later. Please update WeChat and try again.',
  );
  expect(launcher.instance.data.supported).toBe(false);
  await launcher.tap('.open');
  expect(mock.api('openChatTool')).not.toHaveBeenCalled();
});

test('too old base library, in Chinese', async () => {
  const { launcher } = await open({ language: 'zh_CN', SDKVersion: '3.7.0' });
  expect(launcher.text('.too-old')).toContain('基础库版本 3.7.0 过低');
});

test('a failed open shows an error the user can read', async () => {
  const { mock, launcher } = await open({ language: 'en' });
  mock.failNext('openChatTool', { errMsg: 'openChatTool:fail cancel' });
  const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  await launcher.tap('.open');
  expect(launcher.text('.error')).toBe('Could not open the chat tool. Please try again.');
  expect(launcher.instance.data.opening).toBe(false);
  warn.mockRestore();
});

test('dark theme is applied', async () => {
  const { launcher } = await open({ theme: 'dark' });
  expect(launcher.get('.launcher').dom.className).toContain('theme-dark');
});
