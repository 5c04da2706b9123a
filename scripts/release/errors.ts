// Turns what miniprogram-ci throws into a message that says what to do, and keeps secrets out of every message the
// release scripts print. Pure.

/** What a secret looks like: a PEM block, a long run of hex (an API secret), or a long base64 run mixing digits and
 * both cases (a key's body, a token); a path or a word does not mix them. */
const PEM = /-----BEGIN[^-]*-----[\s\S]*?(?:-----END[^-]*-----|$)/g;
const HEX = /\b[0-9a-fA-F]{32,}\b/g;
const BASE64 = /[A-Za-z0-9+/_-]{40,}={0,2}/g;
const mixed = (run: string): boolean => /\d/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run);

/** The text with every secret-like part replaced: for messages that carry text from elsewhere. */
export function redactSecrets(text: string): string {
  return text
    .replace(PEM, '[redacted]')
    .replace(HEX, '[redacted]')
    .replace(BASE64, (run) => (mixed(run) ? '[redacted]' : run));
}

/** True when a value holds something that looks like a key or a secret, which no message may repeat. */
export function looksSecret(value: string): boolean {
  return redactSecrets(value) !== value;
}

/** What a value is, said without repeating it: for messages about a setting that holds the wrong thing. */
export function describeValue(value: string): string {
  if (value.includes('-----BEGIN')) return 'a PEM key';
  if (looksSecret(value)) return `a secret-like value (${value.length} characters, not shown)`;
  return `"${value}"`;
}

const EXPLANATIONS: Record<number, string> = {
  [-10008]:
    "this machine's IP is not on the upload whitelist. Add it in mp.weixin.qq.com → 开发管理 → 开发设置 → " +
    '小程序代码上传 → IP白名单 (or turn the whitelist off), then retry.',
  [-80011]:
    'the private key was rejected. Download the code-upload key again (开发管理 → 开发设置 → 小程序代码上传), ' +
    'check that it belongs to MP_APPID, and pass it unedited.',
  [-10010]: 'the appid and the private key do not match. Check MP_APPID and the key file.',
};

/** The WeChat error code inside a miniprogram-ci error (a field, or JSON/text in the message). */
export function releaseErrorCode(error: unknown): number | null {
  if (typeof error === 'object' && error !== null) {
    for (const field of ['errCode', 'code', 'errcode']) {
      const value = (error as Record<string, unknown>)[field];
      if (typeof value === 'number' && value !== 0) return value;
    }
  }
  const text = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  const match = /"?err_?code"?\s*[:=]\s*(-?\d+)/i.exec(text ?? '') ?? /(-(?:10008|80011|10010))\b/.exec(text ?? '');
  return match ? Number(match[1]) : null;
}

export function explainReleaseError(error: unknown): string {
  const code = releaseErrorCode(error);
  const raw = redactSecrets(error instanceof Error ? error.message : String(error));
  const known = code === null ? undefined : EXPLANATIONS[code];
  if (known) return `WeChat refused (${code}): ${known}\n  (${raw})`;
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(raw)) {
    return `cannot reach WeChat's servers (${raw}). Check the network or proxy.`;
  }
  return code === null ? `release failed: ${raw}` : `WeChat refused (${code}): ${raw}`;
}
