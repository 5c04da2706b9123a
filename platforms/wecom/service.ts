// The WeCom server: what the toolbar page (miniprogram/pages/wecom) reaches over HTTPS, since wx.cloud does not
// serve it there (docs/platforms.md#wecom-reaching-the-server). Three requests, each a JSON object:
//   { op: 'login', code }                     wx.qy.login's code → jscode2session → a session (proofs.ts)
//   { op: 'enter', session, chat }            the chat the page read from wx.qy → a chat proof, verified as far
//                                             as qyapi allows (docs/platforms.md#wecom-chats)
//   { op: 'call', session, request }          one action of the group task, through the SAME createGroupTask, the
//                                             chat proof as its chatProof field, the caller's userId from the session
// The store, the handlers and the task domain are the WeChat chat tool's, unchanged; only the ports differ.
import { randomUUID } from 'node:crypto';
import { isRecord } from '../../kit/core/action-table';
import type { ApiResult } from '../../kit/core/result';
import { fail, ok } from '../../kit/core/result';
import type { Clock, Log } from '../../kit/server/ports';
import type { DocumentStore } from '../../kit/server/store';
import { memberBindings } from '../../kit/server/member-bindings';
import { createGroupTask } from '../../cloudfunctions/groupTask/src/actions';
import { createTaskStore, ROOM_MEMBERS } from '../../cloudfunctions/groupTask/src/task-store';
import { wecomPlatform } from './platform';
import type { Proofs } from './proofs';
import type { WecomChat, WecomEntered, WecomErrorCode } from './protocol';
import { createProofs, memberIdIn, roomOf, userIdOf } from './proofs';
import type { QyApi } from './qyapi';
import { createQyApi, QY_ERRCODE, QyApiError } from './qyapi';
import type { WecomSettings } from './settings';

export interface WecomService {
  /** One request from the page: untrusted JSON in, an ApiResult out; nothing thrown escapes. */
  handle(body: unknown): Promise<ApiResult<unknown>>;
  /** The group task's timer run (due tasks ended), as the WeChat function's timer runs it. */
  sweep(): Promise<unknown>;
}

export interface WecomServiceDeps {
  settings: WecomSettings;
  documents: DocumentStore;
  log: Log;
  clock?: Clock;
  /** Another fetch for qyapi (jest's jsdom environment, where the page tests run, has none). */
  fetch?: typeof fetch;
}

/** WeCom ids (chat ids, userids, corpids): printable ASCII without spaces, as qyapi issues them. */
const WECOM_ID = /^[\x21-\x7e]{1,128}$/;
const idOf = (value: unknown): string | null => (typeof value === 'string' && WECOM_ID.test(value) ? value : null);

/** The chat the page says it is in, as a WecomChat, or null for anything else (exactly these fields). */
export function chatOf(value: unknown): WecomChat | null {
  if (!isRecord(value)) return null;
  const keys = Object.keys(value).sort().join(',');
  const { kind } = value;
  if ((kind === 'customerGroup' || kind === 'chainGroup') && keys === 'chatId,kind') {
    const chatId = idOf(value.chatId);
    return chatId === null ? null : { kind, chatId };
  }
  if (kind === 'customerSingle' && keys === 'contactId,kind') {
    const contactId = idOf(value.contactId);
    return contactId === null ? null : { kind, contactId };
  }
  if (kind === 'chainSingle' && keys === 'contactId,corpId,kind') {
    const contactId = idOf(value.contactId);
    const corpId = idOf(value.corpId);
    return contactId === null || corpId === null ? null : { kind, corpId, contactId };
  }
  return null;
}

