/** @jest-environment jsdom */
import { HOST_HTML } from '../../../simulator/server/pages';
import { PLATFORM_PATHS, platformOf, platformSwitch } from '../../../simulator/shared/platforms';

describe('the platform switch of npm start', () => {
  test('links every simulated platform, the current one marked as the page', () => {
    document.body.innerHTML = platformSwitch('wecom');
    const nav = document.querySelector('nav')!;
    expect(nav.getAttribute('aria-label')).toBe('模拟的平台 Simulated platform');
    const links = Array.from(nav.querySelectorAll('a'));
    expect(links.map((link) => [link.getAttribute('href'), link.textContent])).toEqual([
      ['/', '微信 WeChat'],
      ['/wecom/', '企业微信 WeCom'],
      ['/feishu/', '飞书 Feishu'],
    ]);
    expect(
      links.filter((link) => link.getAttribute('aria-current') === 'page').map((link) => link.textContent),
    ).toEqual(['企业微信 WeCom']);
  });

  test("WeChat's page carries it", () => {
    document.documentElement.innerHTML = HOST_HTML;
    expect(document.querySelector('nav a[aria-current="page"]')?.getAttribute('href')).toBe(PLATFORM_PATHS.wechat);
  });

  test('a name that is not a platform is refused, inherited names included', () => {
    expect(platformOf('feishu')).toBe('feishu');
    expect(() => platformOf('constructor')).toThrow('unknown platform "constructor" (known: wechat, wecom, feishu)');
  });
});
