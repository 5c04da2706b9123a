import appJson from '../../../app.json';
import projectConfig from '../../../project.config.json';
import {
  CHAT_TOOL_BASE_LIBRARY,
  checkSupport,
  compareVersion,
  MIN_BASE_LIBRARY,
  MIN_WECHAT,
} from '../../../miniprogram/utils/version';

describe('compareVersion', () => {
  test.each([
    ['3.7.8', '3.7.8', 0],
    ['3.7.12', '3.7.8', 1],
    ['3.10.0', '3.9.9', 1],
    ['3.7', '3.7.0', 0],
    ['3.7', '3.7.1', -1],
    ['8.0.5', '8.0.56', -1],
    ['', '0', 0],
    ['x.1', '0.1', 0],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(compareVersion(a, b)).toBe(expected);
    expect(compareVersion(b, a)).toBe(expected === 0 ? 0 : -expected);
  });
});

describe('checkSupport', () => {
  test('at the minimum versions the tool is supported', () => {
    expect(checkSupport({ baseLibrary: MIN_BASE_LIBRARY, weChat: MIN_WECHAT })).toEqual({ supported: true });
    expect(checkSupport({ baseLibrary: '3.12.0', weChat: '8.0.65' })).toEqual({ supported: true });
  });

  test('names the part that is too old, WeChat first', () => {
    expect(checkSupport({ baseLibrary: '3.7.11', weChat: '8.0.56' })).toEqual({
      supported: false,
      component: 'baseLibrary',
      current: '3.7.11',
      required: '3.7.12',
    });
    expect(checkSupport({ baseLibrary: '3.0.0', weChat: '8.0.55' })).toMatchObject({
      supported: false,
      component: 'weChat',
      current: '8.0.55',
      required: '8.0.56',
    });
  });
});

describe('one minimum base library', () => {
  test('the launcher refuses exactly what app.json runs on WebView instead of Skyline', () => {
    expect(MIN_BASE_LIBRARY).toBe(appJson.rendererOptions.skyline.sdkVersionBegin);
    // A client between the chat-tool APIs' start and Skyline's would open the tool on WebView.
    expect(checkSupport({ baseLibrary: CHAT_TOOL_BASE_LIBRARY, weChat: MIN_WECHAT }).supported).toBe(false);
  });

  test('the minimum is not below the chat-tool APIs, and DevTools debugs on it', () => {
    expect(compareVersion(MIN_BASE_LIBRARY, CHAT_TOOL_BASE_LIBRARY)).toBeGreaterThanOrEqual(0);
    expect(projectConfig.libVersion).toBe(MIN_BASE_LIBRARY);
  });
});
