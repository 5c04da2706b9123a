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
    /does not look like an appid/,
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
