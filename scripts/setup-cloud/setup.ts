// `npm run setup:cloud`: makes a CloudBase environment what cloudfunctions/functions.ts describes, the console
// clicks of docs/backend.md ("Deploy") as one idempotent command. It reads what exists and changes only what
// differs, so a second run changes nothing: each collection (created if missing), each declared index (matched by
// its keys, whatever name it was given in the console), each collection's permission for clients, each function's
// timeout and memory, its timer triggers, and its HTTP access path (only a function that declares one has one).
// Every item is printed as created, updated, unchanged or removed.
import type { CloudCollection, CloudFunction, CollectionRules, FunctionTrigger } from '../../cloudfunctions/functions';
import type { Index } from '../../kit/server/store/types';
import { DIRECTION, type AclTag, type CloudIndex, type CloudManager } from './manager';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'removed' | 'missing';

export interface SetupItem {
  /** What it is, e.g. `collection group_tasks` or `function groupTask: trigger sweep`. */
  item: string;
  outcome: Outcome;
  /** What it is now, and what it was when that differed. */
  detail: string;
}

export class SetupError extends Error {}

/**
 * A collection's permission for clients from its database.rules.json entry. Collections only the functions touch
 * are closed to clients (`{ "read": false, "write": false }`): ADMINONLY, which the functions, as administrators,
 * are not bound by.
 */
export function aclTagOf(collection: string, rules: CollectionRules): AclTag {
  if (rules.read === false && rules.write === false) return 'ADMINONLY';
  throw new SetupError(
    `database.rules.json: ${collection} has a rule other than {"read": false, "write": false}; setup:cloud sets ` +
      'only that one (ADMINONLY): set this one in the console',
  );
}

const describeIndex = (index: Index) =>
  `${index.name} (${index.fields.map((field) => `${field.path} ${field.order}`).join(', ')})`;

const sameKeys = (index: Index, cloud: CloudIndex) =>
  cloud.keys.length === index.fields.length &&
  index.fields.every(
    (field, at) => cloud.keys[at]?.name === field.path && cloud.keys[at]?.direction === DIRECTION[field.order],
  );

async function setUpCollection(cloud: CloudManager, existing: Set<string>, collection: CloudCollection) {
  const items: SetupItem[] = [];
  const { name } = collection;
  const tag = aclTagOf(name, collection.rules);
  if (existing.has(name)) items.push({ item: `collection ${name}`, outcome: 'unchanged', detail: 'exists' });
  else {
    await cloud.createCollection(name);
    items.push({ item: `collection ${name}`, outcome: 'created', detail: 'new' });
  }

  const indexes = await cloud.indexes(name);
  const drop: string[] = [];
  const create: Index[] = [];
  for (const index of collection.indexes) {
    const item = `collection ${name}: index ${describeIndex(index)}`;
    const same = indexes.find((cloudIndex) => sameKeys(index, cloudIndex));
    if (same) {
      items.push({
        item,
        outcome: 'unchanged',
        detail: same.name === index.name ? 'exists' : `exists as ${same.name}`,
      });
      continue;
    }
    const named = indexes.find((cloudIndex) => cloudIndex.name === index.name);
    if (named) drop.push(named.name);
    create.push(index);
    items.push({
      item,
      outcome: named ? 'updated' : 'created',
      detail: named ? `was ${named.keys.map((key) => `${key.name} ${key.direction}`).join(', ')}` : 'new',
    });
  }
  if (drop.length > 0 || create.length > 0) await cloud.changeIndexes(name, { drop, create });

  const was = await cloud.aclTag(name);
  if (was === tag) items.push({ item: `collection ${name}: permission`, outcome: 'unchanged', detail: tag });
  else {
    await cloud.setAclTag(name, tag);
    items.push({ item: `collection ${name}: permission`, outcome: 'updated', detail: `${tag}, was ${was}` });
  }
  return items;
}

const timersOf = (triggers: readonly FunctionTrigger[]) => triggers.filter((trigger) => trigger.type === 'timer');

