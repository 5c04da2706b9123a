// Lists too long for one answer, a page at a time: a task's members (listMembers) and task lists (listRoomTasks,
// listMyTasks). Cursors are opaque to the client and read only here, on the server; each says where the last page
// ended in terms the store can query without reading what came before. Pure.
import type { ApiResult } from './api';
import type { MemberPage, ParticipantView } from './api';
import { fail, ok } from './result';
import type { Participant } from './types';

/** Where a member page ended: the position after its last item, and a short mark of that item's member. */
export interface MemberCursor {
  position: number;
  mark: string;
}

/**
 * A member's mark in a cursor: a 32-bit FNV-1a hash of their member id in base 36, a few characters where the id
 * may have a hundred. Two members of one read window sharing a mark would resume the page after the wrong one of
 * them: a page the client dedupes by member id, never a member lost for good (a refresh reads them again).
 */
export function memberMark(memberId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < memberId.length; i += 1) {
    hash ^= memberId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

const MEMBER_CURSOR = /^(\d{1,6})\.([0-9a-z]{1,7})$/;

export const memberCursorText = ({ position, mark }: MemberCursor): string => `${position}.${mark}`;

export function readMemberCursor(text: string): ApiResult<MemberCursor> {
  const match = MEMBER_CURSOR.exec(text);
  if (match === null) return fail('INVALID_REQUEST', "after must be the 'next' of the previous page");
  return ok({ position: Number(match[1]), mark: match[2] });
}

/** The items of a list a store read: `items` start at position `start` of a list that holds `total`. */
export interface ListWindow<T> {
  start: number;
  items: readonly T[];
  total: number;
}

/**
 * Where to read for the page after `after`: a page before its position as well, so that a member who was shown
 * last is found again even if up to a page of members ahead of them left meanwhile.
 */
export function memberWindowAfter(after: MemberCursor, size: number): { start: number; count: number } {
  const start = Math.max(0, after.position - size);
  return { start, count: after.position - start + size };
}

/** A list entry as read: what a page shows of it (no userId), its note absent on entries older than notes. */
export type MemberEntry = Pick<Participant, 'memberId' | 'at' | 'note'>;

const viewOf = ({ memberId, at, note }: MemberEntry): ParticipantView => ({ memberId, at, note: note ?? '' });

/**
 * The page of `size` items after `after` (the first page when null) from a window read as memberWindowAfter says.
 * It resumes right after the member shown last, wherever they moved; if they left, at the position where the
 * last page ended (then members ahead of them who left meanwhile make it skip as many).
 */
export function memberPage(window: ListWindow<MemberEntry>, after: MemberCursor | null, size: number): MemberPage {
  const found = after === null ? -1 : window.items.findIndex((item) => memberMark(item.memberId) === after.mark);
  const from = after === null ? 0 : found >= 0 ? found + 1 : Math.max(0, after.position - window.start);
  const items = window.items.slice(from, from + size);
  const end = window.start + from + items.length;
  const last = items[items.length - 1];
  return {
    items: items.map(viewOf),
    next:
      last === undefined || end >= window.total
        ? null
        : memberCursorText({ position: end, mark: memberMark(last.memberId) }),
  };
}

/** Where a task list page ended: its last task's creation time and id (the order is newest first, then by id). */
export interface TaskCursor {
  createdAt: number;
  id: string;
}

const TASK_CURSOR = /^(\d{1,16})\.([A-Za-z0-9_-]{1,64})$/;

export const taskCursorText = ({ createdAt, id }: TaskCursor): string => `${createdAt}.${id}`;

export function readTaskCursor(text: string): ApiResult<TaskCursor> {
  const match = TASK_CURSOR.exec(text);
  if (match === null) return fail('INVALID_REQUEST', "after must be the 'next' of the previous page");
  return ok({ createdAt: Number(match[1]), id: match[2] });
}
