// The store primitive on the CloudBase database (wx-server-sdk). CloudBase transactions are single-document and
// a busy document conflicts inside them, so every write is ONE conditional update, `where({ _id, ...guards })
// .update()`, confirmed through stats.updated and retried when a guard failed: compare-and-set guards a hidden
// revision `_rev` that every write increments; a guarded change guards its premises, translated into conditions.
import type { ApiResult, KitErrorCode } from '../../core/result';
import { fail, ok } from '../../core/result';
import { OutcomeUnknownError } from '../outcome';
import { applyChange, failingPremises, replacedItems, shownBy } from './change';
import type {
  Change,
  Collection,
  Condition,
  DocumentStore,
  GuardedChange,
  Premise,
  Projection,
  Query,
  Replacement,
  StoredDocument,
  Where,
} from './types';

/** An operator built by db.command; opaque to the store. */
export interface DbOperator {
  readonly __dbOperator: true;
}

type DbCondition = Record<string, unknown>;

/** The part of wx-server-sdk's db.command the stores use. */
export interface DbCommand {
  eq(value: unknown): DbOperator;
  neq(value: unknown): DbOperator;
  lt(value: number | string): DbOperator;
  lte(value: number | string): DbOperator;
  gt(value: number | string): DbOperator;
  gte(value: number | string): DbOperator;
  in(values: unknown[]): DbOperator;
  exists(present: boolean): DbOperator;
  and(conditions: (DbCondition | DbOperator)[]): DbOperator;
  or(conditions: (DbCondition | DbOperator)[]): DbOperator;
  inc(value: number): DbOperator;
  max(value: number): DbOperator;
  push(values: unknown[]): DbOperator;
  pull(condition: unknown): DbOperator;
  addToSet(value: unknown): DbOperator;
  set(value: unknown): DbOperator;
  remove(): DbOperator;
  /** Projection operators for field() (docs/platform.md, "Projections"). */
  project: { slice(range: [number, number]): DbOperator };
}

export interface DbQuery<T> {
  where(condition: DbCondition | DbOperator): DbQuery<T>;
  /** A projection; `P` names the shape of what it keeps. */
  field<P>(projection: Record<string, boolean | DbOperator>): DbQuery<P>;
  orderBy(field: string, order: 'asc' | 'desc'): DbQuery<T>;
  limit(max: number): DbQuery<T>;
  skip(offset: number): DbQuery<T>;
  get(): Promise<{ data: T[] }>;
  update(options: { data: DbCondition }): Promise<{ stats: { updated: number } }>;
  remove(): Promise<{ stats: { removed: number } }>;
}

export interface DbCollection<T> extends DbQuery<T> {
  add(options: { data: T }): Promise<unknown>;
  doc(id: string): { set(options: { data: Omit<T, '_id'> }): Promise<unknown> };
}

/** The part of wx-server-sdk's cloud.database() the stores use (typed by the adapter in sdk.ts). */
export interface CloudDatabase {
  command: DbCommand;
  collection<T>(name: string): DbCollection<T>;
  createCollection(name: string): Promise<unknown>;
}

/**
 * One write keeps retrying lost races and requests the service refused unrun for at least this long AND at least
 * MIN_ATTEMPTS times before giving up with BUSY: time, so a burst at 20–50 ms per request has passed before it
 * gives up, well inside the function's 3 s default timeout (docs/platform.md, "CloudBase database under load");
 * attempts, so slow answers alone never make it give up after one or two.
 */
export const RETRY_BUDGET_MS = 1500;
export const MIN_ATTEMPTS = 12;
/** The most documents one get() may return: 100 in one of WeChat's pages, 1000 in another; queries page by it. */
export const GET_PAGE = 100;

/** The service timed out (-501002): a read may be retried, a write may or may not have landed. */
const SERVER_TIMEOUT = -501002;
/** Request-count and concurrency limits (-501003, -501004): the service refused the request without running it. */
const REFUSED_UNRUN = new Set([-501003, -501004]);

export interface CloudbaseOptions {
  /** How long a write keeps retrying (default RETRY_BUDGET_MS). */
  retryBudgetMs?: number;
  /** How many attempts it makes at least (default MIN_ATTEMPTS). */
  minAttempts?: number;
}

/** The store's own field on every document: the revision compare-and-set guards. Never returned. */
export const REVISION = '_rev';

type Stored = StoredDocument & { [REVISION]?: number };

function errCodeOf(error: unknown): number | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'errCode') : undefined;
  return typeof code === 'number' ? code : undefined;
}

