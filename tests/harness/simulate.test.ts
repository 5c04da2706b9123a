/**
 * @jest-environment jsdom
 */
import { capturedPages, mountPage, renderComponent } from './simulate';
import { createWxMock, installWxMock } from './wx-mock';

describe('miniprogram-simulate helpers', () => {
  test('load a TypeScript component with properties and read its text', () => {
    const badge = renderComponent('tests/fixtures/harness/member-badge/index', { position: 2 });
    expect(badge.text()).toBe('#3');
  });

  test('follow usingComponents to the child component files', () => {
    const row = renderComponent('tests/fixtures/harness/badge-row/index');
    expect(row.text()).toBe('#1#2');
    row.instance.setData({ positions: [4] });
    expect(row.text()).toBe('#5');
  });

  test('mount a Page() page: captured definition, onLoad(query), taps', async () => {
    const page = await mountPage('tests/fixtures/harness/classic-page/index', { name: 'Ann' });
    expect(capturedPages.get('tests/fixtures/harness/classic-page/index')).toHaveProperty('onTapButton');
    expect(page.text('.greeting')).toBe('hello Ann');
    await page.tap('.tap');
    await page.tap('.tap');
    expect(page.instance.data.taps).toBe(2);
    expect(page.text('.tap')).toBe('2');
  });

  test('a page can be mounted again in the same file', async () => {
    const page = await mountPage('tests/fixtures/harness/classic-page/index');
    expect(page.text('.greeting')).toBe('hello nobody');
    expect(() => page.get('.missing')).toThrow('nothing matches ".missing"');
  });
});

describe('wx mock', () => {
  test('chat-tool APIs answer promises and callbacks, and failures are injectable', async () => {
    const mock = createWxMock({ selectedMembers: ['gid-1'], apiCategory: 'default' });
    const wx = mock.wx as unknown as WechatMiniprogram.Wx;
    expect(wx.getApiCategory()).toBe('default');
    await expect(wx.selectGroupMembers({})).resolves.toMatchObject({ members: ['gid-1'] });

    const success = jest.fn();
    wx.updateShareMenu({ withShareTicket: true, success });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(success).toHaveBeenCalledWith({ errMsg: 'updateShareMenu:ok' });

    mock.failNext('notifyGroupMembers', { errMsg: 'notifyGroupMembers:fail only in tap', errno: 1 });
    await expect(wx.notifyGroupMembers({ title: 't', members: [], entrancePath: '' })).rejects.toMatchObject({
      errno: 1,
    });
    await expect(wx.notifyGroupMembers({ title: 't', members: [], entrancePath: '' })).resolves.toBeTruthy();
    expect(mock.api('notifyGroupMembers')).toHaveBeenCalledTimes(2);
  });

  test('cloud functions and base info come from options; install keeps the global object', async () => {
    const before = (globalThis as { wx?: object }).wx;
    const mock = installWxMock({
      SDKVersion: '3.6.0',
      language: 'en',
      cloudFunctions: { echo: (data) => ({ echoed: data.text }) },
    });
    const wx = (globalThis as unknown as { wx: WechatMiniprogram.Wx }).wx;
    if (before) expect(wx).toBe(before);
    expect(wx.getAppBaseInfo()).toMatchObject({ SDKVersion: '3.6.0', language: 'en', version: '8.0.56' });
    await expect(wx.cloud.callFunction({ name: 'echo', data: { text: 'hi' } })).resolves.toMatchObject({
      result: { echoed: 'hi' },
    });
    await expect(wx.cloud.callFunction({ name: 'missing' })).rejects.toMatchObject({ errno: -1 });
    expect(mock.api('cloud.callFunction')).toHaveBeenCalledTimes(2);
  });
});
