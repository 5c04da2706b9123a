// Feishu's limits and faults: the fake enforces them as documented (5 PATCHes a second per message with HTTP 429,
// 14 days, update_multi, the bot in the group), the service stays inside them and what it could not do the timer
// does later.
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { FAKE_CODES, FAKE_PATCHES_PER_SECOND } from '../../../platforms/feishu/fake/openapi';
import { FeishuError, feishuApi, RATE_LIMITED } from '../../../platforms/feishu/openapi';
import type { Harness } from './harness';
import { ALICE, BOB, CAROL, CHAT, cardText, eventually, startHarness } from './harness';

let h: Harness;
afterEach(async () => {
  await h.close();
});

const draft = { title: 'Standup', kind: 'complete', audience: { kind: 'everyone' } };
const card = { config: { update_multi: true }, elements: [{ tag: 'markdown', content: 'x' }] };

async function published() {
  const alice = await h.login(ALICE);
  const answer = await h.web(alice, CHAT, 'createTask', { task: draft });
  expect(answer.ok).toBe(true);
  return { taskId: (answer.data.task as { id: string }).id, message: h.cards()[0]! };
}

const apiOf = (harness: Harness) =>
  feishuApi({
    appId: harness.fake.appId,
    appSecret: harness.fake.appSecret,
    domain: harness.fake.origin,
    log: () => undefined,
  });

test('the fake refuses a sixth PATCH of one message within a second with HTTP 429, and unshared cards', async () => {
  h = await startHarness();
  const api = apiOf(h);
  const messageId = await api.sendCard(CHAT, card);
  for (let i = 0; i < FAKE_PATCHES_PER_SECOND; i += 1) await api.patchCard(messageId, card);
  const limited = await api.patchCard(messageId, card).catch((error: unknown) => error);
  expect(limited).toBeInstanceOf(FeishuError);
  expect(limited).toMatchObject({ code: RATE_LIMITED, status: 429 });
  const unshared = await api.sendCard(CHAT, { elements: [{ tag: 'markdown', content: 'x' }] });
  await expect(api.patchCard(unshared, card)).rejects.toMatchObject({ code: FAKE_CODES.notShared });
  await expect(api.sendCard('oc_nobot0001', card)).rejects.toMatchObject({ code: FAKE_CODES.botNotInChat });
  await expect(
    feishuApi({ appId: h.fake.appId, appSecret: 'wrong', domain: h.fake.origin, log: () => undefined }).chat(CHAT),
  ).rejects.toThrow();
});

test('a burst of sign-ups stays within 5 PATCHes a second per message, and the card ends up showing them all', async () => {
  h = await startHarness();
  const { taskId, message } = await published();
  const members = [BOB, CAROL];
  const clicks = await Promise.all(
    [...members, ...members, ...members].map((member) => h.click(member, message, { action: 'join', taskId })),
  );
  expect(clicks.filter((c) => c.toast?.type === 'success')).toHaveLength(2);
  await eventually(() => cardText(h.cards()[0]!).includes('Done (2)'));
  expect(h.fake.requests.filter((r) => r.status === 429)).toHaveLength(0);
});

test('a PATCH Feishu refused (429) leaves the card dirty, and the timer brings it in line', async () => {
  h = await startHarness();
  const { taskId, message } = await published();
  // Feishu's answer to a sixth PATCH within a second, to every PATCH the sign-up makes (the kit's card sync, then
  // the service's re-render after the change).
  const limited = { status: 429, code: RATE_LIMITED, msg: 'request trigger frequency limit' };
  const path = `/open-apis/im/v1/messages/${message.messageId}`;
  for (let i = 0; i < 2; i += 1) h.fake.failNext('PATCH', path, limited);
  expect((await h.click(BOB, message, { action: 'join', taskId })).toast?.type).toBe('success');
  await eventually(() => h.fake.requests.filter((r) => r.status === 429).length === 2);
  await new Promise((resolve) => setTimeout(resolve, 600));
  expect(h.fake.requests.filter((r) => r.method === 'PATCH' && r.status === 200)).toHaveLength(0);
  expect(cardText(h.cards()[0]!)).not.toContain('ou_bob0002');
  await h.service.tick();
  expect(cardText(h.cards()[0]!)).toContain('<at id=ou_bob0002></at>');
});

