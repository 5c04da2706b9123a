// Where the custom navigation bar sits: below the status bar, as tall as WeChat's own bar, so its title
// lines up with the capsule button.
import type { WindowMetrics } from 'chat-tool-kit';

export interface NavBarLayout {
  /** px above the bar (the status bar). */
  top: number;
  /** px of the bar itself. */
  height: number;
}

const DEFAULT_BAR_HEIGHT = 44;

export function navBarLayout({ statusBarHeight, menuButton }: WindowMetrics): NavBarLayout {
  if (!menuButton) return { top: statusBarHeight, height: DEFAULT_BAR_HEIGHT };
  const gap = Math.max(menuButton.top - statusBarHeight, 0);
  return { top: statusBarHeight, height: menuButton.height + gap * 2 };
}
