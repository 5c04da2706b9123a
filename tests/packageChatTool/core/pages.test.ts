// Member pages (core/pages.ts): read as listMembers reads them, every member is reached exactly once page by page;
// members leaving ahead of the last one shown skip nobody; cursors are the server's own.
import fc from 'fast-check';
import type { ParticipantView } from '../../../packageChatTool/core/api';
import type { MemberCursor } from '../../../packageChatTool/core/pages';
import {
  memberPage,
  memberWindowAfter,
  readMemberCursor,
  readTaskCursor,
  taskCursorText,
} from '../../../packageChatTool/core/pages';

const entry = (n: number): ParticipantView => ({ memberId: `g${n}`, at: n, note: n % 3 === 0 ? '' : `+${n}` });

/** The next page as listMembers makes it: the window memberWindowAfter names, read from `list` as it now stands. */
function next(list: readonly ParticipantView[], after: string | null, size: number) {
  let cursor: MemberCursor | null = null;
  if (after !== null) {
    const read = readMemberCursor(after);
    if (!read.ok) throw new Error(read.error.code);
    cursor = read.data;
  }
  const { start, count } = cursor === null ? { start: 0, count: size } : memberWindowAfter(cursor, size);
  return memberPage({ start, items: list.slice(start, start + count), total: list.length }, cursor, size);
}

describe('member pages', () => {
  it('reach every member exactly once, in order, whatever the list and page sizes', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 120 }), fc.integer({ min: 1, max: 25 }), (length, size) => {
        const list = Array.from({ length }, (_, n) => entry(n));
        const seen: ParticipantView[] = [];
        let after: string | null = null;
        do {
          const page = next(list, after, size);
          seen.push(...page.items);
          after = page.next;
        } while (after !== null);
        expect(seen).toEqual(list);
      }),
    );
  });

  it('skip nobody when members ahead of the last one shown leave between pages (up to a page of them)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 10, max: 80 }),
        fc.integer({ min: 2, max: 20 }),
        fc.array(fc.nat(), { maxLength: 20 }),
        (length, size, leaving) => {
          let list = Array.from({ length }, (_, n) => entry(n));
          const first = next(list, null, size);
          const shown = new Set(first.items.map((item) => item.memberId));
          if (first.next === null) return;
          const last = first.items[first.items.length - 1]!;
          // Members before the last one shown leave, at most a page of them; the last one shown stays.
          const ahead = [...new Set(leaving.map((n) => n % first.items.length))]
            .map((n) => first.items[n]!)
            .filter((item) => item.memberId !== last.memberId)
            .slice(0, size)
            .map((item) => item.memberId);
          list = list.filter((item) => !ahead.includes(item.memberId));
          const rest: ParticipantView[] = [];
          let after: string | null = first.next;
          while (after !== null) {
            const page = next(list, after, size);
            rest.push(...page.items);
            after = page.next;
          }
          expect(rest.filter((item) => shown.has(item.memberId))).toEqual([]);
          expect(rest).toEqual(list.slice(list.findIndex((item) => item.memberId === last.memberId) + 1));
        },
      ),
    );
  });

  it('read only cursors they made', () => {
    for (const bad of ['', 'abc', '12', '12.', '.ab', '1.ABC', '1234567.abc', '1.abcdefgh', '-1.a', '1.a.b']) {
      expect(readMemberCursor(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    for (const bad of ['', 'abc', '12', '12.', '.ab', '-1.a', '1.a.b', `1.${'a'.repeat(65)}`]) {
      expect(readTaskCursor(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(readTaskCursor(taskCursorText({ createdAt: 1767254400000, id: 'a_b-1' }))).toEqual({
      ok: true,
      data: { createdAt: 1767254400000, id: 'a_b-1' },
    });
  });
});
