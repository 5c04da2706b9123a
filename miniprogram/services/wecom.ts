// The WeCom page's one way to everything outside it (docs/platforms.md#wecom-client): wx.qy (login, the entry, the
// chat, sending the card) and the WeCom server over HTTPS (wx.cloud does not serve a mini program inside WeCom:
// docs/platforms.md#wecom-reaching-the-server). The page never calls either itself. ES5 syntax and built-ins only,
// async steps as promise chains: WeCom runs an older base library, and the main package is held to ES5
// (docs/platform.md#engines). `import type` is erased: the contracts are shared, no code is.
import type { ActionName, Actions } from '../../packageChatTool/core/api';
import type { WecomChat, WecomEntered, WecomRequest } from '../../platforms/wecom/protocol';

/**
 * The page a WeCom mini program message opens: '.html' at the end, as sendChatMessage requires, and no query, which
 * WeCom does not carry (docs/platforms.md#wecom-sending). A test keeps it equal to the page app.json registers.
 */
export var WECOM_MESSAGE_PAGE = 'miniprogram/pages/wecom/index.html';

/** Where the page stands once started: outside WeCom, in WeCom outside a chat's toolbar, or in a chat. */
export type WecomStart =
  | { kind: 'notWecom' }
  | { kind: 'outsideChat'; entry: WechatMiniprogram.Qy.Entry }
  | { kind: 'inChat'; chatType: WecomEntered['chatType']; entry: WechatMiniprogram.Qy.Entry };

/** Any refusal: the server's code (or the client's own: NETWORK, QY_FAILED, NOT_CONFIGURED), and a message for logs. */
export interface WecomFailure {
  code: string;
  message: string;
}

export type WecomAnswer<T> = { ok: true; data: T } | { ok: false; error: WecomFailure };

/** What an action sends besides `action` and the chat proof, which the services add. */
export type WecomFields<A extends ActionName> = Omit<Actions[A]['request'], 'chatProof'>;

export interface WecomServices {
  start(): Promise<WecomStart>;
  call<A extends ActionName>(action: A, fields: WecomFields<A>): Promise<WecomAnswer<Actions[A]['response']>>;
  /** Sends the task's card into the current chat as the user: a mini program message. */
  publish(title: string): Promise<WecomAnswer<null>>;
}

export interface WecomSettings {
  /** The WeCom server's URL (miniprogram/config.ts WECOM_SERVICE_URL). */
  serviceUrl: string;
  /** The card's picture: an http(s) URL, 5:4 (config.ts WECOM_CARD_IMAGE_URL). */
  cardImageUrl: string;
}

/** Which qy API names the chat of each entry, and how its answer becomes the chat the server is told. */
var CHAT_READERS: { [entry: string]: (qy: WechatMiniprogram.Qy.Api) => Promise<WecomChat> } = {
  group_chat_tools: function (qy) {
    return qyCall<WechatMiniprogram.Qy.ChatResult>(function (o) {
      qy.getCurExternalChat(o);
    }).then(function (answer) {
      return { kind: 'customerGroup', chatId: answer.chatId } as WecomChat;
    });
  },
  chain_group_chat_tools: function (qy) {
    return qyCall<WechatMiniprogram.Qy.ChatResult>(function (o) {
      qy.getCurCorpGroupChat(o);
    }).then(function (answer) {
      return { kind: 'chainGroup', chatId: answer.chatId } as WecomChat;
    });
  },
  single_chat_tools: function (qy) {
    return qyCall<WechatMiniprogram.Qy.ExternalContactResult>(function (o) {
      qy.getCurExternalContact(o);
    }).then(function (answer) {
      return { kind: 'customerSingle', contactId: answer.userId } as WecomChat;
    });
  },
  chain_single_chat_tools: function (qy) {
    return qyCall<WechatMiniprogram.Qy.CorpGroupContactResult>(function (o) {
      qy.getCurCorpGroupContact(o);
    }).then(function (answer) {
      return { kind: 'chainSingle', corpId: answer.corpId, contactId: answer.userId } as WecomChat;
    });
  },
};

/** A wx.qy call (made by `method`, on wx.qy itself) as a promise; a fail answer rejects with a QY_FAILED failure. */
function qyCall<T>(method: (option: WechatMiniprogram.Qy.Callbacks<T>) => void): Promise<T> {
  return new Promise(function (resolve, reject) {
    method({
      success: resolve,
      fail: function (error) {
        reject({ code: 'QY_FAILED', message: error.errMsg } as WecomFailure);
      },
    });
  });
}

var isFailure = function (value: unknown): value is WecomFailure {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
};

