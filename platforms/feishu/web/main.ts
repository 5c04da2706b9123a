// The Feishu web app page (docs/platforms.md, "Feishu: web app"): opened from the group (the applink's query names
// the chat), it logs in with requestAccess (requestAuthCode on clients before 6.9.0), the server exchanges the code
// and checks the chat's member list before anything; then the chat's tasks, a task's page, and a create form.
// Everything shown is set as text, never as HTML. Back to the group through tt.enterChat (3.10+) or an AppLink;
// a participant's profile through tt.enterProfile (4.0+ in web apps) or a note to update.
import { chatAppLink, clientVersion, gates } from './gates';
import { TEXTS } from './texts';

interface TtCallbacks<T> {
  success?: (result: T) => void;
  fail?: (error: unknown) => void;
}
interface Tt {
  requestAccess(options: { appID: string; scopeList: string[] } & TtCallbacks<{ code: string }>): void;
  requestAuthCode(options: { appId: string } & TtCallbacks<{ code: string }>): void;
  enterChat(options: { openChatId: string } & TtCallbacks<unknown>): void;
  enterProfile(options: { openid: string } & TtCallbacks<unknown>): void;
}
interface H5Sdk {
  config(options: {
    appId: string;
    timestamp: number;
    nonceStr: string;
    signature: string;
    jsApiList: string[];
    onSuccess: () => void;
    onFail: (error: unknown) => void;
  }): void;
}
declare global {
  interface Window {
    tt?: Tt;
    h5sdk?: H5Sdk;
  }
}

interface Answer<T> {
  ok: boolean;
  data?: T;
  error?: { code: string; message: string };
}
interface Member {
  openId: string;
  name: string;
}
interface TaskSummary {
  id: string;
  title: string;
  state: 'open' | 'closingSoon' | 'ended';
  done: number;
}
interface TaskView {
  id: string;
  title: string;
  description: string;
  kind: 'participate' | 'complete';
  state: 'open' | 'closingSoon' | 'ended';
  counts: { joined: number; waitlisted: number };
  participants: { items: { memberId: string }[] };
  waitlist: { items: { memberId: string }[] };
  viewer: { can: { join: boolean; leave: boolean; remind: boolean; end: boolean; renewCard: boolean } };
  card: { expired: boolean };
}

const t = navigator.language.toLowerCase().startsWith('zh') ? TEXTS.zh : TEXTS.en;
document.documentElement.lang = navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
const app = document.getElementById('app') as HTMLElement;
const query = new URLSearchParams(location.search);
const chatId = query.get('chat') ?? '';
const appId = document.querySelector<HTMLMetaElement>('meta[name="feishu-app-id"]')?.content ?? '';
const can = gates(clientVersion(navigator.userAgent));
let session = '';
/** Whether h5sdk.config succeeded: every JSAPI but requestAccess / requestAuthCode needs it first. */
let authenticated = false;
let members: Member[] = [];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}) {
  const node = document.createElement(tag);
  node.textContent = text;
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  return node;
}

function show(...nodes: Node[]) {
  app.replaceChildren(...nodes);
}

function row(...nodes: Node[]) {
  const node = el('div', '', { class: 'row' });
  node.append(...nodes);
  return node;
}

function button(text: string, onClick: () => void, kind = '') {
  const node = el('button', text, { type: 'button', 'aria-label': text, class: kind });
  node.addEventListener('click', onClick);
  return node;
}

const nameOf = (memberId: string) => {
  const openId = memberId.replace(/^feishu-/, '');
  return { openId, name: members.find((member) => member.openId === openId)?.name ?? openId };
};

async function post<T>(path: string, body: unknown): Promise<Answer<T>> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(session === '' ? {} : { authorization: `Bearer ${session}` }) },
    body: JSON.stringify(body),
  });
  return (await response.json()) as Answer<T>;
}

const call = <T>(action: string, request: Record<string, unknown> = {}) =>
  post<T>('api/call', { chatId, action, request });

