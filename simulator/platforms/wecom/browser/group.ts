// The simulated WeCom chats (npm start → /wecom/): a customer group, a 上下游 group and a one-to-one customer chat,
// each with its members and the mini program messages sent into it. A member of the company opens the chat toolbar:
// the REAL toolbar page runs in the simulator's phone runtime (/wecom/app.html), and this page plays the WeCom
// client around it — the fake wx.qy (platforms/wecom/fakes/wx-qy.ts, written from WeCom's documents: login first,
// versions, entries, sendChatMessage's shape), whose login codes come from the fake qyapi, and wx.request, which
// reaches the real WeCom server. Tapping a card opens the page as WeCom opens a message (entry `normal`) for a
// member, and as WeChat does for a customer (no wx.qy). Nothing of the app or the kit is loaded here.
import type { CallLogEntry, SimulatorHost } from '../../../shared/host-api';
import { createFakeWxQy, fakeRequest } from '../../../../platforms/wecom/fakes/wx-qy';

type MemberKind = 'member' | 'customer' | 'partner';
interface Member {
  userid: string;
  kind: MemberKind;
}
interface Chat {
  id: string;
  name: string;
  entry: WechatMiniprogram.Qy.Entry;
  qy: { chatId?: string; externalUserId?: string };
  members: Member[];
}
interface Card {
  chat: string;
  userid: string;
  message: { miniprogram?: { title?: string; page?: string; imgUrl?: string } };
}
interface State {
  chats: Chat[];
  appid: string;
  page: string;
  sent: Card[];
  requests: { method: string; path: string; answer: { errcode?: number } }[];
}
/** How the page was opened: from the chat toolbar, or by tapping a card in the chat. */
type Opening = 'toolbar' | 'card';

/** The WeCom client's version the simulated members run (every API the page uses is older). */
const WECOM_VERSION = '4.1.20';

const zh = navigator.language.toLowerCase().startsWith('zh');
const T = zh
  ? {
      chats: '聊天',
      members: '成员',
      kinds: { member: '企业成员', customer: '客户', partner: '上下游企业成员' } as Record<MemberKind, string>,
      toolbar: '🧰 聊天工具栏',
      toolbarLabel: '打开聊天工具栏上的小程序',
      customerNoToolbar: '客户在微信里：没有企业微信的聊天工具栏',
      partnerNoToolbar: '其他企业的成员：工具栏上是他们企业的应用',
      openCard: '打开小程序消息',
      phone: '手机',
      calls: 'wx 调用',
      empty: '还没有消息',
    }
  : {
      chats: 'Chats',
      members: 'Members',
      kinds: { member: 'company member', customer: 'customer', partner: '上下游 company member' } as Record<
        MemberKind,
        string
      >,
      toolbar: '🧰 Chat toolbar',
      toolbarLabel: 'Open the mini program on the chat toolbar',
      customerNoToolbar: 'A customer is in WeChat: there is no WeCom chat toolbar',
      partnerNoToolbar: "A member of another company: their toolbar holds their company's apps",
      openCard: 'Open the mini program message',
      phone: 'Phone',
      calls: 'wx calls',
      empty: 'No messages yet',
    };

const root = document.getElementById('group')!;
const theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const post = async (path: string, body: unknown): Promise<Record<string, unknown>> => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Record<string, unknown>;
};

let state: State | null = null;
let chatId = 'customer-group';
let viewer = 'Alice';
const calls: CallLogEntry[] = [];
// Built once: moving the phone's frame in the document would reload the page in it.
const chatsBox = el('nav', { className: 'chats', ariaLabel: T.chats });
const chatBox = el('section', { className: 'chat' });
const phoneBox = el('section', { className: 'phone', ariaLabel: T.phone });
root.append(chatsBox, el('main', {}, chatBox, phoneBox));
const callList = el('ol', { className: 'calls' });
const errorBox = el('p', { className: 'error', role: 'alert' });

const currentChat = (): Chat => state!.chats.find((c) => c.id === chatId)!;
const currentMember = (): Member => currentChat().members.find((m) => m.userid === viewer)!;

function logCall(entry: CallLogEntry): void {
  calls.push(entry);
  callList.append(el('li', { className: entry.ok ? '' : 'failed' }, `${entry.api} ${JSON.stringify(entry.args)}`));
}

/**
 * What this WeCom client adds to wx for `member` opening the page in `chat`: wx.qy (absent for a customer, who is in
 * WeChat) and wx.request. A login code is fetched before the page asks, since wx.qy.login answers from a code at hand.
 */
