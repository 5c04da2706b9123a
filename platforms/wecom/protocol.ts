// What the WeCom page and the WeCom server say to each other (service.ts), declared once for both: types only, no
// node and no wx, so the main package's services may import them (erased). The group task's own actions travel
// inside `call`, as the chat tool sends them.

/** The kit's chat types WeCom chats are: 2 one-to-one, 4 group (kit/core/chat.ts). */
export type WecomChatType = 2 | 4;

/** The chats a WeCom toolbar page can be opened in, as the page read them from wx.qy (docs/platforms.md#wecom-chats). */
export type WecomChat =
  | { kind: 'customerGroup'; chatId: string }
  | { kind: 'chainGroup'; chatId: string }
  | { kind: 'customerSingle'; contactId: string }
  | { kind: 'chainSingle'; corpId: string; contactId: string };

export type WecomRequest =
  | { op: 'login'; code: string }
  | { op: 'enter'; session: string; chat: WecomChat }
  | { op: 'call'; session: string; request: { action: string } & Record<string, unknown> };

/** The refusals of login and enter themselves; an action's answer carries the group task's own codes. */
export type WecomErrorCode =
  'INVALID_REQUEST' | 'CODE_INVALID' | 'SESSION_INVALID' | 'SESSION_EXPIRED' | 'CHAT_FOREIGN' | 'PLATFORM_FAILED';

export interface WecomEntered {
  /** The chat proof: sent as `chatProof` with every action in this chat. */
  chatProof: string;
  chatType: WecomChatType;
}