function code(): Promise<string> {
  return new Promise((resolve, reject) => {
    const tt = window.tt;
    if (tt === undefined || can.login === 'none') return reject(new Error('outside Feishu'));
    const callbacks = { success: (r: { code: string }) => resolve(r.code), fail: reject };
    if (can.login === 'requestAccess') tt.requestAccess({ appID: appId, scopeList: [], ...callbacks });
    else tt.requestAuthCode({ appId, ...callbacks });
  });
}

/** JSAPI authentication: the server signs this page's URL with the app's jsapi_ticket. */
async function authenticate(): Promise<boolean> {
  const sdk = window.h5sdk;
  if (sdk === undefined) return false;
  const config = await post<{ appId: string; timestamp: number; nonceStr: string; signature: string }>('api/jsapi', {
    url: location.href.split('#')[0],
  });
  if (!config.ok || config.data === undefined) return false;
  const params = config.data;
  return new Promise((resolve) => {
    sdk.config({
      ...params,
      jsApiList: ['enterChat', 'enterProfile'],
      onSuccess: () => resolve(true),
      onFail: () => resolve(false),
    });
  });
}

function backToChat() {
  if (can.chat === 'enterChat' && authenticated && window.tt !== undefined) window.tt.enterChat({ openChatId: chatId });
  else location.href = chatAppLink(chatId);
}

function alertOf(answer: Answer<unknown>) {
  return el('p', `${t.failed}${answer.error?.code ?? ''}`, { role: 'alert' });
}

function memberList(items: { memberId: string }[], label: string) {
  const list = el('ul', '', { 'aria-label': label });
  for (const item of items) {
    const { openId, name } = nameOf(item.memberId);
    const li = el('li');
    if (can.profile === 'enterProfile' && authenticated && window.tt !== undefined) {
      const tt = window.tt;
      li.append(button(name, () => tt.enterProfile({ openid: openId })));
    } else {
      li.append(el('span', name), el('span', ` · ${t.profileOld}`, { class: 'muted' }));
    }
    list.append(li);
  }
  return list;
}

async function taskPage(taskId: string) {
  const answer = await call<TaskView>('getTask', { taskId });
  if (!answer.ok || answer.data === undefined)
    return show(
      alertOf(answer),
      button(t.list, () => void listPage()),
    );
  const task = answer.data;
  const act = (action: string) => async () => {
    const result = await call<unknown>(action, { taskId });
    if (!result.ok)
      return show(
        alertOf(result),
        button(t.list, () => void taskPage(taskId)),
      );
    await taskPage(taskId);
  };
  const actions = el('div', '', { class: 'row' });
  if (task.viewer.can.join)
    actions.append(button(task.kind === 'complete' ? t.markDone : t.join, act('join'), 'primary'));
  if (task.viewer.can.leave) actions.append(button(t.leave, act('leave')));
  if (task.viewer.can.remind) actions.append(button(t.remind, act('pendingMembers')));
  if (task.viewer.can.end) actions.append(button(t.end, act('endTask'), 'danger'));
  // Feishu updates a card for 14 days: after that the creator posts a new one.
  if (task.viewer.can.renewCard && task.card.expired) actions.append(button(t.repost, act('renewCard')));
  show(
    el('h1', task.title),
    el('p', `${t[task.state]} · ${task.kind === 'complete' ? t.complete : t.participate}`, { class: 'muted' }),
    el('p', task.description),
    actions,
    el('h2', `${t.participants} (${task.counts.joined})`),
    memberList(task.participants.items, t.participants),
    ...(task.counts.waitlisted > 0
      ? [el('h2', `${t.waitlist} (${task.counts.waitlisted})`), memberList(task.waitlist.items, t.waitlist)]
      : []),
    row(
      button(can.chat === 'enterChat' && authenticated ? t.back : t.backOld, backToChat),
      button(t.list, () => void listPage()),
    ),
  );
}

function field(label: string, control: HTMLElement) {
  const id = `f${Math.random().toString(36).slice(2)}`;
  control.id = id;
  return [el('label', label, { for: id }), control];
}

