// An in-memory CloudBase database for tests and benchmarks, driven by mingo and fed by the SDK itself:
// the real wx-server-sdk builds and serialises every query and update (@cloudbase/database, EJSON), and only
// its transport is replaced, so the CloudBase store runs offline exactly as it would against the service.
// Once this module is loaded no database request of the process can reach the network: the transport
// class is locked to this one, and environments not created here answer with an error.
import { createRequire } from 'node:module';
import type * as CloudbaseDatabase from '@cloudbase/database';
import type * as Bson from 'bson';
import { Query, update } from 'mingo';
import cloud from 'wx-server-sdk';
import { isRecord } from './server-sdk';

// The copies wx-server-sdk really uses, resolved through its own dependency tree.
const here = createRequire(__filename);
const fromNodeSdk = createRequire(createRequire(here.resolve('wx-server-sdk')).resolve('@cloudbase/node-sdk'));
const fromDatabase = createRequire(fromNodeSdk.resolve('@cloudbase/database'));
const { Db }: typeof CloudbaseDatabase = fromNodeSdk('@cloudbase/database');
const { EJSON }: typeof Bson = fromDatabase('bson');

type Document = Record<string, unknown> & { _id: string };
type Params = Record<string, unknown>;

interface Answer {
  requestId: string;
  code?: string;
  message?: string;
  data?: Record<string, unknown>;
}

export interface MemoryCloudbase {
  /**
   * The wx-server-sdk database bound to this in-memory environment, as `cloud.database()` returns it: a store
   * takes it through its function's own SDK adapter (e.g. a databaseOf in the function's src/sdk.ts).
   */
  database: ReturnType<typeof cloud.database>;
  /** Documents by collection (live; tests may inspect them). */
  collections: Map<string, Document[]>;
  /** Database requests served so far. */
  requests(): number;
  /** Database requests served so far, by operation (get, count, add, update, remove). */
  requestsByKind(): Record<DatabaseOperation, number>;
  /** Bytes of documents returned so far (EJSON text), e.g. to show that list queries stay light. */
  bytesReturned(): number;
  /** Every database request from now on takes between `min` and `max` ms (uniformly; 0 by default). */
  setLatency(min: number, max?: number): void;
  /** The next `times` (default 1) requests of `operation` (any when omitted) on `collection` (any) fail with `fault`. */
  failNext(
    fault: DatabaseFault,
    options?: { operation?: DatabaseOperation; collection?: string; times?: number },
  ): void;
}

/**
 * The service's load errors as wx-server-sdk reports them (docs/platform.md, "CloudBase database under load"):
 * `serverTimeout` -501002 before the request ran, `timeoutAfterCommit` -501002 after a write was applied (the
 * caller cannot tell the two apart), `requestLimit` -501003 and `concurrentLimit` -501004, refused unrun.
 */
export type DatabaseFault = 'serverTimeout' | 'timeoutAfterCommit' | 'requestLimit' | 'concurrentLimit';
export type DatabaseOperation = 'get' | 'count' | 'add' | 'update' | 'remove';

/**
 * How many documents one get() returns at most, whatever its limit(): WeChat's pages say 100 for the server
 * SDK in one place and 1000 in another (docs/platform.md, "CloudBase database under load"), so it is a switch.
 */
export type GetCap = 100 | 1000;

export interface MemoryCloudbaseOptions {
  /** It also answers for cloud.DYNAMIC_CURRENT_ENV (the bundle test runs index.js on it). */
  servesCurrentEnv?: boolean;
  /** Per-request latency in ms, [min, max]; see setLatency. */
  latencyMs?: readonly [number, number];
  /** Default 100, the stricter reading. */
  getCap?: GetCap;
}

/** The service's code for each fault, which wx-server-sdk turns into the errCode above. */
const FAULT_CODES: Record<DatabaseFault, string> = {
  serverTimeout: 'SERVER_TIMEOUT',
  timeoutAfterCommit: 'SERVER_TIMEOUT',
  requestLimit: 'EXCEED_REQUEST_LIMIT',
  concurrentLimit: 'EXCEED_CONCURRENT_REQUEST_LIMIT',
};

const OPERATIONS: Record<string, DatabaseOperation> = {
  'database.getDocument': 'get',
  'database.calculateDocument': 'count',
  'database.insertDocument': 'add',
  'database.modifyDocument': 'update',
  'database.removeDocument': 'remove',
};

interface PlannedFault {
  fault: DatabaseFault;
  operation: DatabaseOperation | undefined;
  collection: string | undefined;
  times: number;
}

