// setup:cloud through CloudBase's own management SDK, offline: the SDK's request layer (its one fetch) is pointed
// at a fake of the Tencent Cloud API on 127.0.0.1 (fake-cloudbase.ts), so every request is signed and sent as for
// real, and the tests read what reached the API: the collections (shared by groupTask and wecomTask, set up once),
// each index with its fields and order, the permissions, the timeout, the memory, the timer's cron and wecomTask's
// HTTP access path (and none for groupTask); then that a second run against the fake's new state changes nothing.
import { CLOUD_FUNCTIONS, type CloudFunction } from '../../cloudfunctions/functions';
import { managerOf } from '../../scripts/setup-cloud/manager';
import type { CloudSettings } from '../../scripts/setup-cloud/settings';
import { SetupError, setupCloud } from '../../scripts/setup-cloud/setup';
import { NEW_COLLECTION_ACL, startFakeCloudBase, type FakeCloudBase, type FakeFunction } from './fake-cloudbase';

type Fetch = (url: string, config?: object, proxy?: string | null) => Promise<unknown>;
let mockOrigin = '';
jest.mock('@cloudbase/manager-node/lib/utils/http-request', () => {
  const actual = jest.requireActual<{ fetch: Fetch }>('@cloudbase/manager-node/lib/utils/http-request');
  return {
    ...actual,
    // Only the API's hosts, and only to the fake: any other request fails the test instead of leaving the machine.
    fetch: (url: string, config?: object) => {
      const target = new URL(url);
      if (!mockOrigin || !target.hostname.endsWith('.tencentcloudapi.com'))
        return Promise.reject(new Error(`unexpected request to ${url}`));
      return actual.fetch(`${mockOrigin}${target.pathname}${target.search}`, config, null);
    },
  };
});

const SETTINGS: CloudSettings = {
  envId: 'prod-1a2b3c',
  secretId: 'AKIDfakefakefakefakefakefakefake1234',
  secretKey: 'fakeSecretKeyfakeSecretKeyfake12',
};

/** A function as the console's deploy leaves it: CloudBase's defaults, no timer, the secrets set by hand. */
const deployed = (): FakeFunction => ({
  Timeout: 3,
  MemorySize: 256,
  Triggers: [],
  Environment: { Variables: [{ Key: 'WECHAT_APPSECRET', Value: 'kept' }] },
});

const READS = new Set([
  'DescribeEnvInfo',
  'ListTables',
  'DescribeTable',
  'DescribeDatabaseACL',
  'GetFunction',
  'DescribeCloudBaseGWAPI',
  'DescribeCloudBaseGWService',
]);
const changes = (fake: FakeCloudBase) =>
  fake.requests
    .filter((request) => !READS.has(request.action))
    .map(({ service, action, body }) => ({ service, action, body }));

let fake: FakeCloudBase;
const savedProxy = process.env.http_proxy;
beforeEach(async () => {
  // The SDK sends through http_proxy when it is set: not to the fake.
  delete process.env.http_proxy;
  fake = await startFakeCloudBase({ envId: SETTINGS.envId, secretId: SETTINGS.secretId });
  mockOrigin = fake.origin;
});
afterEach(async () => {
  mockOrigin = '';
  if (savedProxy !== undefined) process.env.http_proxy = savedProxy;
  await fake.close();
});

async function run(functions: readonly CloudFunction[] = CLOUD_FUNCTIONS) {
  const lines: string[] = [];
  const report = await setupCloud(managerOf(SETTINGS), functions, (line) => lines.push(line));
  return { ...report, lines };
}

const index = (IndexName: string, ...keys: [string, '1' | '-1'][]) => ({
  IndexName,
  MgoKeySchema: { MgoIndexKeys: keys.map(([Name, Direction]) => ({ Name, Direction })), MgoIsUnique: false },
});

