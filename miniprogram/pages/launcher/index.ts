// Main-package launcher: explains the chat tool, checks that this WeChat can run it and opens it, in the
// chat the mini program was opened from when there is one, otherwise in a chat the user picks.
import { launcherPlatform, type ChatRoom } from '../../platform/launcher';
import { launcherTexts, supportMessage } from '../../utils/i18n';
import { CHAT_TOOL_ENTRY_URL } from '../../utils/chat-tool-entry';
import { checkSupport } from '../../utils/version';

/** The chat the page was opened from, being resolved since onLoad; the tap waits for it. */
const enteredChats = new WeakMap<object, Promise<ChatRoom | null>>();

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
      // getGroupEnterInfo and the chat tool itself need a supported client; older ones only read the message.
      if (support.supported) enteredChats.set(this, this.locate());
    },
    async locate(): Promise<ChatRoom | null> {
      this.setData({ locating: true });
      const chat = await launcherPlatform().enteredChat();
      this.setData({ chat, locating: false });
      return chat;
    },
    async onOpen() {
      if (!this.data.supported || this.data.opening) return;
      this.setData({ opening: true, error: '' });
      try {
        const chat = (await enteredChats.get(this)) ?? null;
        await launcherPlatform().openChatTool(CHAT_TOOL_ENTRY_URL, chat);
      } catch (error) {
        console.warn('openChatTool failed', error);
        this.setData({ error: this.data.texts.openFailed });
      } finally {
        this.setData({ opening: false });
      }
    },
  },
});
