// `npm run verify:cloud`: checks, against YOUR CloudBase environment, what the store primitive's correctness rests
// on (docs/backend.md, "Verify your CloudBase environment"): the service refuses a duplicate _id, honours the
// conditions of a conditional update (a stale revision, each kind of premise) and says so in stats.updated, and
// guarded writes stay exact under a concurrent burst. Needs TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY (and
// TCB_SESSION_TOKEN for temporary keys). Its documents live in one collection, kit_verify, under ids of this
// run, and are removed at the end, failed or not (wx-server-sdk has no call that drops a collection).
import path from 'node:path';
import { fail, ok } from 'chat-tool-kit';
import cloud from 'wx-server-sdk';
import { databaseOf, initSdkWithKeys } from '../kit/server/sdk';
import { CloudSettingsError, readCloudSettings, type CloudSettings } from './setup-cloud/settings';
import type { CloudDatabase, Collection, Premise } from '../kit/server/store';
import { cloudbaseDocuments, guardOf, REVISION } from '../kit/server/store';

export const VERIFY_COLLECTION = 'kit_verify';

export interface CheckReport {
  name: string;
  passed: boolean;
  /** What was seen, in numbers. */
  figures: string;
}

export interface VerifyReport {
  checks: CheckReport[];
  passed: boolean;
}

interface Probe {
  _id: string;
  /** Which run wrote it: what the clean-up removes. */
  run: string;
  state: string;
  counter: number;
  items: { id: string }[];
}

/** The capacity and the members of the burst of guarded appends; the members and the counter's burst. */
const BURST = { capacity: 20, members: 200, increments: 50 };

const elapsedSince = (startedAt: number) => `${((Date.now() - startedAt) / 1000).toFixed(1)} s`;

/** Answers by code ('ok' for an answer). */
function tally(codes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const code of codes) counts[code] = (counts[code] ?? 0) + 1;
  return counts;
}

const described = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([code, n]) => `${n} ${code}`)
    .join(', ');