test('past the 14-day window the service sends no PATCH (the fake would refuse it) and the sign-up still stands', async () => {
  h = await startHarness();
  const { taskId, message } = await published();
  const api = apiOf(h);
  h.advance(15 * 24 * 60 * 60 * 1000);
  await expect(api.patchCard(message.messageId, card)).rejects.toMatchObject({ code: FAKE_CODES.windowClosed });
  const patchesBefore = h.fake.requests.filter((r) => r.method === 'PATCH').length;
  const bob = await h.login(BOB);
  expect(await h.web(bob, CHAT, 'join', { taskId })).toMatchObject({ ok: true });
  await h.service.tick();
  expect(h.fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(patchesBefore);
  const task = await h.web(bob, CHAT, 'getTask', { taskId });
  expect(task.data.counts).toMatchObject({ joined: 1 });
});

test('the same flows on the CloudBase database (the offline twin), as production stores them', async () => {
  const cloudbase = createMemoryCloudbase();
  h = await startHarness({ documents: cloudbaseDocuments(databaseOf(cloudbase.database)) });
  const { taskId, message } = await published();
  expect((await h.click(BOB, message, { action: 'join', taskId })).toast?.type).toBe('success');
  await eventually(() => cardText(h.cards()[0]!).includes('<at id=ou_bob0002></at>'));
  const stored = cloudbase.collections.get('group_tasks') ?? [];
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ room: { id: `feishu-${CHAT}`, chatType: 3 } });
  expect(cloudbase.collections.get('feishu_cards')).toHaveLength(1);
});

test('a card Feishu failed to post at creation is posted by its creator later, once', async () => {
  h = await startHarness();
  h.fake.failNext('POST', '/open-apis/im/v1/messages');
  const alice = await h.login(ALICE);
  const answer = await h.web(alice, CHAT, 'createTask', { task: draft });
  expect(answer).toMatchObject({ ok: true, data: { published: false } });
  expect(h.cards()).toHaveLength(0);
  const taskId = (answer.data.task as { id: string }).id;
  const bob = await h.login(BOB);
  expect((await h.web(bob, CHAT, 'publish', { taskId })).error?.code).toBe('NOT_CREATOR');
  const posted = await h.web(alice, CHAT, 'publish', { taskId });
  expect(posted.ok).toBe(true);
  expect(await h.web(alice, CHAT, 'publish', { taskId })).toMatchObject({ data: { messageId: posted.data.messageId } });
  expect(h.cards()).toHaveLength(1);
});

test('Feishu refusing what the web app needs is a clear PLATFORM_FAILED, and nothing is kept', async () => {
  h = await startHarness();
  const alice = await h.login(ALICE);
  h.fake.failNext('GET', `/open-apis/im/v1/chats/${CHAT}/members`);
  const answer = await h.web(alice, CHAT, 'createTask', { task: draft });
  expect(answer).toMatchObject({ status: 502, error: { code: 'PLATFORM_FAILED' } });
  expect((await h.web(alice, CHAT, 'listRoomTasks')).data.items).toEqual([]);
});

test('past 14 days the creator posts a new card, which takes the clicks; the old one no longer acts', async () => {
  h = await startHarness();
  const { taskId, message } = await published();
  h.advance(15 * 24 * 60 * 60 * 1000);
  const alice = await h.login(ALICE);
  expect((await h.web(alice, CHAT, 'getTask', { taskId })).data.card).toMatchObject({ expired: true });
  const renewed = await h.web(alice, CHAT, 'renewCard', { taskId });
  expect(renewed.ok).toBe(true);
  const fresh = h.cards()[1]!;
  expect(renewed.data.messageId).toBe(fresh.messageId);
  expect((await h.click(BOB, message, { action: 'join', taskId })).toast?.content).toBe(
    'This card is no longer current',
  );
  expect((await h.click(BOB, fresh, { action: 'join', taskId })).toast?.type).toBe('success');
  await eventually(() => cardText(h.cards()[1]!).includes('<at id=ou_bob0002></at>'));
  expect(cardText(h.cards()[0]!)).not.toContain('ou_bob0002');
});

test("the timer ends a task at its deadline and the card says so, as WeChat's timer does", async () => {
  h = await startHarness();
  const alice = await h.login(ALICE);
  const deadline = h.fake.now() + 2 * 60_000;
  const answer = await h.web(alice, CHAT, 'createTask', { task: { ...draft, deadline } });
  expect(answer.ok).toBe(true);
  expect(cardText(h.cards()[0]!)).toContain('Deadline:');
  h.advance(3 * 60_000);
  await h.service.tick();
  await eventually(() => cardText(h.cards()[0]!).startsWith('**Ended**'));
  expect(h.cards()[0]!.content.header).toMatchObject({ template: 'grey' });
});
