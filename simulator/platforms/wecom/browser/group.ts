// The simulated WeCom customer group (npm start → /wecom/): the cards members sent into it, and its chat toolbar,
// which opens the toolbar page's real services (miniprogram/services/wecom.ts) for the member looking, over a fake
// wx.qy (platforms/wecom/fakes/wx-qy.ts) whose login codes come from the fake qyapi and whose wx.request reaches the
// real WeCom server. The panel shows what the page shows: the chat's tasks live, create and send, sign up or mark
// done, leave, end. The page's own WXML runs in WeCom (and in the page tests); the simulator's phone has no wx.qy.
import type { TaskSummary } from '../../../../packageChatTool/core/api';
import { createFakeWxQy } from '../../../../platforms/wecom/fakes/wx-qy';
import type { WecomAnswer, WecomServices } from '../../../../miniprogram/services/wecom';
import { wecomServices } from '../../../../miniprogram/services/wecom';
import { fill, wecomError, wecomTexts } from '../../../../miniprogram/utils/wecom-texts';

interface Member {
  userid: string;
  type: 1 | 2;
}
interface State {
  group: { chatId: string; name: string };
  members: Member[];
  appid: string;
  sent: { userid: string; at: number; message: { miniprogram?: { title?: string; page?: string } } }[];
  requests: { method: string; path: string; answer: { errcode?: number } }[];
}

const texts = wecomTexts(navigator.language.replace('-', '_'));
const root = document.getElementById('group')!;

const post = async (path: string, body: unknown): Promise<unknown> => {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return response.json();
};

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

let viewer = 'Alice';
let services: WecomServices | null = null;
let error = '';

/** The toolbar page's services for `userid`, as WeCom would run them: a fake wx.qy, wx.request to the server. */
async function open(state: State, userid: string): Promise<WecomServices> {
  const codeOf = async () => ((await post('/wecom/api/code', { userid })) as { code: string }).code;
  let code = await codeOf();
  const fake = createFakeWxQy({
    version: '4.1.20',
    entry: 'group_chat_tools',
    chat: { chatId: state.group.chatId },
    login: () => {
      const used = code;
      void codeOf().then((next) => (code = next));
      return used;
    },
    linkedAppids: [state.appid],
  });
  const send = fake.qy.sendChatMessage;
  fake.qy.sendChatMessage = (option) =>
    send({
      ...option,
      success: (result) => {
        void post('/wecom/api/sent', { userid, message: fake.sent[fake.sent.length - 1] }).then(() => render());
        option.success?.(result);
      },
    });
  const wx = {
    qy: fake.qy,
    getAccountInfoSync: () => ({ miniProgram: { appId: state.appid, envVersion: 'develop', version: '' } }),
    request: (option: WechatMiniprogram.RequestOption) => {
      void fetch(option.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(option.data),
      })
        .then(async (response) =>
          option.success?.({ statusCode: response.status, data: await response.json() } as never),
        )
        .catch((failure: unknown) => option.fail?.({ errMsg: `request:fail ${String(failure)}` } as never));
    },
  } as unknown as WechatMiniprogram.Wx;
  const opened = wecomServices(wx, {
    serviceUrl: '/wecom/api/server',
    cardImageUrl: `${location.origin}/wecom/card.svg`,
  });
  const start = await opened.start().catch((failure: { code?: string }) => failure);
  if ('code' in start) error = wecomError(texts, start.code ?? '');
  return opened;
}

/** Shows a refusal; true when the answer succeeded. */
function shown<T>(answer: WecomAnswer<T>): answer is { ok: true; data: T } {
  error = answer.ok ? '' : wecomError(texts, answer.error.code);
  return answer.ok;
}

