// upload, preview and deploy:functions: read the configuration, check everything that can be checked
// offline, then make the network call through the WechatCi port, printing progress on the way.
import fs from 'node:fs';
import path from 'node:path';
import { CLOUD_FUNCTIONS, type FunctionTrigger } from '../../cloudfunctions/functions';
import { readReleaseConfig, type GitFacts, type ReleaseConfig } from './config';
import type { ProjectRef, WechatCi } from './wechat-ci';

export interface ReleaseContext {
  root: string;
  env: Record<string, string | undefined>;
  git: GitFacts;
  ci: WechatCi;
  log: (line: string) => void;
}

function prepare(context: ReleaseContext, needCloudEnv = false): { config: ReleaseConfig; project: ProjectRef } {
  const pkg = JSON.parse(fs.readFileSync(path.join(context.root, 'package.json'), 'utf8')) as { version?: string };
  const config = readReleaseConfig({
    env: context.env,
    packageVersion: pkg.version ?? '',
    git: context.git,
    fileExists: (file) => fs.existsSync(path.resolve(context.root, file)),
    needCloudEnv,
  });
  const key =
    'privateKeyPath' in config.key
      ? { privateKeyPath: path.resolve(context.root, config.key.privateKeyPath) }
      : config.key;
  return { config, project: { root: context.root, appid: config.appid, key } };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function upload(context: ReleaseContext): Promise<void> {
  const { config, project } = prepare(context);
  context.log(`uploading ${config.appid} version ${config.version}: ${config.description}`);
  const { subPackages } = await context.ci.upload(project, {
    version: config.version,
    description: config.description,
    onProgress: (message) => context.log(`  ${message}`),
  });
  for (const { name, size } of subPackages) context.log(`  ${name || 'main package'}: ${kb(size)}`);
  context.log(`uploaded version ${config.version}; set it as the trial or submit it for review on mp.weixin.qq.com`);
}

export async function preview(context: ReleaseContext): Promise<string> {
  const { config, project } = prepare(context);
  const qrcodeImage = path.join(context.root, 'artifacts', 'preview-qrcode.jpg');
  fs.mkdirSync(path.dirname(qrcodeImage), { recursive: true });
  context.log(`previewing ${config.appid} (${config.description})`);
  const { terminalQrcode } = await context.ci.preview(project, {
    version: config.version,
    description: config.description,
    qrcodeImage,
    onProgress: (message) => context.log(`  ${message}`),
  });
  context.log(terminalQrcode);
  context.log(`scan the code above with WeChat; also saved as ${path.relative(context.root, qrcodeImage)}`);
  return qrcodeImage;
}

/**
 * The functions cloudfunctions/functions.ts describes (the description `npm run setup:cloud` provisions), each from
 * its folder of cloudfunctions/, whose index.js must be built.
 */
export function listFunctions(root: string): { name: string; dir: string; triggers: readonly FunctionTrigger[] }[] {
  return CLOUD_FUNCTIONS.map(({ name, triggers }) => {
    const dir = path.join(root, 'cloudfunctions', name);
    if (!fs.existsSync(path.join(dir, 'index.js'))) {
      throw new Error(`cloudfunctions/${name}/index.js is missing: run \`npm run build\` first`);
    }
    return { name, dir, triggers };
  });
}

export async function deployFunctions(context: ReleaseContext): Promise<void> {
  const { config, project } = prepare(context, true);
  const functions = listFunctions(context.root);
  for (const [index, fn] of functions.entries()) {
    context.log(`[${index + 1}/${functions.length}] ${fn.name} → ${config.cloudEnv} (remote npm install)…`);
    const triggers = fn.triggers.filter((trigger) => trigger.type === 'timer');
    const { files, bytes } = await context.ci.uploadFunction(project, {
      cloudEnv: config.cloudEnv!,
      name: fn.name,
      dir: fn.dir,
      triggers,
    });
    const timers = triggers.length > 0 ? `, ${triggers.length} timer trigger(s)` : '';
    context.log(`  ${fn.name}: ${files} files, ${kb(bytes)}${timers}`);
  }
  context.log(`deployed ${functions.length} cloud function(s) to ${config.cloudEnv}`);
}
