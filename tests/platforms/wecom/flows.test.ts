// The group task in a WeCom chat, end to end: the page's services over a fake wx.qy, the real WeCom server over
// HTTP (the same createGroupTask and store as WeChat's), the fake qyapi checking every request it gets.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TaskView } from '../../../packageChatTool/core/api';
import type { WecomAnswer } from '../../../miniprogram/services/wecom';
import { WECOM_MESSAGE_PAGE, wecomServices } from '../../../miniprogram/services/wecom';
import type { Company, Phone } from './world';
import { APPID, CARD_IMAGE, CORP, GROUP, SECRET, startCompany } from './world';

let company: Company;
beforeEach(async () => {
  company = await startCompany();
});
afterEach(() => company.close());

function must<T>(answer: WecomAnswer<T>): T {
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

const codeOf = (answer: WecomAnswer<unknown>) => (answer.ok ? 'ok' : answer.error.code);

async function inGroup(userid: string): Promise<Phone> {
  const phone = company.phone(userid, 'group_chat_tools', { chatId: GROUP });
  expect(await phone.services.start()).toEqual({ kind: 'inChat', chatType: 4, entry: 'group_chat_tools' });
  return phone;
}

const lunch = { title: 'Lunch', kind: 'participate' as const, audience: { kind: 'everyone' as const }, capacity: 2 };

describe('a customer group, end to end', () => {
  test('create, publish, sign up, leave, end; every qyapi request as documented', async () => {
    const alice = await inGroup('alice');
    const bob = await inGroup('bob');
    const carol = await inGroup('carol');

    const created = must(await alice.services.call('createTask', { envVersion: 'release', task: lunch }));
    const taskId = created.task.id;
    expect(created.task).toMatchObject({ title: 'Lunch', chatType: 4, state: 'open' });
    expect(created.task.viewer.isCreator).toBe(true);

    // Publishing: a mini program message as WeCom documents it, opening the page without a query.
    expect(must(await alice.services.publish(created.task.title))).toBeNull();
    expect(alice.sent).toEqual([
      {
        msgtype: 'miniprogram',
        miniprogram: { appid: APPID, title: 'Lunch', imgUrl: CARD_IMAGE, page: WECOM_MESSAGE_PAGE },
      },
    ]);

    const listed = must(await bob.services.call('listRoomTasks', {}));
    expect(listed.items.map((item) => item.id)).toEqual([taskId]);

    const joined: TaskView = must(await bob.services.call('join', { taskId }));
    expect(joined.viewer.status).toBe('done');
    expect(joined.counts.joined).toBe(1);
    must(await carol.services.call('join', { taskId }));
    // Capacity 2: Alice is the creator, Bob and Carol fill it; a third would wait. Bob leaves.
    const left = must(await bob.services.call('leave', { taskId }));
    expect(left.viewer.status).toBe('pending');
    expect(left.counts.joined).toBe(1);

    // Only the creator ends it.
    expect(codeOf(await bob.services.call('endTask', { taskId }))).toBe('NOT_CREATOR');
    const ended = must(await alice.services.call('endTask', { taskId }));
    expect(ended.state).toBe('ended');
    expect(codeOf(await bob.services.call('join', { taskId }))).toBe('TASK_ENDED');

    const { requests } = company.qyapi;
    // One token for the whole run (cached), one exchange per login, one membership check per entry.
    expect(requests.filter((r) => r.path === '/cgi-bin/gettoken')).toEqual([
      expect.objectContaining({ method: 'GET', query: { corpid: CORP, corpsecret: SECRET } }),
    ]);
    const sessions = requests.filter((r) => r.path === '/cgi-bin/miniprogram/jscode2session');
    expect(sessions).toHaveLength(3);
    for (const request of sessions) {
      expect(request.method).toBe('GET');
      expect(Object.keys(request.query).sort()).toEqual(['access_token', 'grant_type', 'js_code']);
      expect(request.query.grant_type).toBe('authorization_code');
      expect(request.answer.errcode).toBe(0);
    }
    const groups = requests.filter((r) => r.path === '/cgi-bin/externalcontact/groupchat/get');
    expect(groups).toHaveLength(3);
    for (const request of groups) {
      expect(request.method).toBe('POST');
      expect(request.body).toEqual({ chat_id: GROUP, need_name: 0 });
    }
    expect(requests.every((r) => r.answer.errcode === 0)).toBe(true);
  });

  test('a task to complete: members mark it done', async () => {
    const alice = await inGroup('alice');
    const bob = await inGroup('bob');
    const task = { title: 'Report', kind: 'complete' as const, audience: { kind: 'everyone' as const } };
    const { id: taskId } = must(await alice.services.call('createTask', { envVersion: 'release', task })).task;
    const done = must(await bob.services.call('join', { taskId }));
    expect(done.viewer.status).toBe('done');
    expect(done.counts.joined).toBe(1);
    expect(must(await alice.services.call('getTask', { taskId })).counts.joined).toBe(1);
  });

  test('the same user in another chat sees none of this chat’s tasks', async () => {
    const alice = await inGroup('alice');
    must(await alice.services.call('createTask', { envVersion: 'release', task: lunch }));
    const aliceChain = company.phone('alice', 'chain_group_chat_tools', { chatId: GROUP });
    expect(await aliceChain.services.start()).toMatchObject({ kind: 'inChat', chatType: 4 });
    expect(must(await aliceChain.services.call('listRoomTasks', {})).items).toEqual([]);
    const aliceSingle = company.phone('alice', 'single_chat_tools', { externalUserId: 'wmCustomer01' });
    expect(await aliceSingle.services.start()).toMatchObject({ kind: 'inChat', chatType: 2 });
    expect(must(await aliceSingle.services.call('listRoomTasks', {})).items).toEqual([]);
    // Her own tasks, in any chat.
    expect(must(await aliceSingle.services.call('listMyTasks', {})).items).toHaveLength(1);
  });
});

test('the card opens the page app.json registers, as WeCom takes a path: .html, no query', () => {
  const app = JSON.parse(readFileSync(join(__dirname, '../../../app.json'), 'utf8')) as { pages: string[] };
  expect(WECOM_MESSAGE_PAGE).toMatch(/^[^?]+\.html$/);
  expect(app.pages).toContain(WECOM_MESSAGE_PAGE.replace(/\.html$/, ''));
});

describe('entries', () => {
  test('outside a chat toolbar the page is told so; outside WeCom too', async () => {
    const normal = company.phone('alice', 'normal');
    expect(await normal.services.start()).toEqual({ kind: 'outsideChat', entry: 'normal' });
    expect(normal.calls).toEqual(['login', 'getContext']);
    const profile = company.phone('alice', 'contact_profile');
    expect(await profile.services.start()).toEqual({ kind: 'outsideChat', entry: 'contact_profile' });
    const wechat = wecomServices({} as WechatMiniprogram.Wx, { serviceUrl: company.url, cardImageUrl: CARD_IMAGE });
    expect(await wechat.start()).toEqual({ kind: 'notWecom' });
    const unset = wecomServices({ qy: normal.qy } as unknown as WechatMiniprogram.Wx, {
      serviceUrl: '',
      cardImageUrl: CARD_IMAGE,
    });
    await expect(unset.start()).rejects.toMatchObject({ code: 'NOT_CONFIGURED' });
  });

  test('a client too old for 上下游 groups cannot name one', async () => {
    const old = company.phone('alice', 'chain_group_chat_tools', { chatId: GROUP }, '4.0.8');
    await expect(old.services.start()).rejects.toEqual({
      code: 'QY_FAILED',
      message: expect.stringContaining('not supported'),
    });
  });
});

describe('bad input and platform faults', () => {
  test('a code used twice, or of another company, is refused', async () => {
    const code = company.qyapi.issueCode('alice');
    const send = (body: unknown) => company.service.handle(body);
    expect(await send({ op: 'login', code })).toMatchObject({ ok: true });
    expect(await send({ op: 'login', code })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    expect(await send({ op: 'login', code: 'never-issued' })).toMatchObject({
      ok: false,
      error: { code: 'CODE_INVALID' },
    });
    const foreign = company.qyapi.issueCode('mallory', 'wwanothercorp');
    expect(await send({ op: 'login', code: foreign })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
    // A code older than five minutes.
    const late = company.qyapi.issueCode('alice');
    company.clock.now += 5 * 60_000;
    expect(await send({ op: 'login', code: late })).toMatchObject({ ok: false, error: { code: 'CODE_INVALID' } });
  });

  test('an expired token is replaced; a revoked one is replaced and the call retried once', async () => {
    await inGroup('alice');
    company.clock.now += 7200 * 1000;
    await inGroup('bob');
    company.qyapi.revokeTokens();
    await inGroup('carol');
    const tokens = company.qyapi.requests.filter((r) => r.path === '/cgi-bin/gettoken');
    expect(tokens).toHaveLength(3);
    // The revoked token's one refusal, answered with a new token and the same call again.
    expect(company.qyapi.requests.filter((r) => r.answer.errcode === 40014)).toHaveLength(1);
  });

  test('qyapi busy: the page is told to try again, nothing is trusted', async () => {
    company.qyapi.failNext('miniprogram/jscode2session', -1);
    const alice = company.phone('alice', 'group_chat_tools', { chatId: GROUP });
    await expect(alice.services.start()).rejects.toMatchObject({ code: 'PLATFORM_FAILED' });
    expect(await alice.services.start()).toMatchObject({ kind: 'inChat' });
  });

  test('a chat the company does not hold, or one the user is not in, is foreign', async () => {
    const stranger = company.phone('alice', 'group_chat_tools', { chatId: 'wrNotOurs' });
    await expect(stranger.services.start()).rejects.toMatchObject({ code: 'CHAT_FOREIGN' });
    company.qyapi.addGroupChat('wrWithoutAlice', [{ userid: 'bob', type: 1 }]);
    const outsider = company.phone('alice', 'group_chat_tools', { chatId: 'wrWithoutAlice' });
    await expect(outsider.services.start()).rejects.toMatchObject({ code: 'CHAT_FOREIGN' });
    // A customer (type 2) with the same id as a member is not that member.
    company.qyapi.addGroupChat('wrCustomerAlice', [{ userid: 'alice', type: 2 }]);
    const posing = company.phone('alice', 'group_chat_tools', { chatId: 'wrCustomerAlice' });
    await expect(posing.services.start()).rejects.toMatchObject({ code: 'CHAT_FOREIGN' });
  });

  test('a client lying about its chat or identity gets nothing and changes nothing', async () => {
    const alice = await inGroup('alice');
    const { id: taskId } = must(await alice.services.call('createTask', { envVersion: 'release', task: lunch })).task;
    const send = (body: unknown) => company.service.handle(body);
    const login = async (userid: string) => {
      const answer = await send({ op: 'login', code: company.qyapi.issueCode(userid) });
      if (!answer.ok) throw new Error('login failed');
      return (answer.data as { session: string }).session;
    };
    const aliceSession = await login('alice');
    const bobSession = await login('bob');
    const enter = (session: string, chat: unknown) => send({ op: 'enter', session, chat });
    const aliceProof = await enter(aliceSession, { kind: 'customerGroup', chatId: GROUP });
    if (!aliceProof.ok) throw new Error('enter failed');
    const { chatProof } = aliceProof.data as { chatProof: string };

    // Bob presents Alice's chat proof: it was issued to her.
    const replayed = await send({ op: 'call', session: bobSession, request: { action: 'join', chatProof, taskId } });
    expect(replayed).toMatchObject({ ok: false, error: { code: 'CHAT_PROOF_FOREIGN' } });
    // A proof with its payload changed no longer verifies.
    const [body, signature] = chatProof.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString()) as Record<string, unknown>;
    const forged = `${Buffer.from(JSON.stringify({ ...payload, userId: 'x' })).toString('base64url')}.${signature}`;
    expect(
      await send({ op: 'call', session: bobSession, request: { action: 'join', chatProof: forged, taskId } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'CHAT_PROOF_INVALID' },
    });
    // A session as plain data, an identity sent as a field, an unknown shape of chat: all refused.
    expect(
      await send({
        op: 'call',
        session: '{"corpid":"wwcorp0001","userid":"alice"}',
        request: { action: 'listMyTasks' },
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'SESSION_INVALID' },
    });
    expect(
      await send({ op: 'call', session: bobSession, request: { action: 'join', chatProof, taskId, userId: 'alice' } }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await enter(bobSession, { kind: 'customerGroup', chatId: GROUP, userid: 'alice' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    expect(await send({ op: 'enter', session: bobSession, chat: { kind: 'wechat', opengid: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_REQUEST' },
    });
    // One kind of proof never passes for the other.
    expect(await send({ op: 'call', session: chatProof, request: { action: 'listMyTasks' } })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_INVALID' },
    });
    expect(
      await send({
        op: 'call',
        session: aliceSession,
        request: { action: 'getTask', chatProof: aliceSession, taskId },
      }),
    ).toMatchObject({ ok: false, error: { code: 'CHAT_PROOF_INVALID' } });
    // An expired session and an expired proof.
    company.clock.now += 2 * 60 * 60_000;
    expect(await send({ op: 'call', session: aliceSession, request: { action: 'listMyTasks' } })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_EXPIRED' },
    });
    const fresh = await login('alice');
    expect(await send({ op: 'call', session: fresh, request: { action: 'getTask', chatProof, taskId } })).toMatchObject(
      {
        ok: false,
        error: { code: 'CHAT_PROOF_EXPIRED' },
      },
    );
    // Nothing changed: Alice's task still has nobody signed up.
    expect(must(await alice.services.call('getTask', { taskId })).counts.joined).toBe(0);
  });

  test('a page whose session lapsed logs in again once and goes on', async () => {
    const alice = await inGroup('alice');
    company.clock.now += 2 * 60 * 60_000;
    expect(must(await alice.services.call('listRoomTasks', {})).items).toEqual([]);
    expect(alice.calls.filter((name) => name === 'login')).toHaveLength(2);
  });
});
