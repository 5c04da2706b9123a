// The store primitive on SQLite (better-sqlite3), for the local runner and tests: one table of JSON documents,
// queried with json_extract / json_each so that any path is queryable with no schema edit. Every update, change
// and patch is one IMMEDIATE transaction (read, edit, write), WAL mode with a busy timeout, so it is atomic even
// with several processes on one file; there is nothing to retry, and the edit always sees the latest document.
import Database from 'better-sqlite3';
import type { ApiResult, KitErrorCode } from '../../core/result';
import { fail, ok } from '../../core/result';
import { applyChange, failingPremises } from './change';
import type {
  Collection,
  Condition,
  DocumentStore,
  GuardedChange,
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
  const number = (operator: string, bound: number): Sql => ({
    text: `COALESCE(${type} IN ('integer', 'real') AND ${value} ${operator} ?, 0)`,
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

  function collection<D extends StoredDocument>(name: string): Collection<D> {
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

    return {
      async insert(doc) {
        return insert.run(name, doc._id, JSON.stringify(doc)).changes === 1 ? 'inserted' : 'exists';
      },

      async get(id) {
        return read(id);
      },

      async find(query: Query) {
        const where = whereSql(query.where);
        const order =
          query.orderBy === undefined
            ? ''
            : `json_extract(doc, ${jsonPath(query.orderBy.path)}) ${query.orderBy.order === 'asc' ? 'ASC' : 'DESC'}, `;
        const rows = db
          .prepare<(string | number)[], DocRow>(
            `SELECT doc FROM documents WHERE collection = ? AND ${where.text} ORDER BY ${order}id LIMIT ?`,
          )
          // LIMIT -1: no limit (a limit of Infinity asks for every match).
          .all(name, ...where.values, Number.isFinite(query.limit) ? Math.max(0, Math.floor(query.limit)) : -1);
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
        return transaction<R, C>(() => {
          const doc = read(id);
          if (doc === null) return notFound(id);
          const answer = edit(doc);
          if (!answer.ok) return answer;
          const { change, premises, result } = answer.data;
          if (change === null) return ok(result);
          const failing = failingPremises(doc, premises);
          if (failing.length > 0) {
            throw new Error(`the edit's premises do not hold on the document it read: ${JSON.stringify(failing)}`);
          }
          write(id, applyChange(doc, change));
          return ok(result);
        });
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
