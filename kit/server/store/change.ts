// A change and its premises as plain functions on a document: what every store commits, stated once. SQLite
// applies them inside its transaction; CloudBase translates them into its operators and where-conditions and
// checks with premisesHold that the edit's premises held on the document it read. A tool may use them in memory.
import type { Change, Premise, Projection, Scalar } from './types';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a dot path (undefined when any step is missing). */
export function valueAt(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const key of path.split('.')) {
    if (!isObject(value)) return undefined;
    value = value[key];
  }
  return value;
}

/** A copy of `doc` with the value at `path` replaced by `next(current)`; objects on the way are created. */
function withValue(doc: Json, path: string[], next: (current: unknown) => unknown): Json {
  const [key, ...rest] = path;
  if (rest.length === 0) return { ...doc, [key]: next(doc[key]) };
  const inner = doc[key];
  if (inner !== undefined && !isObject(inner)) throw new TypeError(`cannot change a path inside ${key}: not an object`);
  return { ...doc, [key]: withValue(inner ?? {}, rest, next) };
}

function listAt(current: unknown, path: string): unknown[] {
  if (current === undefined) return [];
  if (!Array.isArray(current)) throw new TypeError(`${path} is not a list`);
  return current;
}

/** An item's value under `key`, a missing one read as null (as the database's conditions read it). */
const keyOf = (item: unknown, key: string): unknown => (isObject(item) ? (item[key] ?? null) : undefined);

/** The database refuses two operators on one path or on a path inside another, so every store does. */
function checkDisjoint(change: Change): void {
  const parts = [
    change.set,
    change.increment,
    change.append,
    change.remove,
    change.addToSet,
    change.removeFromSet,
    change.replace,
    change.amend,
  ];
  const paths = parts.flatMap((part) => Object.keys(part ?? {}));
  paths.forEach((a, i) =>
    paths.forEach((b, j) => {
      if (i !== j && (a === b || a.startsWith(`${b}.`))) throw new TypeError(`a change writes both ${b} and ${a}`);
    }),
  );
}

/**
 * The document after `change`; `doc` is left as it was. Throws TypeError where a path holds the wrong kind or two
 * parts of the change write one path.
 */
export function applyChange<D>(doc: D, change: Change): D {
  checkDisjoint(change);
  let next = { ...(doc as Json) };
  const edit = (path: string, to: (current: unknown) => unknown) => {
    next = withValue(next, path.split('.'), to);
  };
  for (const [path, value] of Object.entries(change.set ?? {})) edit(path, () => value);
  for (const [path, by] of Object.entries(change.increment ?? {})) {
    edit(path, (current) => {
      if (current !== undefined && typeof current !== 'number') throw new TypeError(`${path} is not a number`);
      return (current ?? 0) + by;
    });
  }
  for (const [path, item] of Object.entries(change.append ?? {})) {
    edit(path, (current) => [...listAt(current, path), item]);
  }
  for (const [path, { key, value }] of Object.entries(change.remove ?? {})) {
    // Removing from a missing list changes nothing, as the database's pull does.
    if (valueAt(next, path) === undefined) continue;
    edit(path, (current) => listAt(current, path).filter((item) => keyOf(item, key) !== value));
  }
  for (const [path, values] of Object.entries(change.addToSet ?? {})) {
    edit(path, (current) => {
      const list = listAt(current, path);
      return [...list, ...values.filter((value, i) => !list.includes(value) && values.indexOf(value) === i)];
    });
  }
  for (const [path, { key, value, item }] of Object.entries(change.replace ?? {})) {
    edit(path, (current) => {
      const list = [...listAt(current, path)];
      const at = list.findIndex((entry) => keyOf(entry, key) === value);
      if (at < 0) throw new TypeError(`${path} holds no item whose ${key} is ${String(value)}`);
      list[at] = item;
      return list;
    });
  }
  for (const [path, { key, value, fields }] of Object.entries(change.amend ?? {})) {
    edit(path, (current) => {
      const list = [...listAt(current, path)];
      const at = list.findIndex((entry) => keyOf(entry, key) === value);
      const item = list[at];
      if (!isObject(item)) throw new TypeError(`${path} holds no item whose ${key} is ${String(value)}`);
      list[at] = { ...item, ...fields };
      return list;
    });
  }
  for (const [path, values] of Object.entries(change.removeFromSet ?? {})) {
    if (valueAt(next, path) === undefined) continue;
    edit(path, (current) => listAt(current, path).filter((value) => !values.includes(value as Scalar)));
  }
  return next as D;
}

