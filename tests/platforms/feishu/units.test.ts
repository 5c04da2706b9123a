// The Feishu service's pure parts: its settings, its proofs, the web app's version gates and the card's JSON.
import { readSettings } from '../../../platforms/feishu/config';
import { proofs, CHAT_PROOF_TTL_MS, SESSION_TTL_MS } from '../../../platforms/feishu/proofs';
import { atLeast, chatAppLink, clientVersion, gates } from '../../../platforms/feishu/web/gates';
import { escapeMarkdown, reminderCard } from '../../../platforms/feishu/card';

const ENV = {
  FEISHU_APP_ID: 'cli_a1b2c3',
  FEISHU_APP_SECRET: 'secret-value-123',
  FEISHU_VERIFICATION_TOKEN: 'token-value-456',
  FEISHU_ENCRYPT_KEY: 'key-value-789',
};

describe('settings', () => {
  test('each missing variable is named, and no value is ever repeated', () => {
    const read = readSettings({ FEISHU_APP_ID: 'cli_a1b2c3', FEISHU_ENCRYPT_KEY: '  ' });
    expect(read.ok).toBe(false);
    const problems = read.ok ? [] : read.problems;
    expect(problems.map((p) => p.split(' ')[0])).toEqual([
      'FEISHU_APP_SECRET',
      'FEISHU_VERIFICATION_TOKEN',
      'FEISHU_ENCRYPT_KEY',
    ]);
    expect(problems.join('\n')).not.toContain('cli_a1b2c3');
  });

  test('SQLite by default; CloudBase needs its keys, named when missing', () => {
    const sqlite = readSettings(ENV);
    expect(sqlite).toMatchObject({
      ok: true,
      settings: { store: { kind: 'sqlite' }, domain: 'https://open.feishu.cn' },
    });
    const cloudbase = readSettings({
      ...ENV,
      FEISHU_STORE: 'cloudbase',
      TCB_ENV: 'prod-1',
      TCB_SECRET_ID: 'AKIDsecret',
    });
    expect(cloudbase.ok ? [] : cloudbase.problems).toEqual([
      'TCB_SECRET_KEY is not set: FEISHU_STORE=cloudbase needs it',
    ]);
    const bad = readSettings({
      ...ENV,
      FEISHU_PORT: 'eighty',
      FEISHU_DOMAIN: 'open.feishu.cn/x',
      FEISHU_PUBLIC_URL: 'https://a.example/',
    });
    const named = bad.ok ? [] : bad.problems.map((p) => p.split(' ')[0]);
    expect(named).toEqual(['FEISHU_PORT', 'FEISHU_DOMAIN', 'FEISHU_PUBLIC_URL']);
    expect(readSettings({ ...ENV, FEISHU_PUBLIC_URL: 'https://a.example/tasks' })).toMatchObject({ ok: true });
  });
});

describe('proofs', () => {
  const p = proofs('app-secret');
  const at = 1_700_000_000_000;

  test('a chat proof resolves to the prefixed room and member, for its own member only', () => {
    const proof = p.chatProof('oc_abc123', 'ou_me0001', at);
    expect(p.resolveChatProof(proof, 'feishu-ou_me0001', at + 1000)).toEqual({
      ok: true,
      room: { id: 'feishu-oc_abc123', chatType: 3 },
      memberId: 'feishu-ou_me0001',
    });
    expect(p.resolveChatProof(proof, 'feishu-ou_other01', at)).toMatchObject({ ok: false, code: 'CHAT_PROOF_FOREIGN' });
    expect(p.resolveChatProof(proof, 'feishu-ou_me0001', at + CHAT_PROOF_TTL_MS + 1)).toMatchObject({
      code: 'CHAT_PROOF_EXPIRED',
    });
  });

  test('a proof signed with another key, altered or of another kind does not resolve', () => {
    const other = proofs('another-secret').chatProof('oc_abc123', 'ou_me0001', at);
    expect(p.resolveChatProof(other, 'feishu-ou_me0001', at)).toMatchObject({ code: 'CHAT_PROOF_INVALID' });
    const signature = p.chatProof('oc_abc123', 'ou_me0001', at).split('.')[1] ?? '';
    const altered = Buffer.from(JSON.stringify({ kind: 'chat', chatId: 'oc_zzz999', openId: 'ou_me0001', at }));
    expect(p.resolveChatProof(`${altered.toString('base64url')}.${signature}`, 'feishu-ou_me0001', at)).toMatchObject({
      code: 'CHAT_PROOF_INVALID',
    });
    const session = p.session('ou_me0001', at);
    expect(p.resolveChatProof(session, 'feishu-ou_me0001', at)).toMatchObject({ code: 'CHAT_PROOF_INVALID' });
    expect(p.sessionOpenId(session, at + SESSION_TTL_MS)).toBe('ou_me0001');
    expect(p.sessionOpenId(session, at + SESSION_TTL_MS + 1)).toBeNull();
    expect(p.sessionOpenId(p.chatProof('oc_abc123', 'ou_me0001', at), at)).toBeNull();
  });
});

describe('web app gates', () => {
  test('the client version from the user agent, compared part by part', () => {
    expect(clientVersion('Mozilla/5.0 (iPhone) Lark/7.12.6 LarkLocale/zh_CN')).toBe('7.12.6');
    expect(clientVersion('Mozilla/5.0 Feishu/3.9.1')).toBe('3.9.1');
    expect(clientVersion('Mozilla/5.0 Chrome/120')).toBeNull();
    expect(atLeast('6.10.0', '6.9.0')).toBe(true);
    expect(atLeast('6.9', '6.9.0')).toBe(true);
    expect(atLeast('3.9.9', '3.10.0')).toBe(false);
  });

  test('each call behind its minimum version, each with its fallback', () => {
    expect(gates('7.0.0')).toEqual({ login: 'requestAccess', chat: 'enterChat', profile: 'enterProfile' });
    expect(gates('6.8.9')).toEqual({ login: 'requestAuthCode', chat: 'enterChat', profile: 'enterProfile' });
    expect(gates('3.9.0')).toEqual({ login: 'requestAuthCode', chat: 'applink', profile: 'none' });
    expect(gates(null)).toEqual({ login: 'none', chat: 'applink', profile: 'none' });
    expect(chatAppLink('oc_a b')).toBe('https://applink.feishu.cn/client/chat/open?openChatId=oc_a%20b');
  });
});

describe('card JSON', () => {
  test('what the creator typed cannot become markup or a mention', () => {
    expect(escapeMarkdown('<at id=ou_x></at> **bold** [a](b)')).toBe(
      '\\<at id=ou\\_x\\>\\</at\\> \\*\\*bold\\*\\* \\[a\\]\\(b\\)',
    );
  });

  test('a reminder mentions each pending member, shared, in both languages', () => {
    const card = reminderCard('Lunch', ['ou_a00001', 'ou_b00002'], 'https://x');
    expect(card.config.update_multi).toBe(true);
    const zh = (card.i18n_elements.zh_cn as { content: string }[])[0]?.content;
    expect(zh).toBe('<at id=ou_a00001></at> <at id=ou_b00002></at> 请处理「Lunch」');
    expect((card.i18n_elements.en_us as { content: string }[])[0]?.content).toContain('please see "Lunch"');
  });
});
