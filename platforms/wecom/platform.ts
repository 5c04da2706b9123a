// The kit's platform port (kit/server/ports.ts ChatPlatform) as WeCom can honestly fill it, so the real handlers
// (createGroupTask) and the real store run unchanged (docs/platforms.md#wecom-ports):
// - resolveChat verifies the server's own chat proof (proofs.ts) for the calling user and answers its room and
//   member id;
// - the card: a WeCom mini program message cannot be changed once sent, so there is no card to create with the
//   platform and nothing to update. createCard hands out an id of the server's own that never expires, and
//   updateCard records nothing anywhere and sends nothing: it only answers, so the kit's card record says the
//   card is in line (there is nothing else it could be brought in line with). The page shows the live state.
// - WeCom offers a mini program server no public content check like msgSecCheck: checkText passes every text,
//   with a trace id that says no check ran.
import { randomUUID } from 'node:crypto';
import type { ChatPlatform, ChatResolution, Clock } from '../../kit/server/ports';
import type { Proofs } from './proofs';

/** The trace id of a text WeCom had no check for. */
export const NO_CHECK_TRACE = 'wecom-no-content-check';

/** A sent WeCom message never expires; the kit's binding wants a time, so: far beyond any task's life. */
export const CARD_NEVER_EXPIRES_MS = 100 * 365 * 24 * 60 * 60_000;

export function wecomPlatform(proofs: Proofs, clock: Clock): ChatPlatform {
  return {
    async createCard() {
      return { activityId: `wecom-${randomUUID().replace(/-/g, '')}`, expiresAt: clock.now() + CARD_NEVER_EXPIRES_MS };
    },
    async updateCard() {
      // Nothing to send: a sent WeCom message cannot be updated (docs/platforms.md#wecom-what-it-cannot-do).
    },
    async resolveChat(chatProof, userId): Promise<ChatResolution> {
      const read = proofs.readChat(chatProof, clock.now());
      if (!read.ok) {
        return read.reason === 'expired'
          ? { ok: false, code: 'CHAT_PROOF_EXPIRED', message: 'the chat proof has expired; open the page again' }
          : { ok: false, code: 'CHAT_PROOF_INVALID', message: 'not a chat proof of this server' };
      }
      const chat = read.data;
      if (chat.userId !== userId) {
        return { ok: false, code: 'CHAT_PROOF_FOREIGN', message: 'this chat proof was issued to another user' };
      }
      return { ok: true, room: { id: chat.roomId, chatType: chat.chatType }, memberId: chat.memberId };
    },
    async checkText() {
      return { verdict: 'pass', traceId: NO_CHECK_TRACE };
    },
  };
}
