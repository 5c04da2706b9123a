// setup:cloud's settings: a clear message for each missing or malformed variable, never the value itself (a key in
// the wrong variable must not reach a terminal or a CI log), and the script exits 2 before any request.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { CloudSettingsError, readCloudSettings } from '../../scripts/setup-cloud/settings';

const SECRET_ID = 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3gnPhESA';
const SECRET_KEY = 'Gu5t9xGARNpq86cd98joQYCN3Cozk1qA';
const GOOD = { TCB_ENV: 'prod-1a2b3c', TCB_SECRET_ID: SECRET_ID, TCB_SECRET_KEY: SECRET_KEY };

function problems(env: Record<string, string | undefined>): string {
  try {
    readCloudSettings(env);
  } catch (error) {
    expect(error).toBeInstanceOf(CloudSettingsError);
    return (error as Error).message;
  }
  throw new Error('the settings were accepted');
}

test('the three variables, trimmed, and the session token of a temporary key', () => {
  expect(readCloudSettings({ ...GOOD, TCB_ENV: ' prod-1a2b3c\n' })).toEqual({
    envId: 'prod-1a2b3c',
    secretId: SECRET_ID,
    secretKey: SECRET_KEY,
  });
  expect(readCloudSettings({ ...GOOD, TCB_SESSION_TOKEN: 'token' }).sessionToken).toBe('token');
  expect(readCloudSettings({ ...GOOD, TCB_REGION: 'ap-guangzhou' }).region).toBe('ap-guangzhou');
});

test('each missing variable is named, with where to find it', () => {
  expect(problems({}).split('\n')).toEqual([
    '- TCB_ENV is not set (the environment id, from the 云开发 console)',
    '- TCB_SECRET_ID is not set (Tencent Cloud console → 访问管理 → API 密钥)',
    '- TCB_SECRET_KEY is not set (Tencent Cloud console → 访问管理 → API 密钥)',
  ]);
  expect(problems({ ...GOOD, TCB_SECRET_KEY: '  ' })).toBe(
    '- TCB_SECRET_KEY is not set (Tencent Cloud console → 访问管理 → API 密钥)',
  );
});

test.each([
  [{ TCB_ENV: SECRET_ID }, '- TCB_ENV holds a SecretId: put it in TCB_SECRET_ID', SECRET_ID],
  [{ TCB_ENV: 'my env!' }, '- TCB_ENV does not look like an environment id', 'my env!'],
  [{ TCB_SECRET_ID: SECRET_KEY }, '- TCB_SECRET_ID does not look like a SecretId', SECRET_KEY],
  [{ TCB_SECRET_KEY: SECRET_ID }, '- TCB_SECRET_KEY holds a SecretId: the SecretKey is the other', SECRET_ID],
  [{ TCB_SECRET_KEY: 'short' }, '- TCB_SECRET_KEY does not look like a SecretKey', 'short'],
  [{ TCB_SECRET_KEY: `${SECRET_KEY} pasted twice` }, '- TCB_SECRET_KEY does not look like a SecretKey', SECRET_KEY],
  [{ TCB_REGION: SECRET_KEY }, '- TCB_REGION does not look like a region', SECRET_KEY],
])('a malformed %o is named and never echoed', (wrong, message, value) => {
  const text = problems({ ...GOOD, ...wrong });
  expect(text.startsWith(message)).toBe(true);
  expect(text).not.toContain(value);
});

test('npm run setup:cloud without its settings exits 2 before any request, echoing no value', async () => {
  const root = path.resolve(__dirname, '../..');
  const run = promisify(execFile)(
    process.execPath,
    [path.join(root, 'node_modules/tsx/dist/cli.mjs'), path.join(root, 'scripts/setup-cloud/cli.ts')],
    { cwd: root, env: { PATH: process.env.PATH, TCB_ENV: 'prod-1a2b3c', TCB_SECRET_ID: SECRET_KEY } },
  );
  const failure = await run.then(
    () => null,
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  expect(failure?.code).toBe(2);
  expect(failure?.stdout).toBe('');
  expect(failure?.stderr).toBe(
    'setup:cloud needs a CloudBase environment and an API key (docs/backend.md, "Deploy"):\n' +
      '- TCB_SECRET_ID does not look like a SecretId (it starts with AKID, letters and digits only)\n' +
      '- TCB_SECRET_KEY is not set (Tencent Cloud console → 访问管理 → API 密钥)\n',
  );
});
