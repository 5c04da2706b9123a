// The group task domain, shared by the chat tool and the cloud function (which bundles it).
// Pure types: no platform, cloud or database import may ever appear under core/.
import type { CardBinding, CardTemplateKind, Member, Room } from 'chat-tool-kit';
import type { TaskDraft } from './task-fields';

// The chat and its members are the kit's (kit/core/chat.ts); the task domain names their types from here too.
// Types only, so this file compiles to nothing a page loads: values (isOneToOneChat, CARD_TEMPLATE) come from the
// kit itself.
export type { ChatType, EnvVersion, Member, Room, VersionType } from 'chat-tool-kit';

// The card's template table and its binding are the kit's (kit/core/card.ts): a task's kind is its card's template.
export type { CardTemplateId } from 'chat-tool-kit';
export type TaskKind = CardTemplateKind;

/** open → closingSoon → ended; ended is final. Its card's target state is 1, 2, 3 (cardTargetOf). */
export type TaskState = 'open' | 'closingSoon' | 'ended';

/** Who the task is for: members picked in the chat's member picker, or everyone in the chat. */
export type Audience = { kind: 'everyone' } | { kind: 'members'; memberIds: string[] };

export interface Participant extends Member {
  /** Epoch milliseconds when they signed up (participate) or marked done (complete). */
  at: number;
  /** The line they wrote for the chat to read (task-fields.ts `note`); absent: none, as on entries older than notes. */
  note?: string;
}

/** A task: the fields its creator filled in (task-fields.ts) and what the chat tool keeps about it. */
export interface Task extends TaskDraft {
  id: string;
  room: Room;
  creator: Member;
  state: TaskState;
  participants: Participant[];
  /** In order of arrival; the first is promoted when a participant leaves. */
  waitlist: Participant[];
  /** The card bound to the task (its id, expiry, version type, what it shows); the kit syncs it. */
  card: CardBinding;
  createdAt: number;
  updatedAt: number;
  /** Incremented on every committed change; stores use it for conditional updates. */
  revision: number;
}

export type { TaskDraft };
