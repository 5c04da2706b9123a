// What the dynamic card needs versus what it shows, and the setChatToolMsg bodies that close the gap.
// The database is the truth; the card follows it through these bodies (chat-tool-api.md §2).
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

/** A body WeChat accepted, and when. */
export interface AcceptedUpdate {
  body: SetChatToolMsgBody;
  at: number;
}

/**
 * The setChatToolMsg bodies that bring the card in line, in order. Empty when it already agrees,
 * when it already shows "ended" (target_state 3 is final), or when the task's activity_id has
 * expired (a renewed card is needed; see renewCard).
 */
export function cardUpdates(task: Task, now: number): SetChatToolMsgBody[] {
  if (now >= task.activityExpiresAt) return [];
  return pendingCardUpdates(task);
}

/**
 * participator_info_list goes only with target_state 1 (where it is required). A closing-soon card
 * therefore marks new members with target_state 1 and then returns to 2 in the next call.
 */
function pendingCardUpdates(task: Task): SetChatToolMsgBody[] {
  const { card } = task;
  if (card.state === 3) return [];
  const base = { activity_id: task.activityId, template_id: CARD_TEMPLATE[task.kind], version_type: task.versionType };
  // Ended shows "已结束" to everyone, so members not yet marked no longer matter.
  if (task.state === 'ended') return [{ ...base, target_state: 3 }];
  const target = TARGET_STATE[task.state];
  const shown = new Set(card.doneGroupOpenids);
  const unmarked = task.participants.map((p) => p.groupOpenid).filter((id) => !shown.has(id));
  const bodies: SetChatToolMsgBody[] = [];
  for (let start = 0; start < unmarked.length; start += MAX_PARTICIPATORS_PER_CALL) {
    const batch = unmarked.slice(start, start + MAX_PARTICIPATORS_PER_CALL);
    bodies.push({
      ...base,
      target_state: 1,
      participator_info_list: batch.map((group_openid) => ({ group_openid, state: 1 })),
    });
  }
  const stateAfter = bodies.length > 0 ? 1 : card.state;
  if (stateAfter !== target) bodies.push({ ...base, target_state: target });
  return bodies;
}

/** The group_openids a body marks done on the card. */
export const markedBy = (body: SetChatToolMsgBody): string[] =>
  (body.participator_info_list ?? []).map((participator) => participator.group_openid);

/**
 * What the card shows once WeChat accepted `update`. Marks only accumulate; the state is the one of the
 * latest accepted call, so concurrent syncs that interleave at WeChat are recorded in WeChat's order,
 * and "ended" stays ended.
 */
export function cardAfter(card: CardShown, { body, at }: AcceptedUpdate): CardShown {
  const done = new Set([...card.doneGroupOpenids, ...markedBy(body)]);
  const later = card.state !== 3 && at >= card.stateAt;
  return {
    state: later ? body.target_state : card.state,
    stateAt: later ? at : card.stateAt,
    doneGroupOpenids: [...done],
  };
}
