// A list the server answers a page at a time (the kit's Page: items and the cursor of the next), as a page holds
// it: the pages loaded so far, each item once. Pure, shared by the entry page (tasks) and the task page (members).
import type { Page } from 'chat-tool-kit';

export interface Paged<T> {
  /** Each loaded page's items, without an item an earlier page already holds. */
  pages: T[][];
  /** The cursor of the next page; null at the end. */
  next: string | null;
  /** The cursor that loaded the last page (null: the first page): read again when the list grew past its end. */
  tail: string | null;
}

export const pagedFrom = <T>(first: Page<T>): Paged<T> => ({ pages: [[...first.items]], next: first.next, tail: null });

/**
 * `page`, read with `after`, added at the end. Between two requests someone may leave or come back, so an item an
 * earlier page holds is dropped (the list shows each member or task once).
 */
export function withPage<T>(list: Paged<T>, page: Page<T>, after: string, key: (item: T) => string): Paged<T> {
  const seen = new Set(list.pages.flat().map(key));
  // Each item once, within the page too: an item is kept when its key is not seen yet, and its key is added.
  const fresh = page.items.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))));
  return { pages: [...list.pages, fresh], next: page.next, tail: after };
}

/**
 * After a refresh: the new first page replaces the old one and the pages loaded since stay, so a refresh never
 * throws away what the viewer scrolled to. Of the items loaded before, those past the last one the new first page
 * still holds stay (newcomers at the head pushed them down), those before it go (they left the list). When the list
 * had reached its end and has grown since, its last page is read again for the newcomers (dedupe drops repeats).
 */
export function withFirstPage<T>(list: Paged<T>, first: Page<T>, key: (item: T) => string): Paged<T> {
  if (list.pages.length <= 1) return pagedFrom(first);
  const fresh = new Set(first.items.map(key));
  const edge = list.pages.flat().reduce((last, item, index) => (fresh.has(key(item)) ? index : last), -1);
  let index = 0;
  const rest = list.pages.map((page) => page.filter(() => index++ > edge)).filter((page) => page.length > 0);
  const grown = list.next === null && first.next !== null;
  return { pages: [[...first.items], ...rest], next: grown ? (list.tail ?? first.next) : list.next, tail: list.tail };
}

/** The list without the item whose key is `id` (e.g. the viewer, who has just left it), wherever it was loaded. */
export function without<T>(list: Paged<T>, id: string, key: (item: T) => string): Paged<T> {
  return { ...list, pages: list.pages.map((page) => page.filter((item) => key(item) !== id)) };
}