function taskRow(task: TaskSummary): HTMLElement {
  const open = task.state !== 'ended';
  const signedUp = task.status === 'done' || task.status === 'waitlisted';
  const act = (action: 'join' | 'leave' | 'endTask') => async () => {
    if (services && shown(await services.call(action, { taskId: task.id }))) await render();
    else await render();
  };
  const buttons: HTMLElement[] = [];
  const named = { title: task.title };
  if (open && !task.isCreator && !signedUp) {
    const label = fill(task.kind === 'complete' ? texts.markDoneLabel : texts.joinLabel, named);
    buttons.push(
      el('button', { onclick: act('join'), ariaLabel: label }, task.kind === 'complete' ? texts.markDone : texts.join),
    );
  }
  if (open && signedUp)
    buttons.push(el('button', { onclick: act('leave'), ariaLabel: fill(texts.leaveLabel, named) }, texts.leave));
  if (open && task.isCreator) {
    const resend = async () => {
      if (services) shown(await services.publish(task.title));
      await render();
    };
    buttons.push(el('button', { onclick: resend, ariaLabel: fill(texts.publishLabel, named) }, texts.publish));
    buttons.push(el('button', { onclick: act('endTask'), ariaLabel: fill(texts.endLabel, named) }, texts.end));
  }
  const progress = open
    ? fill(task.kind === 'complete' ? texts.done : texts.joined, { count: task.done })
    : texts.ended;
  return el(
    'li',
    { className: 'task' },
    el('strong', {}, task.title),
    el('span', { className: 'progress' }, progress),
    ...buttons,
  );
}

async function panel(): Promise<HTMLElement> {
  const box = el('section', { className: 'panel', ariaLabel: texts.title });
  box.append(el('h2', {}, `${texts.title} · ${viewer}`), el('p', { className: 'note' }, texts.liveNote));
  if (error) box.append(el('p', { className: 'error', role: 'alert' }, error));
  if (services === null) return box;
  const list = await services.call('listRoomTasks', {});
  if (shown(list)) {
    box.append(list.data.items.length === 0 ? el('p', {}, texts.empty) : el('ul', {}, ...list.data.items.map(taskRow)));
  }
  const title = el('input', { placeholder: texts.titlePlaceholder, ariaLabel: texts.titleLabel });
  const kind = el('select', { ariaLabel: texts.kindLabel });
  kind.append(
    el('option', { value: 'participate' }, texts.kindParticipate),
    el('option', { value: 'complete' }, texts.kindComplete),
  );
  const create = async () => {
    if (services === null) return;
    const task = {
      title: title.value,
      kind: kind.value === 'complete' ? ('complete' as const) : ('participate' as const),
      audience: { kind: 'everyone' as const },
    };
    const created = await services.call('createTask', { envVersion: 'develop', task });
    if (shown(created)) shown(await services.publish(created.data.task.title));
    await render();
  };
  box.append(
    el('h3', {}, texts.newTask),
    title,
    kind,
    el('button', { onclick: create, ariaLabel: texts.createLabel }, texts.create),
  );
  return box;
}

async function render(): Promise<void> {
  const state = (await (await fetch('/wecom/api/state')).json()) as State;
  const tabs = el('nav', { className: 'members', ariaLabel: 'members' });
  for (const member of state.members.filter((m) => m.type === 1)) {
    const pick = async () => {
      viewer = member.userid;
      services = null;
      error = '';
      await render();
    };
    tabs.append(el('button', { onclick: pick, className: member.userid === viewer ? 'current' : '' }, member.userid));
  }
  const messages = el('ol', { className: 'messages' });
  for (const item of state.sent) {
    const card = item.message.miniprogram ?? {};
    messages.append(
      el(
        'li',
        { className: 'card' },
        el('small', {}, item.userid),
        el('strong', {}, card.title ?? ''),
        el('small', {}, `小程序 · ${card.page ?? ''}`),
      ),
    );
  }
  const toolbar = el(
    'button',
    {
      className: 'toolbar',
      onclick: async () => {
        services = await open(state, viewer);
        await render();
      },
    },
    `🧰 ${texts.title}`,
  );
  const log = el('details', {}, el('summary', {}, `qyapi (${state.requests.length})`));
  log.append(
    el('ol', {}, ...state.requests.map((r) => el('li', {}, `${r.method} ${r.path} → ${r.answer.errcode ?? 0}`))),
  );
  const chat = el('section', { className: 'chat' }, el('h1', {}, state.group.name), messages, toolbar, log);
  root.replaceChildren(tabs, el('main', {}, chat, await panel()));
}

void render();
