// The launcher's port to WeChat. The main package cannot load files from packageChatTool (nor the
// other way round), so it has its own small port over the global `wx`, which tests and the simulator replace.
// `import type` is erased: the server contract is shared, no code is. ES5 syntax and built-ins only, async
// steps as promise chains: the launcher runs on clients too old for the chat tool (docs/platform.md#engines).
import type { ActionRequest, Actions } from '../../packageChatTool/core/api';

export interface LauncherEnvironment {
  baseLibrary: string;
  weChat: string;
  /** System language, e.g. 'zh_CN' or 'en'. */
  language: string;
  theme: 'light' | 'dark';
}

/**
 * The server's resolveChat answer: the group's opengid or the one-to-one chat's open_single_roomid, and the
 * chatType wx.openChatTool requires with it (docs/platform.md, "openChatTool").
 */
export type ChatRoom = Actions['resolveChat']['response'];

export interface LauncherPlatform {
  environment(): LauncherEnvironment;
  /**
   * The chat the mini program was opened from (a card, group todo or the group's tools, read with
   * wx.getGroupEnterInfo and resolved by the server), or null: opened anywhere else, or unresolved.
   */
  enteredChat(): Promise<ChatRoom | null>;
  /** Opens the chat tool at `url` in `chat`; without one WeChat asks the user to pick a chat. */
  openChatTool(url: string, chat: ChatRoom | null): Promise<void>;
  /** The navigation bar title, in the user's language. */
  setTitle(title: string): void;
}

/** The cloud function that resolves the chat; the chat tool calls the same one (a test keeps the names equal). */
export var TASK_FUNCTION = 'groupTask';

var CHAT_TYPES: readonly ChatRoom['chatType'][] = [1, 2, 3, 4];

/** The `resolveChat` answer ({ ok: true, data: { roomId, chatType } }) as a ChatRoom, or null for anything else. */
export function chatRoomOf(result: unknown): ChatRoom | null {
  if (typeof result !== 'object' || result === null || !('ok' in result) || result.ok !== true) return null;
  if (!('data' in result) || typeof result.data !== 'object' || result.data === null) return null;
  var data = result.data;
  if (!('roomId' in data) || typeof data.roomId !== 'string' || data.roomId === '') return null;
  if (!('chatType' in data)) return null;
  for (var i = 0; i < CHAT_TYPES.length; i += 1) {
    if (CHAT_TYPES[i] === data.chatType) return { roomId: data.roomId, chatType: CHAT_TYPES[i]! };
  }
  return null;
}

/** wx.getGroupEnterInfo's cloudID; it fails (40097) when the mini program was not opened from a chat. */
function groupEnterCloudID(api: WechatMiniprogram.Wx): Promise<string | null> {
  return new Promise(function (resolve) {
    api.getGroupEnterInfo({
      // A one-to-one chat answers too, with its open_single_roomid (docs/platform.md, "getGroupEnterInfo").
      allowSingleChat: true,
      success: function (answer) {
        resolve(answer.cloudID || null);
      },
      fail: function () {
        resolve(null);
      },
    });
  });
}

export function createLauncherPlatform(api: WechatMiniprogram.Wx): LauncherPlatform {
  return {
    environment: function () {
      var info = api.getAppBaseInfo();
      return {
        baseLibrary: info.SDKVersion,
        weChat: info.version,
        language: info.language,
        theme: info.theme === 'dark' ? 'dark' : 'light',
      };
    },
    enteredChat: function () {
      return groupEnterCloudID(api)
        .then(function (cloudID): Promise<ChatRoom | null> | null {
          if (cloudID === null) return null;
          var data: ActionRequest<'resolveChat'> = { action: 'resolveChat', chatProof: cloudID };
          return api.cloud.callFunction({ name: TASK_FUNCTION, data: data }).then(function (answer) {
            var chat = chatRoomOf(answer.result);
            if (chat === null) console.warn('resolveChat refused; the chat picker opens instead', answer.result);
            return chat;
          });
        })
        .catch(function (error: unknown) {
          console.warn('resolveChat failed; the chat picker opens instead', error);
          return null;
        });
    },
    openChatTool: function (url, chat) {
      return api
        .openChatTool(chat ? { url: url, roomid: chat.roomId, chatType: chat.chatType } : { url: url })
        .then(function () {
          return undefined;
        });
    },
    setTitle: function (title) {
      api.setNavigationBarTitle({ title: title });
    },
  };
}

var current: LauncherPlatform | null = null;

export function launcherPlatform(): LauncherPlatform {
  if (current === null) current = createLauncherPlatform(wx);
  return current;
}