/** The requests setup:cloud may send, as the fake receives them. */
const CONNECTOR = { DatabaseName: 'tnt-fake0001', InstanceId: 'flexdb' };
const createTable = (TableName: string) => ({
  service: 'tcb',
  action: 'CreateTable',
  body: { EnvId: SETTINGS.envId, MongoConnector: CONNECTOR, TableName },
});
const updateTable = (TableName: string, indexes: { DropIndexes?: object[]; CreateIndexes: object[] }) => ({
  service: 'tcb',
  action: 'UpdateTable',
  body: { EnvId: SETTINGS.envId, MongoConnector: CONNECTOR, TableName, ...indexes },
});
const adminOnly = (CollectionName: string) => ({
  service: 'tcb',
  action: 'ModifyDatabaseACL',
  body: { EnvId: SETTINGS.envId, CollectionName, AclTag: 'ADMINONLY' },
});
const limits = (FunctionName: string) => ({
  service: 'scf',
  action: 'UpdateFunctionConfiguration',
  body: { Namespace: SETTINGS.envId, FunctionName, Timeout: 10, MemorySize: 256 },
});
const LIMITS = limits('groupTask');
const deleteTimer = (TriggerName: string) => ({
  service: 'scf',
  action: 'DeleteTrigger',
  body: { Namespace: SETTINGS.envId, FunctionName: 'groupTask', TriggerName, Type: 'timer' },
});
const createSweep = (FunctionName: string) => ({
  service: 'scf',
  action: 'BatchCreateTrigger',
  body: {
    Namespace: SETTINGS.envId,
    FunctionName,
    Triggers: JSON.stringify([{ TriggerName: 'sweep', Type: 'timer', TriggerDesc: '0 * * * * * *' }]),
    Count: 1,
  },
});
const CREATE_SWEEP = createSweep('groupTask');
/** wecomTask's HTTP access: a function path, open to any caller (AuthSwitch 2), the function checks each request. */
const CREATE_WECOM_PATH = {
  service: 'tcb',
  action: 'CreateCloudBaseGWAPI',
  body: { ServiceId: SETTINGS.envId, Path: '/wecomTask', Type: 1, Name: 'wecomTask', AuthSwitch: 2 },
};
const WECOM_URL = `https://${SETTINGS.envId}-1300000000.ap-shanghai.app.tcloudbase.com/wecomTask`;

/** Both functions deployed, as the console's deploy leaves them. */
const deployBoth = () => {
  fake.state.functions.set('groupTask', deployed());
  fake.state.functions.set('wecomTask', deployed());
};

test('a fresh environment: the collections, their indexes and permissions, the timeout, memory, timer and HTTP access', async () => {
  deployBoth();
  const first = await run();

  expect(changes(fake)).toEqual([
    createTable('group_tasks'),
    updateTable('group_tasks', {
      CreateIndexes: [
        index('room_created', ['room.id', '1'], ['createdAt', '-1']),
        index('creator_created', ['creator.userId', '1'], ['createdAt', '-1']),
        index('member_created', ['members', '1'], ['createdAt', '-1']),
        index('timer_due', ['timerDueAt', '1']),
      ],
    }),
    adminOnly('group_tasks'),
    createTable('group_task_members'),
    updateTable('group_task_members', { CreateIndexes: [index('room_bound', ['roomId', '1'], ['boundAt', '-1'])] }),
    adminOnly('group_task_members'),
    LIMITS,
    CREATE_SWEEP,
    limits('wecomTask'),
    createSweep('wecomTask'),
    CREATE_WECOM_PATH,
  ]);
  // The function's variables (its secrets) are left as they were, and the key never travels: only its signature.
  expect(fake.state.functions.get('groupTask')!.Environment.Variables).toEqual([
    { Key: 'WECHAT_APPSECRET', Value: 'kept' },
  ]);
  expect(fake.requests.some((request) => request.raw.includes(SETTINGS.secretKey))).toBe(false);

  expect(first.complete).toBe(true);
  expect(first.lines).toEqual([
    'collection group_tasks: created (new)',
    'collection group_tasks: index room_created (room.id asc, createdAt desc): created (new)',
    'collection group_tasks: index creator_created (creator.userId asc, createdAt desc): created (new)',
    'collection group_tasks: index member_created (members asc, createdAt desc): created (new)',
    'collection group_tasks: index timer_due (timerDueAt asc): created (new)',
    `collection group_tasks: permission: updated (ADMINONLY, was ${NEW_COLLECTION_ACL})`,
    'collection group_task_members: created (new)',
    'collection group_task_members: index room_bound (roomId asc, boundAt desc): created (new)',
    `collection group_task_members: permission: updated (ADMINONLY, was ${NEW_COLLECTION_ACL})`,
    'function groupTask: limits: updated (timeout 10 s, memory 256 MB, was 3 s, 256 MB)',
    'function groupTask: trigger sweep: created (0 * * * * * *)',
    'function wecomTask: limits: updated (timeout 10 s, memory 256 MB, was 3 s, 256 MB)',
    'function wecomTask: trigger sweep: created (0 * * * * * *)',
    `function wecomTask: HTTP access /wecomTask: created (${WECOM_URL})`,
    '10 created, 4 updated',
  ]);
  expect(fake.state.httpPaths.map(({ Name, Path }) => ({ Name, Path }))).toEqual([
    { Name: 'wecomTask', Path: '/wecomTask' },
  ]);

  // Against what the first run left: every item is read, none is written.
  fake.requests.length = 0;
  const second = await run();
  expect(changes(fake)).toEqual([]);
  expect(second.items.every((item) => item.outcome === 'unchanged')).toBe(true);
  expect(second.lines.at(-1)).toBe('14 unchanged');
  expect(second.lines).toContain('function groupTask: trigger sweep: unchanged (0 * * * * * *)');
});

