// The one store primitive every chat tool's records live in: documents with compare-and-set, plus a guarded
// change for documents many members write at once. Two stores implement it (CloudBase in production, SQLite
// locally); a tool's repository is written once over it, so a new field persists on both with no store edit.
import type { ApiResult, KitErrorCode } from '../../core/result';

export interface StoredDocument {
  _id: string;
}

export type Scalar = string | number | boolean | null;

/** Conditions on a document's paths: dot paths into objects, never into arrays of objects. */
export type Condition =
  | Scalar
  | { in: Scalar[] }
  /** Numbers compare as numbers, strings as strings (code units); a value of the other kind never matches. */
  | { lt: number | string }
  | { lte: number | string }
  | { gt: number | string }
  | { gte: number | string }
  | { ne: Scalar }
  /** An array of scalars at the path holds the value. */
  | { contains: Scalar };

export type Where = { [path: string]: Condition } | { or: Where[] };

export interface Query {
  where: Where;
  orderBy?: { path: string; order: 'asc' | 'desc' };
  limit: number;
  /** A projection: stores may return more fields than asked, never fewer. */
  fields?: string[];
}

/**
 * What a read returns of a document, exactly: `_id`, the paths in `fields` (dot paths; a missing one is left out) and,
 * of each list in `slices`, `count` items from position `skip` (the database's project.slice, docs/platform.md,
 * "Projections"). Whatever else the document holds is never read, so the read costs what it returns.
 */
export interface Projection {
  fields: readonly string[];
  slices?: Readonly<Record<string, { skip: number; count: number }>>;
}

/** A change as data, applied atomically without comparing the whole document (see Collection.change). */
export interface Change {
  /** Paths set to whole values. */
  set?: Record<string, unknown>;
  /** List path → one item appended. */
  append?: Record<string, unknown>;
  /** List path → the items whose item[key] equals value are removed. */
  remove?: Record<string, { key: string; value: Scalar }>;
  /** Array-of-scalars path → values added unless present. */
  addToSet?: Record<string, Scalar[]>;
  /** Array-of-scalars path → values removed wherever present (addToSet's inverse). */
  removeFromSet?: Record<string, Scalar[]>;
  /** Number path → added to it. */
  increment?: Record<string, number>;
  /**
   * List path → its first item whose item[key] equals value, replaced by `item` in place (the database's `list.$`
   * update, docs/platform.md, "Projections"); the change commits only while the list holds such an item.
   */
  replace?: Record<string, { key: string; value: Scalar; item: unknown }>;
  /**
   * List path → its first item whose item[key] equals value keeps its place and has these fields set (the
   * database's `list.$.field` update): one member's entry edited without reading the list; it commits only while the
   * list holds such an item.
   */
  amend?: Record<string, { key: string; value: Scalar; fields: Record<string, Scalar> }>;
}

/** What a change relied on; the store commits the change only while every premise still holds. */
export type Premise =
  | { path: string; equals: Scalar }
  | { path: string; oneOf: Scalar[] }
  | { list: string; lacks: { key: string; value: Scalar } }
  | { list: string; has: { key: string; value: Scalar } }
  | { list: string; sizeBelow: number }
  | { list: string; sizeAtLeast: number }
  | { list: string; sizeIs: number }
  | { list: string; firstHas: { key: string; value: Scalar } }
  /** The number at the path is below `below` (a missing value never is). */
  | { path: string; below: number }
  /** The number at the path is at least `atLeast` (a missing value never is). */
  | { path: string; atLeast: number };

/** An edit by compare-and-set: the next document (null: commit nothing) and what to answer. */
export interface Replacement<D, R> {
  next: D | null;
  result: R;
}

/** An edit by guarded change: the change (null: commit nothing), the premises it relied on, what to answer. */
export interface GuardedChange<R> {
  change: Change | null;
  premises: Premise[];
  result: R;
}

export interface Collection<D extends StoredDocument> {
  /** Adds a document with a new _id; 'exists' when one has it (a timed-out insert is checked by reading it). */
  insert(doc: D): Promise<'inserted' | 'exists'>;
  get(id: string): Promise<D | null>;
  /** What `projection` names of the document (see Projection); null when there is none. */
  read<P>(id: string, projection: Projection): Promise<P | null>;
  /** Every match up to `limit`, page by page under the service's cap on one read. */
  find(query: Query): Promise<D[]>;
  /**
   * Read → edit → commit only if the document is unchanged since the read (compare-and-set), retried within the
   * budget. Answers NOT_FOUND, the edit's refusal, BUSY once the budget is spent; throws OutcomeUnknownError
   * (kit/server/outcome.ts) after a write that may have landed.
   */
  update<R, C extends string>(
    id: string,
    edit: (doc: D) => ApiResult<Replacement<D, R>, C>,
  ): Promise<ApiResult<R, C | KitErrorCode>>;
  /**
   * For documents many members write at once: the edit states its change and the premises it relied on, and the
   * change is committed while they hold (retried as update is), whatever else changed meanwhile.
   */
  change<R, C extends string>(
    id: string,
    edit: (doc: D) => ApiResult<GuardedChange<R>, C>,
  ): Promise<ApiResult<R, C | KitErrorCode>>;
  /**
   * change, on what `projection` reads of the document: the edit sees only that, so its premises must rest on what
   * it saw (a premise on something unread could fail on every attempt and end in BUSY).
   */
  changeProjected<P, R, C extends string>(
    id: string,
    projection: Projection,
    edit: (doc: P) => ApiResult<GuardedChange<R>, C>,
  ): Promise<ApiResult<R, C | KitErrorCode>>;
  /**
   * One change committed while its premises hold, without reading the document first: true when it was committed,
   * false when a premise failed or there is no such document. Throws OutcomeUnknownError when it may have landed.
   */
  changeIf(id: string, change: Change, premises: readonly Premise[]): Promise<boolean>;
  /** Unguarded write of a few fields: bookkeeping no decision rests on (e.g. when the timer last looked). */
  patch(id: string, fields: Record<string, unknown>): Promise<void>;
}

/**
 * An index a collection declares: its paths in order, each ascending or descending. Queries whose condition and
 * order run along it read only what they return, whatever else the collection holds. The SQLite store creates it
 * when the collection opens; on CloudBase `npm run setup:cloud` creates it (docs/backend.md, "Deploy").
 */
export interface Index {
  /** Letters, digits and underscores, unique within the collection. */
  name: string;
  /**
   * `array`: the path holds an array of scalars, which CloudBase indexes element by element (a `contains` query
   * reads through it). SQLite's expression index would hold the whole array as one value, which no query reads and
   * every write to the array rewrites, so the SQLite store leaves such an index out.
   */
  fields: { path: string; order: 'asc' | 'desc'; array?: true }[];
}

export interface CollectionOptions {
  indexes?: readonly Index[];
}

export interface DocumentStore {
  collection<D extends StoredDocument>(name: string, options?: CollectionOptions): Collection<D>;
  close(): Promise<void>;
}
