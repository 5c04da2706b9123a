// The request fields every chat tool shares, and how characters are counted.
import { CHAT_PROOF_MAX, chatProof, countCharacters, envVersion, recordId } from 'chat-tool-kit';

const NOW = 0;
const codeOf = (result: { ok: true } | { ok: false; error: { code: string } }) =>
  result.ok ? 'ok' : result.error.code;

describe('kit fields', () => {
  it('takes a chatProof as the opaque string WeChat gave, refusing other values', () => {
    expect(chatProof('cid', NOW)).toEqual({ ok: true, data: 'cid' });
    expect(codeOf(chatProof({ chatProof: 'x', data: {} }, NOW))).toBe('INVALID_REQUEST');
    expect(codeOf(chatProof(42, NOW))).toBe('INVALID_REQUEST');
    expect(codeOf(chatProof('', NOW))).toBe('CHAT_PROOF_INVALID');
    expect(codeOf(chatProof('c'.repeat(CHAT_PROOF_MAX), NOW))).toBe('ok');
    expect(codeOf(chatProof('c'.repeat(CHAT_PROOF_MAX + 1), NOW))).toBe('CHAT_PROOF_INVALID');
  });

  it('takes the three envVersions and nothing else', () => {
    for (const version of ['develop', 'trial', 'release']) {
      expect(envVersion(version, NOW)).toEqual({ ok: true, data: version });
    }
    for (const other of ['beta', 'Release', '', null, undefined, 0]) {
      expect(codeOf(envVersion(other, NOW))).toBe('INVALID_REQUEST');
    }
  });

  it('takes a record id of 1 to 64 letters, digits, _ or -', () => {
    expect(recordId('a', NOW)).toEqual({ ok: true, data: 'a' });
    expect(codeOf(recordId('A-z_9'.padEnd(64, 'x'), NOW))).toBe('ok');
    for (const bad of ['', 'x'.repeat(65), 'a b', 'a/b', '任务', '$where', 7, null, { id: 'a' }]) {
      expect(codeOf(recordId(bad, NOW))).toBe('INVALID_REQUEST');
    }
  });

  it('counts characters as code points: an emoji or a rare character is one, a lone surrogate too', () => {
    expect(countCharacters('')).toBe(0);
    expect(countCharacters('abc')).toBe(3);
    expect(countCharacters('😀'.repeat(300))).toBe(300);
    expect(countCharacters('𠀀任务')).toBe(3);
    expect(countCharacters('a\uD800b')).toBe(3);
    expect(countCharacters('\uDC00\uD800')).toBe(2);
  });
});
