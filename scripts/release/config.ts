// Release configuration comes only from the environment (MP_APPID, MP_PRIVATE_KEY or
// MP_PRIVATE_KEY_PATH, MP_CLOUD_ENV), plus the version from package.json and a description from git.
// Pure: the caller passes the environment, the file reader and the git facts. No message repeats a value that looks
// like a key or a secret (a key pasted into the wrong variable): it names the variable and what is wrong.
import { describeValue, looksSecret } from './errors';

export interface GitFacts {
  /** Short commit hash, or '' outside a git checkout. */
  commit: string;
  /** First line of the commit message. */
  subject: string;
}

export type PrivateKey = { privateKey: string } | { privateKeyPath: string };

export interface ReleaseConfig {
  appid: string;
  key: PrivateKey;
  /** Only needed to deploy cloud functions. */
  cloudEnv?: string;
  version: string;
  description: string;
}

export class ReleaseConfigError extends Error {}

const PLACEHOLDER_APPIDS = new Set(['touristappid', 'wx0000000000000000']);
const DESCRIPTION_LIMIT = 100;
/** A CloudBase environment id: lower-case letters, digits and hyphens (e.g. prod-1a2b3c). */
const CLOUD_ENV_ID = /^[a-z0-9][a-z0-9-]{1,63}$/;

export function releaseDescription(version: string, git: GitFacts): string {
  const text = git.commit ? `v${version} ${git.commit} ${git.subject}`.trim() : `v${version}`;
  return text.length > DESCRIPTION_LIMIT ? `${text.slice(0, DESCRIPTION_LIMIT - 1)}…` : text;
}

/** A key pasted into a CI secret often has its newlines escaped as "\n". */
export function normaliseKey(key: string): string {
  return key.includes('\\n') && !key.includes('\n') ? key.replace(/\\n/g, '\n') : key;
}

export interface ConfigInputs {
  env: Record<string, string | undefined>;
  packageVersion: string;
  git: GitFacts;
  fileExists: (file: string) => boolean;
  /** Deploying cloud functions also needs MP_CLOUD_ENV. */
  needCloudEnv?: boolean;
}

export function readReleaseConfig({ env, packageVersion, git, fileExists, needCloudEnv }: ConfigInputs): ReleaseConfig {
  const problems: string[] = [];
  const appid = env.MP_APPID?.trim() ?? '';
  if (!appid)
    problems.push('MP_APPID is not set (your mini program appid, from mp.weixin.qq.com → 开发管理 → 开发设置)');
  else if (PLACEHOLDER_APPIDS.has(appid)) problems.push(`MP_APPID is the placeholder "${appid}": use your own appid`);
  else if (!/^wx[0-9a-f]{16}$/i.test(appid))
    problems.push(`MP_APPID holds ${describeValue(appid)}, which is not an appid (wx + 16 hex digits)`);

  const inline = env.MP_PRIVATE_KEY?.trim();
  const keyPath = env.MP_PRIVATE_KEY_PATH?.trim();
  let key: PrivateKey | null = null;
  if (inline) {
    const privateKey = normaliseKey(inline);
    if (!privateKey.includes('-----BEGIN') || !privateKey.includes('PRIVATE KEY-----')) {
      problems.push(
        'MP_PRIVATE_KEY is not a PEM private key (paste the whole code-upload key file, BEGIN and END lines included)',
      );
    } else key = { privateKey };
  } else if (keyPath) {
    if (looksSecret(keyPath))
      problems.push(`MP_PRIVATE_KEY_PATH holds ${describeValue(keyPath)}, not a path (put a key in MP_PRIVATE_KEY)`);
    else if (!fileExists(keyPath)) problems.push(`MP_PRIVATE_KEY_PATH points to ${keyPath}, which does not exist`);
    else key = { privateKeyPath: keyPath };
  } else {
    problems.push(
      'no upload key: set MP_PRIVATE_KEY (the key itself) or MP_PRIVATE_KEY_PATH (its file), downloaded from ' +
        'mp.weixin.qq.com → 开发管理 → 开发设置 → 小程序代码上传',
    );
  }

  const cloudEnv = env.MP_CLOUD_ENV?.trim() || undefined;
  if (needCloudEnv && !cloudEnv)
    problems.push('MP_CLOUD_ENV is not set (the cloud environment id, from the 云开发 console)');
  else if (cloudEnv !== undefined && (looksSecret(cloudEnv) || !CLOUD_ENV_ID.test(cloudEnv)))
    problems.push(
      `MP_CLOUD_ENV holds ${describeValue(cloudEnv)}, which is not a cloud environment id (e.g. prod-1a2b3c)`,
    );
  if (!/^\d+\.\d+\.\d+/.test(packageVersion)) problems.push(`package.json version "${packageVersion}" is not x.y.z`);

  if (problems.length > 0 || !key) throw new ReleaseConfigError(problems.map((problem) => `- ${problem}`).join('\n'));
  return { appid, key, cloudEnv, version: packageVersion, description: releaseDescription(packageVersion, git) };
}
