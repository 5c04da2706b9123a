// The store primitive on SQLite (better-sqlite3), for the local runner and tests: one table of JSON documents,
// queried with json_extract / json_each so that any path is queryable with no schema edit. Every update, change
// and patch is one IMMEDIATE transaction (read, edit, write), WAL mode with a busy timeout, so it is atomic even
// with several processes on one file; there is nothing to retry, and the edit always sees the latest document.
import Database from 'better-sqlite3';
import type { ApiResult, KitErrorCode } from '../../core/result';
import { fail, ok } from '../../core/result';
import { applyChange, failingPremises, premisesHold, project, replacedItems, shownBy } from './change';
import type {
  Change,
  Collection,
  CollectionOptions,
  Condition,
  DocumentStore,
  GuardedChange,
  Index,
  Premise,
  Projection,
  Query,
  Replacement,
  Scalar,
  StoredDocument,
  Where,
} from './types';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS documents (
  collection TEXT NOT NULL,
  id TEXT NOT NULL,
  doc TEXT NOT NULL,
  PRIMARY KEY (collection, id)
) WITHOUT ROWID;
`;

interface DocRow {
  doc: string;
}

/** A SQL condition and the values bound to its placeholders. */
interface Sql {
  text: string;
  values: (string | number)[];
}

/** A dot path as a JSON path literal; a path segment may hold neither a dot nor a double quote. */
function jsonPath(path: string): string {
  const segments = path.split('.');
  if (segments.some((segment) => segment === '' || segment.includes('"'))) throw new Error(`not a path: ${path}`);
  return `'$${segments.map((segment) => `."${segment.replace(/'/g, "''")}"`).join('')}'`;
}

/** `value` and `type` name a JSON value and its json_type; the SQL is true exactly when it equals `scalar`. */
function equalsSql(value: string, type: string, scalar: Scalar): Sql {
  if (scalar === null) return { text: `${value} IS NULL`, values: [] };
  if (typeof scalar === 'boolean') return { text: `COALESCE(${type} = ?, 0)`, values: [String(scalar)] };
  if (typeof scalar === 'number') {
    return { text: `COALESCE(${type} IN ('integer', 'real') AND ${value} = ?, 0)`, values: [scalar] };
  }
  return { text: `COALESCE(${type} = 'text' AND ${value} = ?, 0)`, values: [scalar] };
}

const any = (parts: Sql[]): Sql =>
  parts.length === 0
    ? { text: '0', values: [] }
    : { text: `(${parts.map((part) => part.text).join(' OR ')})`, values: parts.flatMap((part) => part.values) };

const all = (parts: Sql[]): Sql =>
  parts.length === 0
    ? { text: '1', values: [] }
    : { text: `(${parts.map((part) => part.text).join(' AND ')})`, values: parts.flatMap((part) => part.values) };

function conditionSql(path: string, condition: Condition): Sql {
  const at = jsonPath(path);
  const value = `json_extract(doc, ${at})`;
  const type = `json_type(doc, ${at})`;
  // The comparison first and bare (no COALESCE: a range is never negated, and NULL excludes a row as 0 does), so a
  // declared index on the path serves it.
  const number = (operator: string, bound: number | string): Sql => ({
    text: `(${value} ${operator} ? AND ${type} ${typeof bound === 'number' ? "IN ('integer', 'real')" : "= 'text'"})`,
    values: [bound],
  });
  /** As the database reads a value on a path: the value there, or any item of a list there. */
  const matches = (scalar: Scalar): Sql => {
    const item = equalsSql('item.value', 'item.type', scalar);
    return any([
      equalsSql(value, type, scalar),
      {
        text: `(${type} = 'array' AND EXISTS (SELECT 1 FROM json_each(doc, ${at}) AS item WHERE ${item.text}))`,
        values: item.values,
      },
    ]);
  };
  if (typeof condition !== 'object' || condition === null) return matches(condition);
  if ('in' in condition) return any(condition.in.map(matches));
  if ('lt' in condition) return number('<', condition.lt);
  if ('lte' in condition) return number('<=', condition.lte);
  if ('gt' in condition) return number('>', condition.gt);
  if ('gte' in condition) return number('>=', condition.gte);
  if ('ne' in condition) {
    const matched = matches(condition.ne);
    return { text: `NOT ${matched.text}`, values: matched.values };
  }
  return matches(condition.contains);
}

const isOr = (where: Where): where is { or: Where[] } => Array.isArray(where.or);

function whereSql(where: Where): Sql {
  if (isOr(where)) return any(where.or.map(whereSql));
  return all(Object.entries(where).map(([path, condition]) => conditionSql(path, condition)));
}

/**
 * A declared index as an expression index over the JSON paths, after the collection: what a query's condition and
 * ORDER BY say on those paths (the same json_extract text), the planner reads through it.
 */
function indexSql(collection: string, index: Index): string {
  if (!/^\w+$/.test(index.name) || !/^\w+$/.test(collection)) throw new Error(`not an index name: ${index.name}`);
  const fields = index.fields.map(({ path, order }) => `json_extract(doc, ${jsonPath(path)}) ${order.toUpperCase()}`);
  return `CREATE INDEX IF NOT EXISTS "${collection}__${index.name}" ON documents (collection, ${fields.join(', ')})`;
}

/** The statement find() runs for `query` on `collection` (exported so a test can ask SQLite for its plan). */
export function findSql(collection: string, query: Query): Sql {
  const where = whereSql(query.where);
  const order =
    query.orderBy === undefined
      ? ''
      : `json_extract(doc, ${jsonPath(query.orderBy.path)}) ${query.orderBy.order === 'asc' ? 'ASC' : 'DESC'}, `;
  return {
    text: `SELECT doc FROM documents WHERE collection = ? AND ${where.text} ORDER BY ${order}id LIMIT ?`,
    // LIMIT -1: no limit (a limit of Infinity asks for every match).
    values: [collection, ...where.values, Number.isFinite(query.limit) ? Math.max(0, Math.floor(query.limit)) : -1],
  };
}

