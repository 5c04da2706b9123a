// The subpackage entry file initialises cloud development with the configured environment.
function installWx(): jest.Mock {
  const init = jest.fn();
  (globalThis as unknown as { wx: unknown }).wx = { cloud: { init } };
  return init;
}

test('entry.ts calls wx.cloud.init once, on the default environment when none is configured', async () => {
  const init = installWx();
  await jest.isolateModulesAsync(async () => {
    await import('../../packageChatTool/entry');
  });
  expect(init).toHaveBeenCalledTimes(1);
  expect(init).toHaveBeenCalledWith({ traceUser: true });
});

test('a configured environment id is passed to wx.cloud.init', async () => {
  const init = installWx();
  await jest.isolateModulesAsync(async () => {
    jest.doMock('../../packageChatTool/config', () => ({ CLOUD_ENV: 'prod-123' }));
    await import('../../packageChatTool/entry');
  });
  expect(init).toHaveBeenCalledWith({ env: 'prod-123', traceUser: true });
});
