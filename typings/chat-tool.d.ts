// What miniprogram-api-typings 5.2.3 lacks or gets wrong for chat tools (docs/platform.md).

/** wx.getApiCategory() results (documented since base library 2.33.0); 'chatTool' inside a chat tool. */
type ApiCategory = 'default' | 'nativeFunctionalized' | 'browseOnly' | 'embedded' | 'chatTool';

/** The decrypted payload of wx.getChatToolInfo / wx.getGroupEnterInfo (cloud.getOpenData or AES). */
interface ChatToolOpenData {
  /** Group chats (chat_type 3, 4). */
  opengid?: string;
  /** One-to-one chats (chat_type 1, 2). */
  open_single_roomid?: string;
  /** The user's id in this chat; the same user has a different one in every chat. */
  group_openid: string;
  chat_type: 1 | 2 | 3 | 4;
  watermark?: { appid: string; timestamp: number };
}

/** A chat-tool card needs only templateId; the official typings require parameterList. */
interface ChatToolTemplateInfo {
  templateId: string;
  parameterList?: WechatMiniprogram.UpdatableMessageFrontEndParameter[];
}

declare namespace WechatMiniprogram {
  /** wx.updateShareMenu declaring a chat-tool card (useForChatTool): templateInfo needs only templateId. */
  type ChatToolShareMenuOption = Omit<UpdateShareMenuOption, 'templateInfo' | 'success' | 'fail' | 'complete'> & {
    useForChatTool: true;
    templateInfo: ChatToolTemplateInfo;
  };

  interface Wx {
    /** Promise style, for chat-tool cards (no parameterList). */
    updateShareMenu(option: ChatToolShareMenuOption): Promise<GeneralCallbackResult>;
    /** Minigame / open mode: true inside a chat tool. Absent from the official typings. */
    isChatTool?: () => boolean;
    /** Minigame / open mode: leaves chat-tool mode. Absent from the official typings. */
    exitChatTool?: (option?: {
      success?: () => void;
      fail?: (err: GeneralCallbackResult) => void;
      complete?: () => void;
    }) => void;
  }
}
