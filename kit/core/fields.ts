// Request fields every chat tool's action table uses (core/action-table.ts Field): each untrusted value → a typed
// value or its problem as a typed error. A tool's own fields sit beside its table.
import type { Field } from './action-table';
import type { EnvVersion } from './chat';
import { ENV_VERSIONS } from './chat';
import { fail, ok } from './result';

export const CHAT_PROOF_MAX = 1024;

const RECORD_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * The chat proof the server verifies: on WeChat the cloudID of wx.getChatToolInfo (or wx.getGroupEnterInfo), on
 * WeCom and Feishu the proof their server signed (docs/platforms.md, "One domain, three platforms").
 */
export const chatProof: Field<string> = (value) => {
  if (typeof value !== 'string')
    return fail('INVALID_REQUEST', 'chatProof must be a string (on WeChat, the cloudID from wx.getChatToolInfo)');
  if (value.length === 0 || value.length > CHAT_PROOF_MAX)
    return fail('CHAT_PROOF_INVALID', 'chatProof is empty or too long');
  return ok(value);
};

/** wx.getAccountInfoSync().miniProgram.envVersion; the server derives the card's version_type from it. */
export const envVersion: Field<EnvVersion> = (value) => {
  const found = ENV_VERSIONS.find((version) => version === value);
  return found === undefined
    ? fail('INVALID_REQUEST', "envVersion must be 'develop', 'trial' or 'release'")
    : ok(found);
};

/** The id of a stored record (a task, a poll): [A-Za-z0-9_-], 1 to 64 characters, as the server made it. */
export const recordId: Field<string> = (value) =>
  typeof value === 'string' && RECORD_ID.test(value)
    ? ok(value)
    : fail('INVALID_REQUEST', "the id must be 1 to 64 letters, digits, '_' or '-'");

/**
 * Characters as a person counts them: code points, so an emoji or a rare Chinese character is one, not the
 * two UTF-16 units `String.length` counts. Every length limit on user text uses it.
 */
export function countCharacters(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i += 1;
    }
    count += 1;
  }
  return count;
}
