// A fake of the Tencent Cloud API on 127.0.0.1, for the actions setup:cloud's SDK sends: it answers as the API
// documents (`{ Response: { …, RequestId } }`, errors as `Response.Error { Code, Message }`), keeps what they change,
// and records every request (service from the Host header, action from X-TC-Action, the JSON body). A request
// without a TC3 signature by the expected SecretId is refused, as the API refuses it.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeIndex {
  Name: string;
  Keys: { Name: string; Direction: string }[];
  Unique: boolean;
}

export interface FakeCollection {
  indexes: FakeIndex[];
  acl: string;
}

export interface FakeTrigger {
  TriggerName: string;
  Type: string;
  /** As GetFunction reports a timer: `{"cron":"…"}`. */
  TriggerDesc: string;
}

export interface FakeFunction {
  Timeout: number;
  MemorySize: number;
  Triggers: FakeTrigger[];
  Environment: { Variables: { Key: string; Value: string }[] };
}

/** An HTTP access path (HTTP 访问服务) as DescribeCloudBaseGWAPI lists it. */
export interface FakeHttpPath {
  APIId: string;
  Name: string;
  Path: string;
  Type: number;
  /** CreateCloudBaseGWAPI's AuthSwitch: 1 behind CloudBase's login, 2 open. */
  AuthSwitch: number;
}

export interface FakeState {
  collections: Map<string, FakeCollection>;
  functions: Map<string, FakeFunction>;
  httpPaths: FakeHttpPath[];
  /** HTTP access in the environment: on or off, and its default domain. */
  httpService: { enabled: boolean; domain: string };
}

export interface SentRequest {
  service: string;
  action: string;
  body: Record<string, unknown>;
  /** X-TC-Region: the region the API is asked in. */
  region: string;
  /** Every header and the body as received: what a test searches for a secret. */
  raw: string;
}

/** What CreateTable gives a new collection: the built-in _id index, and clients reading only their own. */
export const NEW_COLLECTION_ACL = 'PRIVATE';
const ID_INDEX: FakeIndex = { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true };
const DATABASE = 'tnt-fake0001';

class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

type Handler = (body: Record<string, unknown>) => Record<string, unknown>;

export interface FakeCloudBase {
  /** Where the API's hosts are redirected. */
  origin: string;
  state: FakeState;
  requests: SentRequest[];
  close(): Promise<void>;
}

