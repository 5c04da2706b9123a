import { pagedFrom, withFirstPage, withPage, without } from '../../../packageChatTool/view/paged';

const id = (item: string) => item;
const page = (items: string[], next: string | null = null) => ({ items, next });

describe('a list loaded a page at a time', () => {
  test('each page is added once, until the cursor runs out', () => {
    let list = pagedFrom(page(['a', 'b'], 'c1'));
    list = withPage(list, page(['c', 'd'], 'c2'), 'c1', id);
    list = withPage(list, page(['e']), 'c2', id);
    expect(list).toEqual({ pages: [['a', 'b'], ['c', 'd'], ['e']], next: null, tail: 'c2' });
  });

  test('an item an earlier page holds is not shown twice (someone left between two requests)', () => {
    const list = withPage(pagedFrom(page(['a', 'b'], 'c1')), page(['b', 'c'], 'c2'), 'c1', id);
    expect(list.pages).toEqual([['a', 'b'], ['c']]);
  });

  test('a refresh replaces the first page and keeps the pages loaded since, and their cursor', () => {
    const loaded = withPage(pagedFrom(page(['a', 'b'], 'c1')), page(['c', 'd'], 'c2'), 'c1', id);
    // a left: c moved up into the first page.
    expect(withFirstPage(loaded, page(['b', 'c'], 'x'), id)).toEqual({
      pages: [['b', 'c'], ['d']],
      next: 'c2',
      tail: 'c1',
    });
    // b left: it goes, though it was loaded.
    expect(withFirstPage(loaded, page(['a', 'c'], 'x'), id).pages.flat()).toEqual(['a', 'c', 'd']);
  });

  test('newcomers at the head push loaded items down, never out (a task list, newest first)', () => {
    const loaded = withPage(pagedFrom(page(['t3', 't2'], 'c1')), page(['t1', 't0'], null), 'c1', id);
    const refreshed = withFirstPage(loaded, page(['t4', 't3'], 'c0'), id);
    expect(refreshed.pages).toEqual([['t4', 't3'], ['t2'], ['t1', 't0']]);
  });

  test('with only the first page loaded, a refresh is that page', () => {
    expect(withFirstPage(pagedFrom(page(['a'])), page(['a', 'b'], 'c1'), id)).toEqual(
      pagedFrom(page(['a', 'b'], 'c1')),
    );
  });

  test('a list loaded to its end that has grown since reads its last page again for the newcomers', () => {
    const ended = withPage(pagedFrom(page(['a', 'b'], 'c1')), page(['c']), 'c1', id);
    expect(withFirstPage(ended, page(['a', 'b'], 'c1'), id).next).toBe('c1');
    // Not grown: the end stays the end.
    const same = withFirstPage(ended, page(['a', 'b'], null), id);
    expect(same.next).toBeNull();
    const again = withPage(withFirstPage(ended, page(['a', 'b'], 'c1'), id), page(['c', 'd']), 'c1', id);
    expect(again.pages.flat()).toEqual(['a', 'b', 'c', 'd']);
  });

  test('items are told apart by their key (a task by its id, whatever else changed)', () => {
    const key = (task: { id: string; done: number }) => task.id;
    const first = pagedFrom({ items: [{ id: 't1', done: 1 }], next: 'c1' });
    const list = withPage(
      first,
      {
        items: [
          { id: 't1', done: 2 },
          { id: 't2', done: 0 },
        ],
        next: null,
      },
      'c1',
      key,
    );
    expect(list.pages).toEqual([[{ id: 't1', done: 1 }], [{ id: 't2', done: 0 }]]);
  });

  test('an item is taken out wherever it was loaded', () => {
    const loaded = withPage(pagedFrom(page(['a', 'b'], 'c1')), page(['c', 'd'], null), 'c1', id);
    expect(without(loaded, 'c', id)).toEqual({ pages: [['a', 'b'], ['d']], next: null, tail: 'c1' });
  });
});