async function platformApis(chat: Chat, member: Member, opening: Opening): Promise<Record<string, unknown>> {
  const request = (option: WechatMiniprogram.RequestOption): void => {
    const started = performance.now();
    const args = { url: option.url, method: option.method ?? 'GET', data: option.data };
    void fakeRequest(option)
      .then(({ statusCode, data }) => {
        logCall({ api: 'request', args, ok: true, result: data, ms: Math.round(performance.now() - started) });
        option.success?.({ statusCode, data, header: {}, cookies: [], errMsg: 'request:ok' } as never);
      })
      .catch((failure: unknown) => {
        const result = { errMsg: `request:fail ${String(failure)}` };
        logCall({ api: 'request', args, ok: false, result, ms: 0 });
        option.fail?.(result as never);
      });
  };
  if (member.kind === 'customer') return { qy: undefined, request };
  const codeOf = async () => String((await post('/wecom/api/code', { chat: chat.id, userid: member.userid })).code);
  let code = await codeOf();
  const fake = createFakeWxQy({
    version: WECOM_VERSION,
    // A card tapped in a chat opens the page outside the toolbar (docs/platforms.md#wecom-in-the-simulator).
    entry: opening === 'toolbar' ? chat.entry : 'normal',
    chat: chat.qy,
    login: () => {
      const used = code;
      void codeOf().then((next) => (code = next));
      return used;
    },
    linkedAppids: [state!.appid],
  });
  // Each call shows in the call list with its answer; a sent message goes into the chat.
  const qy = Object.fromEntries(
    Object.entries(fake.qy).map(([name, method]) => [
      name,
      (option: WechatMiniprogram.Qy.Callbacks<unknown> & Record<string, unknown>) => {
        const args = Object.fromEntries(Object.entries(option).filter(([, v]) => typeof v !== 'function'));
        (method as (o: object) => void)({
          ...option,
          success: (result: unknown) => {
            logCall({ api: `qy.${name}`, args, ok: true, result, ms: 0 });
            const done = () => option.success?.(result);
            if (name !== 'sendChatMessage') return done();
            void post('/wecom/api/sent', { chat: chat.id, userid: member.userid, message: args }).then(() => {
              done();
              void render();
            });
          },
          fail: (result: { errMsg: string }) => {
            logCall({ api: `qy.${name}`, args, ok: false, result, ms: 0 });
            option.fail?.(result);
          },
        });
      },
    ]),
  );
  return { qy, request };
}

/** Opens the toolbar page in the phone for the member looking, as WeCom (or WeChat, for a customer) would. */
async function openPage(opening: Opening): Promise<void> {
  const chat = currentChat();
  const member = currentMember();
  errorBox.textContent = '';
  const apis = await platformApis(chat, member, opening);
  const frame = el('iframe', { id: 'app-frame', title: T.phone });
  const host: SimulatorHost = {
    session: () => ({
      viewer: { openid: member.userid, nickname: member.userid },
      chat: null,
      launch: { path: state!.page, query: {} },
      language: zh ? 'zh_CN' : 'en',
      theme,
      directory: [],
    }),
    call: (request) => Promise.reject(new Error(`${request.api}: not in WeCom (no WeChat chat tool here)`)),
    log: logCall,
    routeChanged: () => undefined,
    reportBuildErrors: (errors) => {
      errorBox.textContent = errors.map((e) => `${e.file}:${e.line} ${e.message}`).join('\n');
    },
    reportRuntimeError: (message) => {
      errorBox.textContent = message;
    },
    ready: () => {
      frame.dataset.ready = '1';
    },
    platformApis: () => apis,
  };
  window.simulatorHost = host;
  callList.replaceChildren();
  calls.length = 0;
  phoneBox.replaceChildren(el('h2', {}, `${T.phone} · ${member.userid}`), frame);
  frame.src = '/wecom/app.html';
}

function cardOf(card: Card): HTMLElement {
  const mp = card.message.miniprogram ?? {};
  return el(
    'li',
    { className: 'card' },
    el('small', {}, card.userid),
    el(
      'button',
      { className: 'open-card', ariaLabel: `${T.openCard}: ${mp.title ?? ''}`, onclick: () => void openPage('card') },
      el('img', { src: mp.imgUrl ?? '', alt: '' }),
      el('strong', { className: 'card-title' }, mp.title ?? ''),
      el('small', {}, `小程序 · ${mp.page ?? ''}`),
    ),
  );
}

async function render(): Promise<void> {
  state = (await (await fetch('/wecom/api/state')).json()) as State;
  const chat = currentChat();
  if (!chat.members.some((m) => m.userid === viewer)) viewer = chat.members[0]!.userid;
  const chats: HTMLElement[] = [];
  for (const each of state.chats) {
    const pick = () => {
      chatId = each.id;
      void render();
    };
    const button = el('button', { onclick: pick, className: each.id === chatId ? 'current' : '' }, each.name);
    if (each.id === chatId) button.setAttribute('aria-current', 'true');
    chats.push(button);
  }
  const members = el('nav', { className: 'members', ariaLabel: T.members });
  for (const member of chat.members) {
    const pick = () => {
      viewer = member.userid;
      void render();
    };
    const button = el(
      'button',
      { onclick: pick, className: member.userid === viewer ? 'current' : '', ariaLabel: member.userid },
      member.userid,
      el('small', {}, ` ${T.kinds[member.kind]}`),
    );
    if (member.userid === viewer) button.setAttribute('aria-current', 'true');
    members.append(button);
  }
  const cards = state.sent.filter((card) => card.chat === chat.id);
  const messages = el('ol', { className: 'messages' }, ...cards.map(cardOf));
  if (cards.length === 0) messages.append(el('li', { className: 'empty' }, T.empty));
  const kind = currentMember().kind;
  const toolbar = el('button', {
    className: 'toolbar',
    ariaLabel: T.toolbarLabel,
    disabled: kind !== 'member',
    onclick: () => void openPage('toolbar'),
  });
  toolbar.append(T.toolbar);
  const why = kind === 'customer' ? T.customerNoToolbar : kind === 'partner' ? T.partnerNoToolbar : '';
  const log = el('details', {}, el('summary', {}, `qyapi (${state.requests.length})`));
  log.append(
    el('ol', {}, ...state.requests.map((r) => el('li', {}, `${r.method} ${r.path} → ${r.answer.errcode ?? 0}`))),
  );
  const callsBox = el('details', {}, el('summary', {}, T.calls), callList);
  chatsBox.replaceChildren(...chats);
  chatBox.replaceChildren(el('h1', {}, chat.name), members, messages, toolbar);
  if (why) chatBox.append(el('p', { className: 'note' }, why));
  chatBox.append(errorBox, log, callsBox);
}

void render();
