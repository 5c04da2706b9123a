// The custom navigation bar every chat-tool page shows ("navigationStyle": "custom" is required for
// Skyline pages). With `back`, a back button returns to the previous page.
import { weChat } from 'chat-tool-kit';
import { messagesFor } from '../../i18n/index';
import { navBarLayout } from './layout';

Component({
  properties: {
    title: { type: String, value: '' },
    back: { type: Boolean, value: false },
  },
  data: { top: 0, height: 44, backLabel: '' },
  lifetimes: {
    attached() {
      this.setData({
        ...navBarLayout(weChat().windowMetrics()),
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
