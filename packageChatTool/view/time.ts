// What the pages show of time, which moves on between the server's answers and reads in the phone's own time zone:
// the deadline, the countdown, and whether the deadline passed since a page loaded. Everything else a page shows of
// a task the server words in the caller's language (core/task-words.ts). Pure: no wx, no page.
import { format } from 'chat-tool-kit';
import type { TaskState } from '../core/types';
import type { Messages } from '../i18n/texts';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number): string => String(n).padStart(2, '0');

/** Local day, e.g. 2026-11-21 (the date picker's format). */
export function formatDate(epochMs: number): string {
  const d = new Date(epochMs);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** "截止：2026-11-21 18:30" in local time (the same in both languages), or "no deadline". */
export function deadlineLine(deadline: number | null, t: Messages): string {
  if (deadline === null) return t.noDeadline;
  const d = new Date(deadline);
  return format(t.deadlineAt, { time: `${formatDate(deadline)} ${pad(d.getHours())}:${pad(d.getMinutes())}` });
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