test('a drifted environment: only what differs changes, and indexes made by hand under other names are kept', async () => {
  fake.state.collections.set('group_tasks', {
    acl: 'ADMINONLY',
    indexes: [
      { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
      // Made in the console under its own name, as the docs used to ask: the same keys, so the same index.
      {
        Name: 'room_id_1_createdAt_-1',
        Keys: [
          { Name: 'room.id', Direction: '1' },
          { Name: 'createdAt', Direction: '-1' },
        ],
        Unique: false,
      },
      // The declared name with other keys: replaced.
      { Name: 'timer_due', Keys: [{ Name: 'timerDueAt', Direction: '-1' }], Unique: false },
      { Name: 'mine', Keys: [{ Name: 'title', Direction: '1' }], Unique: false },
    ],
  });
  fake.state.collections.set('group_task_members', {
    acl: 'READONLY',
    indexes: [
      { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
      {
        Name: 'room_bound',
        Keys: [
          { Name: 'roomId', Direction: '1' },
          { Name: 'boundAt', Direction: '-1' },
        ],
        Unique: false,
      },
    ],
  });
  fake.state.functions.set('groupTask', {
    ...deployed(),
    Timeout: 10,
    MemorySize: 128,
    Triggers: [
      { TriggerName: 'sweep', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */5 * * * * *' }) },
      { TriggerName: 'old', Type: 'timer', TriggerDesc: '0 0 * * * * *' },
    ],
  });
  // wecomTask as setup:cloud left it; groupTask given an HTTP path by hand, which it must not have.
  fake.state.functions.set('wecomTask', {
    ...deployed(),
    Timeout: 10,
    Triggers: [{ TriggerName: 'sweep', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 * * * * * *' }) }],
  });
  fake.state.httpPaths.push(
    { APIId: 'api-1', Name: 'wecomTask', Path: '/wecomTask', Type: 1, AuthSwitch: 2 },
    { APIId: 'api-2', Name: 'groupTask', Path: '/groupTask', Type: 1, AuthSwitch: 2 },
  );

  const { lines, complete } = await run();
  expect(changes(fake)).toEqual([
    updateTable('group_tasks', {
      DropIndexes: [{ IndexName: 'timer_due' }],
      CreateIndexes: [
        index('creator_created', ['creator.userId', '1'], ['createdAt', '-1']),
        index('member_created', ['members', '1'], ['createdAt', '-1']),
        index('timer_due', ['timerDueAt', '1']),
      ],
    }),
    adminOnly('group_task_members'),
    LIMITS,
    deleteTimer('old'),
    deleteTimer('sweep'),
    CREATE_SWEEP,
    {
      service: 'tcb',
      action: 'DeleteCloudBaseGWAPI',
      body: { ServiceId: SETTINGS.envId, Name: 'groupTask', Type: 1, APIId: 'api-2' },
    },
  ]);
  expect(complete).toBe(true);
  expect(lines).toEqual([
    'collection group_tasks: unchanged (exists)',
    'collection group_tasks: index room_created (room.id asc, createdAt desc): unchanged (exists as room_id_1_createdAt_-1)',
    'collection group_tasks: index creator_created (creator.userId asc, createdAt desc): created (new)',
    'collection group_tasks: index member_created (members asc, createdAt desc): created (new)',
    'collection group_tasks: index timer_due (timerDueAt asc): updated (was timerDueAt -1)',
    'collection group_tasks: permission: unchanged (ADMINONLY)',
    'collection group_task_members: unchanged (exists)',
    'collection group_task_members: index room_bound (roomId asc, boundAt desc): unchanged (exists)',
    'collection group_task_members: permission: updated (ADMINONLY, was READONLY)',
    'function groupTask: limits: updated (timeout 10 s, memory 256 MB, was 10 s, 128 MB)',
    'function groupTask: trigger old: removed (0 0 * * * * *)',
    'function groupTask: trigger sweep: updated (0 * * * * * *, was 0 */5 * * * * *)',
    'function groupTask: HTTP access /groupTask: removed (not declared)',
    'function wecomTask: limits: unchanged (timeout 10 s, memory 256 MB)',
    'function wecomTask: trigger sweep: unchanged (0 * * * * * *)',
    `function wecomTask: HTTP access /wecomTask: unchanged (${WECOM_URL})`,
    '2 created, 4 updated, 2 removed, 8 unchanged',
  ]);
  expect(fake.state.httpPaths.map((api) => api.Name)).toEqual(['wecomTask']);
  // An index nobody declared stays.
  expect(fake.state.collections.get('group_tasks')!.indexes.map((i) => i.Name)).toContain('mine');

  fake.requests.length = 0;
  await run();
  expect(changes(fake)).toEqual([]);
});

test('a function not deployed yet: the collections are set up, the function is reported missing', async () => {
  const { lines, complete } = await run();
  expect(complete).toBe(false);
  expect(lines).toContain(
    'function groupTask: missing (not deployed: run `npm run deploy:functions`, then setup:cloud again)',
  );
  expect(changes(fake).filter((request) => request.service === 'scf')).toEqual([]);
  expect([...fake.state.collections.keys()].sort()).toEqual(['group_task_members', 'group_tasks']);
});

test('HTTP access off in the environment: the path is made, and the line says to turn the service on', async () => {
  deployBoth();
  fake.state.httpService.enabled = false;
  const { lines } = await run();
  expect(lines).toContain(
    'function wecomTask: HTTP access /wecomTask: created (HTTP access is off in this environment: turn it on in the console (HTTP 访问服务))',
  );
});

test('two functions declaring one collection differently stop it before the first request', async () => {
  const [groupTask, wecomTask] = CLOUD_FUNCTIONS;
  const other: CloudFunction = {
    ...wecomTask!,
    collections: [{ ...groupTask!.collections[0]!, indexes: [] }],
  };
  await expect(run([groupTask!, other])).rejects.toThrow(/group_tasks is declared twice, differently/);
});

test('every request is asked in the environment region: ap-shanghai unless TCB_REGION names another', async () => {
  deployBoth();
  await run();
  expect(new Set(fake.requests.map((request) => request.region))).toEqual(new Set(['ap-shanghai']));
  fake.requests.length = 0;
  await setupCloud(managerOf({ ...SETTINGS, region: 'ap-guangzhou' }), CLOUD_FUNCTIONS);
  expect(fake.requests.length).toBeGreaterThan(0);
  expect(new Set(fake.requests.map((request) => request.region))).toEqual(new Set(['ap-guangzhou']));
});

test('a rule setup:cloud cannot set stops it before the first request', async () => {
  const [groupTask] = CLOUD_FUNCTIONS;
  const custom: CloudFunction = {
    ...groupTask!,
    collections: [
      ...groupTask!.collections,
      { name: 'shared', indexes: [], rules: { read: 'auth.openid != null', write: false } },
    ],
  };
  await expect(run([custom])).rejects.toThrow(SetupError);
  await expect(run([custom])).rejects.toThrow(/database\.rules\.json: shared has a rule other than/);
  expect(fake.requests).toEqual([]);
});

test('an API error stops the run with the API message and no secret', async () => {
  const wrongKey = managerOf({ ...SETTINGS, secretId: 'AKIDotherotherotherotherotherother12' });
  const run = setupCloud(wrongKey, CLOUD_FUNCTIONS);
  await expect(run).rejects.toThrow('the request is not signed by the expected key');
  await run.catch((error: Error) => {
    expect(error.message).not.toContain(SETTINGS.secretKey);
  });
});