export async function verifyCloud(
  db: CloudDatabase,
  options: { log?: (line: string) => void; run?: string } = {},
): Promise<VerifyReport> {
  const log = options.log ?? (() => undefined);
  const run = options.run ?? `verify_${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const _ = db.command;
  // An existing collection refuses to be created again; either way it is there afterwards.
  await db.createCollection(VERIFY_COLLECTION).catch(() => undefined);
  const probes: Collection<Probe> = cloudbaseDocuments(db).collection<Probe>(VERIFY_COLLECTION);
  const raw = db.collection<Record<string, unknown>>(VERIFY_COLLECTION);
  const probe = (name: string, items: { id: string }[] = []): Probe => ({
    _id: `${run}_${name}`,
    run,
    state: 'open',
    counter: 0,
    items,
  });
  const updatedBy = async (condition: Parameters<typeof raw.where>[0], data: Record<string, unknown>) =>
    (await raw.where(condition).update({ data })).stats.updated;

  const checks: [string, () => Promise<Omit<CheckReport, 'name'>>][] = [
    [
      'insert refuses a duplicate _id',
      async () => {
        const doc = probe('duplicate');
        const first = await probes.insert(doc);
        const again = await probes.insert({ ...doc, state: 'other' });
        const rawRefused = await raw.add({ data: { _id: doc._id, run } }).then(
          () => false,
          () => true,
        );
        const kept = (await probes.get(doc._id))?.state === 'open';
        return {
          passed: first === 'inserted' && again === 'exists' && rawRefused && kept,
          figures: `insert: ${first}, again: ${again}; a plain add of the same _id was ${rawRefused ? 'refused' : 'ACCEPTED'}`,
        };
      },
    ],
    [
      'compare-and-set refuses a stale revision',
      async () => {
        const doc = probe('revision');
        await probes.insert(doc);
        const read = async () => (await raw.where({ _id: doc._id }).get()).data[0];
        const before = (await read())?.[REVISION];
        const bumped = await probes.update(doc._id, (d) => ok({ next: { ...d, counter: 1 }, result: null }));
        const stale = await updatedBy({ _id: doc._id, [REVISION]: before }, { counter: 100 });
        const current = (await read())?.[REVISION];
        const fresh = await updatedBy({ _id: doc._id, [REVISION]: current }, { counter: 2, [REVISION]: _.inc(1) });
        const counter = (await probes.get(doc._id))?.counter;
        return {
          passed: bumped.ok && stale === 0 && fresh === 1 && counter === 2,
          figures: `stale revision: updated ${stale}; current revision: updated ${fresh}; counter ${counter}`,
        };
      },
    ],
    [
      'a guarded change commits only while its premises hold',
      async () => {
        const doc = probe('premises', [{ id: 'a' }, { id: 'b' }]);
        await probes.insert(doc);
        const item = (id: string) => ({ key: 'id', value: id });
        const holding: Premise[] = [
          { path: 'state', equals: 'open' },
          { path: 'state', oneOf: ['open', 'x'] },
          { list: 'items', lacks: item('z') },
          { list: 'items', has: item('b') },
          { list: 'items', sizeBelow: 3 },
          { list: 'items', sizeAtLeast: 2 },
          { list: 'items', sizeIs: 2 },
          { list: 'items', firstHas: item('a') },
        ];
        const failing: Premise[] = [
          { path: 'state', equals: 'closed' },
          { path: 'state', oneOf: ['closed'] },
          { list: 'items', lacks: item('a') },
          { list: 'items', has: item('z') },
          { list: 'items', sizeBelow: 2 },
          { list: 'items', sizeAtLeast: 3 },
          { list: 'items', sizeIs: 3 },
          { list: 'items', firstHas: item('b') },
        ];
        const wrong: string[] = [];
        for (const [premises, expected] of [
          [failing, 0],
          [holding, 1],
        ] as const) {
          for (const premise of premises) {
            const updated = await updatedBy(guardOf(_, doc._id, [premise]), { counter: _.inc(1) });
            if (updated !== expected) wrong.push(`${JSON.stringify(premise)} updated ${updated}`);
          }
        }
        return {
          passed: wrong.length === 0,
          figures:
            wrong.length === 0
              ? `${failing.length} failing premises refused, ${holding.length} holding premises committed`
              : `wrong: ${wrong.join('; ')}`,
        };
      },
    ],
    [
      `${BURST.members} guarded appends at once to a list of ${BURST.capacity}`,
      async () => {
        const doc = probe('burst');
        await probes.insert(doc);
        let attempts = 0;
        const startedAt = Date.now();
        const answers = await Promise.all(
          Array.from({ length: BURST.members }, (_unused, n) =>
            probes.change(doc._id, (d) => {
              attempts += 1;
              const id = `m${n}`;
              if (d.items.some((i) => i.id === id)) return fail('THERE', 'already there');
              if (d.items.length >= BURST.capacity) return fail('FULL', 'full');
              return ok({
                change: { append: { items: { id } } },
                premises: [
                  { list: 'items', lacks: { key: 'id', value: id } },
                  { list: 'items', sizeBelow: BURST.capacity },
                ],
                result: id,
              });
            }),
          ),
        );
        const elapsed = elapsedSince(startedAt);
        const stored = (await probes.get(doc._id))?.items.map((i) => i.id) ?? [];
        const landed = answers.flatMap((answer) => (answer.ok ? [answer.data] : []));
        const counts = tally(answers.map((answer) => (answer.ok ? 'ok' : answer.error.code)));
        const exact =
          stored.length === BURST.capacity &&
          new Set(stored).size === stored.length &&
          [...stored].sort().join() === [...landed].sort().join() &&
          Object.keys(counts).every((code) => ['ok', 'FULL', 'BUSY'].includes(code));
        return {
          passed: exact,
          figures: `${stored.length} stored; answers: ${described(counts)}; ${attempts} attempts; ${elapsed}`,
        };
      },
    ],
    [
      `${BURST.increments} compare-and-set increments of one counter at once`,
      async () => {
        const doc = probe('counter');
        await probes.insert(doc);
        let attempts = 0;
        const startedAt = Date.now();
        const answers = await Promise.all(
          Array.from({ length: BURST.increments }, () =>
            probes.update(doc._id, (d) => {
              attempts += 1;
              return ok({ next: { ...d, counter: d.counter + 1 }, result: null });
            }),
          ),
        );
        const elapsed = elapsedSince(startedAt);
        const counter = (await probes.get(doc._id))?.counter;
        const counts = tally(answers.map((answer) => (answer.ok ? 'ok' : answer.error.code)));
        return {
          passed: counter === (counts.ok ?? 0) && Object.keys(counts).every((code) => ['ok', 'BUSY'].includes(code)),
          figures: `counter ${counter}; answers: ${described(counts)}; ${attempts} attempts; ${elapsed}`,
        };
      },
    ],
  ];

  const reports: CheckReport[] = [];
  const report = (check: CheckReport) => {
    reports.push(check);
    log(`${check.passed ? '✔' : '✖'} ${check.name}: ${check.figures}`);
  };
  try {
    for (const [name, check] of checks) {
      try {
        report({ name, ...(await check()) });
      } catch (error) {
        report({ name, passed: false, figures: `threw ${error instanceof Error ? error.message : String(error)}` });
      }
    }
  } finally {
    const { stats } = await raw.where({ run }).remove();
    const left = (await raw.where({ run }).get()).data.length;
    report({ name: 'clean-up', passed: left === 0, figures: `${stats.removed} documents removed, ${left} left` });
  }
  const passed = reports.every((check) => check.passed);
  log(passed ? `${VERIFY_COLLECTION}: every check passed` : `${VERIFY_COLLECTION}: a check FAILED (✖ above)`);
  return { checks: reports, passed };
}

const USAGE = `verify:cloud needs a CloudBase environment and an API key:
  TCB_ENV=<environment id> TCB_SECRET_ID=<SecretId> TCB_SECRET_KEY=<SecretKey> [TCB_SESSION_TOKEN=<token>] npm run verify:cloud
(docs/backend.md, "Verify your CloudBase environment")`;

async function main(): Promise<number> {
  // The settings setup:cloud reads, checked the same way: each problem named, no value repeated.
  let settings: CloudSettings;
  try {
    settings = readCloudSettings(process.env);
  } catch (error) {
    if (!(error instanceof CloudSettingsError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }
  const { envId, secretId, secretKey, sessionToken } = settings;
  initSdkWithKeys(cloud, { env: envId, secretId, secretKey, sessionToken });
  console.log(`Verifying CloudBase environment ${envId} (collection ${VERIFY_COLLECTION})`);
  const { passed } = await verifyCloud(databaseOf(cloud.database()), { log: console.log });
  return passed ? 0 : 1;
}

// Run as a script (not imported by its test).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
