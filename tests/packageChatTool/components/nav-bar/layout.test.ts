import { navBarLayout } from '../../../../packageChatTool/components/nav-bar/layout';

test('the bar is centred on the capsule button below the status bar', () => {
  expect(navBarLayout({ statusBarHeight: 20, menuButton: { top: 24, height: 32 } })).toEqual({ top: 20, height: 40 });
});

test('without a capsule button the bar has the standard height', () => {
  expect(navBarLayout({ statusBarHeight: 44, menuButton: null })).toEqual({ top: 44, height: 44 });
});
