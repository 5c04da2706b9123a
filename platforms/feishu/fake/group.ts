// The simulated Feishu group's side of a card click: the card.action.trigger callback (schema 2.0) as Feishu sends
// it to the app's callback URL, written from Feishu's documents (docs/platforms.md, "Feishu: card callbacks"):
// encrypted with the Encrypt Key (AES-256-CBC, key sha256(Encrypt Key), a random IV before the ciphertext,
// base64) and signed in the X-Lark-Signature header, sha256(timestamp + nonce + Encrypt Key + body).
import { createCipheriv, createHash, randomBytes } from 'node:crypto';

export interface CallbackKeys {
  appId: string;
  verificationToken: string;
  encryptKey: string;
}

export interface Click {
  openId: string;
  chatId: string;
  messageId: string;
  value: Record<string, unknown>;
}

export interface SignedCallback {
  headers: Record<string, string>;
  body: string;
}

export function encrypt(encryptKey: string, plain: string): string {
  const key = createHash('sha256').update(encryptKey).digest();
  const iv = randomBytes(16);
  const cipher = createCipheriv('aes-256-cbc', key, iv);
  return Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final()]).toString('base64');
}

export function sign(encryptKey: string, timestamp: string, nonce: string, body: string): string {
  return createHash('sha256')
    .update(timestamp + nonce + encryptKey + body)
    .digest('hex');
}

/** The callback of one click, encrypted and signed as Feishu sends it. */
export function cardCallback(keys: CallbackKeys, click: Click, now = Date.now()): SignedCallback {
  const event = {
    schema: '2.0',
    header: {
      event_id: randomBytes(16).toString('hex'),
      token: keys.verificationToken,
      create_time: String(now * 1000),
      event_type: 'card.action.trigger',
      tenant_key: 'fake-tenant',
      app_id: keys.appId,
    },
    event: {
      operator: { tenant_key: 'fake-tenant', open_id: click.openId },
      token: `c-${randomBytes(12).toString('hex')}`,
      action: { value: click.value, tag: 'button' },
      host: 'im_message',
      context: { open_message_id: click.messageId, open_chat_id: click.chatId },
    },
  };
  const body = JSON.stringify({ encrypt: encrypt(keys.encryptKey, JSON.stringify(event)) });
  const timestamp = String(Math.floor(now / 1000));
  const nonce = randomBytes(8).toString('hex');
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'x-lark-request-timestamp': timestamp,
      'x-lark-request-nonce': nonce,
      'x-lark-signature': sign(keys.encryptKey, timestamp, nonce, body),
    },
  };
}

/** Sends one click's callback to the bot's callback URL; Feishu's client shows the toast of the answer. */
export async function click(
  callbackUrl: string,
  keys: CallbackKeys,
  which: Click,
  now = Date.now(),
): Promise<{ status: number; body: unknown }> {
  const { headers, body } = cardCallback(keys, which, now);
  const response = await fetch(callbackUrl, { method: 'POST', headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: returned as text
  }
  return { status: response.status, body: parsed };
}
