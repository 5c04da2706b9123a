// wx.qy: WeCom's own mini program APIs, which no npm typings cover (docs/platforms.md#wecom-client). They exist only
// when the mini program runs in WeCom (wx.getSystemInfoSync().environment === 'wxwork'): hence `qy?` on Wx. Every one
// needs wx.qy.login first (a session_key not expired), and the member in the app's visible range. The minimum WeCom
// version of each is noted where WeCom documents it; the page checks the entry (getContext) before calling any of the
// chat APIs, which answer fail outside their own entry.

declare namespace WechatMiniprogram {
  namespace Qy {
    /** What every wx.qy call answers on failure: errMsg like 'qy.getCurExternalChat:fail without context ...'. */
    interface Failure {
      errMsg: string;
      errCode?: number;
    }

    interface Callbacks<T> {
      success?: (result: T) => void;
      fail?: (error: Failure) => void;
      complete?: () => void;
    }

    /** wx.qy.login: a code (valid 5 minutes, once) the server exchanges at miniprogram/jscode2session. */
    interface LoginResult {
      code: string;
      errMsg: string;
    }

    /**
     * getContext's entry: where the page was opened (docs/platforms.md#wecom-entry). contact_profile,
     * single_chat_tools, group_chat_tools and normal since WeCom 3.0.24; chat_attachment 3.1.6; single_kf_tools
     * 3.1.10; chain_single_chat_tools and chain_group_chat_tools (上下游) 4.0.8; internal_group_chat_board 4.1.36.
     */
    type Entry =
      | 'contact_profile'
      | 'single_chat_tools'
      | 'group_chat_tools'
      | 'chat_attachment'
      | 'single_kf_tools'
      | 'chain_single_chat_tools'
      | 'chain_group_chat_tools'
      | 'internal_group_chat_board'
      | 'normal';

    interface ContextResult {
      entry: Entry;
      /** Only when the page was opened from a chat: a ticket for the chat's share (not used here). */
      shareTicket?: string;
      errMsg: string;
    }

    /** getCurExternalChat (customer group, entry group_chat_tools; needs the customer-contact permission). */
    interface ChatResult {
      chatId: string;
      errMsg: string;
    }

    /** getCurExternalContact (customer one-to-one, entry single_chat_tools): the customer's external userid. */
    interface ExternalContactResult {
      userId: string;
      errMsg: string;
    }

    /** getCurCorpGroupContact (上下游 one-to-one, entry chain_single_chat_tools, WeCom 4.0.8). */
    interface CorpGroupContactResult {
      corpId: string;
      userId: string;
      errMsg: string;
    }

    /**
     * A mini program message sent as the user into the current chat. `appid` must be a mini program linked to the
     * company; `imgUrl` an http(s) picture (5:4); `page` must end in '.html' (WeChat cannot open it otherwise), and
     * carries no query (docs/platforms.md#wecom-sending).
     */
    interface MiniprogramMessage {
      appid: string;
      title: string;
      imgUrl: string;
      page: string;
    }

    type ChatMessage =
      | { msgtype: 'text'; text: { content: string } }
      | { msgtype: 'image'; image: { mediaid: string } }
      | { msgtype: 'video'; video: { mediaid: string } }
      | { msgtype: 'file'; file: { mediaid: string } }
      | { msgtype: 'news'; news: { link: string; title?: string; desc?: string; imgUrl?: string } }
      | { msgtype: 'miniprogram'; miniprogram: MiniprogramMessage };

    /** sendChatMessage: `enterChat` (go into the chat once sent) only on mobile WeCom 3.1.10+. */
    type SendChatMessageOption = ChatMessage & { enterChat?: boolean } & Callbacks<{ errMsg: string }>;

    interface Api {
      login(option: Callbacks<LoginResult>): void;
      /** Whether the session of the last login still holds. */
      checkSession(option: Callbacks<{ errMsg: string }>): void;
      /** WeCom 3.0.24+; after login. */
      getContext(option: Callbacks<ContextResult>): void;
      getCurExternalChat(option: Callbacks<ChatResult>): void;
      getCurExternalContact(option: Callbacks<ExternalContactResult>): void;
      /** 上下游 group (entry chain_group_chat_tools), WeCom 4.0.12. */
      getCurCorpGroupChat(option: Callbacks<ChatResult>): void;
      getCurCorpGroupContact(option: Callbacks<CorpGroupContactResult>): void;
      sendChatMessage(option: SendChatMessageOption): void;
    }
  }

  interface Wx {
    /** Present only inside WeCom (environment 'wxwork'). */
    qy?: Qy.Api;
  }

  interface SystemInfo {
    /** 'wxwork' inside WeCom; absent in WeChat. */
    environment?: string;
  }
}