const backends = new Map<string, Backend>();
let environments = 0;

type Modifier = Parameters<typeof update>[1];

function parse(text: unknown): Record<string, unknown> {
  const value: unknown = typeof text === 'string' ? EJSON.parse(text) : {};
  return isRecord(value) ? value : {};
}

/** The value at a dot path, as the service sorts by it (`orderBy('room.createdAt')`). */
const valueAt = (doc: Record<string, unknown>, path: string): unknown =>
  path.split('.').reduce<unknown>((value, key) => (isRecord(value) ? value[key] : undefined), doc);

// Relaxed EJSON keeps plain numbers plain; the SDK parses either form.
const encode = (doc: Record<string, unknown>): string => EJSON.stringify(doc, { relaxed: true });

class Backend {
  readonly collections = new Map<string, Document[]>();
  served = 0;
  readonly servedByKind: Record<DatabaseOperation, number> = { get: 0, count: 0, add: 0, update: 0, remove: 0 };
  returned = 0;
  latency: readonly [number, number] = [0, 0];
  readonly faults: PlannedFault[] = [];
  private ids = 0;

  constructor(private readonly getCap: GetCap) {}

  /** The planned fault this request meets, if any (spending one of its times). */
  faultFor(action: string, params: Params): DatabaseFault | undefined {
    const operation = OPERATIONS[action];
    const planned = this.faults.find(
      (f) =>
        (f.operation === undefined || f.operation === operation) &&
        (f.collection === undefined || f.collection === String(params.collectionName)),
    );
    if (planned === undefined) return undefined;
    planned.times -= 1;
    if (planned.times <= 0) this.faults.splice(this.faults.indexOf(planned), 1);
    return planned.fault;
  }

  private collection(name: unknown): Document[] {
    const key = String(name);
    let docs = this.collections.get(key);
    if (docs === undefined) {
      docs = [];
      this.collections.set(key, docs);
    }
    return docs;
  }

  private matching(params: Params): Document[] {
    const criteria = parse(params.query);
    const query = new Query(criteria);
    const docs = this.collection(params.collectionName);
    // Like the service's primary key index: a plain _id narrows to one document before matching.
    const candidates = typeof criteria._id === 'string' ? docs.filter((doc) => doc._id === criteria._id) : docs;
    return candidates.filter((doc) => query.test(doc));
  }

  serve(action: string, params: Params): Answer {
    this.served += 1;
    const operation = OPERATIONS[action];
    if (operation !== undefined) this.servedByKind[operation] += 1;
    const requestId = `memory-${this.served}`;
    switch (action) {
      case 'database.getDocument': {
        let found = this.matching(params);
        const order = parse(params.order);
        const keys = Object.entries(order);
        if (keys.length > 0) {
          found = [...found].sort((a, b) => {
            for (const [field, direction] of keys) {
              const x = valueAt(a, field);
              const y = valueAt(b, field);
              if (x === y) continue;
              const less = typeof x === 'number' && typeof y === 'number' ? x < y : String(x) < String(y);
              return (less ? -1 : 1) * (direction === -1 ? -1 : 1);
            }
            return 0;
          });
        }
        const offset = typeof params.offset === 'number' ? params.offset : 0;
        const limit = Math.min(typeof params.limit === 'number' ? params.limit : 100, this.getCap);
        const page = params.queryType === 'DOC' ? found.slice(0, 1) : found.slice(offset, offset + limit);
        const projection = parse(params.projection);
        const shaped =
          Object.keys(projection).length === 0
            ? page
            : new Query({}).find<Record<string, unknown>>(page, projection).all();
        const list = shaped.map(encode);
        this.returned += list.reduce((sum, text) => sum + text.length, 0);
        return { requestId, data: { list } };
      }
      case 'database.calculateDocument':
        return { requestId, data: { total: this.matching(params).length } };
      case 'database.insertDocument': {
        const docs = this.collection(params.collectionName);
        const list = Array.isArray(params.data) ? params.data : [];
        const fresh = list.map((text) => {
          const doc = parse(text);
          const _id = typeof doc._id === 'string' ? doc._id : `memory${(this.ids += 1)}`;
          return { ...doc, _id };
        });
        for (const doc of fresh) {
          if (docs.some((existing) => existing._id === doc._id)) {
            return { requestId, code: 'DATABASE_DUPLICATE_WRITE', message: `duplicate _id ${doc._id}` };
          }
        }
        docs.push(...fresh);
        return { requestId, data: { insertedIds: fresh.map((doc) => doc._id) } };
      }
      case 'database.modifyDocument': {
        const docs = this.collection(params.collectionName);
        const found = this.matching(params);
        const targets = params.multi === true ? found : found.slice(0, 1);
        const data = parse(params.data);
        if (params.merge === false) {
          // doc().set(): replace the whole document, inserting it when missing (upsert).
          if (targets.length === 0) {
            if (params.upsert !== true) return { requestId, data: { updated: 0 } };
            const _id = String(parse(params.query)._id);
            docs.push({ ...data, _id });
            return { requestId, data: { updated: 0, upsert_id: _id } };
          }
          let updated = 0;
          for (const target of targets) {
            const index = docs.indexOf(target);
            const next: Document = { ...data, _id: target._id };
            if (encode(next) !== encode(target)) updated += 1;
            docs[index] = next;
          }
          return { requestId, data: { updated } };
        }
        // Like MongoDB, `updated` counts documents that actually changed; `list.$` names the item the query's
        // condition on that list matched (docs/platform.md, "Projections").
        const modifier: Modifier = data;
        const condition = parse(params.query);
        let updated = 0;
        for (const target of targets) if (update(target, modifier, undefined, condition).length > 0) updated += 1;
        return { requestId, data: { updated } };
      }
      case 'database.removeDocument': {
        const docs = this.collection(params.collectionName);
        const found = this.matching(params);
        const targets = new Set(params.multi === true ? found : found.slice(0, 1));
        this.collections.set(
          String(params.collectionName),
          docs.filter((doc) => !targets.has(doc)),
        );
        return { requestId, data: { deleted: targets.size } };
      }
      default:
        return { requestId, code: 'UNSUPPORTED_ACTION', message: `${action} is not emulated` };
    }
  }
}

