// The server's own signed proofs, standing where WeChat's cloudID stands (docs/platforms.md, "Feishu: identity").
// The service signs a chat proof only after Feishu itself vouched for both parts: the open_id from a verified card
// callback's operator or from the OAuth code exchange, and the chat from the callback's context or the group API's
// member list. The platform port's resolveChat (platform.ts) accepts nothing else. A web session proves only who
// logged in; the chat is checked again on every call.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ChatResolution } from '../../kit/server/ports';
import { isChatId, isOpenId, memberIdOf, roomIdOf } from './ids';

/** A chat proof lives for one action: the service signs it and resolves it within the same request. */
export const CHAT_PROOF_TTL_MS = 60_000;
/** A web app session: as long as Feishu's user_access_token lives (about two hours). */
export const SESSION_TTL_MS = 2 * 60 * 60 * 1000;
/** A Feishu group's chat type in the kit: 3, a group (kit/core/chat.ts; 4 is a WeCom group). */
export const GROUP_CHAT_TYPE = 3;

export interface Proofs {
  chatProof(chatId: string, openId: string, now: number): string;
  resolveChatProof(proof: string, userId: string, now: number): ChatResolution;
  session(openId: string, now: number): string;
  /** The open_id a session was signed for, or null when it is forged, malformed or expired. */
  sessionOpenId(session: string, now: number): string | null;
}

interface Payload {
  kind: 'chat' | 'session';
  chatId?: string;
  openId: string;
  at: number;
}

/** Proofs signed with a key derived from the app secret: only this service (and Feishu) knows it. */
export function proofs(appSecret: string): Proofs {
  const key = createHmac('sha256', appSecret).update('chat-tool-starter feishu proofs v1').digest();
  const mac = (text: string) => createHmac('sha256', key).update(text).digest('base64url');
  const sign = (payload: Payload) => {
    const text = Buffer.from(JSON.stringify(payload)).toString('base64url');
    return `${text}.${mac(text)}`;
  };
  const read = (token: string): Payload | null => {
    const [text, signature, extra] = token.split('.');
    if (text === undefined || signature === undefined || extra !== undefined) return null;
    const expected = Buffer.from(mac(text));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const payload: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
      return typeof payload === 'object' && payload !== null ? (payload as Payload) : null;
    } catch {
      return null;
    }
  };

  return {
    chatProof: (chatId, openId, now) => sign({ kind: 'chat', chatId, openId, at: now }),
    resolveChatProof(proof, userId, now) {
      const payload = read(proof);
      if (payload === null || payload.kind !== 'chat' || !isChatId(payload.chatId) || !isOpenId(payload.openId)) {
        return { ok: false, code: 'CHAT_PROOF_INVALID', message: 'not a proof this service signed' };
      }
      if (now - payload.at > CHAT_PROOF_TTL_MS || payload.at > now + CHAT_PROOF_TTL_MS) {
        return { ok: false, code: 'CHAT_PROOF_EXPIRED', message: 'the chat proof has expired' };
      }
      const member = memberIdOf(payload.openId);
      if (member !== userId) return { ok: false, code: 'CHAT_PROOF_FOREIGN', message: 'the proof is another user’s' };
      return { ok: true, room: { id: roomIdOf(payload.chatId), chatType: GROUP_CHAT_TYPE }, memberId: member };
    },
    session: (openId, now) => sign({ kind: 'session', openId, at: now }),
    sessionOpenId(session, now) {
      const payload = read(session);
      if (payload === null || payload.kind !== 'session' || !isOpenId(payload.openId)) return null;
      return now - payload.at <= SESSION_TTL_MS && payload.at <= now + CHAT_PROOF_TTL_MS ? payload.openId : null;
    },
  };
}
