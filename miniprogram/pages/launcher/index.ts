// Main-package launcher: explains the chat tool, checks that this WeChat can run it and opens it, in the
// chat the mini program was opened from when there is one, otherwise in a chat the user picks. ES5 syntax
// and built-ins only, async steps as promise chains: this page is what a client too old for the chat tool
// runs to say so (docs/platform.md#engines).
import { launcherPlatform, type ChatRoom } from '../../platform/launcher';
import { launcherTexts, supportMessage } from '../../utils/i18n';
import { CHAT_TOOL_ENTRY_URL } from '../../utils/chat-tool-entry';
import { checkSupport } from '../../utils/version';

/** The chat the page was opened from, being resolved since onLoad; the tap waits for it. */
interface Located {
  entered?: Promise<ChatRoom | null>;
}

Component({
  data: {
    texts: launcherTexts('zh_CN'),
    theme: 'light',
    supported: false,
    tooOld: '',
    error: '',
    /** The chat the tool opens in; null: WeChat asks the user to pick one. */
    chat: null as ChatRoom | null,
    locating: false,
    opening: false,
  },
  methods: {
    onLoad: function () {
      var platform = launcherPlatform();
      var environment = platform.environment();
      var support = checkSupport(environment);
      var texts = launcherTexts(environment.language);
      platform.setTitle(texts.title);
      this.setData({
        texts: texts,
        theme: environment.theme,
        supported: support.supported,
        tooOld: supportMessage(support, environment.language),
      });
      // getGroupEnterInfo and the chat tool itself need a supported client; older ones only read the message.
      if (support.supported) (this as Located).entered = this.locate();
    },
    locate: function (): Promise<ChatRoom | null> {
      var page = this;
      page.setData({ locating: true });
      return launcherPlatform()
        .enteredChat()
        .then(function (chat) {
          page.setData({ chat: chat, locating: false });
          return chat;
        });
    },
    onOpen: function (): Promise<void> | undefined {
      var page = this;
      if (!page.data.supported || page.data.opening) return undefined;
      page.setData({ opening: true, error: '' });
      return Promise.resolve((page as Located).entered || null)
        .then(function (chat) {
          return launcherPlatform().openChatTool(CHAT_TOOL_ENTRY_URL, chat);
        })
        .catch(function (error: unknown) {
          console.warn('openChatTool failed', error);
          page.setData({ error: page.data.texts.openFailed });
        })
        .then(function () {
          page.setData({ opening: false });
        });
    },
  },
});
