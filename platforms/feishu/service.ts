// The Feishu bot service (docs/platforms.md, "Feishu"): the group task's real handlers (createGroupTask) and store on
// Feishu's ports (platform.ts), behind one HTTP server:
// - POST /feishu/card: card callbacks, verified by the SDK's CardActionHandler (Encrypt Key signature, decryption)
//   and the Verification Token; the operator's open_id and the card's chat are the only identity used;
// - POST /api/login: a web app's authorization code, exchanged on the server for the open_id; a signed session;
// - POST /api/jsapi: the h5sdk.config parameters that let the page call enterChat and enterProfile;
// - POST /api/call: the web app's actions, each for a chat the session's user is a member of (the group API says);
// - GET /: the web app page (web/), bundled by esbuild when the service starts.
// A timer brings cards in line: the kit's card sync (the handlers' sweep) and re-renders that failed.
import type http from 'node:http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import * as lark from '@larksuiteoapi/node-sdk';
import { createGroupTask } from '../../cloudfunctions/groupTask/src/actions';
import { createTaskStore, ROOM_MEMBERS } from '../../cloudfunctions/groupTask/src/task-store';
import { memberBindings } from '../../kit/server/member-bindings';
import type { Log } from '../../kit/server/ports';
import type { DocumentStore } from '../../kit/server/store';
import { isRecord } from '../../kit/core/action-table';
import type { ApiResult, Reminder, TaskView } from '../../packageChatTool/core/api';
import type { Task } from '../../packageChatTool/core/types';
import { CARD_ACTIONS, reminderCard } from './card';
import type { FeishuSettings } from './config';
import type { CardAction } from './card';
import { chatIdOf, isChatId, isOpenId, memberIdOf, memberOpenId, roomIdOf } from './ids';
import type { FeishuApi } from './openapi';
import { FeishuError, feishuApi } from './openapi';
import { feishuBindings, feishuCards, feishuPlatform } from './platform';
import { proofs as makeProofs } from './proofs';
import { webAppPage } from './web/page';

/** Members read to check a caller belongs to a chat, and for an "everyone" reminder (the handlers' REMIND_LIMIT). */
export const MEMBERS_READ = 500;
/** How long a chat's member list is believed: a member removed from the group loses access within this. */
export const MEMBERS_FRESH_MS = 30_000;
/** Cards the timer re-renders per run. */
const DIRTY_PER_RUN = 50;
/**
 * How far a callback's signed timestamp may be from now: an older one is refused, and one seen (by its event_id)
 * within this window is answered with nothing, so a captured callback replayed later changes nothing.
 */
export const CALLBACK_WINDOW_MS = 5 * 60_000;
/** Request bodies above this are refused before parsing. */
const BODY_LIMIT = 64 * 1024;

/** The actions the web app may ask for, by the handlers' names; identity never comes with them. */
export const WEB_ACTIONS = [
  'listRoomTasks',
  'getTask',
  'listMembers',
  'createTask',
  'join',
  'leave',
  'markClosingSoon',
  'endTask',
  'pendingMembers',
  'renewCard',
] as const;
type WebAction = (typeof WEB_ACTIONS)[number];

/** The settings the service works with (config.ts reads them), its store and log. */
export interface FeishuServiceOptions extends Pick<
  FeishuSettings,
  'appId' | 'appSecret' | 'verificationToken' | 'encryptKey' | 'domain' | 'publicUrl'
> {
  documents: DocumentStore;
  log: Log;
  now?: () => number;
  /** How long an action waits for a card PATCH before answering anyway (the timer retries). */
  cardSyncTimeoutMs?: number;
  /** Another OpenAPI adapter (tests: one whose calls fail). */
  api?: FeishuApi;
}

export interface FeishuService {
  /** Serves the routes above. */
  listener: http.RequestListener;
  /** One timer run: the handlers' sweep, then the cards whose re-render failed. */
  tick(): Promise<void>;
  /** Posts a task's card into its chat (creating a task through the web app does it). */
  publish(taskId: string): Promise<string>;
}

type Toast = { type: 'success' | 'error' | 'info'; content: string; i18n: { zh_cn: string; en_us: string } };