const scalarAt = (doc: unknown, path: string): unknown => valueAt(doc, path) ?? null;

const sizeOf = (doc: unknown, list: string): number => {
  const value = valueAt(doc, list);
  return Array.isArray(value) ? value.length : 0;
};

const itemsOf = (doc: unknown, list: string): unknown[] => {
  const value = valueAt(doc, list);
  return Array.isArray(value) ? value : [];
};

const holdsItem = (doc: unknown, list: string, { key, value }: { key: string; value: Scalar }) =>
  itemsOf(doc, list).some((item) => keyOf(item, key) === value);

/** Whether one premise holds on `doc` (a missing value reads as null, a missing list as empty). */
export function premiseHolds(doc: unknown, premise: Premise): boolean {
  if ('equals' in premise) return scalarAt(doc, premise.path) === premise.equals;
  if ('oneOf' in premise) return premise.oneOf.includes(scalarAt(doc, premise.path) as Scalar);
  if ('lacks' in premise) return !holdsItem(doc, premise.list, premise.lacks);
  if ('has' in premise) return holdsItem(doc, premise.list, premise.has);
  if ('below' in premise) {
    const value = valueAt(doc, premise.path);
    return typeof value === 'number' && value < premise.below;
  }
  if ('atLeast' in premise) {
    const value = valueAt(doc, premise.path);
    return typeof value === 'number' && value >= premise.atLeast;
  }
  if ('sizeBelow' in premise) return sizeOf(doc, premise.list) < premise.sizeBelow;
  if ('sizeAtLeast' in premise) return sizeOf(doc, premise.list) >= premise.sizeAtLeast;
  if ('sizeIs' in premise) return sizeOf(doc, premise.list) === premise.sizeIs;
  const first = itemsOf(doc, premise.list)[0];
  return first !== undefined && keyOf(first, premise.firstHas.key) === premise.firstHas.value;
}

/** Whether every premise holds on `doc`. */
export function premisesHold<D>(doc: D, premises: readonly Premise[]): boolean {
  return premises.every((premise) => premiseHolds(doc, premise));
}

/** The premises among `premises` that do not hold on `doc`, for an error that says which. */
export const failingPremises = <D>(doc: D, premises: readonly Premise[]): Premise[] =>
  premises.filter((premise) => !premiseHolds(doc, premise));

/** A change's replacements and amendments as premises: each commits only while its list holds the item it edits. */
export const replacedItems = (change: Change): Premise[] =>
  [...Object.entries(change.replace ?? {}), ...Object.entries(change.amend ?? {})].map(([list, { key, value }]) => ({
    list,
    has: { key, value },
  }));

/** `doc` with the value at `path` set, objects on the way created (for building a projection). */
function placed(doc: Json, path: string[], value: unknown): Json {
  const [key, ...rest] = path;
  if (rest.length === 0) return { ...doc, [key]: value };
  const inner = doc[key];
  return { ...doc, [key]: placed(isObject(inner) ? inner : {}, rest, value) };
}

/** What a read with `projection` returns of `doc` (types.ts Projection), as every store returns it. */
export function project<P>(doc: { _id: string }, projection: Projection): P {
  let shown: Json = { _id: doc._id };
  for (const path of projection.fields) {
    const value = valueAt(doc, path);
    if (value !== undefined) shown = placed(shown, path.split('.'), value);
  }
  for (const [path, { skip, count }] of Object.entries(projection.slices ?? {})) {
    const value = valueAt(doc, path);
    if (Array.isArray(value)) shown = placed(shown, path.split('.'), value.slice(skip, skip + count));
  }
  return shown as P;
}

const within = (path: string, fields: readonly string[]) =>
  fields.some((field) => path === field || path.startsWith(`${field}.`));

/** Whether what `projection` reads shows everything `premise` is about, so a store can check it on the read. */
export const shownBy = (premise: Premise, projection: Projection | undefined): boolean =>
  projection === undefined || within('path' in premise ? premise.path : premise.list, projection.fields);
