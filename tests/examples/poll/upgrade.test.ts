// The poll's stored documents across the neutral rename (examples/poll/cloudfunctions/groupPoll/src/upgrade.ts): the
// pure upgrade on documents written out field by field in both layouts (never derived one from the other, so a
// mistake in the upgrade cannot cancel itself out), then the kit's runner on both stores with a deployment's old
// polls and bindings, read back through the poll's real function as its members call it.
import path from 'node:path';
import type { ResponseOf } from 'chat-tool-kit';
import type { StoredFields } from '../../../kit/server/neutral-names';
import { databaseOf } from '../../../kit/server/sdk';
import type { DocumentStore } from '../../../kit/server/store';
import { cloudbaseDocuments } from '../../../kit/server/store';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import type { UpgradeCounts } from '../../../kit/server/upgrade';
import { upgradeCollection } from '../../../kit/server/upgrade';
import { createMemoryCloudbase } from '../../../emulator/cloudbase-memory';
import { createLocalBackend, type EmulatedMember } from '../../../local';
import { MEMBERS_COLLECTION, POLLS_COLLECTION } from '../../../examples/poll/cloudfunctions/groupPoll/src/handlers';
import { POLL_UPGRADES, upgradePollDocument } from '../../../examples/poll/cloudfunctions/groupPoll/src/upgrade';
import type { PollActions } from '../../../examples/poll/packagePoll/core/actions';
// The runner's option pollDocuments is declared by the function's local entry.
import type {} from '../../../examples/poll/cloudfunctions/groupPoll/src/local';

const NOW = 1_800_000_000_000;

/** The fields the rename leaves as they are, and the card record but for its marks. */
const unchanged = {
  _id: 'p1',
  question: '周六去哪里',
  options: ['山顶', '湖边'],
  room: { id: 'G1', chatType: 3 },
  state: 'open',
  cardBehind: true,
  createdAt: NOW,
};
const card = { activityId: 'a1', expiresAt: NOW + 86_400_000, versionType: 0 };
const shown = { state: 1, settled: true, endSent: false, version: 1 };

/** A poll as the version before the neutral names stored it: o0 asked, o1 and o2 voted, the card marks g1. */
const oldPoll = (): StoredFields => ({
  ...unchanged,
  creator: { openid: 'o0', groupOpenid: 'g0' },
  votes: [
    { openid: 'o1', groupOpenid: 'g1', option: 1, at: NOW + 1 },
    { openid: 'o2', groupOpenid: 'g2', option: 0, at: NOW + 2 },
  ],
  card: { ...card, shown: { ...shown, doneGroupOpenids: ['g1'] } },
});

/** oldPoll() in the new names: the same values, every other field as it was. */
const newPoll = (): StoredFields => ({
  ...unchanged,
  creator: { userId: 'o0', memberId: 'g0' },
  votes: [
    { userId: 'o1', memberId: 'g1', option: 1, at: NOW + 1 },
    { userId: 'o2', memberId: 'g2', option: 0, at: NOW + 2 },
  ],
  card: { ...card, shown: { ...shown, doneMemberIds: ['g1'] } },
});

const messageOf = (answer: ReturnType<typeof upgradePollDocument>) => (answer.ok ? 'ok' : answer.error.message);

