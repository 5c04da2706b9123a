import { CLOUD_ENV as CHAT_TOOL_CLOUD_ENV } from '../../packageChatTool/config';
import { CLOUD_ENV } from '../../miniprogram/config';

type Global = typeof globalThis & { wx?: unknown; App?: unknown };

/** Runs app.ts as WeChat does, with `wx` and `App` as given. */
function runApp(wx: unknown): jest.Mock {
  const global = globalThis as Global;
  const app = jest.fn();
  global.wx = wx;
  global.App = app;
  try {
    jest.isolateModules(() => jest.requireActual('../../app'));
  } finally {
    delete global.wx;
    delete global.App;
  }
  return app;
}

test('the main package and the chat tool use the same cloud environment', () => {
  expect(CLOUD_ENV).toBe(CHAT_TOOL_CLOUD_ENV);
});

test('app.ts initialises the cloud the launcher calls, then registers the App', () => {
  const init = jest.fn();
  const app = runApp({ cloud: { init } });
  expect(init).toHaveBeenCalledWith(CLOUD_ENV ? { env: CLOUD_ENV, traceUser: true } : { traceUser: true });
  expect(app).toHaveBeenCalledTimes(1);
});

test('on a client without wx.cloud the App still starts, so the launcher can say the client is too old', () => {
  expect(runApp({})).toHaveBeenCalledTimes(1);
});
