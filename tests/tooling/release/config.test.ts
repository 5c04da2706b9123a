import {
  normaliseKey,
  readReleaseConfig,
  releaseDescription,
  ReleaseConfigError,
} from '../../../scripts/release/config';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';
const git = { commit: 'abc1234', subject: 'Task page: reminders' };
const inputs = (env: Record<string, string | undefined>, extra = {}) => ({
  env,
  packageVersion: '1.2.3',
  git,
  fileExists: (file: string) => file === 'keys/upload.key',
  ...extra,
});

test('a complete environment gives the config, with version from package.json and description from git', () => {
  expect(readReleaseConfig(inputs({ MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY: KEY }))).toEqual({
    appid: 'wx0123456789abcdef',
    key: { privateKey: KEY },
    cloudEnv: undefined,
    version: '1.2.3',
    description: 'v1.2.3 abc1234 Task page: reminders',
  });
  expect(
    readReleaseConfig(
      inputs({ MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: 'keys/upload.key', MP_CLOUD_ENV: 'prod-1a2b' }),
    ),
  ).toMatchObject({ key: { privateKeyPath: 'keys/upload.key' }, cloudEnv: 'prod-1a2b' });
});

test('a missing key is named with where to get one', () => {
  expect(() => readReleaseConfig(inputs({ MP_APPID: 'wx0123456789abcdef' }))).toThrow(
    /no upload key: set MP_PRIVATE_KEY .* or MP_PRIVATE_KEY_PATH .*小程序代码上传/,
  );
});

test('every problem is listed at once', () => {
  let message = '';
  try {
    readReleaseConfig(inputs({ MP_APPID: 'touristappid', MP_PRIVATE_KEY_PATH: 'nowhere.key' }, { needCloudEnv: true }));
  } catch (error) {
    expect(error).toBeInstanceOf(ReleaseConfigError);
    message = (error as Error).message;
  }
  expect(message.split('\n')).toEqual([
    '- MP_APPID is the placeholder "touristappid": use your own appid',
    '- MP_PRIVATE_KEY_PATH points to nowhere.key, which does not exist',
    '- MP_CLOUD_ENV is not set (the cloud environment id, from the 云开发 console)',
  ]);
});

test('malformed appid, key and version are refused before any network call', () => {
  expect(() => readReleaseConfig(inputs({ MP_APPID: 'my-app', MP_PRIVATE_KEY: KEY }))).toThrow(
    /MP_APPID holds "my-app", which is not an appid/,
  );
  expect(() => readReleaseConfig(inputs({ MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY: 'secret' }))).toThrow(
    /MP_PRIVATE_KEY is not a PEM private key/,
  );
  expect(() =>
    readReleaseConfig(inputs({ MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY: KEY }, { packageVersion: 'next' })),
  ).toThrow(/package.json version "next" is not x.y.z/);
});

test('escaped newlines in a CI secret are restored', () => {
  expect(normaliseKey(KEY.replace(/\n/g, '\\n'))).toBe(KEY);
  expect(normaliseKey(KEY)).toBe(KEY);
});

test('the description is short and works outside git', () => {
  expect(releaseDescription('0.1.0', { commit: '', subject: '' })).toBe('v0.1.0');
  const long = releaseDescription('0.1.0', { commit: 'abc', subject: 'x'.repeat(300) });
  expect(long).toHaveLength(100);
  expect(long.endsWith('…')).toBe(true);
});

describe('a key or a secret in the wrong variable is named, never echoed', () => {
  const PEM =
    '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END PRIVATE KEY-----';
  const SECRET = '3f9a1c0b7e2d4a6f8b0c1d2e3f4a5b6c';
  const problemsOf = (env: Record<string, string>): string => {
    try {
      readReleaseConfig(inputs(env, { needCloudEnv: true }));
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('the configuration was accepted');
  };

  test.each([
    ['MP_APPID', { MP_APPID: PEM, MP_PRIVATE_KEY: KEY, MP_CLOUD_ENV: 'prod-1a2b' }, /MP_APPID holds a PEM key/],
    ['MP_APPID', { MP_APPID: SECRET, MP_PRIVATE_KEY: KEY, MP_CLOUD_ENV: 'prod-1a2b' }, /MP_APPID holds a secret-like/],
    [
      'MP_PRIVATE_KEY_PATH',
      { MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: PEM, MP_CLOUD_ENV: 'prod-1a2b' },
      /MP_PRIVATE_KEY_PATH holds a PEM key, not a path/,
    ],
    [
      'MP_PRIVATE_KEY_PATH',
      { MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: SECRET, MP_CLOUD_ENV: 'prod-1a2b' },
      /MP_PRIVATE_KEY_PATH holds a secret-like value \(32 characters, not shown\), not a path/,
    ],
    [
      'MP_CLOUD_ENV',
      { MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY: KEY, MP_CLOUD_ENV: PEM },
      /MP_CLOUD_ENV holds a PEM key, which is not a cloud environment id/,
    ],
    [
      'MP_CLOUD_ENV',
      { MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY: KEY, MP_CLOUD_ENV: SECRET },
      /MP_CLOUD_ENV holds a secret-like value/,
    ],
  ])('%s holding a key or a secret', (_name, env, expected) => {
    const message = problemsOf(env);
    expect(message).toMatch(expected);
    for (const part of [SECRET, 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7', 'BEGIN PRIVATE KEY'])
      expect(message).not.toContain(part);
  });

  test('an ordinary wrong value is still shown, and a long path is not mistaken for a secret', () => {
    expect(problemsOf({ MP_APPID: 'my-app', MP_PRIVATE_KEY: KEY, MP_CLOUD_ENV: 'Prod env' })).toBe(
      [
        '- MP_APPID holds "my-app", which is not an appid (wx + 16 hex digits)',
        '- MP_CLOUD_ENV holds "Prod env", which is not a cloud environment id (e.g. prod-1a2b3c)',
      ].join('\n'),
    );
    expect(
      problemsOf({
        MP_APPID: 'wx0123456789abcdef',
        MP_PRIVATE_KEY_PATH: '/home/someone/secrets/wechat-mini-program-upload-keys/private.key',
      }),
    ).toMatch(/MP_PRIVATE_KEY_PATH points to \/home\/someone\/secrets\/wechat-mini-program-upload-keys\/private.key,/);
  });
});
