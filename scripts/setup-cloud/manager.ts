// The port to CloudBase's management API, and its one adapter over CloudBase's own management SDK
// (@cloudbase/manager-node, which signs each call with the key and sends it to the Tencent Cloud API: the tcb
// actions DescribeTable/CreateTable/UpdateTable/DescribeDatabaseACL/ModifyDatabaseACL, the scf actions
// GetFunction/UpdateFunctionConfiguration/BatchCreateTrigger/DeleteTrigger, and HTTP access's
// DescribeCloudBaseGWAPI/CreateCloudBaseGWAPI/DeleteCloudBaseGWAPI/DescribeCloudBaseGWService). setup.ts decides;
// this only reads and writes.
import CloudBase from '@cloudbase/manager-node';
import type { Index } from '../../kit/server/store/types';
import type { FunctionTrigger } from '../../cloudfunctions/functions';
import type { CloudSettings } from './settings';

/** An index as CloudBase describes it: its keys in order, Direction "1" ascending and "-1" descending. */
export interface CloudIndex {
  name: string;
  keys: { name: string; direction: string }[];
}

/** A collection's permission for clients (the console's 权限设置; ADMINONLY: none, only the functions). */
export type AclTag = 'READONLY' | 'PRIVATE' | 'ADMINWRITE' | 'ADMINONLY';

export interface FunctionSettings {
  timeoutSeconds: number;
  memoryMb: number;
  triggers: FunctionTrigger[];
}

export interface CloudManager {
  /** The names of the environment's collections. */
  collections(): Promise<Set<string>>;
  indexes(collection: string): Promise<CloudIndex[]>;
  createCollection(collection: string): Promise<void>;
  /** One UpdateTable: drops first, then creates. */
  changeIndexes(collection: string, change: { drop: string[]; create: Index[] }): Promise<void>;
  aclTag(collection: string): Promise<string>;
  setAclTag(collection: string, tag: AclTag): Promise<void>;
  /** The function's settings, or null when it has not been deployed. */
  functionSettings(name: string): Promise<FunctionSettings | null>;
  setLimits(name: string, limits: { timeoutSeconds: number; memoryMb: number }): Promise<void>;
  createTriggers(name: string, triggers: FunctionTrigger[]): Promise<void>;
  deleteTrigger(name: string, triggerName: string): Promise<void>;
  /** The function's HTTP access paths (HTTP 访问服务), each with the id CloudBase gave it. */
  httpPaths(name: string): Promise<{ id: string; path: string }[]>;
  /** A path of HTTP access to the function, open to any caller (the function verifies its callers itself). */
  createHttpPath(name: string, path: string): Promise<void>;
  deleteHttpPath(name: string, id: string): Promise<void>;
  /** The environment's HTTP access domain; '' while HTTP access is off in the environment. */
  httpDomain(): Promise<string>;
}

/** HTTP access's Type of a path served by a cloud function (CreateCloudBaseGWAPI). */
const FUNCTION_PATH = 1;

export const DIRECTION = { asc: '1', desc: '-1' } as const;

/** What the SDK's errors carry besides the message: the API's error code. */
const codeOf = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';

/** GetFunction reports a timer's cron either as sent or as `{"cron": "…"}`. */
function cronOf(description: string): string {
  try {
    const parsed: unknown = JSON.parse(description);
    if (typeof parsed === 'object' && parsed !== null && 'cron' in parsed && typeof parsed.cron === 'string') {
      return parsed.cron;
    }
  } catch {
    // Not JSON: the cron itself.
  }
  return description;
}

export function managerOf(settings: CloudSettings): CloudManager {
  const app = new CloudBase({
    envId: settings.envId,
    secretId: settings.secretId,
    secretKey: settings.secretKey,
    token: settings.sessionToken,
    region: settings.region,
  });
  const acl = app.commonService('tcb', '2018-06-08');
  return {
    async collections() {
      const names = new Set<string>();
      // ListTables answers a page at a time (at most 100); Pager.Total says how many there are.
      for (let offset = 0; ;) {
        const { Collections, Pager } = await app.database.listCollections({ MgoOffset: offset, MgoLimit: 100 });
        for (const { CollectionName } of Collections) names.add(CollectionName);
        offset += Collections.length;
        if (Collections.length === 0 || offset >= Pager.Total) return names;
      }
    },
    async indexes(collection) {
      const { Indexes = [] } = await app.database.describeCollection(collection);
      return Indexes.map((index) => ({
        name: index.Name,
        keys: index.Keys.map((key) => ({ name: key.Name ?? '', direction: String(key.Direction ?? '') })),
      }));
    },
    async createCollection(collection) {
      await app.database.createCollection(collection);
    },
    async changeIndexes(collection, { drop, create }) {
      await app.database.updateCollection(collection, {
        ...(drop.length > 0 ? { DropIndexes: drop.map((IndexName) => ({ IndexName })) } : {}),
        ...(create.length > 0
          ? {
              CreateIndexes: create.map((index) => ({
                IndexName: index.name,
                MgoKeySchema: {
                  MgoIndexKeys: index.fields.map((field) => ({ Name: field.path, Direction: DIRECTION[field.order] })),
                  MgoIsUnique: false,
                },
              })),
            }
          : {}),
      });
    },
    async aclTag(collection) {
      const { AclTag } = (await acl.call({
        Action: 'DescribeDatabaseACL',
        Param: { EnvId: settings.envId, CollectionName: collection },
      })) as { AclTag: string };
      return AclTag;
    },
    async setAclTag(collection, tag) {
      await acl.call({
        Action: 'ModifyDatabaseACL',
        Param: { EnvId: settings.envId, CollectionName: collection, AclTag: tag },
      });
    },
    async functionSettings(name) {
      const detail = await app.functions.getFunctionDetail(name).catch((error: unknown) => {
        if (codeOf(error).startsWith('ResourceNotFound')) return null;
        throw error;
      });
      if (detail === null) return null;
      return {
        timeoutSeconds: detail.Timeout,
        memoryMb: detail.MemorySize,
        triggers: (detail.Triggers ?? []).map((trigger) => ({
          name: trigger.TriggerName,
          type: trigger.Type,
          config: cronOf(trigger.TriggerDesc),
        })),
      };
    },
    async setLimits(name, { timeoutSeconds, memoryMb }) {
      // Only these two fields: the call leaves the function's environment variables (its secrets) as they are.
      await app.functions.updateFunctionConfig({ name, timeout: timeoutSeconds, memorySize: memoryMb });
    },
    async createTriggers(name, triggers) {
      await app.functions.createFunctionTriggers(name, triggers);
    },
    async deleteTrigger(name, triggerName) {
      await app.functions.deleteFunctionTrigger(name, triggerName);
    },
    async httpPaths(name) {
      const { APISet = [] } = await app.access.getAccessList({ name });
      return APISet.filter((api) => api.Name === name && api.Type === FUNCTION_PATH).map((api) => ({
        id: api.APIId,
        path: api.Path,
      }));
    },
    async createHttpPath(name, path) {
      // auth false: no CloudBase login in front of it (a WeCom page has none); the function checks every request.
      await app.access.createAccess({ name, path, type: FUNCTION_PATH, auth: false });
    },
    async deleteHttpPath(name, id) {
      await app.access.deleteAccess({ name, type: FUNCTION_PATH, apiId: id });
    },
    async httpDomain() {
      const { DefaultDomain, EnableService } = await app.access.getDomainList();
      return EnableService ? DefaultDomain : '';
    },
  };
}
