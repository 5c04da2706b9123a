// The store primitive's contract: what any DocumentStore promises, run on SQLite, on the CloudBase store over the
// offline database (stores.test.ts) and over a real environment (stores.real-cloudbase.test.ts). Races are
// written so that a store whose guards were wrong would store a duplicate, an overflow or a lost write.
import type { ApiResult } from 'chat-tool-kit';
import { fail, ok } from 'chat-tool-kit';
import type { Collection, DocumentStore, GuardedChange, Premise, Query, Scalar } from '../../../kit/server/store';

export interface StoreHarness {
  store: DocumentStore;
  /** Readies an empty collection of that name (a real environment must create it first). */
  prepare(name: string): Promise<void>;
  close(): Promise<void>;
}

export interface Item {
  id: string;
  by?: number;
}

export interface Board {
  _id: string;
  state: string;
  counter: number;
  items: Item[];
  spare: Item[];
  tags: string[];
}

export const board = (id = 'b'): Board => ({ _id: id, state: 'open', counter: 0, items: [], spare: [], tags: [] });

/** A refusal's code, or 'ok'. */
export const codeOf = (result: ApiResult<unknown>): string => (result.ok ? 'ok' : result.error.code);

const guarded = <R>(change: GuardedChange<R>['change'], premises: Premise[], result: R) =>
  ok({ change, premises, result });

/** An edit that appends `item` to `list` unless it is there or the list holds `capacity`. */
export const appendUpTo =
  (list: 'items' | 'spare', item: Item, capacity: number) =>
  (doc: Board): ApiResult<GuardedChange<string>, 'THERE' | 'FULL'> => {
    if ([...doc.items, ...doc.spare].some((i) => i.id === item.id)) return fail('THERE', 'already there');
    if (doc[list].length >= capacity) return fail('FULL', `${list} is full`);
    return guarded(
      { append: { [list]: item } },
      [
        { list: 'items', lacks: { key: 'id', value: item.id } },
        { list: 'spare', lacks: { key: 'id', value: item.id } },
        { list, sizeBelow: capacity },
      ],
      list,
    );
  };

