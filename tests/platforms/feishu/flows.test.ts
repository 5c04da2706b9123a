// The group task on Feishu, end to end: the web app creates and posts the card, members click its buttons (real
// encrypted, signed callbacks into the bot service), the card follows in place, the creator reminds with
// @-mentions and ends; bad input, forged callbacks and a stranger to the chat change nothing.
import { cardCallback, click } from '../../../platforms/feishu/fake/group';
import type { Harness } from './harness';
import { ALICE, BOB, CAROL, CHAT, DAVE, OTHER_CHAT, cardText, eventually, startHarness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const draft = {
  title: '周五聚餐',
  description: 'Friday *dinner*',
  kind: 'participate',
  audience: { kind: 'everyone' },
};

/** What Bob's click on the card's `action` button carries, for a callback signed by hand. */
const bobsClick = (card: { messageId: string }, action: string, taskId: string) => ({
  openId: BOB.openId,
  chatId: CHAT,
  messageId: card.messageId,
  value: { action, taskId },
});

async function created(request: Record<string, unknown> = { task: draft }) {
  const alice = await h.login(ALICE);
  const answer = await h.web(alice, CHAT, 'createTask', request);
  expect(answer.ok).toBe(true);
  const task = answer.data.task as { id: string };
  const [card] = h.cards();
  if (card === undefined) throw new Error('no card posted');
  return { alice, taskId: task.id, card };
}

test('creating a task posts its shared card into the group, with its buttons', async () => {
  const { taskId, card } = await created();
  expect(h.cards()).toHaveLength(1);
  expect(card.content.config).toEqual({ update_multi: true, wide_screen_mode: true });
  expect((card.content.header as { title: { content: string } }).title.content).toBe('周五聚餐');
  expect(cardText(card)).toContain('Friday \\*dinner\\*');
  expect(cardText(card)).toContain('[Sign up] [Leave] [Remind pending] [End]');
  expect(cardText(card, 'zh_cn')).toContain('[报名] [退出] [提醒未完成的人] [结束]');
  expect(cardText(card)).toContain(`?chat=${CHAT}&task=${taskId}`);
});

test('sign up, leave and end through the card: the handlers decide and the card follows in place', async () => {
  const { card } = await created();
  const taskId = (await h.web(await h.login(ALICE), CHAT, 'listRoomTasks')).data.items as { id: string }[];
  expect(taskId).toHaveLength(1);

  expect((await h.click(BOB, card, { action: 'join', taskId: taskId[0]?.id })).toast?.type).toBe('success');
  await eventually(() => cardText(h.cards()[0]!).includes('<at id=ou_bob0002></at>'));
  expect((await h.click(CAROL, card, { action: 'join', taskId: taskId[0]?.id })).toast?.type).toBe('success');
  await eventually(() => cardText(h.cards()[0]!).includes('Signed up (2)'));
  const again = await h.click(BOB, card, { action: 'join', taskId: taskId[0]?.id });
  expect(again.toast).toMatchObject({ type: 'error', content: 'You are on the list already' });

  expect((await h.click(BOB, card, { action: 'leave', taskId: taskId[0]?.id })).toast?.type).toBe('success');
  await eventually(() => cardText(h.cards()[0]!).includes('Signed up (1)'));
  expect(cardText(h.cards()[0]!)).not.toContain('ou_bob0002');

  expect((await h.click(BOB, card, { action: 'end', taskId: taskId[0]?.id })).toast?.content).toBe(
    'Only the creator can do that',
  );
  expect((await h.click(ALICE, card, { action: 'end', taskId: taskId[0]?.id })).toast?.type).toBe('success');
  await eventually(() => cardText(h.cards()[0]!).startsWith('**Ended**'));
  expect(h.cards()[0]!.content.header).toMatchObject({ template: 'grey' });
  expect(cardText(h.cards()[0]!)).not.toContain('[Sign up]');
  const late = await h.click(CAROL, card, { action: 'leave', taskId: taskId[0]?.id });
  expect(late.toast).toMatchObject({ type: 'error', content: 'The task has ended' });
});

test('the creator reminds the pending members by @-mentioning them; nobody else may', async () => {
  const { taskId, card } = await created();
  await h.click(BOB, card, { action: 'join', taskId });
  expect((await h.click(CAROL, card, { action: 'remind', taskId })).toast?.content).toBe(
    'Only the creator can do that',
  );
  const reminded = await h.click(ALICE, card, { action: 'remind', taskId });
  expect(reminded.toast).toMatchObject({ type: 'success', content: 'Reminded 1' });
  const reminder = h.cards()[1]!;
  // Everyone in the group (the group API's list) who has not signed up, except the creator: Carol only.
  expect(cardText(reminder)).toContain('<at id=ou_carol03></at>');
  expect(cardText(reminder)).not.toContain('ou_bob0002');
  expect(cardText(reminder)).not.toContain('ou_alice01');
});

test('the web app acts for the logged-in member only, in a chat the group API says they are in', async () => {
  const { taskId } = await created();
  const bob = await h.login(BOB);
  const joined = await h.web(bob, CHAT, 'join', { taskId });
  expect(joined.ok).toBe(true);
  await eventually(() => cardText(h.cards()[0]!).includes('<at id=ou_bob0002></at>'));
  // A chatProof (or any identity) sent by the page is dropped: the server signs its own proof.
  const forged = await h.web(bob, CHAT, 'leave', { taskId, chatProof: 'forged' });
  expect(forged.ok).toBe(true);

  const dave = await h.login(DAVE);
  const stranger = await h.web(dave, CHAT, 'getTask', { taskId });
  expect(stranger).toMatchObject({ status: 403, error: { code: 'NOT_A_MEMBER' } });
  const elsewhere = await h.web(dave, OTHER_CHAT, 'getTask', { taskId });
  expect(elsewhere.error?.code).toBe('WRONG_ROOM');

  const chat = await h.web(bob, CHAT, 'chat');
  expect(chat.data).toMatchObject({ name: 'Team', me: BOB.openId });
  expect((chat.data.members as unknown[]).length).toBe(3);
});

test('bad input is refused with its code and posts nothing', async () => {
  const alice = await h.login(ALICE);
  const empty = await h.web(alice, CHAT, 'createTask', { task: { ...draft, title: '' } });
  expect(empty.error?.code).toBe('TITLE_EMPTY');
  const capacity = await h.web(alice, CHAT, 'createTask', { task: { ...draft, capacity: 0 } });
  expect(capacity.error?.code).toBe('CAPACITY_INVALID');
  expect(h.cards()).toHaveLength(0);
  expect((await h.web(alice, 'not-a-chat', 'listRoomTasks')).status).toBe(400);
  expect((await h.web(alice, CHAT, 'resolveChat', {})).error?.code).toBe('UNKNOWN_ACTION');
  expect((await h.web('forged.session', CHAT, 'listRoomTasks')).error?.code).toBe('LOGIN_NEEDED');
  const badCode = await fetch(`${h.origin}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'not-issued' }),
  });
  expect(badCode.status).toBe(401);
  // A code is single use, as Feishu's are.
  const code = h.fake.issueCode(ALICE.openId);
  const login = (c: string) =>
    fetch(`${h.origin}/api/login`, { method: 'POST', body: JSON.stringify({ code: c }) }).then((r) => r.status);
  expect(await login(code)).toBe(200);
  expect(await login(code)).toBe(401);
});

test('a forged or replayed-elsewhere callback changes nothing', async () => {
  const { taskId, card } = await created();
  // Signed with another Encrypt Key: the SDK's verification refuses it.
  const wrongKey = { ...h.keys, encryptKey: 'not-the-key-000' };
  const forged = await click(`${h.origin}/feishu/card`, wrongKey, bobsClick(card, 'join', taskId));
  expect(forged.status).toBe(401);
  // Encrypted and signed right, but without the app's Verification Token.
  const wrongToken = await click(
    `${h.origin}/feishu/card`,
    { ...h.keys, verificationToken: 'other' },
    bobsClick(card, 'join', taskId),
  );
  expect(wrongToken.status).toBe(401);
  // The body altered after signing.
  const signed = cardCallback(h.keys, bobsClick(card, 'join', taskId));
  const altered = await fetch(`${h.origin}/feishu/card`, {
    method: 'POST',
    headers: signed.headers,
    body: signed.body.replace('"encrypt":"', '"encrypt":"A'),
  });
  expect(altered.status).toBe(401);
  // A genuine click whose button value names the task from another chat's card acts on nothing.
  const elsewhere = await h.click(DAVE, card, { action: 'join', taskId }, OTHER_CHAT);
  expect(elsewhere.toast?.content).toBe('This card is no longer current');

  const bob = await h.login(BOB);
  const task = await h.web(bob, CHAT, 'getTask', { taskId });
  expect((task.data.counts as { joined: number }).joined).toBe(0);
  expect(h.cards()[0]!.patches).toBe(0);
});

test('the web app page is served with its script, and its JSAPI signature verifies with the issued ticket', async () => {
  const page = await fetch(`${h.origin}/`).then((r) => r.text());
  expect(page).toContain(`<meta name="feishu-app-id" content="${h.fake.appId}">`);
  expect(page).toContain('requestAccess');
  expect(page).not.toMatch(/<\/script>[\s\S]*<\/script>[\s\S]*<\/script>/);
  const alice = await h.login(ALICE);
  const url = `${h.origin}/?chat=${CHAT}`;
  const post = (body: unknown, session = alice) =>
    fetch(`${h.origin}/api/jsapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session}` },
      body: JSON.stringify(body),
    });
  const answer = (await (await post({ url })).json()) as {
    data: { appId: string; timestamp: number; nonceStr: string; signature: string };
  };
  const { createHash } = await import('node:crypto');
  const { timestamp, nonceStr, signature } = answer.data;
  const verify = `jsapi_ticket=${h.fake.jsapiTicket()}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`;
  expect(signature).toBe(createHash('sha1').update(verify).digest('hex'));
  expect(answer.data.appId).toBe(h.fake.appId);
  expect((await post({ url: 'https://elsewhere.example/' })).status).toBe(400);
  expect((await post({ url }, 'forged')).status).toBe(401);
});

test('a captured callback replayed, now or later, changes nothing', async () => {
  const { taskId, card } = await created();
  const leave = cardCallback(h.keys, bobsClick(card, 'leave', taskId));
  const send = (signed: { headers: Record<string, string>; body: string }) =>
    fetch(`${h.origin}/feishu/card`, { method: 'POST', headers: signed.headers, body: signed.body });
  expect((await h.click(BOB, card, { action: 'join', taskId })).toast?.type).toBe('success');
  expect(await (await send(leave)).json()).toMatchObject({ toast: { type: 'success' } });
  expect((await h.click(BOB, card, { action: 'join', taskId })).toast?.type).toBe('success');
  // The same leave again: the service saw its event_id, and answers nothing.
  expect(await (await send(leave)).json()).toEqual({});
  // Signed six minutes ago: refused whatever its event_id.
  const old = cardCallback(h.keys, bobsClick(card, 'leave', taskId), Date.now() - 6 * 60_000);
  expect((await send(old)).status).toBe(401);
  const bob = await h.login(BOB);
  expect((await h.web(bob, CHAT, 'getTask', { taskId })).data.counts).toMatchObject({ joined: 1 });
});