export function createWecomService({
  settings,
  documents,
  log,
  clock = { now: () => Date.now() },
  fetch: get,
}: WecomServiceDeps): WecomService {
  const proofs: Proofs = createProofs(settings.proofKey);
  const qy: QyApi = createQyApi({ ...settings, clock, fetch: get });
  const groupTask = createGroupTask({
    platform: wecomPlatform(proofs, clock),
    clock,
    newId: () => randomUUID().replace(/-/g, ''),
    // updateCard answers at once (platform.ts): nothing waits on it.
    cardSyncTimeoutMs: 1000,
    log,
    tickets: null,
    tasks: createTaskStore(documents),
    bindings: memberBindings(documents, ROOM_MEMBERS),
  });

  const platformFailed = (what: string, error: unknown) => {
    log(`qyapi failed: ${what}`, error instanceof QyApiError ? error.message : error);
    return fail('PLATFORM_FAILED', `WeCom could not ${what}; try again`);
  };

  async function login(code: unknown): Promise<ApiResult<{ session: string }, WecomErrorCode>> {
    if (typeof code !== 'string' || code === '' || code.length > 256) {
      return fail('INVALID_REQUEST', 'code must be the string wx.qy.login gave');
    }
    try {
      const session = await qy.session(code);
      // The linked app belongs to one company: a session of another is not this server's to trust.
      if (session.corpid !== settings.corpId) return fail('CODE_INVALID', 'the code belongs to another company');
      return ok({ session: proofs.session(session, clock.now()) });
    } catch (error) {
      if (error instanceof QyApiError && error.errcode === QY_ERRCODE.invalidCode) {
        return fail('CODE_INVALID', 'WeCom refused the code (used, expired or not this app): log in again');
      }
      return platformFailed('exchange the login code', error);
    }
  }

  function sessionOf(token: unknown) {
    const read = proofs.readSession(token, clock.now());
    if (read.ok) return read;
    return read.reason === 'expired'
      ? fail('SESSION_EXPIRED', 'the session has expired: log in again')
      : fail('SESSION_INVALID', 'not a session of this server: log in again');
  }

  async function enter(token: unknown, sent: unknown): Promise<ApiResult<WecomEntered, WecomErrorCode>> {
    const session = sessionOf(token);
    if (!session.ok) return session;
    const chat = chatOf(sent);
    if (chat === null) return fail('INVALID_REQUEST', 'chat must be what wx.qy named: a group chatId or a contact');
    const { corpid, userid } = session.data;
    if (chat.kind === 'customerGroup') {
      // The one chat qyapi lets the server check: the caller must be a member of the company in that group.
      let members;
      try {
        members = await qy.groupChatMembers(chat.chatId);
      } catch (error) {
        if (error instanceof QyApiError && error.errcode === QY_ERRCODE.invalidGroup) {
          log('groupchat/get refused a chat a page named', error.message);
          return fail('CHAT_FOREIGN', 'this chat is not a customer group of the company you are in');
        }
        return platformFailed('read the group', error);
      }
      if (!members.some((member) => member.type === 1 && member.userid === userid)) {
        return fail('CHAT_FOREIGN', 'you are not a member of this customer group');
      }
    }
    const userId = userIdOf(corpid, userid);
    const room = roomOf(chat, corpid, userid);
    const proof = { roomId: room.id, chatType: room.chatType, userId, memberId: memberIdIn(room.id, userId) };
    return ok({ chatProof: proofs.chat(proof, clock.now()), chatType: room.chatType });
  }

  async function call(token: unknown, request: unknown): Promise<ApiResult<unknown>> {
    const session = sessionOf(token);
    if (!session.ok) return session;
    if (!isRecord(request)) return fail('INVALID_REQUEST', 'request must be an action of the group task');
    return groupTask.handle(request, userIdOf(session.data.corpid, session.data.userid));
  }

  return {
    async handle(body) {
      try {
        if (!isRecord(body)) return fail('INVALID_REQUEST', 'the body must be a JSON object');
        const keys = Object.keys(body).sort().join(',');
        if (body.op === 'login' && keys === 'code,op') return await login(body.code);
        if (body.op === 'enter' && keys === 'chat,op,session') return await enter(body.session, body.chat);
        if (body.op === 'call' && keys === 'op,request,session') return await call(body.session, body.request);
        return fail(
          'INVALID_REQUEST',
          "op must be 'login' {code}, 'enter' {session, chat} or 'call' {session, request}",
        );
      } catch (error) {
        log('a WeCom request failed', error);
        return fail('INTERNAL', 'the service failed');
      }
    },
    sweep: () => groupTask.sweep(),
  };
}
