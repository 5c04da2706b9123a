// Card sync, kit-level: a fake updateCard answering as WeChat's setChatToolMsg may, and records kept in memory
// beside a target.
import type { CardBinding, CardSync, CardTarget, SetChatToolMsgBody } from 'chat-tool-kit';
import { cardAfter, NEW_CARD, newBinding } from 'chat-tool-kit';
import type { CardRecorded, CardRecords } from '../../../kit/server/card-sync';
import { createCardSync } from '../../../kit/server/card-sync';
import { PlatformError } from '../../../kit/server/ports';

const NOW = Date.UTC(2026, 0, 1, 8, 0, 0);
const HOUR = 3_600_000;

type Answer = 'accept' | Error | 'stall';

/**
 * One record's card kept in memory, recorded as a tool's repository would: cardAfter with its target now. With
 * `oneMark`, also a one-mark record that adds the mark while its premise is 'holds' and declines otherwise.
 */
function memoryRecords(binding: CardBinding, target: CardTarget, oneMark = false) {
  const record: CardRecorded = { binding, target };
  const syncs: CardSync[] = [];
  const marks: [string, string, string, string][] = [];
  const records: CardRecords<CardRecorded, string> = {
    async recordCard(recordId, activityId, sync) {
      syncs.push(sync);
      if (recordId !== 'r1' || activityId !== record.binding.activityId) return null;
      record.binding = { ...record.binding, shown: cardAfter(record.binding.shown, record.target.state, sync) };
      return { ...record };
    },
  };
  if (oneMark) {
    records.recordMark = async (recordId, activityId, memberId, premise) => {
      marks.push([recordId, activityId, memberId, premise]);
      if (premise !== 'holds') return null;
      const { shown } = record.binding;
      record.binding = {
        ...record.binding,
        shown: { ...shown, doneMemberIds: [...shown.doneMemberIds, memberId] },
      };
      return { ...record };
    };
  }
  return { record, syncs, marks, records };
}

function setup(
  answers: Answer[],
  target: CardTarget,
  binding = newBinding({ activityId: 'act', expiresAt: NOW + HOUR }, 0),
  oneMark = false,
) {
  const sent: SetChatToolMsgBody[] = [];
  const stalled: (() => void)[] = [];
  const logs: string[] = [];
  const memory = memoryRecords(binding, target, oneMark);
  const cards = createCardSync({
    platform: {
      async createCard() {
        return { activityId: 'new', expiresAt: NOW + 24 * HOUR };
      },
      updateCard(body) {
        sent.push(body);
        const answer = answers.shift() ?? 'accept';
        if (answer === 'stall') return new Promise<void>((resolve) => stalled.push(resolve));
        return answer === 'accept' ? Promise.resolve() : Promise.reject(answer);
      },
    },
    clock: { now: () => NOW },
    timeoutMs: 20,
    log: (message) => logs.push(message),
    records: memory.records,
  });
  return { cards, sent, stalled, logs, ...memory };
}

const target = (state: 1 | 2 | 3, done: string[] = []): CardTarget => ({ kind: 'participate', state, done });

