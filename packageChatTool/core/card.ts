// What the dynamic card needs versus what it shows, and the setChatToolMsg bodies that close the gap.
// The database is the truth; the card follows it through these bodies (docs/platform.md#setchattoolmsg), and its
// record says what WeChat shows (docs/backend.md#the-card-record).
import type { CardShown, CardTargetState, CardTemplateId, Task, TaskState, VersionType } from './types';
import { CARD_TEMPLATE } from './types';

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

export const TARGET_STATE: Record<TaskState, CardTargetState> = { open: 1, closingSoon: 2, ended: 3 };

export const VERSION_TYPE = { release: 0, develop: 1, trial: 2 } as const;

/** True when the card already shows everything it can show for this task. */
export function cardInSync(task: Task): boolean {
  return pendingCardUpdates(task).length === 0;
}

/** A card that starts collecting: how every new card (a new activity_id) begins. */
export const NEW_CARD: CardShown = { state: 1, settled: true, endSent: false, version: 0, doneGroupOpenids: [] };

/**
 * The setChatToolMsg bodies that bring the card in line, in order. Empty when it already agrees,
 * when it already shows "ended" (target_state 3 is final), or when the task's activity_id has
 * expired (a new card is needed; see renewCard).
 */
export function cardUpdates(task: Task, now: number): SetChatToolMsgBody[] {
  if (now >= task.activityExpiresAt) return [];
  return pendingCardUpdates(task);
}

/**
 * Members are marked only with target_state 1 (docs/platform.md#participators-with-state-2-or-3) and
 * only while the card certainly shows 1: marking a card that may show closing soon would take it back to
 * collecting. So a closing-soon card marks the members still unmarked before it turns to 2, and none after.
 */
function pendingCardUpdates(task: Task): SetChatToolMsgBody[] {
  const { card } = task;
  if (card.state === 3) return [];
  const base = { activity_id: task.activityId, template_id: CARD_TEMPLATE[task.kind], version_type: task.versionType };
  // Ended shows "已结束" to everyone, so members not yet marked no longer matter.
  if (task.state === 'ended') return [{ ...base, target_state: 3 }];
  const target = TARGET_STATE[task.state];
  const collecting = card.settled && card.state === 1;
  const shown = new Set(card.doneGroupOpenids);
  const unmarked = collecting ? task.participants.map((p) => p.groupOpenid).filter((id) => !shown.has(id)) : [];
  const bodies: SetChatToolMsgBody[] = [];
  for (let start = 0; start < unmarked.length; start += MAX_PARTICIPATORS_PER_CALL) {
    const batch = unmarked.slice(start, start + MAX_PARTICIPATORS_PER_CALL);
    bodies.push({
      ...base,
      target_state: 1,
      participator_info_list: batch.map((group_openid) => ({ group_openid, state: 1 })),
    });
  }
  // A collecting task's card can only show 1 (the task's state never goes back), so only 2 is re-sent.
  if (target === 2 && !(card.settled && card.state === 2)) bodies.push({ ...base, target_state: 2 });
  return bodies;
}

/** The group_openids a body marks done on the card. */
export const markedBy = (body: SetChatToolMsgBody): string[] =>
  (body.participator_info_list ?? []).map((participator) => participator.group_openid);

/**
 * WeChat's answer to one call: it applied the body; refused the body (applied nothing); failed without looking
 * at the card (the API itself refused: permission, token, cloud call unsupported; applied nothing); or the
 * outcome is unknown (a time-out or a system error, after which the call may still land).
 */
export type CardAnswer = 'accepted' | 'refused' | 'failed' | 'unknown';

/** What one sync learned: the answers to the bodies it sent, in order (it stops at the first not accepted). */
export interface CardSync {
  /**
   * card.version of the task the bodies were computed from; null for an answer that arrived after its sync
   * gave up on it, whose place in WeChat's order nobody knows.
   */
  version: number | null;
  answers: { body: SetChatToolMsgBody; answer: CardAnswer }[];
}

/**
 * The card record after a sync, given the task's state when it is recorded. No clock decides anything:
 * - marks only accumulate, and only for calls WeChat accepted;
 * - 3 is final: an accepted end, or an end refused after an end of unknown outcome (WeChat refuses a second
 *   final state, so the first one landed), settles the card as ended;
 * - while the task collects, every call ever sent had target_state 1, so the card shows 1 whatever the order;
 * - otherwise the state is the sync's last accepted one, settled only if nothing else was recorded since the
 *   sync read the task (its calls were then the last to land) and none of its answers is unknown.
 */
export function cardAfter(card: CardShown, taskState: TaskState, sync: CardSync): CardShown {
  if (sync.answers.length === 0) return card;
  const accepted = sync.answers.filter(({ answer }) => answer === 'accepted').map(({ body }) => body);
  const unknown = sync.answers.find(({ answer }) => answer === 'unknown')?.body;
  const doneGroupOpenids = [...new Set([...card.doneGroupOpenids, ...accepted.flatMap(markedBy)])];
  const version = card.version + 1;
  const endRefused = card.endSent && sync.answers.some((a) => a.answer === 'refused' && a.body.target_state === 3);
  if (card.state === 3 || endRefused || accepted.some((body) => body.target_state === 3)) {
    return { state: 3, settled: true, endSent: false, version, doneGroupOpenids };
  }
  const endSent = card.endSent || unknown?.target_state === 3;
  if (taskState === 'open') return { state: 1, settled: true, endSent, version, doneGroupOpenids };
  const last = accepted[accepted.length - 1];
  if (last === undefined) return { ...card, settled: card.settled && unknown === undefined, endSent, version };
  const alone = sync.version === card.version && unknown === undefined;
  return { state: last.target_state, settled: alone, endSent, version, doneGroupOpenids };
}
