// The simulated Feishu group (npm start → /feishu/): the messages the bot posted, each card rendered from its JSON
// (header, the language's i18n_elements, markdown with @-mentions and links, buttons); a click sends the chosen
// member's real signed callback through the simulator; the web app opens beside the chat as Feishu's sidebar does.
export {};

interface Member {
  openId: string;
  name: string;
}
interface Message {
  messageId: string;
  content: Record<string, unknown>;
  sentAt: number;
  patches: number;
}
interface State {
  chat: { chatId: string; name: string };
  members: Member[];
  messages: Message[];
}
type Element = {
  tag: string;
  content?: string;
  actions?: { text: { content: string }; value: unknown; type?: string }[];
};

const zh = navigator.language.toLowerCase().startsWith('zh');
const language = zh ? 'zh_cn' : 'en_us';
const T = zh
  ? {
      me: '我是',
      open: '打开网页应用',
      close: '返回群聊',
      profile: '个人资料',
      empty: '群里还没有卡片：打开网页应用新建。',
    }
  : {
      me: 'I am',
      open: 'Open the web app',
      close: 'Back to the chat',
      profile: 'Profile',
      empty: 'No cards yet: open the web app to create one.',
    };

const root = document.getElementById('group') as HTMLElement;
let state: State | null = null;
let me = '';
let shown = '';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

const nameOf = (openId: string) => state?.members.find((m) => m.openId === openId)?.name ?? openId;

/** Card markdown as Feishu renders the parts the bot uses: @-mentions, bold, links, escapes, line breaks. */
function markdown(text: string): HTMLElement {
  const block = el('div', '', { class: 'md' });
  const pattern = /<at id=(ou_[A-Za-z0-9]+)><\/at>|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)]+)\)|\\(.)|\n/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    block.append(document.createTextNode(text.slice(last, match.index)));
    if (match[1] !== undefined) block.append(el('span', `@${nameOf(match[1])}`, { class: 'at' }));
    else if (match[2] !== undefined) block.append(el('strong', match[2]));
    else if (match[3] !== undefined) {
      const link = el('a', match[3], { href: '#', role: 'link' });
      const target = match[4] ?? '';
      link.addEventListener('click', (event) => {
        event.preventDefault();
        openApp(target);
      });
      block.append(link);
    } else if (match[5] !== undefined) block.append(document.createTextNode(match[5]));
    else block.append(el('br'));
    last = (match.index ?? 0) + match[0].length;
  }
  block.append(document.createTextNode(text.slice(last)));
  return block;
}

function toast(text: string, kind: string) {
  const note = el('div', text, { class: `toast ${kind}`, role: 'status' });
  document.body.append(note);
  setTimeout(() => note.remove(), 2500);
}

async function press(message: Message, value: unknown) {
  const response = await fetch('/feishu/api/click', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openId: me, messageId: message.messageId, value }),
  });
  const answer = (await response.json()) as {
    status: number;
    body: { toast?: { type: string; content: string; i18n?: Record<string, string> } };
  };
  const t = answer.body.toast;
  if (t !== undefined) toast(t.i18n?.[language] ?? t.content, t.type);
  await refresh();
}

function card(message: Message): HTMLElement {
  const content = message.content;
  const header = content.header as
    { title?: { content?: string; i18n?: Record<string, string> }; template?: string } | undefined;
  const box = el('article', '', {
    class: `card ${header?.template ?? 'plain'}`,
    'aria-label': header?.title?.content ?? 'card',
  });
  if (header?.title !== undefined) box.append(el('h2', header.title.i18n?.[language] ?? header.title.content ?? ''));
  const i18n = content.i18n_elements as Record<string, Element[]> | undefined;
  const elements = i18n?.[language] ?? (content.elements as Element[] | undefined) ?? [];
  for (const element of elements) {
    if (element.tag === 'markdown') box.append(markdown(element.content ?? ''));
    if (element.tag === 'action') {
      const row = el('div', '', { class: 'actions' });
      for (const action of element.actions ?? []) {
        const button = el('button', action.text.content, {
          type: 'button',
          class: action.type ?? 'default',
          'aria-label': action.text.content,
        });
        button.addEventListener('click', () => void press(message, action.value));
        row.append(button);
      }
      box.append(row);
    }
  }
  return box;
}

function openApp(url: string) {
  if (state === null) return;
  const target = new URL(url, location.origin);
  target.searchParams.set('member', me);
  panel.replaceChildren(
    el('button', T.close, { type: 'button', class: 'close', 'aria-label': T.close }),
    el('iframe', '', { src: target.pathname + target.search, title: T.open }),
  );
  panel.querySelector('button')?.addEventListener('click', () => panel.replaceChildren());
}

// The frame of the group: built once, so the web app's frame beside the chat is never reloaded by a re-render.
const picker = el('select', '', { 'aria-label': T.me });
const open = el('button', T.open, { type: 'button', class: 'primary', 'aria-label': T.open });
// Enabled once the group is loaded (the first load starts the fake OpenAPI and the bot service).
open.disabled = true;
const title = el('h1');
const chat = el('section', '', { class: 'chat' });
const panel = el('aside', '', { id: 'app-panel', 'aria-label': T.open });
const head = el('header');
head.append(title, el('label', `${T.me} `), picker, open);
const layout = el('div', '', { class: 'layout' });
layout.append(chat, panel);
root.replaceChildren(head, layout);
picker.addEventListener('change', () => {
  me = picker.value;
  // Each member opens the web app as themselves.
  panel.replaceChildren();
});
open.addEventListener('click', () => {
  if (state !== null) openApp(`/feishu/app/?chat=${encodeURIComponent(state.chat.chatId)}`);
});

function render() {
  if (state === null) return;
  const s = state;
  title.textContent = s.chat.name;
  open.disabled = false;
  chat.setAttribute('aria-label', s.chat.name);
  if (picker.options.length === 0) {
    for (const member of s.members) picker.append(el('option', member.name, { value: member.openId }));
    picker.value = me;
  }
  chat.replaceChildren(...(s.messages.length === 0 ? [el('p', T.empty, { class: 'muted' })] : s.messages.map(card)));
}

async function refresh() {
  const next = (await (await fetch('/feishu/api/state')).json()) as State;
  const fingerprint = JSON.stringify(next.messages);
  me ||= next.members[0]?.openId ?? '';
  const first = state === null;
  state = next;
  if (first || fingerprint !== shown) {
    shown = fingerprint;
    render();
  }
}

window.addEventListener('message', (event) => {
  if (event.origin !== location.origin || typeof event.data !== 'object' || event.data === null) return;
  const data = event.data as { type?: string; openid?: string };
  if (data.type === 'enterChat') panel.replaceChildren();
  if (data.type === 'enterProfile' && data.openid !== undefined) toast(`${T.profile}: ${nameOf(data.openid)}`, 'info');
});

void refresh();
setInterval(() => void refresh(), 1000);