const isBusy = (error: unknown) =>
  typeof error === 'object' && error !== null && Reflect.get(error, 'code') === 'SQLITE_BUSY';

export interface SqliteOptions {
  /** How long a write waits for another connection's transaction before answering BUSY (default 5 s). */
  busyTimeoutMs?: number;
}

export function sqliteDocuments(file = ':memory:', options: SqliteOptions = {}): DocumentStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.exec(SCHEMA);
  const select = db.prepare<[string, string], DocRow>('SELECT doc FROM documents WHERE collection = ? AND id = ?');
  const insert = db.prepare<[string, string, string]>(
    'INSERT INTO documents (collection, id, doc) VALUES (?, ?, ?) ON CONFLICT (collection, id) DO NOTHING',
  );
  const replace = db.prepare<[string, string, string]>('UPDATE documents SET doc = ? WHERE collection = ? AND id = ?');

  function collection<D extends StoredDocument>(name: string, options: CollectionOptions = {}): Collection<D> {
    for (const index of options.indexes ?? []) {
      if (!index.fields.some((field) => field.array)) db.exec(indexSql(name, index));
    }
    const read = (id: string): D | null => {
      const row = select.get(name, id);
      return row === undefined ? null : (JSON.parse(row.doc) as D);
    };
    const write = (id: string, doc: D) => replace.run(JSON.stringify({ ...doc, _id: id }), name, id);
    const notFound = (id: string) => fail('NOT_FOUND', `no document ${id} in ${name}`);

    /** One IMMEDIATE transaction; a database locked past the busy timeout answers BUSY. */
    function transaction<R, C extends string>(
      step: () => ApiResult<R, C | KitErrorCode>,
    ): Promise<ApiResult<R, C | KitErrorCode>> {
      try {
        return Promise.resolve(db.transaction(step).immediate());
      } catch (error) {
        if (isBusy(error)) return Promise.resolve(fail('BUSY', 'the database is busy; try again'));
        return Promise.reject(error);
      }
    }

    /**
     * A guarded change in one transaction: the edit sees the latest document (or what `projection` reads of it), so
     * every premise on what it saw holds. One on what it did not see may not: then nothing is written and the answer
     * is BUSY, as CloudBase's would be once its attempts are spent (the edit would decide alike on every one).
     */
    function changeOn<P, R, C extends string>(
      id: string,
      projection: Projection | undefined,
      edit: (doc: P) => ApiResult<GuardedChange<R>, C>,
    ): Promise<ApiResult<R, C | KitErrorCode>> {
      return transaction<R, C>(() => {
        const doc = read(id);
        if (doc === null) return notFound(id);
        const answer = edit(projection === undefined ? (doc as unknown as P) : project<P>(doc, projection));
        if (!answer.ok) return answer;
        const { change, premises, result } = answer.data;
        if (change === null) return ok(result);
        const failing = failingPremises(
          doc,
          premises.filter((premise) => shownBy(premise, projection)),
        );
        if (failing.length > 0) {
          throw new Error(`the edit's premises do not hold on the document it read: ${JSON.stringify(failing)}`);
        }
        if (!premisesHold(doc, [...premises, ...replacedItems(change)])) {
          return fail('BUSY', 'the change rests on something it did not read, which does not hold');
        }
        write(id, applyChange(doc, change));
        return ok(result);
      });
    }

    return {
      async insert(doc) {
        return insert.run(name, doc._id, JSON.stringify(doc)).changes === 1 ? 'inserted' : 'exists';
      },

      async get(id) {
        return read(id);
      },

      async read<P>(id: string, projection: Projection) {
        const doc = read(id);
        return doc === null ? null : project<P>(doc, projection);
      },

      async find(query: Query) {
        const { text, values } = findSql(name, query);
        const rows = db.prepare<(string | number)[], DocRow>(text).all(...values);
        return rows.map((row) => JSON.parse(row.doc) as D);
      },

      update<R, C extends string>(id: string, edit: (doc: D) => ApiResult<Replacement<D, R>, C>) {
        return transaction<R, C>(() => {
          const doc = read(id);
          if (doc === null) return notFound(id);
          const answer = edit(doc);
          if (!answer.ok) return answer;
          if (answer.data.next !== null) write(id, answer.data.next);
          return ok(answer.data.result);
        });
      },

      change<R, C extends string>(id: string, edit: (doc: D) => ApiResult<GuardedChange<R>, C>) {
        return changeOn<D, R, C>(id, undefined, edit);
      },

      changeProjected<P, R, C extends string>(
        id: string,
        projection: Projection,
        edit: (doc: P) => ApiResult<GuardedChange<R>, C>,
      ) {
        return changeOn<P, R, C>(id, projection, edit);
      },

      async changeIf(id: string, change: Change, premises: readonly Premise[]) {
        return db
          .transaction(() => {
            const doc = read(id);
            if (doc === null || !premisesHold(doc, [...premises, ...replacedItems(change)])) return false;
            write(id, applyChange(doc, change));
            return true;
          })
          .immediate();
      },

      async patch(id, fields) {
        db.transaction(() => {
          const doc = read(id);
          if (doc !== null) write(id, applyChange(doc, { set: fields }));
        }).immediate();
      },
    };
  }

  return {
    collection,
    close: async () => {
      db.close();
    },
  };
}
