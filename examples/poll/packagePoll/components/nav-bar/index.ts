// The title bar of every poll page: Skyline pages draw their own ("navigationStyle": "custom",
// docs/platform.md "app.json"), lined up with the status bar and WeChat's capsule button.
import { weChat } from 'chat-tool-kit';
import { ENTRY_PAGE } from '../../core/view';
import { messages } from '../../i18n/texts';

/** Below the status bar, as tall as the capsule button and its margins above and below; 44 px without one. */
function barOf(): { top: number; height: number } {
  const { statusBarHeight, menuButton } = weChat().windowMetrics();
  const height = menuButton ? menuButton.height + 2 * Math.max(menuButton.top - statusBarHeight, 0) : 44;
  return { top: statusBarHeight, height };
}

Component({
  properties: {
    title: { type: String, value: '' },
    back: { type: Boolean, value: false },
  },
  data: { top: 0, height: 44, backLabel: '' },
  lifetimes: {
    attached() {
      this.setData({ ...barOf(), backLabel: messages().back });
    },
  },
  methods: {
    onBack() {
      return weChat()
        .navigateBack()
        .catch(() => weChat().redirectTo(ENTRY_PAGE));
    },
  },
});
