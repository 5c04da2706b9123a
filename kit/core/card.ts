// The dynamic card, generic: the tool says per record what the card should show (a CardTarget); the kit owns how
// it gets there. The record's database is the truth; the card follows it through setChatToolMsg bodies
// (docs/platform.md, "setChatToolMsg"), and the binding's `shown` says what WeChat shows
// (docs/backend.md, "The card record"). Pure: no clock, no wx, no database.
import type { VersionType } from './chat';

/** Card template ids documented for chat-tool dynamic messages (docs/platform.md, "Card templates and subtitles"). */
export const CARD_TEMPLATE = {
  /** "X人已参与" on the publisher's card. */
  participate: '2A84254B945674A2F88CE4970782C402795EB607',
  /** "X人已完成" on the publisher's card. */
  complete: '4A68CBB88A92B0A9311848DBA1E94A199B166463',
} as const;

export type CardTemplateKind = keyof typeof CARD_TEMPLATE;
export type CardTemplateId = (typeof CARD_TEMPLATE)[CardTemplateKind];

/** setChatToolMsg's target_state: 1 collecting, 2 closing soon, 3 ended (final). */
export type CardTargetState = 1 | 2 | 3;

/** What the tool wants the card to show now. */
export interface CardTarget {
  kind: CardTemplateKind;
  state: CardTargetState;
  /** Member ids (group_openids) of the members the card should show as done; it can mark them, never un-mark them. */
  done: readonly string[];
}

/** What the dynamic card in the chat shows, as far as WeChat's answers tell (cardAfter). */
export interface CardShown {
  /** The state set by the last call recorded as accepted (1, the state a card starts in, until then). */
  state: CardTargetState;
  /**
   * False when WeChat may show another state than `state`: a call's outcome is unknown, or syncs recorded
   * concurrently in an order nobody can tell. The next sync sends the target state again.
   */
  settled: boolean;
  /** An end (target_state 3) went out and its outcome is unknown: WeChat refusing another end means it landed. */
  endSent: boolean;
  /** Bumped by every record: a sync that finds it moved since it read the record cannot tell its calls' order. */
  version: number;
  /** Member ids (group_openids) WeChat has marked done (state 1); the card cannot un-mark anyone. */
  doneMemberIds: string[];
}

/** A card that starts collecting: how every new card (a new activity_id) begins. */
export const NEW_CARD: CardShown = { state: 1, settled: true, endSent: false, version: 0, doneMemberIds: [] };

/** The card bound to one record: WeChat's activity_id, its expiry, the version type, and what it shows. */
export interface CardBinding {
  activityId: string;
  /** Epoch milliseconds when WeChat stops accepting the activity_id for sharing and updates. */
  expiresAt: number;
  /** From the publisher's envVersion; every setChatToolMsg for this card sends it. */
  versionType: VersionType;
  shown: CardShown;
}