export async function startFakeCloudBase(options: { envId: string; secretId: string }): Promise<FakeCloudBase> {
  const state: FakeState = {
    collections: new Map(),
    functions: new Map(),
    httpPaths: [],
    httpService: { enabled: true, domain: `${options.envId}-1300000000.ap-shanghai.app.tcloudbase.com` },
  };
  const service = (body: Record<string, unknown>) => {
    if (body.ServiceId !== options.envId) throw new ApiError('ResourceNotFound', 'no such service');
  };
  const requests: SentRequest[] = [];
  const collection = (body: Record<string, unknown>, key = 'TableName') => {
    const found = state.collections.get(String(body[key]));
    if (!found) throw new ApiError('ResourceNotFound', `collection ${String(body[key])} does not exist`);
    return found;
  };
  const fn = (body: Record<string, unknown>) => {
    const found = state.functions.get(String(body.FunctionName));
    if (!found) throw new ApiError('ResourceNotFound.Function', `function ${String(body.FunctionName)} does not exist`);
    if (body.Namespace !== options.envId) throw new ApiError('ResourceNotFound.Namespace', 'no such namespace');
    return found;
  };

  const actions: Record<string, Record<string, Handler>> = {
    tcb: {
      DescribeEnvInfo: () => ({
        EnvInfo: {
          EnvBaseInfo: {
            EnvId: options.envId,
            Status: 'NORMAL',
            Databases: [{ InstanceId: DATABASE, Status: 'RUNNING' }],
            Functions: [{ Namespace: options.envId }],
            Storages: [],
          },
        },
      }),
      ListTables: (body) => {
        const all = [...state.collections.keys()].sort();
        const offset = Number(body.MgoOffset ?? 0);
        const limit = Number(body.MgoLimit ?? 100);
        const page = all.slice(offset, offset + limit);
        return {
          Tables: page.map((TableName) => ({ TableName, Count: 0, Size: 0, IndexCount: 1, IndexSize: 0 })),
          Pager: { Offset: offset, Limit: limit, Total: all.length },
        };
      },
      CreateTable: (body) => {
        const name = String(body.TableName);
        if (state.collections.has(name)) throw new ApiError('ResourceInUse', `collection ${name} exists`);
        state.collections.set(name, { indexes: [ID_INDEX], acl: NEW_COLLECTION_ACL });
        return {};
      },
      DescribeTable: (body) => {
        const { indexes } = collection(body);
        return { Indexes: indexes, IndexNum: indexes.length };
      },
      UpdateTable: (body) => {
        const target = collection(body);
        const drop = (body.DropIndexes ?? []) as { IndexName: string }[];
        const create = (body.CreateIndexes ?? []) as {
          IndexName: string;
          MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
        }[];
        for (const { IndexName } of drop) {
          if (!target.indexes.some((index) => index.Name === IndexName))
            throw new ApiError('ResourceNotFound', `index ${IndexName} does not exist`);
          target.indexes = target.indexes.filter((index) => index.Name !== IndexName);
        }
        for (const { IndexName, MgoKeySchema } of create) {
          if (target.indexes.some((index) => index.Name === IndexName))
            throw new ApiError('ResourceInUse', `index ${IndexName} exists`);
          target.indexes.push({ Name: IndexName, Keys: MgoKeySchema.MgoIndexKeys, Unique: MgoKeySchema.MgoIsUnique });
        }
        return {};
      },
      DescribeDatabaseACL: (body) => ({ AclTag: collection(body, 'CollectionName').acl }),
      ModifyDatabaseACL: (body) => {
        collection(body, 'CollectionName').acl = String(body.AclTag);
        return {};
      },
      DescribeCloudBaseGWService: (body) => {
        service(body);
        return { DefaultDomain: state.httpService.domain, EnableService: state.httpService.enabled, ServiceSet: [] };
      },
      DescribeCloudBaseGWAPI: (body) => {
        service(body);
        const APISet = state.httpPaths
          .filter(
            (api) =>
              (body.Name === undefined || api.Name === body.Name) &&
              (body.Path === undefined || api.Path === body.Path),
          )
          .map(({ APIId, Name, Path, Type, AuthSwitch }) => ({
            APIId,
            Name,
            Path,
            Type,
            EnableAuth: AuthSwitch === 1,
          }));
        return { APISet, Total: APISet.length, Limit: 20, Offset: 0, EnableService: state.httpService.enabled };
      },
      CreateCloudBaseGWAPI: (body) => {
        service(body);
        const { Name, Path, Type, AuthSwitch } = body;
        if (typeof Name !== 'string' || typeof Path !== 'string' || !Path.startsWith('/') || (Type !== 1 && Type !== 2))
          throw new ApiError('InvalidParameter', 'Name, a Path starting with / and Type 1 or 2 are required');
        if (AuthSwitch !== 1 && AuthSwitch !== 2) throw new ApiError('InvalidParameter', 'AuthSwitch is 1 or 2');
        if (state.httpPaths.some((api) => api.Path === Path))
          throw new ApiError('ResourceInUse', `path ${Path} exists`);
        const APIId = `api-${state.httpPaths.length + 1}`;
        state.httpPaths.push({ APIId, Name, Path, Type, AuthSwitch });
        return { APIId };
      },
      DeleteCloudBaseGWAPI: (body) => {
        service(body);
        const found = state.httpPaths.find((api) => api.APIId === body.APIId && api.Name === body.Name);
        if (!found) throw new ApiError('ResourceNotFound', `no path ${String(body.APIId)} of ${String(body.Name)}`);
        state.httpPaths = state.httpPaths.filter((api) => api !== found);
        return { Count: 1 };
      },
    },
    scf: {
      GetFunction: (body) => {
        const { Timeout, MemorySize, Triggers, Environment } = fn(body);
        return { FunctionName: body.FunctionName, Timeout, MemorySize, Triggers, Environment, Runtime: 'Nodejs16.13' };
      },
      UpdateFunctionConfiguration: (body) => {
        const target = fn(body);
        if (body.Timeout !== undefined) target.Timeout = Number(body.Timeout);
        if (body.MemorySize !== undefined) target.MemorySize = Number(body.MemorySize);
        // As the API does: variables sent replace the function's variables.
        if (body.Environment !== undefined) target.Environment = body.Environment as FakeFunction['Environment'];
        return {};
      },
      BatchCreateTrigger: (body) => {
        const target = fn(body);
        const triggers = JSON.parse(String(body.Triggers)) as {
          TriggerName: string;
          Type: string;
          TriggerDesc: string;
        }[];
        if (triggers.length !== body.Count) throw new ApiError('InvalidParameter', 'Count does not match Triggers');
        // One trigger per function, as CloudBase allows.
        if (target.Triggers.length + triggers.length > 1)
          throw new ApiError('LimitExceeded.Trigger', 'a function has one trigger at most');
        for (const { TriggerName, Type, TriggerDesc } of triggers) {
          if (target.Triggers.some((trigger) => trigger.TriggerName === TriggerName))
            throw new ApiError('ResourceInUse.Trigger', `trigger ${TriggerName} exists`);
          target.Triggers.push({ TriggerName, Type, TriggerDesc: JSON.stringify({ cron: TriggerDesc }) });
        }
        return {};
      },
      DeleteTrigger: (body) => {
        const target = fn(body);
        if (!target.Triggers.some((trigger) => trigger.TriggerName === body.TriggerName))
          throw new ApiError('ResourceNotFound.Trigger', `trigger ${String(body.TriggerName)} does not exist`);
        target.Triggers = target.Triggers.filter((trigger) => trigger.TriggerName !== body.TriggerName);
        return {};
      },
    },
  };

  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const service = String(request.headers.host ?? '').split('.')[0] ?? '';
      const action = String(request.headers['x-tc-action'] ?? '');
      const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
      const region = String(request.headers['x-tc-region'] ?? '');
      requests.push({ service, action, body, region, raw: `${JSON.stringify(request.headers)}\n${text}` });
      const answer = (() => {
        try {
          const authorization = String(request.headers.authorization ?? '');
          if (!authorization.startsWith(`TC3-HMAC-SHA256 Credential=${options.secretId}/`))
            throw new ApiError('AuthFailure.SignatureFailure', 'the request is not signed by the expected key');
          const handler = actions[service]?.[action];
          if (!handler) throw new ApiError('InvalidAction', `${service} has no action ${action}`);
          return handler(body);
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          return { Error: { Code: error.code, Message: error.message } };
        }
      })();
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ Response: { ...answer, RequestId: `fake-${requests.length}` } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    state,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