describe('upgradePollDocument', () => {
  it('renames the creator, every vote and the card marks, and keeps every other field', () => {
    expect(upgradePollDocument(oldPoll())).toEqual({ ok: true, data: newPoll() });
  });

  it('answers null for a poll in the new names, so a second run writes nothing', () => {
    expect(upgradePollDocument(newPoll())).toEqual({ ok: true, data: null });
    const once = upgradePollDocument(oldPoll());
    expect(once.ok && once.data !== null && upgradePollDocument(once.data)).toEqual({ ok: true, data: null });
  });

  it('joins what the new version wrote to an old poll: a vote appended, a mark recorded beside the old list', () => {
    const old = oldPoll();
    const mixed = {
      ...old,
      votes: [...(old.votes as object[]), { userId: 'o3', memberId: 'g3', option: 1, at: NOW + 3 }],
      card: {
        ...(old.card as object),
        shown: { ...((old.card as StoredFields).shown as object), doneMemberIds: ['g3'] },
      },
    };
    const renamed = newPoll();
    expect(upgradePollDocument(mixed)).toEqual({
      ok: true,
      data: {
        ...renamed,
        votes: [...(renamed.votes as object[]), { userId: 'o3', memberId: 'g3', option: 1, at: NOW + 3 }],
        card: {
          ...(renamed.card as object),
          shown: { state: 1, settled: true, endSent: false, version: 1, doneMemberIds: ['g1', 'g3'] },
        },
      },
    });
    // Each part on its own: an old creator on a poll whose votes are all new.
    expect(upgradePollDocument({ ...newPoll(), creator: { openid: 'o0', groupOpenid: 'g0' } })).toEqual({
      ok: true,
      data: newPoll(),
    });
  });

  it('reports every part in neither layout, with the poll id, and writes nothing', () => {
    const broken = {
      ...oldPoll(),
      creator: { name: 'who?' },
      votes: [{ openid: 'o1', groupOpenid: 'g1', userId: 'o1', memberId: 'g1', option: 0, at: NOW }],
      card: { activityId: 'a1', shown: { state: 1 } },
    };
    expect(messageOf(upgradePollDocument(broken))).toBe(
      'poll p1: creator has neither { userId, memberId } nor { openid, groupOpenid }; ' +
        'votes[0] holds both { userId, memberId } and { openid, groupOpenid }; ' +
        'card.shown has neither doneMemberIds nor doneGroupOpenids',
    );
    expect(messageOf(upgradePollDocument({ ...oldPoll(), votes: null, card: 'a1' }))).toBe(
      'poll p1: votes is not a list; card is not an object',
    );
  });

  it('refuses to guess between two votes of one user, in either layout', () => {
    const old = oldPoll();
    const twice = {
      ...old,
      votes: [...(old.votes as object[]), { userId: 'o1', memberId: 'g1', option: 0, at: NOW + 5 }],
    };
    expect(messageOf(upgradePollDocument(twice))).toBe("poll p1: votes[0] and votes[2] are both o1's");
    const renamed = newPoll();
    const again = {
      ...renamed,
      votes: [...(renamed.votes as object[]), { userId: 'o2', memberId: 'g2', option: 1, at: 0 }],
    };
    expect(messageOf(upgradePollDocument(again))).toBe("poll p1: votes[1] and votes[2] are both o2's");
  });

  it("upgrades the polls, then the poll's own member bindings", () => {
    expect(POLL_UPGRADES.map(({ collection }) => collection)).toEqual(['group_polls', 'group_poll_members']);
    const binding = { _id: 'G1:g1', roomId: 'G1', groupOpenid: 'g1', openid: 'o1', boundAt: NOW };
    expect(POLL_UPGRADES[1]!.upgrade(binding)).toEqual({
      ok: true,
      data: { _id: 'G1:g1', roomId: 'G1', memberId: 'g1', userId: 'o1', boundAt: NOW },
    });
  });
});

const COUNTS: UpgradeCounts = { upgraded: 0, alreadyNew: 0, unreadable: 0, again: 0, gone: 0 };

const STORES: [string, () => DocumentStore][] = [
  ['SQLite', () => sqliteDocuments(':memory:')],
  ['CloudBase (offline)', () => cloudbaseDocuments(databaseOf(createMemoryCloudbase().database))],
];

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string } };

const codeOf = (answer: Answer): string => (answer.ok ? 'ok' : answer.error.code);

