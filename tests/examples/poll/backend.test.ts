// The groupPoll function through the local runner, as the pages call it: as any member of any room, on SQLite and
// on the CloudBase store over the offline CloudBase database (with its latency), with the WeChat emulator.
import path from 'node:path';
import { databaseOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';
import type { DocumentStore } from '../../../kit/server/store';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createLocalBackend, type EmulatedMember, type LocalBackend } from '../../../local';
import type { PollActions } from '../../../examples/poll/packagePoll/core/actions';
import type { RequestOf, ResponseOf } from 'chat-tool-kit';
// The runner's option pollDocuments is declared by the function's local entry.
import type {} from '../../../examples/poll/cloudfunctions/groupPoll/src/local';

const POLL_ROOT = path.resolve(__dirname, '../../../examples/poll');

type Action = keyof PollActions;
type Answer<A extends Action> = { ok: true; data: ResponseOf<PollActions, A> } | { ok: false; error: { code: string } };

const STORES: [string, () => DocumentStore | undefined][] = [
  ['SQLite', () => undefined],
  [
    'CloudBase (offline, 5-15 ms a request)',
    () => cloudbaseDocuments(databaseOf(createMemoryCloudbase({ latencyMs: [5, 15] }).database)),
  ],
];

interface World {
  backend: LocalBackend;
  roomId: string;
  alice: EmulatedMember;
  members: EmulatedMember[];
  call<A extends Action>(
    member: EmulatedMember,
    action: A,
    body: Omit<RequestOf<PollActions, A>, 'chatProof'>,
  ): Promise<Answer<A>>;
  /** Alice's poll, its card posted to the room as the create page posts it. */
  publish(options?: string[]): Promise<{ pollId: string; activityId: string }>;
}

function makeWorld(pollDocuments: DocumentStore | undefined, size: number): World {
  const backend = createLocalBackend({ root: POLL_ROOT, pollDocuments });
  const room = backend.wechat.createRoom({ name: 'Hiking' });
  const members = Array.from({ length: size }, (_, i) => backend.wechat.addMember(room.id, { nickname: `M${i}` }));
  const alice = members[0]!;
  const call: World['call'] = async (member, action, body) =>
    (await backend.callFunction(member, {
      action,
      chatProof: backend.wechat.issueCloudId(member),
      ...body,
    })) as Answer<typeof action>;
  return {
    backend,
    roomId: room.id,
    alice,
    members,
    call,
    async publish(options = ['山顶', '湖边']) {
      const created = await call(alice, 'createPoll', {
        envVersion: 'develop',
        poll: { question: '周六去哪里', options },
      });
      if (!created.ok) throw new Error(`createPoll: ${created.error.code}`);
      const { share, poll } = created.data;
      backend.wechat.shareCard(alice, { ...share, imageUrl: '/packagePoll/assets/card.png' });
      return { pollId: poll.id, activityId: share.activityId };
    },
  };
}

const codeOf = (answer: Answer<Action>): string => (answer.ok ? 'ok' : answer.error.code);

