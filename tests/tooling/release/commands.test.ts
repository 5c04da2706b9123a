// upload / preview / deploy:functions with a fake WechatCi port: everything before the network call.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  deployFunctions,
  listFunctions,
  preview,
  upload,
  type ReleaseContext,
} from '../../../scripts/release/commands';
import type { FunctionRequest, PreviewRequest, ProjectRef, WechatCi } from '../../../scripts/release/wechat-ci';
import { CLOUD_FUNCTIONS } from '../../../cloudfunctions/functions';

const KEY = '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'release-'));
  fs.writeFileSync(path.join(root, 'package.json'), JSON.stringify({ version: '0.3.0' }));
  for (const name of ['groupTask', 'wecomTask']) {
    const fn = path.join(root, 'cloudfunctions', name);
    fs.mkdirSync(fn, { recursive: true });
    fs.writeFileSync(path.join(fn, 'package.json'), '{}');
    fs.writeFileSync(path.join(fn, 'index.js'), 'exports.main = () => 1;');
  }
  // A folder the description does not name is not a function.
  fs.mkdirSync(path.join(root, 'cloudfunctions', 'not-a-function'));
  fs.writeFileSync(path.join(root, 'cloudfunctions', 'not-a-function', 'package.json'), '{}');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

function fakeCi(): jest.Mocked<WechatCi> {
  return {
    upload: jest.fn(async (_project, request) => {
      request.onProgress('doing compile');
      return {
        subPackages: [
          { name: '', size: 2048 },
          { name: '/packageChatTool/', size: 95_000 },
        ],
      };
    }),
    preview: jest.fn(async (_project: ProjectRef, _request: PreviewRequest) => ({ terminalQrcode: '[QR]' })),
    uploadFunction: jest.fn(async (_project: ProjectRef, _request: FunctionRequest) => ({ files: 3, bytes: 4096 })),
  };
}

function context(env: Record<string, string>, ci: WechatCi, lines: string[]): ReleaseContext {
  return { root, env, git: { commit: 'abc1234', subject: 'Ship it' }, ci, log: (line) => lines.push(line) };
}

const env = { MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY: KEY, MP_CLOUD_ENV: 'prod-1a2b' };

test('upload passes project, version and description, and prints progress and sizes', async () => {
  const ci = fakeCi();
  const lines: string[] = [];
  await upload(context(env, ci, lines));
  expect(ci.upload).toHaveBeenCalledWith(
    { root, appid: 'wx0123456789abcdef', key: { privateKey: KEY } },
    expect.objectContaining({ version: '0.3.0', description: 'v0.3.0 abc1234 Ship it' }),
  );
  expect(lines).toEqual([
    'uploading wx0123456789abcdef version 0.3.0: v0.3.0 abc1234 Ship it',
    '  doing compile',
    '  main package: 2.0 KB',
    '  /packageChatTool/: 92.8 KB',
    'uploaded version 0.3.0; set it as the trial or submit it for review on mp.weixin.qq.com',
  ]);
});

test('a missing key stops before the network call', async () => {
  const ci = fakeCi();
  await expect(upload(context({ MP_APPID: 'wx0123456789abcdef' }, ci, []))).rejects.toThrow(/no upload key/);
  expect(ci.upload).not.toHaveBeenCalled();
});

test('a key file path is resolved from the project root', async () => {
  fs.writeFileSync(path.join(root, 'upload.key'), KEY);
  const ci = fakeCi();
  await upload(context({ MP_APPID: 'wx0123456789abcdef', MP_PRIVATE_KEY_PATH: 'upload.key' }, ci, []));
  expect(ci.upload.mock.calls[0]![0].key).toEqual({ privateKeyPath: path.join(root, 'upload.key') });
});

test('preview prints the terminal QR code and saves the image under artifacts/', async () => {
  const ci = fakeCi();
  const lines: string[] = [];
  const image = await preview(context(env, ci, lines));
  expect(image).toBe(path.join(root, 'artifacts', 'preview-qrcode.jpg'));
  expect(fs.existsSync(path.dirname(image))).toBe(true);
  expect(ci.preview.mock.calls[0]![1]).toMatchObject({ qrcodeImage: image, version: '0.3.0' });
  expect(lines).toContain('[QR]');
  expect(lines.at(-1)).toBe('scan the code above with WeChat; also saved as artifacts/preview-qrcode.jpg');
});

test('deploy:functions uploads each function cloudfunctions/functions.ts describes, with its timer triggers', async () => {
  const ci = fakeCi();
  const lines: string[] = [];
  await deployFunctions(context(env, ci, lines));
  expect(ci.uploadFunction).toHaveBeenCalledTimes(2);
  expect(ci.uploadFunction.mock.calls[0]![1]).toEqual({
    cloudEnv: 'prod-1a2b',
    name: 'groupTask',
    dir: path.join(root, 'cloudfunctions', 'groupTask'),
    triggers: CLOUD_FUNCTIONS.find((fn) => fn.name === 'groupTask')!.triggers,
  });
  expect(ci.uploadFunction.mock.calls[0]![1].triggers).toEqual([
    { name: 'sweep', type: 'timer', config: '0 * * * * * *' },
  ]);
  // wecomTask too, with its own timer (its HTTP access is setup:cloud's).
  expect(ci.uploadFunction.mock.calls[1]![1]).toEqual({
    cloudEnv: 'prod-1a2b',
    name: 'wecomTask',
    dir: path.join(root, 'cloudfunctions', 'wecomTask'),
    triggers: [{ name: 'sweep', type: 'timer', config: '0 * * * * * *' }],
  });
  expect(lines).toEqual([
    '[1/2] groupTask → prod-1a2b (remote npm install)…',
    '  groupTask: 3 files, 4.0 KB, 1 timer trigger(s)',
    '[2/2] wecomTask → prod-1a2b (remote npm install)…',
    '  wecomTask: 3 files, 4.0 KB, 1 timer trigger(s)',
    'deployed 2 cloud function(s) to prod-1a2b',
  ]);
});

test('deploy:functions needs MP_CLOUD_ENV and built functions', async () => {
  const ci = fakeCi();
  await expect(deployFunctions(context({ ...env, MP_CLOUD_ENV: '' }, ci, []))).rejects.toThrow(
    /MP_CLOUD_ENV is not set/,
  );
  fs.rmSync(path.join(root, 'cloudfunctions', 'groupTask', 'index.js'));
  expect(() => listFunctions(root)).toThrow('cloudfunctions/groupTask/index.js is missing: run `npm run build` first');
  expect(ci.uploadFunction).not.toHaveBeenCalled();
});