/** Half the request's latency each way; a bare later turn without latency. */
async function roundTrip(backend: Backend | undefined): Promise<void> {
  const [min, max] = backend?.latency ?? [0, 0];
  const ms = min + Math.random() * (max - min);
  await new Promise((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
}

/** Takes the place of @cloudbase/node-sdk's HTTP requester. */
class MemoryRequester {
  constructor(private readonly config: { env?: unknown }) {}

  async send(action: string, params: Params): Promise<Answer> {
    const backend = backends.get(String(this.config.env));
    // Answer on a later turn, like a network round trip, so concurrent requests interleave.
    await roundTrip(backend);
    if (backend === undefined) {
      return { requestId: 'none', code: 'OFFLINE', message: `no in-memory environment '${String(this.config.env)}'` };
    }
    const fault = backend.faultFor(action, params);
    if (fault === undefined || fault === 'timeoutAfterCommit') {
      // Documents leave and enter as EJSON text, as they would over the wire.
      const answer = backend.serve(action, params);
      if (fault === undefined || answer.code !== undefined) return answer;
    }
    return { requestId: 'fault', code: FAULT_CODES[fault], message: `emulated fault: ${fault}` };
  }
}

let locked = false;
const DEFAULT_ENV = 'memory-default';

function lockTransport(): void {
  if (locked) return;
  Object.defineProperty(Db, 'reqClass', { get: () => MemoryRequester, set: () => undefined, configurable: false });
  cloud.init({ env: DEFAULT_ENV });
  locked = true;
}

/**
 * A fresh in-memory environment. `servesCurrentEnv`: it also answers for cloud.DYNAMIC_CURRENT_ENV, the
 * environment a bundled function's own `cloud.database()` uses (the bundle test runs index.js on it).
 */
export function createMemoryCloudbase(options: MemoryCloudbaseOptions = {}): MemoryCloudbase {
  lockTransport();
  environments += 1;
  const env = `memory-${environments}`;
  const backend = new Backend(options.getCap ?? 100);
  if (options.latencyMs !== undefined) backend.latency = options.latencyMs;
  backends.set(env, backend);
  if (options.servesCurrentEnv === true) {
    // Outside WeChat's runtime the SDK resolves DYNAMIC_CURRENT_ENV to the environment it was first given.
    backends.set(DEFAULT_ENV, backend);
    backends.set(String(cloud.DYNAMIC_CURRENT_ENV), backend);
  }
  return {
    database: cloud.database({ env }),
    collections: backend.collections,
    requests: () => backend.served,
    requestsByKind: () => ({ ...backend.servedByKind }),
    bytesReturned: () => backend.returned,
    setLatency: (min, max = min) => {
      backend.latency = [min, max];
    },
    failNext: (fault, { operation, collection, times = 1 } = {}) => {
      backend.faults.push({ fault, operation, collection, times });
    },
  };
}