/** A new activity_id as createActivityId answers it (docs/platform.md, "createActivityId"). */
export interface CardActivity {
  activityId: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

/** The binding of a new activity_id: a new card, collecting, nobody marked. */
export function newBinding(activity: CardActivity, versionType: VersionType): CardBinding {
  return { activityId: activity.activityId, expiresAt: activity.expiresAt, versionType, shown: NEW_CARD };
}

/** The documented body of chattoolmsg.send, with its snake_case keys (the SDK would mangle camelCase). */
export interface SetChatToolMsgBody {
  activity_id: string;
  target_state: CardTargetState;
  template_id: CardTemplateId;
  version_type: VersionType;
  /** Only with target_state 1, where it is required; members can only be marked done (state 1), never undone. */
  participator_info_list?: { group_openid: string; state: 1 }[];
}

/**
 * No limit is documented for participator_info_list; batches stay modest so a burst of sign-ups
 * becomes a few calls rather than one oversized request.
 */
export const MAX_PARTICIPATORS_PER_CALL = 100;

/** True when the card already shows everything it can show for this target. */
export function cardInSync(binding: CardBinding, target: CardTarget): boolean {
  return pendingCardUpdates(binding, target).length === 0;
}

/**
 * The setChatToolMsg bodies that bring the card in line, in order. Empty when it already agrees,
 * when it already shows "ended" (target_state 3 is final), or when the activity_id has expired
 * (a new card is needed: a new binding).
 */
export function cardUpdates(binding: CardBinding, target: CardTarget, now: number): SetChatToolMsgBody[] {
  if (now >= binding.expiresAt) return [];
  return pendingCardUpdates(binding, target);
}

/**
 * Members are marked only with target_state 1 (docs/platform.md, "Participators with state 2 or 3") and
 * only while the card certainly shows 1: marking a card that may show closing soon would take it back to
 * collecting. So a closing-soon card marks the members still unmarked before it turns to 2, and none after.
 */
function pendingCardUpdates(binding: CardBinding, target: CardTarget): SetChatToolMsgBody[] {
  const { shown } = binding;
  if (shown.state === 3) return [];
  const base = {
    activity_id: binding.activityId,
    template_id: CARD_TEMPLATE[target.kind],
    version_type: binding.versionType,
  };
  // Ended shows "已结束" to everyone, so members not yet marked no longer matter.
  if (target.state === 3) return [{ ...base, target_state: 3 }];
  const collecting = shown.settled && shown.state === 1;
  const marked = new Set(shown.doneMemberIds);
  const unmarked = collecting ? target.done.filter((id) => !marked.has(id)) : [];
  const bodies: SetChatToolMsgBody[] = [];
  for (let start = 0; start < unmarked.length; start += MAX_PARTICIPATORS_PER_CALL) {
    const batch = unmarked.slice(start, start + MAX_PARTICIPATORS_PER_CALL);
    bodies.push({
      ...base,
      target_state: 1,
      participator_info_list: batch.map((group_openid) => ({ group_openid, state: 1 })),
    });
  }
  // A collecting card can only show 1 (a target's state never goes back), so only 2 is re-sent.
  if (target.state === 2 && !(shown.settled && shown.state === 2)) bodies.push({ ...base, target_state: 2 });
  return bodies;
}

/** The group_openids a body marks done on the card. */
export const markedBy = (body: SetChatToolMsgBody): string[] =>
  (body.participator_info_list ?? []).map((participator) => participator.group_openid);

/**
 * The members a sync marked when marking is all it did (every body collecting, target_state 1): then a record only
 * gains those marks and needs nothing else of the binding, so a tool may add them without reading its record.
 * Null when a body moved the state.
 */
export function marksOnly(sync: CardSync): string[] | null {
  if (!sync.answers.every(({ body }) => body.target_state === 1)) return null;
  return [...new Set(sync.answers.flatMap(({ body, answer }) => (answer === 'accepted' ? markedBy(body) : [])))];
}

/**
 * WeChat's answer to one call: it applied the body; refused the body (applied nothing); failed without looking
 * at the card (the API itself refused: permission, token, cloud call unsupported; applied nothing); or the
 * outcome is unknown (a time-out or a system error, after which the call may still land).
 */
export type CardAnswer = 'accepted' | 'refused' | 'failed' | 'unknown';

/** What one sync learned: the answers to the bodies it sent, in order (it stops at the first not accepted). */
export interface CardSync {
  /**
   * shown.version of the binding the bodies were computed from; null for an answer that arrived after its sync
   * gave up on it, whose place in WeChat's order nobody knows.
   */
  version: number | null;
  answers: { body: SetChatToolMsgBody; answer: CardAnswer }[];
}

/**
 * What the card shows after a sync, given the target state when it is recorded. No clock decides anything:
 * - marks only accumulate, and only for calls WeChat accepted;
 * - 3 is final: an accepted end, or an end refused after an end of unknown outcome (WeChat refuses a second
 *   final state, so the first one landed), settles the card as ended;
 * - while the target is 1 (collecting), every call ever sent had target_state 1 (a target's state never goes
 *   back), so the card shows 1 whatever the order;
 * - otherwise the state is the sync's last accepted one, settled only if nothing else was recorded since the
 *   sync read the record (its calls were then the last to land) and none of its answers is unknown.
 */
export function cardAfter(shown: CardShown, targetState: CardTargetState, sync: CardSync): CardShown {
  if (sync.answers.length === 0) return shown;
  const accepted = sync.answers.filter(({ answer }) => answer === 'accepted').map(({ body }) => body);
  const unknown = sync.answers.find(({ answer }) => answer === 'unknown')?.body;
  const doneMemberIds = [...new Set([...shown.doneMemberIds, ...accepted.flatMap(markedBy)])];
  const version = shown.version + 1;
  const endRefused = shown.endSent && sync.answers.some((a) => a.answer === 'refused' && a.body.target_state === 3);
  if (shown.state === 3 || endRefused || accepted.some((body) => body.target_state === 3)) {
    return { state: 3, settled: true, endSent: false, version, doneMemberIds };
  }
  const endSent = shown.endSent || unknown?.target_state === 3;
  if (targetState === 1) return { state: 1, settled: true, endSent, version, doneMemberIds };
  const last = accepted[accepted.length - 1];
  if (last === undefined) return { ...shown, settled: shown.settled && unknown === undefined, endSent, version };
  const alone = sync.version === shown.version && unknown === undefined;
  return { state: last.target_state, settled: alone, endSent, version, doneMemberIds };
}

/** How WeChat classifies a card viewer: the one who shared it, a participant, or anyone else in the chat. */
export type CardViewerRole = 'publisher' | 'participant' | 'nonParticipant';

const CARD_WORDS: Record<CardTemplateKind, { count: string; done: string; pending: string; notNeeded: string }> = {
  complete: { count: '人已完成', done: '已完成', pending: '未完成', notNeeded: '你无需完成' },
  participate: { count: '人已参与', done: '已参与', pending: '未参与', notNeeded: '你无需参与' },
};

/**
 * The card subtitle (辅标题) for one viewer, exactly as the template table words it (docs/platform.md, "Card
 * templates and subtitles").
 */
export function cardText(
  kind: CardTemplateKind,
  state: CardTargetState,
  role: CardViewerRole,
  viewerDone: boolean,
  doneCount: number,
): string {
  if (state === 3) return '已结束';
  const words = CARD_WORDS[kind];
  if (role === 'publisher') return `${doneCount}${words.count}`;
  if (role === 'nonParticipant') return words.notNeeded;
  if (viewerDone) return words.done;
  return state === 2 ? '即将截止' : words.pending;
}

/** chooseType 2 makes everyone in the chat a participant; chooseType 1 only the listed group_openids. */
export function cardRole(
  card: { publisherMemberId: string; chooseType: 1 | 2; participant: readonly string[] },
  viewerMemberId: string,
): CardViewerRole {
  if (viewerMemberId === card.publisherMemberId) return 'publisher';
  if (card.chooseType === 2 || card.participant.includes(viewerMemberId)) return 'participant';
  return 'nonParticipant';
}