export function collectionContract(label: string, open: () => Promise<StoreHarness>): void {
  describe(`DocumentStore contract: ${label}`, () => {
    let harness: StoreHarness;
    beforeEach(async () => {
      harness = await open();
    });
    afterEach(async () => {
      await harness.close();
    });

    async function fresh<D extends { _id: string }>(name: string): Promise<Collection<D>> {
      await harness.prepare(name);
      return harness.store.collection<D>(name);
    }

    async function withBoard(name: string, doc: Partial<Board> = {}): Promise<Collection<Board>> {
      const boards = await fresh<Board>(name);
      expect(await boards.insert({ ...board(), ...doc })).toBe('inserted');
      return boards;
    }

    it('keeps every field of a document, however nested, with no store edit', async () => {
      interface Anything {
        _id: string;
        [key: string]: unknown;
      }
      const docs = await fresh<Anything>('kit_fields');
      const doc = {
        _id: 'd1',
        text: '周六爬山 ✓',
        n: 3.5,
        yes: true,
        no: false,
        nothing: null,
        nested: { deep: { deeper: [1, 'two', { three: 3 }] }, empty: {} },
        people: [{ openid: 'o1', at: 1 }],
      };
      expect(await docs.insert(doc)).toBe('inserted');
      expect(await docs.get('d1')).toEqual(doc);
      const added = { brandNew: { list: [{ a: 1 }], flag: true } };
      expect(await docs.update('d1', (d) => ok({ next: { ...d, ...added }, result: null }))).toEqual(ok(null));
      expect(await docs.get('d1')).toEqual({ ...doc, ...added });
      expect(
        await docs.change('d1', () =>
          ok({ change: { set: { 'nested.deep': { other: [2] } } }, premises: [], result: 1 }),
        ),
      ).toEqual(ok(1));
      const changed = { ...doc, ...added, nested: { deep: { other: [2] }, empty: {} } };
      expect(await docs.get('d1')).toEqual(changed);
      expect(await docs.find({ where: { 'brandNew.flag': true }, limit: 10 })).toEqual([changed]);
      // A whole-document update drops the fields the next document lacks.
      expect(await docs.update('d1', () => ok({ next: { _id: 'd1', only: 1 }, result: null }))).toEqual(ok(null));
      expect(await docs.get('d1')).toEqual({ _id: 'd1', only: 1 });
      await docs.patch('d1', { 'meta.sweptAt': 5, only: 2 });
      expect(await docs.get('d1')).toEqual({ _id: 'd1', only: 2, meta: { sweptAt: 5 } });
      expect(await docs.get('missing')).toBeNull();
    });

    it('inserts an _id once: a second insert, and all but one of simultaneous first inserts, answer exists', async () => {
      const boards = await fresh<Board>('kit_insert');
      expect(await boards.insert(board('x'))).toBe('inserted');
      expect(await boards.insert({ ...board('x'), state: 'other' })).toBe('exists');
      expect((await boards.get('x'))?.state).toBe('open');
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, n) => boards.insert({ ...board('y'), counter: n })),
      );
      expect(answers.filter((a) => a === 'inserted')).toHaveLength(1);
      expect(answers.filter((a) => a === 'exists')).toHaveLength(7);
      expect((await boards.get('y'))?.counter).toBe(answers.indexOf('inserted'));
    });

    describe('find', () => {
      interface Row {
        _id: string;
        n: number;
        s: string;
        flag: boolean;
        maybe: string | null;
        tags: string[];
        inner: { k: string };
        extra?: string;
      }
      const row = (i: number): Row => ({
        _id: `r${String(i).padStart(2, '0')}`,
        n: i,
        s: `s${i % 3}`,
        flag: i % 2 === 0,
        maybe: i % 4 === 0 ? null : `m${i}`,
        tags: i % 5 === 0 ? ['five', 'all'] : ['all'],
        inner: { k: `k${i % 2}` },
        ...(i === 7 ? { extra: 'x' } : {}),
      });
      let rows: Collection<Row>;
      const ids = async (query: Omit<Query, 'limit'> & { limit?: number }) =>
        (await rows.find({ limit: 100, ...query })).map((r) => r.n).sort((a, b) => a - b);

      beforeEach(async () => {
        rows = await fresh<Row>('kit_rows');
        await Promise.all(Array.from({ length: 12 }, (_, i) => rows.insert(row(i))));
      });

      it('matches each condition on any path', async () => {
        expect(await ids({ where: { s: 's1' } })).toEqual([1, 4, 7, 10]);
        expect(await ids({ where: { n: 3 } })).toEqual([3]);
        expect(await ids({ where: { flag: true, s: 's0' } })).toEqual([0, 6]);
        expect(await ids({ where: { maybe: null } })).toEqual([0, 4, 8]);
        expect(await ids({ where: { 'inner.k': 'k1' } })).toEqual([1, 3, 5, 7, 9, 11]);
        expect(await ids({ where: { n: { in: [2, 5, 99] } } })).toEqual([2, 5]);
        expect(await ids({ where: { maybe: { in: ['m1', null] } } })).toEqual([0, 1, 4, 8]);
        expect(await ids({ where: { n: { lt: 2 } } })).toEqual([0, 1]);
        expect(await ids({ where: { n: { lte: 2 } } })).toEqual([0, 1, 2]);
        expect(await ids({ where: { n: { gt: 9 } } })).toEqual([10, 11]);
        expect(await ids({ where: { n: { gte: 9 } } })).toEqual([9, 10, 11]);
        expect(await ids({ where: { s: { ne: 's0' }, n: { lt: 6 } } })).toEqual([1, 2, 4, 5]);
        expect(await ids({ where: { tags: { contains: 'five' } } })).toEqual([0, 5, 10]);
        // On a list, a value, in and ne read its items, as the database reads them.
        expect(await ids({ where: { tags: 'five' } })).toEqual([0, 5, 10]);
        expect(await ids({ where: { tags: { in: ['five', 'none'] } } })).toEqual([0, 5, 10]);
        expect(await ids({ where: { tags: { ne: 'five' }, n: { lt: 6 } } })).toEqual([1, 2, 3, 4]);
        expect(await ids({ where: { extra: 'x' } })).toEqual([7]);
        expect(await ids({ where: { extra: { ne: 'x' }, n: { lt: 3 } } })).toEqual([0, 1, 2]);
        expect(await ids({ where: { n: { in: [] } } })).toEqual([]);
        expect(await ids({ where: { s: 1 } })).toEqual([]);
        // Strings compare as strings, and never with numbers.
        expect(await ids({ where: { s: { gt: 's1' } } })).toEqual([2, 5, 8, 11]);
        expect(await ids({ where: { s: { lte: 's0' } } })).toEqual([0, 3, 6, 9]);
        expect(await ids({ where: { n: { gt: '' } } })).toEqual([]);
      });

      it('matches any of several conditions (or), nested', async () => {
        expect(await ids({ where: { or: [{ n: 1 }, { s: 's2', flag: true }] } })).toEqual([1, 2, 8]);
        expect(
          await ids({ where: { or: [{ n: { lt: 1 } }, { or: [{ n: 11 }, { 'inner.k': 'k1', n: { lt: 4 } }] }] } }),
        ).toEqual([0, 1, 3, 11]);
      });

      it('orders, limits and projects', async () => {
        const ordered = (query: Query) => rows.find(query).then((found) => found.map((r) => r.n));
        expect(await ordered({ where: {}, orderBy: { path: 'n', order: 'desc' }, limit: 3 })).toEqual([11, 10, 9]);
        expect(await ordered({ where: { flag: true }, orderBy: { path: 'n', order: 'asc' }, limit: 4 })).toEqual([
          0, 2, 4, 6,
        ]);
        // Ties keep one order (by _id), so pages never overlap.
        expect(await ordered({ where: {}, orderBy: { path: 's', order: 'asc' }, limit: 12 })).toEqual([
          0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11,
        ]);
        expect(
          await ordered({ where: { n: { lt: 4 } }, orderBy: { path: 'inner.k', order: 'desc' }, limit: 4 }),
        ).toEqual([1, 3, 0, 2]);
        expect(await ordered({ where: {}, limit: 0 })).toEqual([]);
        expect(await ordered({ where: {}, limit: Infinity })).toHaveLength(12);
        const projected = await rows.find({ where: { n: 1 }, fields: ['s', 'inner.k'], limit: 1 });
        expect(projected).toHaveLength(1);
        expect(projected[0]).toMatchObject({ _id: 'r01', s: 's1', inner: { k: 'k1' } });
      });
    });

    describe('update (compare-and-set)', () => {
      it('answers NOT_FOUND, passes the edit’s refusal on, and commits nothing for next: null', async () => {
        const boards = await withBoard('kit_update');
        expect(codeOf(await boards.update('nope', (d) => ok({ next: d, result: 1 })))).toBe('NOT_FOUND');
        const refusal = await boards.update('b', () => fail('CLOSED', 'closed'));
        expect(refusal).toEqual(fail('CLOSED', 'closed'));
        expect(await boards.update('b', (d) => ok({ next: null, result: d.counter }))).toEqual(ok(0));
        expect(await boards.get('b')).toEqual(board());
      });

      it('retries a lost race: concurrent increments all land', async () => {
        const boards = await withBoard('kit_cas');
        const bump = () =>
          boards.update('b', (d) => ok({ next: { ...d, counter: d.counter + 1 }, result: d.counter + 1 }));
        const answers = await Promise.all(Array.from({ length: 8 }, bump));
        expect(answers.map(codeOf)).toEqual(Array(8).fill('ok'));
        expect(answers.map((a) => (a.ok ? a.data : 0)).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect((await boards.get('b'))?.counter).toBe(8);
      });
    });

    describe('change (guarded)', () => {
      it('applies each kind of change', async () => {
        const boards = await withBoard('kit_change', {
          items: [{ id: 'a' }, { id: 'b' }, { id: 'a', by: 2 }],
          tags: ['x', 'y'],
        });
        const change = (c: GuardedChange<null>['change']) =>
          boards.change('b', () => ok({ change: c, premises: [], result: null }));
        expect(
          await change({ append: { spare: { id: 's' } }, increment: { counter: 5 }, set: { state: 'x' } }),
        ).toEqual(ok(null));
        await change({ remove: { items: { key: 'id', value: 'a' } }, addToSet: { tags: ['y', 'z', 'z'] } });
        await change({ removeFromSet: { tags: ['x', 'q'] }, increment: { 'stats.seen': 1 } });
        expect(await boards.get('b')).toEqual({
          ...board(),
          state: 'x',
          counter: 5,
          items: [{ id: 'b' }],
          spare: [{ id: 's' }],
          tags: ['y', 'z'],
          stats: { seen: 1 },
        });
        expect(await change(null)).toEqual(ok(null));
        expect(codeOf(await boards.change('nope', () => ok({ change: null, premises: [], result: 1 })))).toBe(
          'NOT_FOUND',
        );
        expect(await boards.change('b', () => fail('NO', 'no'))).toEqual(fail('NO', 'no'));
      });

      it('refuses to commit premises the edit’s own document breaks, and overlapping paths', async () => {
        const boards = await withBoard('kit_change_bad');
        await expect(
          boards.change('b', () => guarded({ set: { state: 'x' } }, [{ path: 'state', equals: 'closed' }], null)),
        ).rejects.toThrow(/premises/);
        await expect(
          boards.change('b', () => guarded({ set: { items: [] }, append: { items: { id: 'a' } } }, [], null)),
        ).rejects.toThrow(/items/);
        expect(await boards.get('b')).toEqual(board());
      });

      /** Runs `edit` `times` at once on a fresh board; answers by code, and the board after. */
      async function race(
        name: string,
        start: Partial<Board>,
        times: number,
        edit: (n: number) => (doc: Board) => ApiResult<GuardedChange<unknown>, string>,
      ) {
        const boards = await withBoard(name, start);
        const answers = await Promise.all(Array.from({ length: times }, (_, n) => boards.change('b', edit(n))));
        const codes = answers.map(codeOf).sort();
        return { codes, after: await boards.get('b') };
      }

      it('equals / oneOf: of simultaneous state changes from one state, one lands', async () => {
        const premises = [
          (state: string): Premise => ({ path: 'state', equals: state }),
          (state: string): Premise => ({ path: 'state', oneOf: [state, 'other'] }),
        ];
        for (const [i, premise] of premises.entries()) {
          const { codes, after } = await race(
            `kit_equals_${i}`,
            {},
            4,
            (n) => (doc) =>
              doc.state !== 'open'
                ? fail('MOVED', 'moved')
                : guarded({ set: { state: `by${n}` }, increment: { counter: 1 } }, [premise(doc.state)], null),
          );
          expect(codes).toEqual(['MOVED', 'MOVED', 'MOVED', 'ok']);
          expect(after?.counter).toBe(1);
        }
      });

      it('lacks: simultaneous appends of one key store it once', async () => {
        const { codes, after } = await race('kit_lacks', {}, 5, (n) => appendUpTo('items', { id: 'same', by: n }, 10));
        expect(codes).toEqual(['THERE', 'THERE', 'THERE', 'THERE', 'ok']);
        expect(after?.items).toHaveLength(1);
      });

      it('has: simultaneous removals of one item count once', async () => {
        const { codes, after } = await race(
          'kit_has',
          { items: [{ id: 'a' }, { id: 'b' }] },
          4,
          () => (doc) =>
            doc.items.some((i) => i.id === 'a')
              ? guarded(
                  { remove: { items: { key: 'id', value: 'a' } }, increment: { counter: 1 } },
                  [{ list: 'items', has: { key: 'id', value: 'a' } }],
                  null,
                )
              : fail('GONE', 'gone'),
        );
        expect(codes).toEqual(['GONE', 'GONE', 'GONE', 'ok']);
        expect(after).toMatchObject({ counter: 1, items: [{ id: 'b' }] });
      });

      it('sizeBelow / sizeAtLeast: a list never passes its bounds', async () => {
        const filled = await race('kit_below', {}, 6, (n) => appendUpTo('items', { id: `i${n}` }, 2));
        expect(filled.codes).toEqual(['FULL', 'FULL', 'FULL', 'FULL', 'ok', 'ok']);
        expect(filled.after?.items).toHaveLength(2);
        // Each removes its own item while at least two remain: one always stays.
        const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];
        const drained = await race('kit_at_least', { items }, 3, (n) => (doc) => {
          const id = items[n].id;
          return doc.items.length < 2
            ? fail('LAST', 'the last one stays')
            : guarded(
                { remove: { items: { key: 'id', value: id } } },
                [
                  { list: 'items', has: { key: 'id', value: id } },
                  { list: 'items', sizeAtLeast: 2 },
                ],
                null,
              );
        });
        expect(drained.codes).toEqual(['LAST', 'ok', 'ok']);
        expect(drained.after?.items).toHaveLength(1);
      });

      it('sizeIs: each append sees the size it relied on', async () => {
        const { codes, after } = await race(
          'kit_size_is',
          {},
          5,
          (n) => (doc) =>
            guarded(
              { append: { items: { id: `i${n}`, by: doc.items.length } } },
              [{ list: 'items', sizeIs: doc.items.length }],
              null,
            ),
        );
        expect(codes).toEqual(Array(5).fill('ok'));
        expect(after?.items.map((i) => i.by).sort()).toEqual([0, 1, 2, 3, 4]);
      });

      it('firstHas: simultaneous takers of the head take each item once', async () => {
        const items = [{ id: 'a' }, { id: 'b' }];
        const { codes, after } = await race('kit_first', { items }, 5, () => (doc) => {
          const head = doc.items[0];
          if (head === undefined) return fail('EMPTY', 'empty');
          return guarded(
            { remove: { items: { key: 'id', value: head.id } }, append: { spare: head } },
            [{ list: 'items', firstHas: { key: 'id', value: head.id as Scalar } }],
            null,
          );
        });
        expect(codes).toEqual(['EMPTY', 'EMPTY', 'EMPTY', 'ok', 'ok']);
        expect(after).toMatchObject({ items: [], spare: items });
      });

      it('below / atLeast: a counter never passes its bound, a missing one meets neither', async () => {
        const { codes, after } = await race(
          'kit_below',
          {},
          6,
          () => (doc) =>
            doc.counter >= 4
              ? fail('FULL', 'full')
              : guarded({ increment: { counter: 1 } }, [{ path: 'counter', below: 4 }], doc.counter),
        );
        expect(codes).toEqual(['FULL', 'FULL', 'ok', 'ok', 'ok', 'ok']);
        expect(after?.counter).toBe(4);
        const boards = await withBoard('kit_bounds', { counter: 4 });
        const missing = { increment: { other: 1 } };
        expect(await boards.changeIf('b', missing, [{ path: 'nothing', below: 10 }])).toBe(false);
        expect(await boards.changeIf('b', missing, [{ path: 'nothing', atLeast: 0 }])).toBe(false);
        expect(await boards.changeIf('b', missing, [{ path: 'counter', atLeast: 4 }])).toBe(true);
        expect(await boards.changeIf('b', missing, [{ path: 'counter', atLeast: 5 }])).toBe(false);
      });

      it('replace: an item changes in place, while the list holds it', async () => {
        const boards = await withBoard('kit_replace', {
          items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
          spare: [{ id: 'd' }],
        });
        const promote = {
          replace: { items: { key: 'id', value: 'b', item: { id: 'd', by: 1 } } },
          remove: { spare: { key: 'id', value: 'd' } },
        };
        const premises: Premise[] = [{ list: 'spare', firstHas: { key: 'id', value: 'd' } }];
        expect(await boards.changeIf('b', promote, premises)).toBe(true);
        expect(await boards.get('b')).toMatchObject({
          items: [{ id: 'a' }, { id: 'd', by: 1 }, { id: 'c' }],
          spare: [],
        });
        expect(
          await boards.changeIf('b', { replace: { items: { key: 'id', value: 'b', item: { id: 'x' } } } }, []),
        ).toBe(false);
        expect((await boards.get('b'))?.items.map((item) => item.id)).toEqual(['a', 'd', 'c']);
      });

      it('amend: one item gains fields in place, the rest of it and of the list kept, while the list holds it', async () => {
        const boards = await withBoard('kit_amend', { items: [{ id: 'a' }, { id: 'b', by: 1 }, { id: 'c' }] });
        const amend = (value: string, by: number) => ({ amend: { items: { key: 'id', value, fields: { by } } } });
        expect(await boards.changeIf('b', { ...amend('b', 7), append: { spare: { id: 'e' } } }, [])).toBe(true);
        expect(await boards.get('b')).toMatchObject({
          items: [{ id: 'a' }, { id: 'b', by: 7 }, { id: 'c' }],
          spare: [{ id: 'e' }],
        });
        expect(await boards.changeIf('b', amend('x', 1), [])).toBe(false);
        expect(codeOf(await boards.change('b', () => ok({ change: amend('c', 2), premises: [], result: null })))).toBe(
          'ok',
        );
        expect((await boards.get('b'))?.items).toEqual([{ id: 'a' }, { id: 'b', by: 7 }, { id: 'c', by: 2 }]);
      });
    });

    describe('projected reads and changes', () => {
      const items = Array.from({ length: 30 }, (_, n) => ({ id: `i${n}` }));

      it('reads exactly the fields and slices named, nested ones too', async () => {
        const boards = await withBoard('kit_read', { items, tags: ['x'], counter: 3 });
        await boards.changeIf('b', { set: { 'map.k1': 'one', 'map.k2': 'two' } }, []);
        const read = await boards.read<Record<string, unknown>>('b', {
          fields: ['counter', 'map.k2', 'map.k9', 'absent'],
          slices: { items: { skip: 10, count: 5 } },
        });
        expect(read).toMatchObject({ _id: 'b', counter: 3, map: { k2: 'two' }, items: items.slice(10, 15) });
        expect(read).not.toHaveProperty('tags');
        expect(read).not.toHaveProperty('map.k1');
        expect(read).not.toHaveProperty('absent');
        expect(read).not.toHaveProperty('_rev');
        const past = await boards.read<Board>('b', { fields: [], slices: { items: { skip: 28, count: 5 } } });
        expect(past?.items).toEqual(items.slice(28));
        expect(await boards.read('nothing', { fields: ['counter'] })).toBeNull();
      });

      it('changes on what it read; a premise on the unread part that fails ends in BUSY, never in a write', async () => {
        const boards = await withBoard('kit_projected', { items, counter: 0 });
        const seen: unknown[] = [];
        const changed = await boards.changeProjected<Pick<Board, '_id' | 'counter' | 'items'>, number, never>(
          'b',
          { fields: ['counter'], slices: { items: { skip: 0, count: 1 } } },
          (doc) => {
            seen.push(doc);
            return guarded({ increment: { counter: 1 } }, [{ path: 'counter', equals: doc.counter }], doc.counter);
          },
        );
        expect(changed).toEqual(ok(0));
        expect(seen).toEqual([{ _id: 'b', counter: 0, items: [{ id: 'i0' }] }]);
        const unread = await boards.changeProjected<Pick<Board, '_id' | 'counter'>, null, never>(
          'b',
          { fields: ['counter'] },
          () => guarded({ increment: { counter: 1 } }, [{ list: 'items', sizeIs: 0 }], null),
        );
        expect(codeOf(unread)).toBe('BUSY');
        expect((await boards.get('b'))?.counter).toBe(1);
      });
    });
  });
}