/** A random pause between attempts, growing to 100 ms, so competing writers spread out. */
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** attempt)));

const isPlainValue = (value: unknown) => typeof value !== 'object' || value === null;

/** A JSON text with keys sorted, so two documents compare by content. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, inner]) => inner !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonical(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function withoutRevision<D extends StoredDocument>(doc: Stored): D {
  const rest: Stored = { ...doc };
  delete rest[REVISION];
  return rest as D;
}

/** A premise as conditions on the stored document (list sizes by whether an index exists). */
function premiseConditions(_: DbCommand, premise: Premise): DbCondition[] {
  const nothing = { _id: _.in([]) };
  if ('equals' in premise) return [{ [premise.path]: _.eq(premise.equals) }];
  if ('oneOf' in premise) return [{ [premise.path]: _.in(premise.oneOf) }];
  if ('lacks' in premise) return [{ [`${premise.list}.${premise.lacks.key}`]: _.neq(premise.lacks.value) }];
  if ('has' in premise) return [{ [`${premise.list}.${premise.has.key}`]: _.eq(premise.has.value) }];
  if ('below' in premise) return [{ [premise.path]: _.lt(premise.below) }];
  if ('atLeast' in premise) return [{ [premise.path]: _.gte(premise.atLeast) }];
  if ('firstHas' in premise) return [{ [`${premise.list}.0.${premise.firstHas.key}`]: _.eq(premise.firstHas.value) }];
  // A list holds at least n items exactly when its item n-1 exists.
  const atLeast = (n: number): DbCondition[] => (n <= 0 ? [] : [{ [`${premise.list}.${n - 1}`]: _.exists(true) }]);
  const below = (n: number): DbCondition[] =>
    n <= 0 ? [nothing] : [{ [`${premise.list}.${n - 1}`]: _.exists(false) }];
  if ('sizeBelow' in premise) return below(premise.sizeBelow);
  if ('sizeAtLeast' in premise) return atLeast(premise.sizeAtLeast);
  return [...atLeast(premise.sizeIs), ...below(premise.sizeIs + 1)];
}

/**
 * The condition a guarded change of document `id` commits under: its premises as conditions on the stored
 * document (exported for scripts/verify-cloud.ts, which checks that the service honours them).
 */
export function guardOf(_: DbCommand, id: string, premises: readonly Premise[]): DbCondition | DbOperator {
  const conditions = [{ _id: id }, ...premises.flatMap((premise) => premiseConditions(_, premise))];
  const paths = conditions.flatMap((condition) => Object.keys(condition));
  // One flat query when no path repeats, so that `list.$` finds its list's condition at the top (docs/platform.md,
  // "Projections"); an `and` of the conditions otherwise.
  return new Set(paths).size === paths.length ? Object.assign({}, ...conditions) : _.and(conditions);
}

/**
 * The guard of a change: its premises, and first the item each replacement replaces, which `list.$` then names
 * (the update takes the first array condition of the query: docs/platform.md, "Projections").
 */
const changeGuardOf = (_: DbCommand, id: string, change: Change, premises: readonly Premise[]) =>
  guardOf(_, id, [...replacedItems(change), ...premises]);

const isOr = (where: Where): where is { or: Where[] } => Array.isArray(where.or);

