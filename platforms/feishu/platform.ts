// Feishu behind the kit's ports (kit/server/ports.ts), so the group task's real handlers and store run unchanged
// (docs/platforms.md, "Feishu: the seam"):
// - createCard: a card id of the service's own, expiring 14 days on (Feishu updates a message for 14 days
//   after it is sent, and the card is sent after the id is made, so the id never outlives the window);
// - updateCard: the task's card re-rendered from the stored task and PATCHed in place, at most 4 a second per
//   message (Feishu allows 5) (calls meanwhile share the next PATCH), refused inside the service once the 14 days are over;
// - resolveChat: the service's own chat proof (proofs.ts), never anything a client typed;
// - checkText: Feishu offers apps no public text-moderation API, so every text passes (said in the docs);
// - roomMembers: the group API's member list (bots excluded), not only who opened the tool.
import type { DocumentStore, StoredDocument } from '../../kit/server/store';
import type { ChatPlatform, MemberBindings } from '../../kit/server/ports';
import { PlatformError } from '../../kit/server/ports';
import type { Task } from '../../packageChatTool/core/types';
import type { FeishuApi } from './openapi';
import { FeishuError } from './openapi';
import { taskCard } from './card';
import { chatIdOf, memberIdOf } from './ids';
import type { Proofs } from './proofs';

/** Feishu updates a sent message for 14 days (docs/platforms.md, "Feishu: updating the card"). */
export const UPDATE_WINDOW_MS = 14 * 24 * 60 * 60 * 1000;
/**
 * Feishu allows 5 PATCHes a second per message; the service starts one every 250 ms (4 a second), so that a late
 * first request and a prompt fifth can never land within one second at Feishu's end.
 */
export const PATCH_SPACING_MS = 250;
/** The service's own code when it refuses a PATCH past the window: Feishu would refuse it too. */
export const WINDOW_CLOSED = 230_099_014;

/** Where a task's card was posted: one per activity (card id), written when the bot posts it. */
export interface CardRecord extends StoredDocument {
  taskId: string;
  chatId: string;
  messageId: string;
  sentAt: number;
  /** When a re-render was asked for and has not been PATCHed since; null when the card shows the task. */
  dirtySince: number | null;
}

export const FEISHU_CARDS = 'feishu_cards';

export interface FeishuCards {
  /** Posts the task's card into its group and records it; the message_id. */
  publish(task: Task): Promise<string>;
  record(activityId: string): Promise<CardRecord | null>;
  /**
   * Re-renders the card of `activityId` from the stored task and PATCHes it (throttled per message). 'unpublished'
   * when no card was posted yet (the post will render the task as it is then). Throws PlatformError on a refusal.
   */
  refresh(activityId: string): Promise<'patched' | 'unpublished'>;
  /** refresh, with a failure logged and left to the timer (the record stays dirty). */
  refreshSoon(activityId: string): void;
  /** The timer's part: re-renders up to `limit` cards whose last re-render failed. */
  refreshDirty(limit: number): Promise<number>;
}