/** Codes after which a fresh login and chat proof may succeed where the old ones did not. */
var STALE = ['SESSION_EXPIRED', 'SESSION_INVALID', 'CHAT_PROOF_EXPIRED'];

export function wecomServices(api: WechatMiniprogram.Wx, settings: WecomSettings): WecomServices {
  var session = '';
  var entered: WecomEntered | null = null;

  function post<T>(body: WecomRequest): Promise<WecomAnswer<T>> {
    return new Promise(function (resolve) {
      api.request({
        url: settings.serviceUrl,
        method: 'POST',
        header: { 'content-type': 'application/json' },
        data: body,
        success: function (response) {
          var data = response.data;
          if (typeof data === 'object' && data !== null && 'ok' in data) resolve(data as WecomAnswer<T>);
          else resolve({ ok: false, error: { code: 'NETWORK', message: 'HTTP ' + response.statusCode } });
        },
        fail: function (error) {
          resolve({ ok: false, error: { code: 'NETWORK', message: error.errMsg } });
        },
      });
    });
  }

  /** Unwraps an answer, rejecting with its failure. */
  function must<T>(answer: WecomAnswer<T>): T {
    if (!answer.ok) throw answer.error;
    return answer.data;
  }

  function start(): Promise<WecomStart> {
    var qy = api.qy;
    if (qy === undefined) return Promise.resolve({ kind: 'notWecom' } as WecomStart);
    // The same code the server answers when its own settings are missing (platforms/wecom/function.ts).
    if (settings.serviceUrl === '') {
      return Promise.reject({ code: 'NOT_CONFIGURED', message: 'WECOM_SERVICE_URL is not set' } as WecomFailure);
    }
    return startIn(qy);
  }

  function startIn(qy: WechatMiniprogram.Qy.Api): Promise<WecomStart> {
    var entry: WechatMiniprogram.Qy.Entry = 'normal';
    return qyCall<WechatMiniprogram.Qy.LoginResult>(function (o) {
      qy.login(o);
    })
      .then(function (login) {
        return post<{ session: string }>({ op: 'login', code: login.code });
      })
      .then(function (answer) {
        session = must(answer).session;
        return qyCall<WechatMiniprogram.Qy.ContextResult>(function (o) {
          qy.getContext(o);
        });
      })
      .then(function (context): Promise<WecomStart> {
        entry = context.entry;
        var reader = CHAT_READERS[entry];
        if (reader === undefined) return Promise.resolve({ kind: 'outsideChat', entry: entry } as WecomStart);
        return reader(qy)
          .then(function (chat) {
            return post<WecomEntered>({ op: 'enter', session: session, chat: chat });
          })
          .then(function (answer) {
            entered = must(answer);
            return { kind: 'inChat', chatType: entered.chatType, entry: entry } as WecomStart;
          });
      });
  }

  function callOnce<A extends ActionName>(action: A, fields: WecomFields<A>) {
    var request: { action: string } & Record<string, unknown> = { action: action };
    var names = Object.keys(fields);
    for (var i = 0; i < names.length; i += 1) request[names[i]!] = (fields as Record<string, unknown>)[names[i]!];
    if (entered !== null) request.chatProof = entered.chatProof;
    return post<Actions[A]['response']>({ op: 'call', session: session, request: request });
  }

  return {
    start: start,
    call: function <A extends ActionName>(action: A, fields: WecomFields<A>) {
      return callOnce(action, fields).then(function (answer) {
        if (answer.ok || STALE.indexOf(answer.error.code) < 0) return answer;
        // A session or chat proof that lapsed while the page stayed open: log in again, once.
        return start().then(
          function () {
            return callOnce(action, fields);
          },
          function (error: unknown) {
            return { ok: false, error: isFailure(error) ? error : { code: 'QY_FAILED', message: String(error) } };
          },
        );
      });
    },
    publish: function (title) {
      var qy = api.qy;
      if (qy === undefined) return Promise.resolve({ ok: false, error: { code: 'QY_FAILED', message: 'not WeCom' } });
      var client = qy;
      return new Promise(function (resolve) {
        client.sendChatMessage({
          msgtype: 'miniprogram',
          miniprogram: {
            appid: api.getAccountInfoSync().miniProgram.appId,
            title: title,
            imgUrl: settings.cardImageUrl,
            page: WECOM_MESSAGE_PAGE,
          },
          success: function () {
            resolve({ ok: true, data: null });
          },
          fail: function (error) {
            resolve({ ok: false, error: { code: 'QY_FAILED', message: error.errMsg } });
          },
        });
      });
    },
  };
}