export function cloudbaseDocuments(db: CloudDatabase, options: CloudbaseOptions = {}): DocumentStore {
  const _ = db.command;
  const budgetMs = options.retryBudgetMs ?? RETRY_BUDGET_MS;
  const minAttempts = options.minAttempts ?? MIN_ATTEMPTS;

  /** Whether an attempt may follow attempt number `attempt` (from 0) of a write started at `startedAt`. */
  const mayRetry = (attempt: number, startedAt: number) =>
    attempt + 1 < minAttempts || Date.now() - startedAt < budgetMs;

  /** One database request; a read that timed out and any request refused unrun are sent again within the budget. */
  async function request<T>(kind: 'read' | 'write', send: () => Promise<T>): Promise<T> {
    const startedAt = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send();
      } catch (error) {
        const code = errCodeOf(error);
        if (kind === 'write' && code === SERVER_TIMEOUT) {
          throw new OutcomeUnknownError('the database timed out on a write that may have landed');
        }
        const again = code === SERVER_TIMEOUT || (code !== undefined && REFUSED_UNRUN.has(code));
        if (!again || !mayRetry(attempt, startedAt)) throw error;
        await pause(attempt);
      }
    }
  }

  /** Runs `step` until it answers (not undefined: it lost a race) or the retry budget is spent, then BUSY. */
  async function retrying<R, C extends string>(
    step: () => Promise<ApiResult<R, C | KitErrorCode> | undefined>,
  ): Promise<ApiResult<R, C | KitErrorCode>> {
    const startedAt = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      const answer = await step();
      if (answer !== undefined) return answer;
      if (!mayRetry(attempt, startedAt)) return fail('BUSY', 'the document is busy; try again');
      await pause(attempt);
    }
  }

  /** A value as an update writes it: objects and lists whole (`set`, so they are not merged), undefined removed. */
  const written = (value: unknown): unknown =>
    value === undefined ? _.remove() : isPlainValue(value) ? value : _.set(value);

  const conditionOf = (condition: Condition): unknown => {
    if (typeof condition !== 'object' || condition === null) return condition;
    if ('in' in condition) return _.in(condition.in);
    if ('lt' in condition) return _.lt(condition.lt);
    if ('lte' in condition) return _.lte(condition.lte);
    if ('gt' in condition) return _.gt(condition.gt);
    if ('gte' in condition) return _.gte(condition.gte);
    if ('ne' in condition) return _.neq(condition.ne);
    // A value on a list's path matches a list holding it.
    return _.eq(condition.contains);
  };

  function whereOf(where: Where): DbCondition | DbOperator {
    if (isOr(where)) return _.or(where.or.map(whereOf));
    const parts = Object.entries(where).map(([path, condition]) => ({ [path]: conditionOf(condition) }));
    return parts.length <= 1 ? (parts[0] ?? {}) : _.and(parts);
  }

  /** A change as update operators, plus the revision every write increments. */
  function operatorsOf(change: Change): DbCondition {
    const data: DbCondition = {};
    for (const [path, value] of Object.entries(change.set ?? {})) data[path] = written(value);
    for (const [path, by] of Object.entries(change.increment ?? {})) data[path] = _.inc(by);
    for (const [path, item] of Object.entries(change.append ?? {})) data[path] = _.push([item]);
    for (const [path, { key, value }] of Object.entries(change.remove ?? {})) data[path] = _.pull({ [key]: value });
    for (const [path, values] of Object.entries(change.addToSet ?? {})) data[path] = _.addToSet({ $each: values });
    for (const [path, values] of Object.entries(change.removeFromSet ?? {})) data[path] = _.pull(_.in(values));
    for (const [path, { item }] of Object.entries(change.replace ?? {})) data[`${path}.$`] = written(item);
    for (const [path, { fields }] of Object.entries(change.amend ?? {})) {
      for (const [field, value] of Object.entries(fields)) data[`${path}.$.${field}`] = written(value);
    }
    return { ...data, [REVISION]: _.inc(1) };
  }

  function collection<D extends StoredDocument>(name: string): Collection<D> {
    const documents = db.collection<Stored>(name);
    const notFound = (id: string) => fail('NOT_FOUND', `no document ${id} in ${name}`);

    async function read(id: string): Promise<Stored | null> {
      const { data } = await request('read', () => documents.where({ _id: id }).limit(1).get());
      return data[0] ?? null;
    }

    /** What `projection` names of document `id`, and its revision. */
    async function readProjected<P>(id: string, projection: Projection): Promise<(P & Stored) | null> {
      const shape: Record<string, boolean | DbOperator> = { _id: true, [REVISION]: true };
      for (const path of projection.fields) shape[path] = true;
      for (const [path, { skip, count }] of Object.entries(projection.slices ?? {})) {
        shape[path] = _.project.slice([skip, count]);
      }
      const { data } = await request('read', () =>
        documents.where({ _id: id }).field<P & Stored>(shape).limit(1).get(),
      );
      return data[0] ?? null;
    }

    /** A guarded change of document `id`, on the whole document or on what `projection` reads of it. */
    function changeOn<P, R, C extends string>(
      id: string,
      projection: Projection | undefined,
      edit: (doc: P) => ApiResult<GuardedChange<R>, C>,
    ): Promise<ApiResult<R, C | KitErrorCode>> {
      return retrying<R, C>(async () => {
        const doc = projection === undefined ? await read(id) : await readProjected<P>(id, projection);
        if (doc === null) return notFound(id);
        const before = withoutRevision<P & StoredDocument>(doc);
        const answer = edit(before);
        if (!answer.ok) return answer;
        const { change, premises, result } = answer.data;
        if (change === null) return ok(result);
        const failing = failingPremises(
          before,
          premises.filter((premise) => shownBy(premise, projection)),
        );
        if (failing.length > 0) {
          throw new Error(`the edit's premises do not hold on the document it read: ${JSON.stringify(failing)}`);
        }
        // Applied in memory first (on a whole document), so a change the database would refuse (overlapping paths,
        // a list that is not one) fails as it does on every store.
        if (projection === undefined) applyChange(before, change);
        return (await updated(changeGuardOf(_, id, change, premises), operatorsOf(change))) ? ok(result) : undefined;
      });
    }

    /** Throws OutcomeUnknownError when the request timed out: the update may have landed. */
    async function updated(condition: DbCondition | DbOperator, data: DbCondition): Promise<boolean> {
      const { stats } = await request('write', () => documents.where(condition).update({ data }));
      return stats.updated === 1;
    }

    /** Every document `query` matches, page by page under the get() cap, up to `limit`. */
    async function paged<T>(query: DbQuery<T>, limit: number): Promise<T[]> {
      const found: T[] = [];
      while (found.length < limit) {
        const size = Math.min(GET_PAGE, limit - found.length);
        const { data } = await request('read', () => query.skip(found.length).limit(size).get());
        found.push(...data);
        if (data.length < size) break;
      }
      return found;
    }

    return {
      async insert(doc) {
        const stored: Stored = { ...doc, [REVISION]: 0 };
        const startedAt = Date.now();
        let timedOut = false;
        for (let attempt = 0; ; attempt += 1) {
          try {
            // add() refuses an _id that exists: of two first inserts, one lands and the other reads it.
            await request('write', () => documents.add({ data: stored }));
            return 'inserted';
          } catch (error) {
            if (!(error instanceof OutcomeUnknownError) && !timedOut) {
              if ((await read(doc._id)) !== null) return 'exists';
              throw error;
            }
            // An add that timed out may have landed (or may land late): the document read says whether it is ours.
            timedOut = true;
            const found = await read(doc._id);
            if (found !== null) return canonical(withoutRevision(found)) === canonical(doc) ? 'inserted' : 'exists';
            if (!mayRetry(attempt, startedAt)) throw error;
          }
          await pause(attempt);
        }
      },

      async get(id) {
        const doc = await read(id);
        return doc === null ? null : withoutRevision<D>(doc);
      },

      async find(query: Query) {
        let found: DbQuery<Stored> = documents.where(whereOf(query.where));
        if (query.orderBy !== undefined) found = found.orderBy(query.orderBy.path, query.orderBy.order);
        // Ties in the order would make pages overlap: the _id breaks them.
        found = found.orderBy('_id', 'asc');
        if (query.fields !== undefined) {
          found = found.field<Stored>(Object.fromEntries(['_id', ...query.fields].map((path) => [path, true])));
        }
        return (await paged(found, Math.floor(query.limit))).map((doc) => withoutRevision<D>(doc));
      },

      async update<R, C extends string>(id: string, edit: (doc: D) => ApiResult<Replacement<D, R>, C>) {
        return retrying<R, C>(async () => {
          const doc = await read(id);
          if (doc === null) return notFound(id);
          const before = withoutRevision<D>(doc);
          const answer = edit(before);
          if (!answer.ok) return answer;
          const { next, result } = answer.data;
          if (next === null) return ok(result);
          // Only the fields the edit changed are written, whole; the revision guard makes that the whole document.
          const data: DbCondition = {};
          const keys = new Set([...Object.keys(before), ...Object.keys(next)]);
          for (const key of keys) {
            if (key === '_id') continue;
            const value: unknown = Reflect.get(next, key);
            if (canonical(value) !== canonical(Reflect.get(before, key))) data[key] = written(value);
          }
          const revision = doc[REVISION];
          const guard = { _id: id, [REVISION]: revision === undefined ? _.exists(false) : revision };
          return (await updated(guard, { ...data, [REVISION]: _.inc(1) })) ? ok(result) : undefined;
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
        return updated(changeGuardOf(_, id, change, premises), operatorsOf(change));
      },

      async read<P>(id: string, projection: Projection) {
        const doc = await readProjected<P>(id, projection);
        return doc === null ? null : withoutRevision<P & StoredDocument>(doc);
      },

      async patch(id, fields) {
        // The revision moves too, so a compare-and-set that read before this never writes these fields back.
        await updated({ _id: id }, operatorsOf({ set: fields }));
      },
    };
  }

  return {
    collection,
    close: async () => undefined,
  };
}