describe('card sync', () => {
  it('sends what the card lacks, records the answers with the version it read, and reports the calls accepted', async () => {
    const { cards, sent, syncs, record } = setup([], target(2, ['g1']));
    const synced = await cards.sync('r1', record.binding, record.target);
    expect(sent.map((body) => body.target_state)).toEqual([1, 2]);
    expect(syncs).toEqual([{ version: 0, answers: sent.map((body) => ({ body, answer: 'accepted' })) }]);
    expect(synced).toEqual({ recorded: record, sent: 2, failed: false, deferred: 0 });
    expect(record.binding.shown).toEqual({ ...NEW_CARD, state: 2, version: 1, doneMemberIds: ['g1'] });
  });

  it('stops at the first call not accepted: a refusal applied nothing and leaves the card lagging', async () => {
    const { cards, sent, syncs, record } = setup([new PlatformError(9800001, 'refused')], target(2, ['g1']));
    const synced = await cards.sync('r1', record.binding, record.target);
    expect(sent).toHaveLength(1);
    expect(syncs[0]?.answers.map((a) => a.answer)).toEqual(['refused']);
    expect(synced).toMatchObject({ sent: 0, failed: true });
    expect(record.binding.shown.doneMemberIds).toEqual([]);
  });

  it('tells a refusal of the call itself (permission, token, cloud call) from a refusal of the body', async () => {
    for (const errcode of [-604101, -604100, 40001, 42001, 48001, 47001, 40002, 40013, 40125, 40164]) {
      const { cards, syncs, record } = setup([new PlatformError(errcode, 'api')], target(1, ['g1']));
      expect(await cards.sync('r1', record.binding, record.target)).toMatchObject({ sent: 0, failed: true });
      expect(syncs[0]?.answers.map((a) => a.answer)).toEqual(['failed']);
    }
  });

  it('calls a system error or a network error an unknown outcome, and doubts the card', async () => {
    for (const error of [new PlatformError(-1, 'system error'), new Error('socket hang up')]) {
      const { cards, syncs, record } = setup([error], target(2));
      expect(await cards.sync('r1', record.binding, record.target)).toMatchObject({ sent: 0, failed: true });
      expect(syncs[0]?.answers.map((a) => a.answer)).toEqual(['unknown']);
      expect(record.binding.shown).toMatchObject({ state: 1, settled: false });
    }
  });

  it('answers after its time-out with an unknown outcome, and records the late answer with no place in the order', async () => {
    const { cards, stalled, syncs, record, logs } = setup(['stall'], target(3));
    expect(await cards.sync('r1', record.binding, record.target)).toMatchObject({ sent: 0, failed: true });
    expect(syncs[0]?.answers.map((a) => a.answer)).toEqual(['unknown']);
    expect(record.binding.shown).toMatchObject({ state: 1, settled: false, endSent: true });
    expect(logs).toContain('updateCard timed out for record r1; its outcome is unknown');
    stalled[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(syncs[1]).toEqual({
      version: null,
      answers: [{ body: expect.objectContaining({ target_state: 3 }), answer: 'accepted' }],
    });
    expect(record.binding.shown).toMatchObject({ state: 3, settled: true });
  });

  it('takes WeChat refusing an end after an end of unknown outcome as ended: in sync, not a failure', async () => {
    const binding = newBinding({ activityId: 'act', expiresAt: NOW + HOUR }, 0);
    const doubted = { ...binding, shown: { ...NEW_CARD, settled: false, endSent: true, version: 1 } };
    const { cards, record } = setup([new PlatformError(9800002, 'already ended')], target(3), doubted);
    expect(await cards.sync('r1', record.binding, record.target)).toMatchObject({ sent: 0, failed: false });
    expect(record.binding.shown).toMatchObject({ state: 3, settled: true });
  });

  it('sends nothing for an expired activity_id or a card in sync', async () => {
    const expired = newBinding({ activityId: 'act', expiresAt: NOW }, 0);
    const { cards, sent } = setup([], target(1, ['g1']), expired);
    expect(await cards.sync('r1', expired, target(1, ['g1']))).toMatchObject({ sent: 0, failed: false });
    const live = setup([], target(1));
    expect(await live.cards.sync('r1', live.record.binding, live.record.target)).toMatchObject({
      sent: 0,
      failed: false,
    });
    expect([...sent, ...live.sent]).toEqual([]);
  });

  it('reports nothing recorded when the card was renewed meanwhile, and a failure when the record fails', async () => {
    const { cards, record } = setup([], target(1, ['g1']));
    const renewed = { ...record.binding, activityId: 'older' };
    expect(await cards.sync('r1', renewed, record.target)).toEqual({
      recorded: null,
      sent: 1,
      failed: false,
      deferred: 0,
    });
    const logs: string[] = [];
    const broken = createCardSync({
      platform: { createCard: () => Promise.reject(new Error('no')), updateCard: () => Promise.resolve() },
      clock: { now: () => NOW },
      timeoutMs: 20,
      log: (message) => logs.push(message),
      records: { recordCard: () => Promise.reject(new Error('database down')) },
    });
    expect(await broken.sync('r1', record.binding, target(1, ['g2']))).toEqual({
      recorded: null,
      sent: 1,
      failed: true,
      deferred: 0,
    });
    expect(logs).toEqual(['recording the card of record r1 failed']);
  });
});

describe("a tool's one-mark record", () => {
  const fresh = () => newBinding({ activityId: 'act', expiresAt: NOW + HOUR }, 0);
  const withOneMark = (answers: Answer[], to: CardTarget) => setup(answers, to, fresh(), true);

  it('records a sync that only marked the member it was sent to mark through the one-mark record', async () => {
    const { cards, sent, syncs, marks, record } = withOneMark([], target(1, ['g1']));
    const synced = await cards.sync('r1', record.binding, record.target, undefined, {
      memberId: 'g1',
      premise: 'holds',
    });
    expect(sent).toHaveLength(1);
    expect(marks).toEqual([['r1', 'act', 'g1', 'holds']]);
    expect(syncs).toEqual([]);
    expect(synced).toEqual({ recorded: record, sent: 1, failed: false, deferred: 0 });
    expect(record.binding.shown.doneMemberIds).toEqual(['g1']);
  });

  it('records the whole sync when the one-mark record declines', async () => {
    const { cards, syncs, marks, record } = withOneMark([], target(1, ['g1']));
    await cards.sync('r1', record.binding, record.target, undefined, { memberId: 'g1', premise: 'gone' });
    expect(marks).toEqual([['r1', 'act', 'g1', 'gone']]);
    expect(syncs).toHaveLength(1);
    expect(record.binding.shown).toMatchObject({ version: 1, doneMemberIds: ['g1'] });
  });

  it('records the whole sync when it did more than mark that member, or was given no member', async () => {
    for (const [to, memberId] of [
      [target(1, ['g1', 'g2']), 'g1'],
      [target(2, ['g1']), 'g1'],
      [target(1, ['g2']), 'g1'],
    ] as const) {
      const { cards, syncs, marks, record } = withOneMark([], to);
      await cards.sync('r1', record.binding, record.target, undefined, { memberId, premise: 'holds' });
      expect(marks).toEqual([]);
      expect(syncs).toHaveLength(1);
    }
    const unnamed = withOneMark([], target(1, ['g1']));
    await unnamed.cards.sync('r1', unnamed.record.binding, unnamed.record.target);
    expect(unnamed.marks).toEqual([]);
    expect(unnamed.syncs).toHaveLength(1);
  });

  it('records a late answer on the whole record: its place among the calls is unknown', async () => {
    const { cards, stalled, syncs, marks, record } = withOneMark(['stall'], target(1, ['g1']));
    const mark = { memberId: 'g1', premise: 'holds' };
    expect(await cards.sync('r1', record.binding, record.target, undefined, mark)).toMatchObject({ failed: true });
    stalled[0]?.();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(marks).toEqual([]);
    expect(syncs.map((sync) => sync.version)).toEqual([0, null]);
    expect(record.binding.shown.doneMemberIds).toEqual(['g1']);
  });
});

describe('card sync within a deadline', () => {
  it('starts no call that could end after `until`, records what was accepted, and leaves the rest to the next sync', async () => {
    // 250 members to mark: three calls of at most 100 (kit/core/card.ts MAX_PARTICIPATORS_PER_CALL).
    const members = Array.from({ length: 250 }, (_, i) => `g${i}`);
    let wall = 1000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => wall);
    try {
      const sent: SetChatToolMsgBody[] = [];
      const memory = memoryRecords(newBinding({ activityId: 'act', expiresAt: NOW + HOUR }, 0), target(1, members));
      const cards = createCardSync({
        platform: {
          createCard: () => Promise.reject(new Error('not used')),
          async updateCard(body) {
            sent.push(body);
            wall += 10;
          },
        },
        clock: { now: () => NOW },
        timeoutMs: 20,
        log: () => undefined,
        records: memory.records,
      });
      const { record, syncs } = memory;
      // Calls start at 1000 and 1010 (their time-outs end by 1020 and 1030); at 1020 one could end at 1040 > 1035.
      expect(await cards.sync('r1', record.binding, record.target, 1035)).toMatchObject({
        sent: 2,
        failed: false,
        deferred: 1,
      });
      expect(syncs).toHaveLength(1);
      expect(record.binding.shown.doneMemberIds).toHaveLength(200);
      // No time left at all: nothing sent and nothing to record.
      expect(await cards.sync('r1', record.binding, record.target, wall + 19)).toMatchObject({
        recorded: null,
        sent: 0,
        deferred: 1,
      });
      expect(syncs).toHaveLength(1);
      // The next sync sends only the members not yet accepted.
      expect(await cards.sync('r1', record.binding, record.target, wall + 1000)).toMatchObject({
        sent: 1,
        deferred: 0,
      });
      const marked = sent.flatMap((body) => (body.participator_info_list ?? []).map((p) => p.group_openid));
      expect(marked).toEqual(members);
    } finally {
      now.mockRestore();
    }
  });
});

describe('new activity_ids', () => {
  it('creates one, or refuses with PLATFORM_FAILED and the message that says what was kept', async () => {
    const { cards } = setup([], target(1));
    expect(await cards.newActivity('kept')).toEqual({
      ok: true,
      data: { activityId: 'new', expiresAt: NOW + 24 * HOUR },
    });
    const logs: string[] = [];
    const refusing = createCardSync({
      platform: {
        createCard: () => Promise.reject(new PlatformError(-1, 'busy')),
        updateCard: () => Promise.resolve(),
      },
      clock: { now: () => NOW },
      timeoutMs: 20,
      log: (message) => logs.push(message),
      records: { recordCard: async () => null },
    });
    expect(await refusing.newActivity('nothing was saved')).toEqual({
      ok: false,
      error: { code: 'PLATFORM_FAILED', message: 'nothing was saved' },
    });
    expect(logs).toEqual(['createCard failed']);
  });
});
