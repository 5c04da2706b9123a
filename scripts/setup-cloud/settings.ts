// setup:cloud's settings come only from the environment, under the names verify:cloud reads (TCB_ENV,
// TCB_SECRET_ID, TCB_SECRET_KEY, TCB_SESSION_TOKEN for temporary keys), and TCB_REGION for an environment outside
// the SDK's default region (ap-shanghai). Pure: the caller passes the environment.
// A message names the variable and what is wrong with it, never its value: a key pasted into the wrong variable
// must not end up in a terminal or a CI log.

export interface CloudSettings {
  envId: string;
  secretId: string;
  secretKey: string;
  /** Temporary keys (STS) come with a session token. */
  sessionToken?: string;
  /** The environment's region, e.g. ap-guangzhou (the console shows it); the SDK's default is ap-shanghai. */
  region?: string;
}

export class CloudSettingsError extends Error {}

/** A CloudBase environment id: letters, digits and hyphens (the console shows it, e.g. `prod-1a2b3c`). */
const ENV_ID = /^[A-Za-z0-9][A-Za-z0-9-]{3,62}$/;
/** A Tencent Cloud SecretId: `AKID` and letters and digits (36 characters for a permanent key). */
const SECRET_ID = /^AKID[A-Za-z0-9]{16,}$/;
/** A SecretKey: letters and digits, 32 for a permanent key. */
const SECRET_KEY = /^[A-Za-z0-9+/=]{20,}$/;
/** A Tencent Cloud region: ap-shanghai, ap-guangzhou, na-siliconvalley… */
const REGION = /^[a-z]{2,4}-[a-z]+(-\d+)?$/;

const WHERE_KEYS = 'Tencent Cloud console → 访问管理 → API 密钥';

export function readCloudSettings(env: Record<string, string | undefined>): CloudSettings {
  const problems: string[] = [];
  const envId = env.TCB_ENV?.trim() ?? '';
  const secretId = env.TCB_SECRET_ID?.trim() ?? '';
  const secretKey = env.TCB_SECRET_KEY?.trim() ?? '';
  const sessionToken = env.TCB_SESSION_TOKEN?.trim() || undefined;
  const region = env.TCB_REGION?.trim() || undefined;

  if (!envId) problems.push('TCB_ENV is not set (the environment id, from the 云开发 console)');
  else if (SECRET_ID.test(envId)) problems.push('TCB_ENV holds a SecretId: put it in TCB_SECRET_ID');
  else if (!ENV_ID.test(envId))
    problems.push(
      'TCB_ENV does not look like an environment id (letters, digits and hyphens, as the console shows it)',
    );

  if (!secretId) problems.push(`TCB_SECRET_ID is not set (${WHERE_KEYS})`);
  else if (!SECRET_ID.test(secretId))
    problems.push('TCB_SECRET_ID does not look like a SecretId (it starts with AKID, letters and digits only)');

  if (!secretKey) problems.push(`TCB_SECRET_KEY is not set (${WHERE_KEYS})`);
  else if (SECRET_ID.test(secretKey))
    problems.push('TCB_SECRET_KEY holds a SecretId: the SecretKey is the other half of the key pair');
  else if (!SECRET_KEY.test(secretKey)) problems.push('TCB_SECRET_KEY does not look like a SecretKey');

  if (region !== undefined && !REGION.test(region))
    problems.push('TCB_REGION does not look like a region (e.g. ap-shanghai, ap-guangzhou)');

  if (problems.length > 0) throw new CloudSettingsError(problems.map((problem) => `- ${problem}`).join('\n'));
  return { envId, secretId, secretKey, ...(sessionToken ? { sessionToken } : {}), ...(region ? { region } : {}) };
}