describe.each(STORES)('upgrading a deployment of the poll on %s', (_name, open) => {
  let documents: DocumentStore;
  beforeEach(() => {
    documents = open();
  });
  afterEach(() => documents.close());

  /**
   * The previous version's deployment: Alice's poll with Bob's and Carol's votes, Bob marked on its card. The poll,
   * its card and the members are made through the function (so WeChat knows the card); then its documents are
   * written as the previous version wrote them, and the function is deployed again (a cold instance).
   */
  async function oldDeployment() {
    const backend = createLocalBackend({
      root: path.resolve(__dirname, '../../../examples/poll'),
      pollDocuments: documents,
    });
    const room = backend.wechat.createRoom({ name: 'Hiking' });
    const [alice, bob, carol, dave] = ['Alice', 'Bob', 'Carol', 'Dave'].map((nickname) =>
      backend.wechat.addMember(room.id, { nickname }),
    ) as [EmulatedMember, EmulatedMember, EmulatedMember, EmulatedMember];
    const call = async (member: EmulatedMember, action: string, body: object = {}) =>
      (await backend.callFunction(member, {
        action,
        chatProof: backend.wechat.issueCloudId(member),
        ...body,
      })) as Answer;
    const created = await call(alice, 'createPoll', {
      envVersion: 'develop',
      poll: { question: '周六去哪里', options: ['山顶', '湖边'] },
    });
    if (!created.ok) throw new Error(`createPoll: ${created.error.code}`);
    const { poll, share } = created.data as ResponseOf<PollActions, 'createPoll'>;
    backend.wechat.shareCard(alice, { ...share, imageUrl: '/packagePoll/assets/card.png' });
    for (const [member, option] of [
      [bob, 1],
      [carol, 0],
    ] as const) {
      expect(codeOf(await call(member, 'vote', { pollId: poll.id, option }))).toBe('ok');
    }

    const polls = documents.collection<StoredFields>(POLLS_COLLECTION);
    const stored = (await polls.get(poll.id))!;
    const card = stored.card as StoredFields;
    const aged = {
      ...stored,
      creator: { openid: alice.openid, groupOpenid: alice.groupOpenid },
      votes: [
        { openid: bob.openid, groupOpenid: bob.groupOpenid, option: 1, at: NOW + 1 },
        { openid: carol.openid, groupOpenid: carol.groupOpenid, option: 0, at: NOW + 2 },
      ],
      card: {
        ...card,
        shown: {
          state: 1,
          settled: true,
          endSent: false,
          version: 2,
          doneGroupOpenids: [bob.groupOpenid, carol.groupOpenid],
        },
      },
    };
    expect(await polls.update(poll.id, () => ({ ok: true, data: { next: aged, result: null } }))).toEqual({
      ok: true,
      data: null,
    });
    const bindings = documents.collection<StoredFields>(MEMBERS_COLLECTION);
    for (const member of [alice, bob, carol]) {
      const old = {
        _id: `${room.id}:${member.groupOpenid}`,
        roomId: room.id,
        groupOpenid: member.groupOpenid,
        openid: member.openid,
        boundAt: NOW,
      };
      const written = await bindings.update(old._id, () => ({ ok: true, data: { next: old, result: null } }));
      expect(written.ok).toBe(true);
    }
    backend.reloadFunction();
    return { backend, call, pollId: poll.id, activityId: share.activityId, alice, bob, carol, dave };
  }

  const upgradeAll = async () => {
    const counts: Record<string, UpgradeCounts> = {};
    for (const upgrade of POLL_UPGRADES) counts[upgrade.collection] = await upgradeCollection(documents, upgrade);
    return counts;
  };

  const everything = async () => {
    const all = (name: string) =>
      documents.collection<StoredFields>(name).find({ where: { _id: { gt: '' } }, limit: 100 });
    return { polls: await all(POLLS_COLLECTION), bindings: await all(MEMBERS_COLLECTION) };
  };

  it('an old vote still counts and cannot be cast twice, the old creator still closes the poll', async () => {
    const { backend, call, pollId, activityId, alice, bob, carol, dave } = await oldDeployment();
    try {
      // Before the run: a member who voted is refused by their old binding, and writes nothing.
      expect(codeOf(await call(bob, 'vote', { pollId, option: 0 }))).toBe('CHAT_PROOF_FOREIGN');

      expect(await upgradeAll()).toEqual({
        [POLLS_COLLECTION]: { ...COUNTS, upgraded: 1 },
        [MEMBERS_COLLECTION]: { ...COUNTS, upgraded: 3 },
      });

      const seen = await call(bob, 'getPoll', { pollId });
      expect(seen.ok && seen.data).toMatchObject({
        voters: 2,
        options: [
          { text: '山顶', votes: 1 },
          { text: '湖边', votes: 1 },
        ],
        viewer: { isCreator: false, option: 1, can: { vote: false, close: false } },
      });
      expect(codeOf(await call(bob, 'vote', { pollId, option: 0 }))).toBe('ALREADY_VOTED');
      expect(codeOf(await call(carol, 'vote', { pollId, option: 1 }))).toBe('ALREADY_VOTED');
      // A member new to the poll votes beside the old votes, and the card marks them too.
      const third = await call(dave, 'vote', { pollId, option: 1 });
      expect(third.ok && third.data).toMatchObject({ voters: 3, cardInSync: true });
      expect(backend.wechat.cardText(activityId, alice)).toBe('3人已参与');

      const listed = await call(alice, 'listPolls');
      expect(listed.ok && listed.data).toEqual([
        { id: pollId, question: '周六去哪里', state: 'open', voters: 3, voted: false, isCreator: true },
      ]);
      expect(codeOf(await call(bob, 'closePoll', { pollId }))).toBe('NOT_CREATOR');
      const closed = await call(alice, 'closePoll', { pollId });
      expect(closed.ok && closed.data).toMatchObject({ state: 'closed', cardInSync: true });
      expect(backend.wechat.cardText(activityId, bob)).toBe('已结束');
    } finally {
      backend.close();
    }
  });

  it('keeps a vote cast before the run by a member new to the chat; the timer records the card after the run', async () => {
    const { backend, call, pollId, activityId, alice, dave } = await oldDeployment();
    try {
      const early = await call(dave, 'vote', { pollId, option: 1 });
      // The vote lands, and WeChat marks Dave; the card record, still in the old names, cannot take the mark.
      expect(early.ok && early.data).toMatchObject({ voters: 3, cardInSync: false });
      expect(backend.wechat.cardText(activityId, alice)).toBe('3人已参与');
      expect(await backend.runTimer()).toMatchObject({ steps: [{ pollId, failed: true }] });

      expect(await upgradeAll()).toEqual({
        [POLLS_COLLECTION]: { ...COUNTS, upgraded: 1 },
        [MEMBERS_COLLECTION]: { ...COUNTS, upgraded: 3, alreadyNew: 1 },
      });
      expect(await backend.runTimer()).toMatchObject({ steps: [{ pollId, failed: false }] });
      const seen = await call(dave, 'getPoll', { pollId });
      expect(seen.ok && seen.data).toMatchObject({ voters: 3, viewer: { option: 1 }, cardInSync: true });
      expect(codeOf(await call(dave, 'vote', { pollId, option: 0 }))).toBe('ALREADY_VOTED');
    } finally {
      backend.close();
    }
  });

  it('changes nothing on a second run', async () => {
    const { backend } = await oldDeployment();
    try {
      await upgradeAll();
      const once = await everything();
      expect(await upgradeAll()).toEqual({
        [POLLS_COLLECTION]: { ...COUNTS, alreadyNew: 1 },
        [MEMBERS_COLLECTION]: { ...COUNTS, alreadyNew: 3 },
      });
      expect(await everything()).toEqual(once);
    } finally {
      backend.close();
    }
  });
});
