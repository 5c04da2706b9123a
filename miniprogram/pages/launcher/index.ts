// Main-package launcher: explains the chat tool, checks that this WeChat can run it and opens it.
import { launcherPlatform } from '../../platform/launcher';
import { launcherTexts, supportMessage } from '../../utils/i18n';
import { CHAT_TOOL_ENTRY_URL } from '../../utils/chat-tool-entry';
import { checkSupport } from '../../utils/version';

Component({
  data: {
    texts: launcherTexts('zh_CN'),
    theme: 'light',
    supported: false,
    tooOld: '',
    error: '',
    opening: false,
  },
  methods: {
    onLoad() {
      const platform = launcherPlatform();
      const environment = platform.environment();
      const support = checkSupport(environment);
      const texts = launcherTexts(environment.language);
      platform.setTitle(texts.title);
      this.setData({
        texts,
        theme: environment.theme,
        supported: support.supported,
        tooOld: supportMessage(support, environment.language),
      });
    },
    async onOpen() {
      if (!this.data.supported || this.data.opening) return;
      this.setData({ opening: true, error: '' });
      try {
        await launcherPlatform().openChatTool(CHAT_TOOL_ENTRY_URL);
      } catch (error) {
        console.warn('openChatTool failed', error);
        this.setData({ error: this.data.texts.openFailed });
      } finally {
        this.setData({ opening: false });
      }
    },
  },
});
