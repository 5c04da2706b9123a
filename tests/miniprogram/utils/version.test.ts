import { checkSupport, compareVersion, MIN_BASE_LIBRARY, MIN_WECHAT } from '../../../miniprogram/utils/version';

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
    expect(checkSupport({ baseLibrary: '3.7.7', weChat: '8.0.56' })).toEqual({
      supported: false,
      component: 'baseLibrary',
      current: '3.7.7',
      required: '3.7.8',
    });
    expect(checkSupport({ baseLibrary: '3.0.0', weChat: '8.0.55' })).toMatchObject({
      supported: false,
      component: 'weChat',
      current: '8.0.55',
      required: '8.0.56',
    });
  });
});
