// The custom navigation bar every chat-tool page shows ("navigationStyle": "custom" is required for
// Skyline pages). With `back`, a back button returns to the previous page. It sits below the status bar, as tall
// as the capsule button and its margins above and below (44 px without one), so its title lines up with the capsule.
import { weChat } from 'chat-tool-kit';
import { messagesFor } from '../../i18n/texts';

Component({
  properties: {
    title: { type: String, value: '' },
    back: { type: Boolean, value: false },
  },
  data: { top: 0, height: 44, backLabel: '' },
  lifetimes: {
    attached() {
      const { statusBarHeight, menuButton } = weChat().windowMetrics();
      this.setData({
        top: statusBarHeight,
        height: menuButton ? menuButton.height + 2 * Math.max(menuButton.top - statusBarHeight, 0) : 44,
        backLabel: messagesFor().back,
      });
    },
  },
  methods: {
    onBack() {
      weChat()
        .navigateBack()
        .catch(() => this.triggerEvent('backfailed'));
    },
  },
});
