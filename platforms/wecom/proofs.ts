// What the WeCom server issues once it has verified something itself, signed with its own key (HMAC-SHA256, as the
// kit's member tickets are): a session (the corpid and userid jscode2session answered) and a chat proof (the room and
// the member in it, for one user), which stands where WeChat's cloudID stands: the page sends it as `chatProof` and
// the platform port's resolveChat verifies it (docs/platforms.md#wecom-identity). Nothing in either is taken
// from a client unverified, and the ids derived here never collide with WeChat's (they start with `wecom-`).
import { createHash, createHmac } from 'node:crypto';
import { isRecord } from '../../kit/core/action-table';
import { sameTicket } from '../../kit/server/member-tickets';
import type { WecomChat, WecomChatType } from './protocol';

/** How long a session and a chat proof hold: the page logs in again (wx.qy.login) after that. */
export const PROOF_TTL_MS = 2 * 60 * 60_000;

/** A stable id from parts, in the characters every id of the kit accepts ([A-Za-z0-9_-]). */
const digest = (...parts: string[]): string =>
  createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 32);

/** The app-wide id of a WeCom user (the kit's userId): one per company and userid. */
export const userIdOf = (corpId: string, userid: string): string => `wecom-u-${digest(corpId, userid)}`;

/** The room of a chat, for a user of `corpId` (`userid`): a one-to-one room is keyed by both of its parties. */
export function roomOf(chat: WecomChat, corpId: string, userid: string): { id: string; chatType: WecomChatType } {
  switch (chat.kind) {
    case 'customerGroup':
      return { id: `wecom-g-${digest('customer group', corpId, chat.chatId)}`, chatType: 4 };
    case 'chainGroup':
      return { id: `wecom-c-${digest('chain group', chat.chatId)}`, chatType: 4 };
    case 'customerSingle':
      return { id: `wecom-s-${digest('customer single', corpId, userid, chat.contactId)}`, chatType: 2 };
    case 'chainSingle':
      return { id: `wecom-s-${digest('chain single', corpId, userid, chat.corpId, chat.contactId)}`, chatType: 2 };
  }
}

/** The member's id in one room (the kit's memberId): per room, as WeChat's is per chat. */
export const memberIdIn = (roomId: string, userId: string): string => `wecom-m-${digest(roomId, userId)}`;

export interface SessionProof {
  corpid: string;
  userid: string;
}

export interface ChatProof {
  roomId: string;
  chatType: WecomChatType;
  userId: string;
  memberId: string;
}

type Payload = ({ kind: 'session' } & SessionProof) | ({ kind: 'chat' } & ChatProof);

export type ProofRead<T> = { ok: true; data: T } | { ok: false; reason: 'invalid' | 'expired' };

export interface Proofs {
  session(session: SessionProof, now: number): string;
  chat(chat: ChatProof, now: number): string;
  readSession(token: unknown, now: number): ProofRead<SessionProof>;
  readChat(token: unknown, now: number): ProofRead<ChatProof>;
}

export function createProofs(key: string): Proofs {
  const sign = (body: string) => createHmac('sha256', key).update(`wecom proof v1\n${body}`).digest('base64url');
  const issue = (payload: Payload, now: number) => {
    const body = Buffer.from(JSON.stringify({ ...payload, exp: now + PROOF_TTL_MS })).toString('base64url');
    return `${body}.${sign(body)}`;
  };

  /** The payload of a token this key signed, of the kind asked; anything else is invalid. */
  function read(token: unknown, kind: Payload['kind'], now: number): ProofRead<Record<string, unknown>> {
    if (typeof token !== 'string') return { ok: false, reason: 'invalid' };
    const [body, signature, extra] = token.split('.');
    if (body === undefined || signature === undefined || extra !== undefined || !sameTicket(signature, sign(body))) {
      return { ok: false, reason: 'invalid' };
    }
    let payload: unknown;
    try {
      payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    } catch {
      return { ok: false, reason: 'invalid' };
    }
    if (!isRecord(payload) || payload.kind !== kind || typeof payload.exp !== 'number') {
      return { ok: false, reason: 'invalid' };
    }
    return now < payload.exp ? { ok: true, data: payload } : { ok: false, reason: 'expired' };
  }

  const strings = (data: Record<string, unknown>, keys: string[]) => keys.every((k) => typeof data[k] === 'string');

  return {
    session: (session, now) => issue({ kind: 'session', ...session }, now),
    chat: (chat, now) => issue({ kind: 'chat', ...chat }, now),
    readSession(token, now) {
      const found = read(token, 'session', now);
      if (!found.ok) return found;
      const { corpid, userid } = found.data;
      if (typeof corpid !== 'string' || typeof userid !== 'string') return { ok: false, reason: 'invalid' };
      return { ok: true, data: { corpid, userid } };
    },
    readChat(token, now) {
      const found = read(token, 'chat', now);
      if (!found.ok) return found;
      const data = found.data;
      const chatType = data.chatType;
      if (!strings(data, ['roomId', 'userId', 'memberId']) || (chatType !== 2 && chatType !== 4)) {
        return { ok: false, reason: 'invalid' };
      }
      return {
        ok: true,
        data: {
          roomId: String(data.roomId),
          chatType,
          userId: String(data.userId),
          memberId: String(data.memberId),
        },
      };
    },
  };
}
