// The bot service's settings, from the environment only (docs/platforms.md, "Feishu: environment"). A missing
// required one is named, never its value: the service refuses to start rather than run half-configured.

/** The variables the service needs, and what each is for (the refusal names them). */
export const REQUIRED_VARIABLES = {
  FEISHU_APP_ID: 'the app id (开发者后台 → 凭证与基础信息)',
  FEISHU_APP_SECRET: 'the app secret (same page)',
  FEISHU_VERIFICATION_TOKEN: 'the Verification Token (事件与回调 → 加密策略)',
  FEISHU_ENCRYPT_KEY: 'the Encrypt Key (same page): without it Feishu does not sign card callbacks',
} as const;

export type RequiredVariable = keyof typeof REQUIRED_VARIABLES;

/** Where the records live: SQLite locally, the CloudBase database in production. */
export type StoreSetting =
  { kind: 'sqlite'; file: string } | { kind: 'cloudbase'; env: string; secretId: string; secretKey: string };

export interface FeishuSettings {
  appId: string;
  appSecret: string;
  verificationToken: string;
  encryptKey: string;
  /** The OpenAPI's origin: https://open.feishu.cn, https://open.larksuite.com, or a fake on 127.0.0.1. */
  domain: string;
  /** Where Feishu reaches the web app (FEISHU_PUBLIC_URL): card links and JSAPI signatures are made under it. */
  publicUrl: string;
  host: string;
  port: number;
  store: StoreSetting;
}

export type SettingsResult = { ok: true; settings: FeishuSettings } | { ok: false; problems: string[] };

const DEFAULT_DOMAIN = 'https://open.feishu.cn';
const DEFAULT_PORT = 5240;

/** The settings in `env`, or every problem with them, each naming its variable and never repeating a value. */
export function readSettings(env: Record<string, string | undefined>): SettingsResult {
  const problems: string[] = [];
  const value = (name: string): string => env[name]?.trim() ?? '';
  for (const [name, purpose] of Object.entries(REQUIRED_VARIABLES)) {
    if (value(name) === '') problems.push(`${name} is not set: ${purpose}`);
  }
  const portText = value('FEISHU_PORT');
  const port = portText === '' ? DEFAULT_PORT : Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push('FEISHU_PORT is not a port number (0-65535)');
  const domain = value('FEISHU_DOMAIN') || DEFAULT_DOMAIN;
  if (!/^https?:\/\/[^/]+$/.test(domain))
    problems.push('FEISHU_DOMAIN must be an origin such as https://open.feishu.cn');
  const host = value('FEISHU_HOST') || '127.0.0.1';
  const publicUrl = value('FEISHU_PUBLIC_URL') || `http://${host}:${port}`;
  // An origin, or one with a path when the service sits behind a prefix (the simulator mounts it under /feishu/app).
  if (!/^https?:\/\/[^/?#]+(\/[^?#]*[^/?#])?$/.test(publicUrl)) {
    problems.push('FEISHU_PUBLIC_URL must be a URL such as https://tasks.example.com (no trailing slash)');
  }
  const store = storeSetting(value, problems);
  if (problems.length > 0 || store === null) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      appId: value('FEISHU_APP_ID'),
      appSecret: value('FEISHU_APP_SECRET'),
      verificationToken: value('FEISHU_VERIFICATION_TOKEN'),
      encryptKey: value('FEISHU_ENCRYPT_KEY'),
      domain,
      publicUrl,
      host,
      port,
      store,
    },
  };
}

/** FEISHU_STORE=cloudbase needs TCB_ENV, TCB_SECRET_ID and TCB_SECRET_KEY; otherwise SQLite at FEISHU_DB. */
function storeSetting(value: (name: string) => string, problems: string[]): StoreSetting | null {
  const kind = value('FEISHU_STORE') || 'sqlite';
  if (kind === 'sqlite') return { kind, file: value('FEISHU_DB') || 'feishu-tasks.sqlite' };
  if (kind !== 'cloudbase') {
    problems.push("FEISHU_STORE must be 'sqlite' or 'cloudbase'");
    return null;
  }
  const missing = ['TCB_ENV', 'TCB_SECRET_ID', 'TCB_SECRET_KEY'].filter((name) => value(name) === '');
  for (const name of missing) problems.push(`${name} is not set: FEISHU_STORE=cloudbase needs it`);
  if (missing.length > 0) return null;
  return { kind, env: value('TCB_ENV'), secretId: value('TCB_SECRET_ID'), secretKey: value('TCB_SECRET_KEY') };
}