/** The task was saved but its card was not posted: the creator posts it again. */
function notPosted(taskId: string) {
  const retry = button(
    t.post,
    () => {
      void call<unknown>('publish', { taskId }).then((answer) =>
        answer.ok ? taskPage(taskId) : show(alertOf(answer)),
      );
    },
    'primary',
  );
  show(
    el('p', t.notPosted, { role: 'alert' }),
    row(
      retry,
      button(t.list, () => void listPage()),
    ),
  );
}

function createPage() {
  const title = el('input', '', { maxlength: '30', required: '' });
  const description = el('textarea');
  const kind = el('select');
  kind.append(el('option', t.participate, { value: 'participate' }), el('option', t.complete, { value: 'complete' }));
  const capacity = el('input', '', { type: 'number', min: '1', inputmode: 'numeric' });
  const deadline = el('input', '', { type: 'datetime-local' });
  const chosen = el('fieldset', '', { 'aria-label': t.chosen });
  for (const member of members) {
    const box = el('input', '', { type: 'checkbox', value: `feishu-${member.openId}` });
    const label = el('label');
    label.append(box, document.createTextNode(` ${member.name}`));
    chosen.append(label);
  }
  const problem = el('p', '', { role: 'alert' });
  const form = el('form');
  form.append(
    ...field(t.title, title),
    ...field(t.description, description),
    ...field(t.kind, kind),
    ...field(t.capacity, capacity),
    ...field(t.deadline, deadline),
    el('p', `${t.audience}: ${t.everyone} / ${t.chosen}`, { class: 'muted' }),
    chosen,
    problem,
    el('button', t.submit, { type: 'submit', class: 'primary', 'aria-label': t.submit }),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const picked = Array.from(chosen.querySelectorAll<HTMLInputElement>('input:checked'), (box) => box.value);
    const task = {
      title: title.value,
      description: description.value,
      kind: kind.value,
      audience: picked.length === 0 ? { kind: 'everyone' } : { kind: 'members', memberIds: picked },
      capacity: capacity.value === '' || kind.value === 'complete' ? null : Number(capacity.value),
      deadline: deadline.value === '' ? null : new Date(deadline.value).getTime(),
    };
    void call<{ task: TaskView; published: boolean }>('createTask', { task }).then((answer) => {
      if (!answer.ok || answer.data === undefined) problem.textContent = `${t.failed}${answer.error?.code ?? ''}`;
      else if (!answer.data.published) notPosted(answer.data.task.id);
      else void taskPage(answer.data.task.id);
    });
  });
  show(
    el('h1', t.create),
    form,
    button(t.list, () => void listPage()),
  );
}

async function listPage() {
  const answer = await call<{ items: TaskSummary[] }>('listRoomTasks');
  if (!answer.ok || answer.data === undefined) return show(alertOf(answer));
  const list = el('ul', '', { 'aria-label': t.tasks });
  for (const task of answer.data.items) {
    const li = el('li');
    li.append(button(`${task.title} · ${t[task.state]} · ${task.done}`, () => void taskPage(task.id)));
    list.append(li);
  }
  show(
    el('h1', t.tasks),
    answer.data.items.length === 0 ? el('p', t.none, { class: 'muted' }) : list,
    row(
      button(t.create, createPage, 'primary'),
      button(can.chat === 'enterChat' && authenticated ? t.back : t.backOld, backToChat),
    ),
  );
}

async function start() {
  show(el('p', t.loading));
  if (chatId === '') return show(el('p', t.noChat, { role: 'alert' }));
  let login: Answer<{ session: string }>;
  try {
    login = await post<{ session: string }>('api/login', { code: await code() });
  } catch {
    return show(el('p', t.outside, { role: 'alert' }));
  }
  if (!login.ok || login.data === undefined) return show(el('p', t.loginFailed, { role: 'alert' }));
  session = login.data.session;
  authenticated = await authenticate();
  const chat = await call<{ name: string; members: Member[] }>('chat');
  if (!chat.ok || chat.data === undefined) {
    return show(el('p', chat.error?.code === 'NOT_A_MEMBER' ? t.notMember : t.failed, { role: 'alert' }));
  }
  members = chat.data.members;
  document.title = `${chat.data.name} · ${t.tasks}`;
  const taskId = query.get('task');
  await (taskId === null ? listPage() : taskPage(taskId));
}

void start();
