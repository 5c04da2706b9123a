// How a task's facts read in the user's language. Pure: no wx, no page; shared by every page.
import type { ViewerStatus } from '../core/api';
import type { TaskKind, TaskState } from '../core/types';
import { format as kitFormat } from 'chat-tool-kit';
import type { Messages } from '../i18n/index';

/** The kit's format() under a local name: a call of an imported function compiles to `(0, kit.format)(…)`, 5 here. */
const format = kitFormat;

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local day, e.g. 2026-11-21 (the date picker's format). */
export function formatDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** Local date and time, e.g. 2026-11-21 18:30 (the same in both languages). */
export function formatDateTime(epochMs: number): string {
  const d = new Date(epochMs);
  return `${formatDate(epochMs)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function stateLabel(state: TaskState, t: Messages): string {
  if (state === 'open') return t.stateOpen;
  return state === 'closingSoon' ? t.stateClosingSoon : t.stateEnded;
}

export function kindTag(kind: TaskKind, t: Messages): string {
  return kind === 'participate' ? t.kindTagParticipate : t.kindTagComplete;
}

/** "剩余 2 天 3 小时" / "2 d 3 h left"; minutes round up so "0 min left" never shows. */
export function countdown(deadline: number | null, now: number, t: Messages): string {
  if (deadline === null) return t.noDeadline;
  const left = deadline - now;
  if (left <= 0) return t.deadlinePassed;
  if (left >= DAY) return format(t.countdownDays, { d: Math.floor(left / DAY), h: Math.floor((left % DAY) / HOUR) });
  if (left >= HOUR)
    return format(t.countdownHours, { h: Math.floor(left / HOUR), m: Math.floor((left % HOUR) / MINUTE) });
  return format(t.countdownMinutes, { m: Math.ceil(left / MINUTE) });
}

/**
 * True when the deadline fell between `loadedAt` and `now`: what a page loaded before it may still offer actions
 * the server no longer allows, so the page reloads instead of moving its countdown on.
 */
export function deadlinePassedSince(
  task: { state: TaskState; deadline: number | null },
  loadedAt: number,
  now: number,
): boolean {
  return task.state !== 'ended' && task.deadline !== null && loadedAt < task.deadline && now >= task.deadline;
}

/** "3 人已参与", or "3/5 人已参与" when the task expects chosen members. */
export function progressText(kind: TaskKind, done: number, expected: number | null, t: Messages): string {
  const mark = t.marks[kind];
  if (expected === null) return format(t.progress, { done, mark });
  return format(t.progressOf, { done, expected, mark });
}

/** Where the viewer stands, in words; a creator outside the audience reads as the one who posted it. */
export function statusText(
  kind: TaskKind,
  status: ViewerStatus,
  state: TaskState,
  t: Messages,
  isCreator = false,
): string {
  if (isCreator && status === 'notInvited') return t.statusCreator;
  if (status === 'done') return kind === 'participate' ? t.statusDoneParticipate : t.statusDoneComplete;
  if (status === 'outsider') return t.statusOutsider;
  if (state === 'ended') return t.statusEnded;
  if (status === 'waitlisted') return t.statusWaitlisted;
  if (status === 'notInvited') return t.statusNotInvited;
  return format(t.statusPending, { act: t.acts[kind] });
}