const toast = (type: Toast['type'], zh: string, en: string): { toast: Toast } => ({
  toast: { type, content: en, i18n: { zh_cn: zh, en_us: en } },
});

/** What a member sees when an action is refused: the handlers' code, in both languages. */
const REFUSALS: Record<string, [string, string]> = {
  TASK_FULL: ['名额已满', 'The task is full'],
  TASK_ENDED: ['任务已结束', 'The task has ended'],
  ALREADY_JOINED: ['你已在名单中', 'You are on the list already'],
  NOT_JOINED: ['你不在名单中', 'You are not on the list'],
  NOT_INVITED: ['此任务不需要你参与', 'This task is not for you'],
  NOT_CREATOR: ['只有创建者可以这样做', 'Only the creator can do that'],
  DEADLINE_PASSED: ['已过截止时间', 'The deadline has passed'],
};

function refusal(code: string) {
  const [zh, en] = REFUSALS[code] ?? ['操作未完成，请稍后再试', 'That did not work; try again'];
  return toast('error', zh, en);
}

/** A request's body parsed as JSON; null when it is larger than BODY_LIMIT or not JSON. */
async function readJson(request: http.IncomingMessage): Promise<unknown> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > BODY_LIMIT) return null;
    chunks.push(buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

function send(response: http.ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(typeof body === 'string' ? body : JSON.stringify(body));
}

export function createFeishuService(options: FeishuServiceOptions): FeishuService {
  const { log, documents } = options;
  const now = options.now ?? (() => Date.now());
  const api =
    options.api ?? feishuApi({ appId: options.appId, appSecret: options.appSecret, domain: options.domain, log });
  const proofs = makeProofs(options.appSecret);
  const tasks = createTaskStore(documents);
  const detailsUrl = (task: Task) =>
    `${options.publicUrl}/?chat=${encodeURIComponent(chatIdOf(task.room.id))}&task=${encodeURIComponent(task.id)}`;
  const cards = feishuCards({ api, documents, tasks, now, detailsUrl, log });
  const newId = () => randomUUID().replace(/-/g, '');
  const groupTask = createGroupTask({
    platform: feishuPlatform({ cards, proofs, now, newId }),
    clock: { now },
    newId,
    cardSyncTimeoutMs: options.cardSyncTimeoutMs ?? 2500,
    log,
    tickets: null,
    tasks,
    bindings: feishuBindings(memberBindings(documents, ROOM_MEMBERS), api),
  });

  /** The handlers' answer to `action` for the member `openId` of chat `chatId` (both vouched for by Feishu). */
  async function act(chatId: string, openId: string, action: string, request: Record<string, unknown>) {
    const chatProof = proofs.chatProof(chatId, openId, now());
    return (await groupTask.handle({ ...request, action, chatProof }, memberIdOf(openId))) as ApiResult<unknown>;
  }

  /** After a change the card must show: counts that went down too, which WeChat's card model never sends. */
  async function cardFollows(taskId: string) {
    const task = await tasks.get(taskId);
    if (task !== null) cards.refreshSoon(task.card.activityId);
  }

  /** Sends the reminder the handlers answered: the pending members @-mentioned in the task's chat. */
  async function remind(chatId: string, taskId: string, reminder: Reminder): Promise<number> {
    const openIds = [...new Set(reminder.members.map(memberOpenId))].filter(isOpenId);
    if (openIds.length === 0) return 0;
    const task = await tasks.get(taskId);
    const link = task === null ? options.publicUrl : detailsUrl(task);
    await api.sendCard(chatId, reminderCard(reminder.title, openIds, link));
    return openIds.length;
  }

  async function publish(taskId: string): Promise<string> {
    const task = await tasks.get(taskId);
    if (task === null) throw new Error(`no task ${taskId}`);
    const posted = await cards.record(task.card.activityId);
    return posted?.messageId ?? cards.publish(task);
  }

  // ---- card callbacks ----

  const isCardAction = (value: unknown): value is CardAction => CARD_ACTIONS.some((action) => action === value);

  /** One verified callback (the SDK checked the signature and decrypted it): the click, answered with a toast. */
  async function onCardAction(data: Record<string, unknown>): Promise<unknown> {
    const operator = isRecord(data.operator) ? data.operator : {};
    const context = isRecord(data.context) ? data.context : {};
    const action = isRecord(data.action) ? data.action : {};
    const value = isRecord(action.value) ? action.value : {};
    const openId = operator.open_id;
    const chatId = context.open_chat_id;
    const messageId = context.open_message_id;
    if (!isOpenId(openId) || !isChatId(chatId) || typeof messageId !== 'string') {
      return toast('error', '无法识别这次点击', 'This click could not be read');
    }
    if (!isCardAction(value.action) || typeof value.taskId !== 'string') {
      return toast('error', '无法识别这个按钮', 'This button could not be read');
    }
    const task = await tasks.get(value.taskId);
    const record = task === null ? null : await cards.record(task.card.activityId);
    // The card clicked must be the task's own card in its own chat: a value copied elsewhere acts on nothing.
    if (task === null || task.room.id !== roomIdOf(chatId) || record?.messageId !== messageId) {
      return toast('error', '这张卡片已失效', 'This card is no longer current');
    }
    const handlerAction = { join: 'join', leave: 'leave', end: 'endTask', remind: 'pendingMembers' }[value.action];
    const answer = await act(chatId, openId, handlerAction, { taskId: task.id });
    if (!answer.ok) return refusal(answer.error.code);
    if (value.action === 'remind') {
      const reminded = await remind(chatId, task.id, answer.data as Reminder);
      return reminded === 0
        ? toast('info', '没有需要提醒的人', 'Nobody to remind')
        : toast('success', `已提醒 ${reminded} 人`, `Reminded ${reminded}`);
    }
    await cardFollows(task.id);
    const words = { join: ['已记录', 'Noted'], leave: ['已退出', 'You left'], end: ['任务已结束', 'Task ended'] };
    const [zh, en] = words[value.action];
    return toast('success', zh, en);
  }

  const sdkLogger = {
    error: (...message: unknown[]) => log('card callback', message),
    warn: (...message: unknown[]) => log('card callback', message),
    info: () => undefined,
    debug: () => undefined,
    trace: () => undefined,
  };
  const cardHandler = new lark.CardActionHandler(
    {
      verificationToken: options.verificationToken,
      encryptKey: options.encryptKey,
      logger: sdkLogger,
      loggerLevel: lark.LoggerLevel.error,
    },
    async (data: Record<string, unknown>) => {
      if (data.event_type !== 'card.action.trigger') return {};
      if (replayed(data.event_id)) {
        log('ignored a card callback seen before (a replay?)');
        return {};
      }
      try {
        return await onCardAction(data);
      } catch (error) {
        log('a card action failed', error);
        return toast('error', '服务暂时不可用，请稍后再试', 'The service failed; try again');
      }
    },
  );

  const seenEvents = new Map<string, number>();
  /** Whether this event_id was handled within the window; records it otherwise. */
  function replayed(eventId: unknown): boolean {
    const at = now();
    for (const [id, seen] of seenEvents) if (at - seen > CALLBACK_WINDOW_MS) seenEvents.delete(id);
    if (typeof eventId !== 'string' || eventId === '') return false;
    if (seenEvents.has(eventId)) return true;
    seenEvents.set(eventId, at);
    return false;
  }

  async function callback(request: http.IncomingMessage, response: http.ServerResponse) {
    const body = await readJson(request);
    if (!isRecord(body)) return send(response, 400, { error: 'the body must be a JSON object' });
    if (verificationTokenOf(body, options.encryptKey) !== options.verificationToken) {
      log('refused a card callback without the Verification Token');
      return send(response, 401, { error: 'the callback did not verify' });
    }
    // As the SDK's adapters hand it over: the body, with the request's headers on its prototype.
    const data = Object.assign(Object.create({ headers: request.headers }) as object, body);
    // A URL-verification challenge (encrypted, as every callback is with an Encrypt Key) is answered as the SDK does.
    const { isChallenge, challenge } = lark.generateChallenge(data, { encryptKey: options.encryptKey });
    if (isChallenge) {
      const challenged = isRecord(challenge) ? challenge : {};
      return send(response, 200, challenged);
    }
    // The timestamp is signed with the body (checked by the SDK below): a stale one is a replay or a stuck queue.
    const signedAt = Number(request.headers['x-lark-request-timestamp']) * 1000;
    if (!Number.isFinite(signedAt) || Math.abs(now() - signedAt) > CALLBACK_WINDOW_MS) {
      log('refused a card callback signed too long ago');
      return send(response, 401, { error: 'the callback is too old' });
    }
    const answer: unknown = await cardHandler.invoke(data);
    if (answer === undefined) return send(response, 401, { error: 'the callback did not verify' });
    return send(response, 200, answer);
  }

  // ---- web app ----

  const memberCache = new Map<string, { at: number; members: { openId: string; name: string }[] }>();
  async function membersOf(chatId: string) {
    const cached = memberCache.get(chatId);
    if (cached !== undefined && now() - cached.at < MEMBERS_FRESH_MS) return cached.members;
    const members = await api.members(chatId, MEMBERS_READ);
    memberCache.set(chatId, { at: now(), members });
    return members;
  }

  let ticket: { ticket: string; until: number } | null = null;
  /** h5sdk.config's parameters for the page at `url` (docs/platforms.md, "Feishu: web app"). */
  async function jsapiConfig(url: string) {
    if (ticket === null || now() >= ticket.until) {
      const fresh = await api.jsapiTicket();
      // Renewed five minutes early: a config signed with a ticket about to expire fails in the client.
      ticket = { ticket: fresh.ticket, until: now() + (fresh.expiresIn - 300) * 1000 };
    }
    const nonceStr = randomBytes(12).toString('hex');
    const timestamp = now();
    const verify = `jsapi_ticket=${ticket.ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`;
    return { appId: options.appId, timestamp, nonceStr, signature: createHash('sha1').update(verify).digest('hex') };
  }

  /** Posts a task's card again when posting it at creation failed (e.g. the bot was not in the group yet). */
  async function publishFor(openId: string, chatId: string, request: unknown): Promise<[number, unknown]> {
    const taskId = isRecord(request) ? request.taskId : undefined;
    const task = typeof taskId === 'string' ? await tasks.get(taskId) : null;
    if (task === null || task.room.id !== roomIdOf(chatId)) {
      return [200, { ok: false, error: { code: 'NOT_FOUND', message: 'no such task in this chat' } }];
    }
    if (task.creator.userId !== memberIdOf(openId)) {
      return [200, { ok: false, error: { code: 'NOT_CREATOR', message: 'only the creator can post the card' } }];
    }
    return [200, { ok: true, data: { messageId: await publish(task.id) } }];
  }

  const isWebAction = (value: unknown): value is WebAction => WEB_ACTIONS.some((action) => action === value);

  async function webCall(openId: string, body: Record<string, unknown>): Promise<[number, unknown]> {
    const { chatId, action } = body;
    if (!isChatId(chatId)) return [400, { ok: false, error: { code: 'INVALID_REQUEST', message: 'chatId' } }];
    // The chat id came from the applink's query: the group API, not the page, says whether the caller is in it.
    const members = await membersOf(chatId);
    if (!members.some((member) => member.openId === openId)) {
      return [403, { ok: false, error: { code: 'NOT_A_MEMBER', message: 'you are not a member of this chat' } }];
    }
    if (action === 'chat') {
      const chat = await api.chat(chatId);
      return [200, { ok: true, data: { name: chat.name, me: openId, members } }];
    }
    if (action === 'publish') return publishFor(openId, chatId, body.request);
    if (!isWebAction(action)) return [400, { ok: false, error: { code: 'UNKNOWN_ACTION', message: 'action' } }];
    // Whatever identity the page sends is overwritten: act() sets the chatProof to the service's own proof.
    const request = isRecord(body.request) ? body.request : {};
    const sent = action === 'createTask' ? { ...request, envVersion: 'release' } : request;
    const answer = await act(chatId, openId, action, sent);
    if (!answer.ok) return [200, answer];
    if (action === 'createTask') {
      const { task } = answer.data as { task: TaskView };
      try {
        await publish(task.id);
        return [200, { ok: true, data: { task, published: true } }];
      } catch (error) {
        log(`the card of task ${task.id} was not posted`, error);
        return [200, { ok: true, data: { task, published: false } }];
      }
    }
    if (action === 'renewCard') {
      // A new card id (the handlers' renewal) and a new card in the chat: the old one stays, past its 14 days.
      const { task } = answer.data as { task: TaskView };
      return [200, { ok: true, data: { task, messageId: await publish(task.id) } }];
    }
    if (action === 'pendingMembers') {
      const reminded = await remind(chatId, String(request.taskId), answer.data as Reminder);
      return [200, { ok: true, data: { reminded } }];
    }
    if (['join', 'leave', 'markClosingSoon', 'endTask'].includes(action)) await cardFollows(String(request.taskId));
    return [200, answer];
  }

  async function web(request: http.IncomingMessage, response: http.ServerResponse, path: string) {
    const body = await readJson(request);
    if (!isRecord(body)) return send(response, 400, { ok: false, error: { code: 'INVALID_REQUEST', message: 'body' } });
    if (path === '/api/login') {
      if (typeof body.code !== 'string' || body.code === '' || body.code.length > 512) {
        return send(response, 400, { ok: false, error: { code: 'INVALID_REQUEST', message: 'code' } });
      }
      try {
        const openId = await api.openIdOfCode(body.code);
        return send(response, 200, { ok: true, data: { session: proofs.session(openId, now()), openId } });
      } catch (error) {
        log('a login code was refused', error);
        return send(response, 401, { ok: false, error: { code: 'LOGIN_FAILED', message: 'Feishu refused the code' } });
      }
    }
    const auth = request.headers.authorization ?? '';
    const openId = auth.startsWith('Bearer ') ? proofs.sessionOpenId(auth.slice(7), now()) : null;
    if (openId === null) return send(response, 401, { ok: false, error: { code: 'LOGIN_NEEDED', message: 'log in' } });
    if (path === '/api/jsapi') {
      const { url } = body;
      if (typeof url !== 'string' || !url.startsWith(`${options.publicUrl}/`) || url.includes('#')) {
        return send(response, 400, { ok: false, error: { code: 'INVALID_REQUEST', message: 'url' } });
      }
      return send(response, 200, { ok: true, data: await jsapiConfig(url) });
    }
    try {
      const [status, answer] = await webCall(openId, body);
      return send(response, status, answer);
    } catch (error) {
      // Feishu refused a call the answer needs (the bot not in the group, a scope missing): say so, keep nothing.
      if (!(error instanceof FeishuError)) throw error;
      log('Feishu refused a call for the web app', error.message);
      return send(response, 502, { ok: false, error: { code: 'PLATFORM_FAILED', message: `Feishu: ${error.msg}` } });
    }
  }

  const listener: http.RequestListener = (request, response) => {
    const path = (request.url ?? '/').split('?')[0] ?? '/';
    const route = async () => {
      if (request.method === 'POST' && path === '/feishu/card') return callback(request, response);
      if (request.method === 'POST' && ['/api/login', '/api/jsapi', '/api/call'].includes(path))
        return web(request, response, path);
      if (request.method === 'GET' && (path === '/' || path === '/index.html')) {
        return send(response, 200, await webAppPage(options.appId), 'text/html; charset=utf-8');
      }
      return send(response, 404, { error: 'not found' });
    };
    route().catch((error: unknown) => {
      log('a request failed', error);
      if (!response.headersSent) send(response, 500, { ok: false, error: { code: 'INTERNAL', message: 'failed' } });
    });
  };

  return {
    listener,
    publish,
    async tick() {
      await groupTask.sweep();
      await cards.refreshDirty(DIRTY_PER_RUN);
    },
  };
}

/**
 * The Verification Token a callback carries (schema 2.0: in its header; 1.0: at the top), read from the decrypted
 * body: the SDK verifies the signature and decrypts, but for schema 2.0 its parse lets the event's card token
 * overwrite the header's, so the service checks this token itself before handing the callback over.
 */
function verificationTokenOf(body: Record<string, unknown>, encryptKey: string): unknown {
  let plain: unknown = body;
  if (typeof body.encrypt === 'string') {
    try {
      plain = JSON.parse(new lark.AESCipher(encryptKey).decrypt(body.encrypt));
    } catch {
      return undefined;
    }
  }
  if (!isRecord(plain)) return undefined;
  return isRecord(plain.header) ? plain.header.token : plain.token;
}
