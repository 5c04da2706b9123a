// A collection's declared indexes on SQLite: created when the collection opens, and what the planner reads a
// range-and-order query through, so its cost follows what it returns, not what the collection holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Query } from '../../../kit/server/store';
import { findSql, sqliteDocuments } from '../../../kit/server/store/sqlite';

interface Due {
  _id: string;
  dueAt: number | null;
}

describe('declared indexes (SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'indexes-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const query: Query = { where: { dueAt: { lte: 50 } }, orderBy: { path: 'dueAt', order: 'asc' }, limit: 10 };

  it('creates the index when the collection opens, and the due query reads through it in its order', async () => {
    const file = join(dir, 'db.sqlite');
    const store = sqliteDocuments(file);
    const items = store.collection<Due>('items', {
      indexes: [{ name: 'due', fields: [{ path: 'dueAt', order: 'asc' }] }],
    });
    for (let i = 0; i < 200; i += 1) await items.insert({ _id: `d${i}`, dueAt: i % 4 === 0 ? null : 200 - i });
    const db = new Database(file, { readonly: true });
    try {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all();
      expect(names).toContainEqual({ name: 'items__due' });
      const { text, values } = findSql('items', query);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values) as { detail: string }[]).map(
        (row) => row.detail,
      );
      expect(plan.some((detail) => detail.includes('USING INDEX items__due'))).toBe(true);
      // The index gives the order: no sort step.
      expect(plan.some((detail) => detail.includes('TEMP B-TREE'))).toBe(false);
    } finally {
      db.close();
    }
    const found = await items.find(query);
    expect(found.map((doc) => doc.dueAt)).toEqual([1, 2, 3, 5, 6, 7, 9, 10, 11, 13]);
    await store.close();
  });

  it('without the index the same query scans the collection', () => {
    const file = join(dir, 'db.sqlite');
    const store = sqliteDocuments(file);
    store.collection<Due>('items');
    const db = new Database(file, { readonly: true });
    try {
      const { text, values } = findSql('items', query);
      const plan = (db.prepare(`EXPLAIN QUERY PLAN ${text}`).all(...values) as { detail: string }[]).map(
        (row) => row.detail,
      );
      expect(plan.some((detail) => detail.includes('items__due'))).toBe(false);
    } finally {
      db.close();
      void store.close();
    }
  });

  it('leaves out an index over an array (CloudBase indexes its elements; SQLite would index the whole array)', () => {
    const file = join(dir, 'db.sqlite');
    const store = sqliteDocuments(file);
    store.collection('items', {
      indexes: [
        { name: 'due', fields: [{ path: 'dueAt', order: 'asc' }] },
        {
          name: 'member_due',
          fields: [
            { path: 'members', order: 'asc', array: true },
            { path: 'dueAt', order: 'asc' },
          ],
        },
      ],
    });
    const db = new Database(file, { readonly: true });
    try {
      const names = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index'").all();
      expect(names).toContainEqual({ name: 'items__due' });
      expect(names).not.toContainEqual({ name: 'items__member_due' });
    } finally {
      db.close();
      void store.close();
    }
  });

  it('refuses an index name that is not a plain word', () => {
    const store = sqliteDocuments(':memory:');
    expect(() => store.collection('items', { indexes: [{ name: 'due"; DROP', fields: [] }] })).toThrow(/not an index/);
    void store.close();
  });
});
