// Turns what miniprogram-ci throws into a message that says what to do. Pure.

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
  const raw = error instanceof Error ? error.message : String(error);
  const known = code === null ? undefined : EXPLANATIONS[code];
  if (known) return `WeChat refused (${code}): ${known}\n  (${raw})`;
  if (/ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(raw)) {
    return `cannot reach WeChat's servers (${raw}). Check the network or proxy.`;
  }
  return code === null ? `release failed: ${raw}` : `WeChat refused (${code}): ${raw}`;
}