describe.each(STORES)('the group poll on %s', (_name, store) => {
  let world: World;
  afterEach(() => world.backend.close());

  test('a member votes once, the card counts them, the creator closes it', async () => {
    world = makeWorld(store(), 3);
    const { backend, alice, call } = world;
    const [, bob, carol] = world.members as [EmulatedMember, EmulatedMember, EmulatedMember];
    const { pollId, activityId } = await world.publish();
    expect(backend.wechat.cardText(activityId, alice)).toBe('0人已参与');

    const voted = await call(bob, 'vote', { pollId, option: 1 });
    expect(voted.ok && voted.data.options).toEqual([
      { text: '山顶', votes: 0 },
      { text: '湖边', votes: 1 },
    ]);
    expect(backend.wechat.cardText(activityId, alice)).toBe('1人已参与');
    expect(backend.wechat.cardText(activityId, bob)).toBe('已参与');
    expect(backend.wechat.cardText(activityId, carol)).toBe('未参与');
    expect(backend.wechat.systemMessages(world.roomId).map((line) => line.text)).toEqual([
      'M1 已参与 M0 发布的 周六去哪里',
    ]);

    expect(codeOf(await call(bob, 'vote', { pollId, option: 0 }))).toBe('ALREADY_VOTED');
    expect(codeOf(await call(bob, 'closePoll', { pollId }))).toBe('NOT_CREATOR');
    expect(codeOf(await call(bob, 'vote', { pollId, option: 2 }))).toBe('OPTION_UNKNOWN');

    // The creator's own vote counts in the poll, never on the card they published.
    const own = await call(alice, 'vote', { pollId, option: 0 });
    expect(own.ok && own.data.voters).toBe(2);
    expect(backend.wechat.cardText(activityId, alice)).toBe('1人已参与');

    const closed = await call(alice, 'closePoll', { pollId });
    expect(closed.ok && closed.data.state).toBe('closed');
    expect(backend.wechat.cardText(activityId, bob)).toBe('已结束');
    expect(codeOf(await call(carol, 'vote', { pollId, option: 0 }))).toBe('POLL_CLOSED');
    expect(codeOf(await call(alice, 'closePoll', { pollId }))).toBe('POLL_CLOSED');

    const listed = await call(carol, 'listPolls', {});
    expect(listed.ok && listed.data).toEqual([
      { id: pollId, question: '周六去哪里', state: 'closed', voters: 2, voted: false, isCreator: false },
    ]);
  });

  test('one vote per member under concurrency: 30 members each voting three times at once', async () => {
    world = makeWorld(store(), 31);
    const { backend, alice, call } = world;
    const { pollId, activityId } = await world.publish(['a', 'b', 'c']);
    const voters = world.members.slice(1);
    const answers = await Promise.all(
      voters.flatMap((member) => [0, 1, 2].map((option) => call(member, 'vote', { pollId, option }))),
    );
    const codes = answers.map(codeOf);
    expect(codes.filter((code) => code === 'ok')).toHaveLength(voters.length);
    expect(codes.filter((code) => code !== 'ok').every((code) => code === 'ALREADY_VOTED')).toBe(true);

    const poll = await call(alice, 'getPoll', { pollId });
    expect(poll.ok && poll.data.voters).toBe(voters.length);
    expect(poll.ok && poll.data.options.reduce((sum, option) => sum + option.votes, 0)).toBe(voters.length);
    // Every voter is marked once; a card an action left behind is brought in line by the timer.
    await backend.runTimer();
    expect(backend.wechat.cardText(activityId, alice)).toBe(`${voters.length}人已参与`);
    expect(new Set(backend.wechat.card(activityId)!.done).size).toBe(voters.length);
  });

  test('identity: never from the request, a chatProof only for its own member, a poll only in its own chat', async () => {
    world = makeWorld(store(), 3);
    const { backend, call } = world;
    const [, bob, carol] = world.members as [EmulatedMember, EmulatedMember, EmulatedMember];
    const { pollId } = await world.publish();

    for (const forged of [{ userId: bob.openid }, { memberId: bob.groupOpenid }, { roomId: world.roomId }]) {
      const answer = await backend.callFunction(carol, {
        action: 'vote',
        chatProof: backend.wechat.issueCloudId(carol),
        pollId,
        option: 0,
        ...forged,
      });
      expect(codeOf(answer as Answer<'vote'>)).toBe('INVALID_REQUEST');
    }

    // Bob's chatProof presented by Carol: WeChat may refuse it or resolve it (docs/platform.md, "Replayed cloudID");
    // either way Bob's group_openid is bound to Bob and Carol cannot vote as him.
    await call(bob, 'getPoll', { pollId });
    const replayed = (await backend.callFunction(carol, {
      action: 'vote',
      chatProof: backend.wechat.issueCloudId(bob),
      pollId,
      option: 0,
    })) as Answer<'vote'>;
    expect(['CHAT_PROOF_FOREIGN', 'CHAT_PROOF_INVALID']).toContain(codeOf(replayed));

    const elsewhere = backend.wechat.createRoom({ name: 'Other' });
    const dave = backend.wechat.addMember(elsewhere.id, { nickname: 'Dave' });
    expect(codeOf(await call(dave, 'vote', { pollId, option: 0 }))).toBe('WRONG_ROOM');
    expect(codeOf(await call(dave, 'getPoll', { pollId }))).toBe('WRONG_ROOM');
    const theirs = await call(dave, 'listPolls', {});
    expect(theirs.ok && theirs.data).toEqual([]);

    const poll = await call(world.alice, 'getPoll', { pollId });
    expect(poll.ok && poll.data.voters).toBe(0);
  });

  test('a card WeChat did not update is brought in line by the timer', async () => {
    world = makeWorld(store(), 2);
    const { backend, alice, call } = world;
    const bob = world.members[1]!;
    const { pollId, activityId } = await world.publish();
    backend.wechat.setFault('setChatToolMsg', { mode: 'fail', errcode: -1 });
    const voted = await call(bob, 'vote', { pollId, option: 0 });
    expect(voted.ok && voted.data.cardInSync).toBe(false);
    expect(backend.wechat.cardText(activityId, alice)).toBe('0人已参与');

    backend.wechat.setFault('setChatToolMsg', null);
    expect(await backend.runTimer()).toEqual({ looked: 1, steps: [{ pollId, sent: 1, failed: false }], failures: 0 });
    expect(backend.wechat.cardText(activityId, alice)).toBe('1人已参与');
    // In line again: the next run has nothing to do.
    expect(await backend.runTimer()).toEqual({ looked: 0, steps: [], failures: 0 });
    const poll = await call(bob, 'getPoll', { pollId });
    expect(poll.ok && poll.data.cardInSync).toBe(true);
  });
});

test('the content check: a risky question is refused and nothing is stored', async () => {
  const backend = createLocalBackend({ root: POLL_ROOT, contentCheck: 'risky' });
  const room = backend.wechat.createRoom();
  const alice = backend.wechat.addMember(room.id);
  const created = (await backend.callFunction(alice, {
    action: 'createPoll',
    chatProof: backend.wechat.issueCloudId(alice),
    envVersion: 'develop',
    poll: { question: '问题', options: ['a', 'b'] },
  })) as Answer<'createPoll'>;
  expect(codeOf(created)).toBe('CONTENT_RISKY');
  const listed = (await backend.callFunction(alice, {
    action: 'listPolls',
    chatProof: backend.wechat.issueCloudId(alice),
  })) as Answer<'listPolls'>;
  expect(listed.ok && listed.data).toEqual([]);
  backend.close();
});