async function setUpFunction(cloud: CloudManager, fn: CloudFunction): Promise<SetupItem[]> {
  const { name } = fn;
  const current = await cloud.functionSettings(name);
  if (current === null) {
    return [
      {
        item: `function ${name}`,
        outcome: 'missing',
        detail: 'not deployed: run `npm run deploy:functions`, then setup:cloud again',
      },
    ];
  }
  const items: SetupItem[] = [];
  const limits = `timeout ${fn.timeoutSeconds} s, memory ${fn.memoryMb} MB`;
  if (current.timeoutSeconds === fn.timeoutSeconds && current.memoryMb === fn.memoryMb) {
    items.push({ item: `function ${name}: limits`, outcome: 'unchanged', detail: limits });
  } else {
    await cloud.setLimits(name, { timeoutSeconds: fn.timeoutSeconds, memoryMb: fn.memoryMb });
    items.push({
      item: `function ${name}: limits`,
      outcome: 'updated',
      detail: `${limits}, was ${current.timeoutSeconds} s, ${current.memoryMb} MB`,
    });
  }

  const declared = timersOf(fn.triggers);
  const present = timersOf(current.triggers);
  // A function has one timer at most (docs/platform.md, "CloudBase management API"): the stale ones go first.
  for (const stale of present.filter((p) => !declared.some((trigger) => trigger.name === p.name))) {
    await cloud.deleteTrigger(name, stale.name);
    items.push({ item: `function ${name}: trigger ${stale.name}`, outcome: 'removed', detail: stale.config });
  }
  const create: FunctionTrigger[] = [];
  for (const trigger of declared) {
    const item = `function ${name}: trigger ${trigger.name}`;
    const same = present.find((p) => p.name === trigger.name);
    if (same?.config === trigger.config) {
      items.push({ item, outcome: 'unchanged', detail: trigger.config });
      continue;
    }
    // A trigger's schedule is not edited in place: it is deleted and created again.
    if (same) await cloud.deleteTrigger(name, same.name);
    create.push(trigger);
    items.push({
      item,
      outcome: same ? 'updated' : 'created',
      detail: same ? `${trigger.config}, was ${same.config}` : trigger.config,
    });
  }
  if (create.length > 0) await cloud.createTriggers(name, create);
  return [...items, ...(await setUpHttpAccess(cloud, fn))];
}

/** The function's HTTP access: its declared path and no other (a function that declares none keeps none). */
async function setUpHttpAccess(cloud: CloudManager, fn: CloudFunction): Promise<SetupItem[]> {
  const { name, httpPath } = fn;
  const items: SetupItem[] = [];
  const present = await cloud.httpPaths(name);
  for (const stale of present.filter((p) => p.path !== httpPath)) {
    await cloud.deleteHttpPath(name, stale.id);
    items.push({ item: `function ${name}: HTTP access ${stale.path}`, outcome: 'removed', detail: 'not declared' });
  }
  if (httpPath === undefined) return items;
  const exists = present.some((p) => p.path === httpPath);
  if (!exists) await cloud.createHttpPath(name, httpPath);
  const domain = await cloud.httpDomain();
  const detail =
    domain === ''
      ? 'HTTP access is off in this environment: turn it on in the console (HTTP 访问服务)'
      : `https://${domain}${httpPath}`;
  items.push({ item: `function ${name}: HTTP access ${httpPath}`, outcome: exists ? 'unchanged' : 'created', detail });
  return items;
}

export interface SetupReport {
  items: SetupItem[];
  /** False when a described function is not deployed yet. */
  complete: boolean;
}

export async function setupCloud(
  cloud: CloudManager,
  functions: readonly CloudFunction[],
  log: (line: string) => void = () => undefined,
): Promise<SetupReport> {
  // Every rule is checked before the first request: a rule setup:cloud cannot set changes nothing.
  for (const collection of functions.flatMap((fn) => fn.collections)) aclTagOf(collection.name, collection.rules);
  const items: SetupItem[] = [];
  const report = (done: SetupItem[]) => {
    for (const item of done) log(`${item.item}: ${item.outcome} (${item.detail})`);
    items.push(...done);
  };
  const existing = await cloud.collections();
  // Functions sharing a store (groupTask and wecomTask) declare the same collections: each is set up once.
  const done = new Map<string, CloudCollection>();
  for (const fn of functions) {
    for (const collection of fn.collections) {
      const before = done.get(collection.name);
      if (before !== undefined && JSON.stringify(before) !== JSON.stringify(collection)) {
        throw new SetupError(`${collection.name} is declared twice, differently: declare it once and share it`);
      }
      if (before !== undefined) continue;
      done.set(collection.name, collection);
      report(await setUpCollection(cloud, existing, collection));
    }
    report(await setUpFunction(cloud, fn));
  }
  const counts = (['created', 'updated', 'removed', 'unchanged', 'missing'] as const)
    .map((outcome) => [outcome, items.filter((item) => item.outcome === outcome).length] as const)
    .filter(([, count]) => count > 0)
    .map(([outcome, count]) => `${count} ${outcome}`);
  log(counts.join(', '));
  return { items, complete: items.every((item) => item.outcome !== 'missing') };
}
