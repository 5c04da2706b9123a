// A list too long for one answer, a page at a time: the page's items and an opaque cursor for the next one.
// The server alone reads a cursor (it says where the last page ended); a client only hands it back.
import type { Field } from './action-table';
import { fail, ok } from './result';

export interface Page<T> {
  items: T[];
  /** Send it back as `after` for the next page; null when there is no more. */
  next: string | null;
}

/** Characters a cursor may hold at most: a position and a record's id or two, never a whole record. */
export const CURSOR_MAX = 256;

const CURSOR = /^[\x21-\x7e]+$/;

/** The `after` of a paged request: a cursor from the previous page's `next`, as the server made it. */
export const cursor: Field<string> = (value) =>
  typeof value === 'string' && value.length <= CURSOR_MAX && CURSOR.test(value)
    ? ok(value)
    : fail('INVALID_REQUEST', "after must be the 'next' cursor of the previous page");
