// The group task domain, shared by the chat tool and the cloud function (which bundles it).
// Pure types: no wx, cloud or database import may ever appear under core/.
import type { Member, Room, VersionType } from 'chat-tool-kit';

// The chat and its members are the kit's (kit/core/chat.ts); the task domain names them from here too.
export type { ChatType, EnvVersion, Member, Room, VersionType } from 'chat-tool-kit';
export { isOneToOneChat } from 'chat-tool-kit';

/** Card template ids documented for chat-tool dynamic messages (docs/platform.md, "Card templates and subtitles"). */
export const CARD_TEMPLATE = {
  /** "X人已参与" on the creator's card. */
  participate: '2A84254B945674A2F88CE4970782C402795EB607',
  /** "X人已完成" on the creator's card. */
  complete: '4A68CBB88A92B0A9311848DBA1E94A199B166463',
} as const;

export type TaskKind = keyof typeof CARD_TEMPLATE;
export type CardTemplateId = (typeof CARD_TEMPLATE)[TaskKind];

/** open → closingSoon → ended; ended is final. Maps to the card's target_state 1, 2, 3. */
export type TaskState = 'open' | 'closingSoon' | 'ended';
export type CardTargetState = 1 | 2 | 3;

/** Who the task is for: members picked with wx.selectGroupMembers (chooseType 1) or everyone (chooseType 2). */
export type Audience = { kind: 'everyone' } | { kind: 'members'; groupOpenids: string[] };

export interface Participant extends Member {
  /** Epoch milliseconds when they signed up (participate) or marked done (complete). */
  at: number;
}

/** What the dynamic card in the chat shows, as far as WeChat's answers tell (core/card.ts cardAfter). */
export interface CardShown {
  /** The state set by the last call recorded as accepted (1, the state a card starts in, until then). */
  state: CardTargetState;
  /**
   * False when WeChat may show another state than `state`: a call's outcome is unknown, or syncs recorded
   * concurrently in an order nobody can tell. The next sync sends the task's state again.
   */
  settled: boolean;
  /** An end (target_state 3) went out and its outcome is unknown: WeChat refusing another end means it landed. */
  endSent: boolean;
  /** Bumped by every record: a sync that finds it moved since it read the task cannot tell its calls' order. */
  version: number;
  /** group_openids WeChat has marked done (state 1); the card cannot un-mark anyone. */
  doneGroupOpenids: string[];
}

export interface Task {
  id: string;
  title: string;
  description: string;
  kind: TaskKind;
  room: Room;
  creator: Member;
  audience: Audience;
  /** Maximum participants; null means unlimited. */
  capacity: number | null;
  /** Epoch milliseconds; null means no deadline. */
  deadline: number | null;
  state: TaskState;
  participants: Participant[];
  /** In order of arrival; the first is promoted when a participant leaves. */
  waitlist: Participant[];
  activityId: string;
  /** Epoch milliseconds when WeChat stops accepting the activity_id for sharing. */
  activityExpiresAt: number;
  /** From the creator's envVersion; every setChatToolMsg for this card sends it. */
  versionType: VersionType;
  card: CardShown;
  createdAt: number;
  updatedAt: number;
  /** Incremented on every committed change; stores use it for conditional updates. */
  revision: number;
}

/** What a draft from the create page holds before the server accepts it. */
export interface TaskDraft {
  title: string;
  description?: string;
  kind: TaskKind;
  audience: Audience;
  capacity?: number | null;
  deadline?: number | null;
}