export interface FeishuCardsDeps {
  api: FeishuApi;
  documents: DocumentStore;
  tasks: { get(taskId: string): Promise<Task | null> };
  now: () => number;
  detailsUrl: (task: Task) => string;
  log: (message: string, detail?: unknown) => void;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function feishuCards({ api, documents, tasks, now, detailsUrl, log }: FeishuCardsDeps): FeishuCards {
  const cards = documents.collection<CardRecord>(FEISHU_CARDS, {
    indexes: [{ name: 'dirty', fields: [{ path: 'dirtySince', order: 'asc' }] }],
  });
  /** Per message: when its last PATCH started, and the PATCH every caller arriving now will share. */
  const lanes = new Map<string, { lastStart: number; next: Promise<void> | null; tail: Promise<void> }>();

  /** One PATCH of the record's card, rendered when it starts: it shows every change committed before it. */
  async function patchNow(record: CardRecord): Promise<void> {
    const task = await tasks.get(record.taskId);
    if (task === null) return;
    const asked = now();
    await cards.patch(record._id, { dirtySince: record.dirtySince ?? asked });
    try {
      await api.patchCard(record.messageId, taskCard(task, detailsUrl(task)));
    } catch (error) {
      if (error instanceof FeishuError && error.status < 500)
        throw new PlatformError(error.code, `${error.msg} (HTTP ${error.status})`);
      throw error;
    }
    await cards.changeIf(record._id, { set: { dirtySince: null } }, [
      { path: 'dirtySince', equals: record.dirtySince ?? asked },
    ]);
  }

  /** The next PATCH of the message, at least PATCH_SPACING_MS after the one before; callers meanwhile share it. */
  function throttled(record: CardRecord): Promise<void> {
    const lane = lanes.get(record.messageId) ?? { lastStart: 0, next: null, tail: Promise.resolve() };
    lanes.set(record.messageId, lane);
    if (lane.next !== null) return lane.next;
    const next = lane.tail.then(async () => {
      const wait = lane.lastStart + PATCH_SPACING_MS - Date.now();
      if (wait > 0) await sleep(wait);
      lane.next = null;
      lane.lastStart = Date.now();
      await patchNow(record);
    });
    lane.next = next;
    lane.tail = next.catch(() => undefined);
    return next;
  }

  async function refresh(activityId: string): Promise<'patched' | 'unpublished'> {
    const record = await cards.get(activityId);
    if (record === null) return 'unpublished';
    if (now() >= record.sentAt + UPDATE_WINDOW_MS) {
      throw new PlatformError(WINDOW_CLOSED, 'the card was sent more than 14 days ago: Feishu no longer updates it');
    }
    await throttled(record);
    return 'patched';
  }

  return {
    async publish(task) {
      const chatId = chatIdOf(task.room.id);
      const messageId = await api.sendCard(chatId, taskCard(task, detailsUrl(task)));
      const record = { _id: task.card.activityId, taskId: task.id, chatId, messageId, sentAt: now(), dirtySince: null };
      await cards.insert(record);
      // A change committed between the render and the record is not on the card yet: render once more.
      const latest = await tasks.get(task.id);
      if (latest !== null && latest.revision !== task.revision) await throttled(record).catch(() => undefined);
      return messageId;
    },
    record: (activityId) => cards.get(activityId),
    refresh,
    refreshSoon(activityId) {
      refresh(activityId).catch((error: unknown) => log(`the card of ${activityId} was not updated`, error));
    },
    async refreshDirty(limit) {
      const dirty = await cards.find({
        where: { dirtySince: { lt: now() } },
        orderBy: { path: 'dirtySince', order: 'asc' },
        limit,
      });
      let refreshed = 0;
      for (const record of dirty) {
        if (now() >= record.sentAt + UPDATE_WINDOW_MS) {
          await cards.patch(record._id, { dirtySince: null });
          continue;
        }
        try {
          await throttled(record);
          refreshed += 1;
        } catch (error) {
          log(`the timer could not update the card of task ${record.taskId}`, error);
        }
      }
      return refreshed;
    },
  };
}

export interface FeishuPlatformDeps {
  cards: FeishuCards;
  proofs: Proofs;
  now: () => number;
  newId: () => string;
}

/** The kit's platform port on Feishu (see the header). */
export function feishuPlatform({ cards, proofs, now, newId }: FeishuPlatformDeps): ChatPlatform {
  return {
    async createCard() {
      return { activityId: `fs${newId()}`, expiresAt: now() + UPDATE_WINDOW_MS };
    },
    async updateCard(body) {
      await cards.refresh(body.activity_id);
    },
    async resolveChat(chatProof, userId) {
      return proofs.resolveChatProof(chatProof, userId, now());
    },
    async checkText() {
      return { verdict: 'pass', traceId: 'feishu-no-text-check' };
    },
  };
}

/** Member bindings as the kit keeps them; a room's members from the group API, bots excluded. */
export function feishuBindings(bindings: MemberBindings, api: FeishuApi): MemberBindings {
  return {
    bindMember: (roomId, member, at) => bindings.bindMember(roomId, member, at),
    async roomMembers(roomId, limit) {
      const members = await api.members(chatIdOf(roomId), limit);
      return members.map(({ openId }) => ({ userId: memberIdOf(openId), memberId: memberIdOf(openId) }));
    },
  };
}
