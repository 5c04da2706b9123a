// The WeCom server's settings, all from the environment (never from the repository): the company, the secret of
// the mini program linked to it as an app (docs/platforms.md#wecom-identity), the key its proofs are signed with,
// and where qyapi is (a fake on 127.0.0.1 in tests and in `npm start`). A missing or unusable one is named, never
// its value, and the server refuses to start.

export const WECOM_VARIABLES = {
  corpId: 'WECOM_CORP_ID',
  corpSecret: 'WECOM_CORP_SECRET',
  proofKey: 'WECOM_PROOF_KEY',
  apiBase: 'WECOM_API_BASE',
} as const;

/** qyapi's documented host; WECOM_API_BASE replaces it (a fake on 127.0.0.1). */
export const QYAPI_BASE = 'https://qyapi.weixin.qq.com/cgi-bin';

/** As the kit's member tickets: 32 characters of a random string carry well over the 128 bits an HMAC key needs. */
export const PROOF_KEY_MIN_LENGTH = 32;

export interface WecomSettings {
  corpId: string;
  corpSecret: string;
  proofKey: string;
  apiBase: string;
}

export type SettingsResult = { ok: true; settings: WecomSettings } | { ok: false; problems: string[] };

export function readWecomSettings(env: Record<string, string | undefined>): SettingsResult {
  const value = (name: string) => env[name]?.trim() ?? '';
  const problems: string[] = [];
  for (const name of [WECOM_VARIABLES.corpId, WECOM_VARIABLES.corpSecret, WECOM_VARIABLES.proofKey]) {
    if (value(name) === '') problems.push(`${name} is not set`);
  }
  const proofKey = value(WECOM_VARIABLES.proofKey);
  if (proofKey !== '' && proofKey.length < PROOF_KEY_MIN_LENGTH) {
    problems.push(`${WECOM_VARIABLES.proofKey} is shorter than ${PROOF_KEY_MIN_LENGTH} characters`);
  }
  const apiBase = (value(WECOM_VARIABLES.apiBase) || QYAPI_BASE).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(apiBase)) problems.push(`${WECOM_VARIABLES.apiBase} is not an http(s) URL`);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    settings: {
      corpId: value(WECOM_VARIABLES.corpId),
      corpSecret: value(WECOM_VARIABLES.corpSecret),
      proofKey,
      apiBase,
    },
  };
}

/** The one message a refusal to start prints: every problem, and what to set. */
export const settingsMessage = (problems: string[]): string =>
  `The WeCom server cannot start: ${problems.join('; ')}. Set them in the environment (docs/platforms.md#wecom-setup).`;
