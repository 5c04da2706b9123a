// Property tests: random action sequences (some concurrent) and random payloads never break the rules.
import fc from 'fast-check';
import type { ApiResult, CardShare } from '../../../packageChatTool/core/api';
import { ERROR_CODES } from '../../../packageChatTool/core/api';
import { TARGET_STATE } from '../../../packageChatTool/core/task';
import { TASK_ACTIONS } from '../../../packageChatTool/core/task-actions';
import { HOUR, makeWorld, MINUTE, must, wholeList } from './world';
import type { StoreKind, World } from './world';

jest.setTimeout(120_000);

const OPS = [
  'join',
  'join',
  'join',
  'leave',
  'leave',
  'note',
  'get',
  'pending',
  'closingSoon',
  'end',
  'renew',
  'timer',
  'advance',
  'failOn',
  'failOff',
  'stallOnce',
  'release',
] as const;
type Op = (typeof OPS)[number];
interface Step {
  who: number;
  op: Op;
}

function isApiResult(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'data' in value;
  return (
    value.ok === false &&
    'error' in value &&
    typeof value.error === 'object' &&
    value.error !== null &&
    'code' in value.error &&
    (ERROR_CODES as readonly unknown[]).includes(value.error.code) &&
    'message' in value.error &&
    typeof value.error.message === 'string'
  );
}

/** The card the task's latest renewal handed out, and the activity_ids shared to the chat. */
interface Cards {
  current: string;
  shared: Set<string>;
}

function share(world: World, cards: Cards, card: CardShare): void {
  try {
    world.backend.wechat.shareCard(world.creator, card);
    cards.shared.add(card.activityId);
  } catch {
    // Refused (e.g. the id expired, or a reading refuses a second share): the chat keeps what it had.
  }
}

async function step(world: World, taskId: string, cards: Cards, { who, op }: Step): Promise<unknown> {
  const index = who % world.members.length;
  const member = world.members[index]!;
  const { wechat } = world.backend;
  switch (op) {
    case 'join':
      return world.call(member, 'join', { taskId, note: who % 2 === 0 ? '' : noteOf(index, who) });
    case 'note':
      return world.call(member, 'setNote', { taskId, note: noteOf(index, who) });
    case 'leave':
      return world.call(member, 'leave', { taskId });
    case 'get':
      return world.call(member, 'getTask', { taskId });
    case 'pending':
      return world.call(who % 2 === 0 ? world.creator : member, 'pendingMembers', { taskId });
    case 'closingSoon':
      return world.call(who % 2 === 0 ? world.creator : member, 'markClosingSoon', { taskId });
    case 'end':
      return who % 3 === 0
        ? world.call(world.creator, 'endTask', { taskId })
        : world.call(member, 'endTask', { taskId });
    case 'renew': {
      const renewed = await world.call(world.creator, 'renewCard', { taskId });
      if (renewed.ok) {
        cards.current = renewed.data.share.activityId;
        share(world, cards, renewed.data.share);
      }
      return renewed;
    }
    case 'timer':
      return world.backend.runTimer();
    case 'advance':
      world.clock.now += (who + 1) * 20 * MINUTE;
      return null;
    case 'failOn':
      wechat.setFault('setChatToolMsg', { mode: 'fail' });
      return null;
    case 'failOff':
      wechat.setFault('setChatToolMsg', null);
      return null;
    case 'stallOnce':
      wechat.setFault('setChatToolMsg', { mode: 'stall', times: 1 });
      return null;
    case 'release':
      wechat.releaseStalled();
      return null;
  }
}

/** A note member `index` writes: it names its author, so a note on anyone else's entry is caught. */
const noteOf = (index: number, who: number) => `m${index}:${who}`;

/** The view, its whole lists (page by page) and the list summary agree, and the rules hold on them. */
async function checkInvariants(world: World, taskId: string, capacity: number | null, everEnded: boolean) {
  const view = must(await world.call(world.creator, 'getTask', { taskId }));
  const participants = await wholeList(world, world.creator, taskId, 'participants');
  const waitlist = await wholeList(world, world.creator, taskId, 'waitlist');
  const summary = must(await world.call(world.creator, 'listRoomTasks', {})).items[0]!;
  const people = [...participants, ...waitlist].map((p) => p.memberId);
  expect(new Set(people).size).toBe(people.length);
  for (const { memberId, note } of [...participants, ...waitlist]) {
    const index = world.members.findIndex((member) => member.groupOpenid === memberId);
    if (note !== '') expect(note).toMatch(new RegExp(`^m${index}:`));
  }
  expect(view.counts).toMatchObject({ joined: participants.length, waitlisted: waitlist.length });
  if (capacity !== null) expect(participants.length).toBeLessThanOrEqual(capacity);
  if (waitlist.length > 0) expect(participants.length).toBe(capacity);
  if (everEnded) expect(view.state).toBe('ended');
  expect(summary.done).toBe(participants.length);
  return { view, participants };
}

function sequences(store: StoreKind, numRuns: number) {
  it(`keeps count == participants ≤ capacity, no one twice, ended ended, no exception (${store})`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          kind: fc.constantFrom('participate' as const, 'complete' as const),
          capacity: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }),
          deadlineHours: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
          batches: fc.array(
            fc.array(fc.record({ who: fc.nat(7), op: fc.constantFrom(...OPS) }), { minLength: 1, maxLength: 3 }),
            {
              maxLength: 12,
            },
          ),
        }),
        async ({ kind, capacity, deadlineHours, batches }) => {
          // Every card record the function writes, so the end can wait for the late ones to land.
          const recording = new Set<Promise<unknown>>();
          const world = makeWorld(store, 7, 20, (tasks) => ({
            ...tasks,
            recordCard(...args) {
              const write = tasks.recordCard(...args);
              recording.add(write);
              const done = () => recording.delete(write);
              write.then(done, done);
              return write;
            },
          }));
          try {
            const cap = kind === 'complete' ? null : capacity;
            const created = must(
              await world.call(world.creator, 'createTask', {
                envVersion: 'release',
                task: {
                  title: '随机任务',
                  kind,
                  audience: { kind: 'everyone' },
                  capacity: cap,
                  deadline: deadlineHours === null ? null : world.clock.now + deadlineHours * HOUR,
                },
              }),
            );
            const cards: Cards = { current: created.share.activityId, shared: new Set() };
            share(world, cards, created.share);
            const taskId = created.task.id;
            let everEnded = false;
            for (const batch of batches) {
              const results = await Promise.all(batch.map((s) => step(world, taskId, cards, s)));
              for (const [i, result] of results.entries()) {
                if (batch[i]!.op === 'timer') expect(result).toMatchObject({ looked: expect.any(Number) });
                else if (result !== null) expect(isApiResult(result)).toBe(true);
              }
              const { view } = await checkInvariants(world, taskId, cap, everEnded);
              everEnded ||= view.state === 'ended';
            }
            // Once WeChat answers again and every late answer has landed, one timer run brings the live card in
            // line with the task, and what each member is told about their card is what WeChat shows them.
            const { wechat } = world.backend;
            wechat.setFault('setChatToolMsg', null);
            wechat.releaseStalled();
            // Late answers are recorded as they come, some event-loop turns after the release: wait until every
            // record the function started has landed (a record may start while another lands).
            await new Promise((resolve) => setImmediate(resolve));
            while (recording.size > 0) {
              await Promise.allSettled([...recording]);
              await new Promise((resolve) => setImmediate(resolve));
            }
            await world.backend.runTimer();
            const view = must(await world.call(world.creator, 'getTask', { taskId }));
            const participants = await wholeList(world, world.creator, taskId, 'participants');
            const card = wechat.card(cards.current);
            if (!view.card.expired && card !== undefined && cards.shared.has(cards.current)) {
              expect(card.state).toBe(TARGET_STATE[view.state]);
              if (view.state === 'open') {
                expect(card.done).toEqual(expect.arrayContaining(participants.map((p) => p.memberId)));
              }
              expect(view.card.inSync).toBe(true);
              for (const member of world.members) {
                const seen = must(await world.call(member, 'getTask', { taskId }));
                expect(seen.viewer.cardText).toBe(wechat.cardText(cards.current, member));
              }
            }
          } finally {
            world.close();
          }
        },
      ),
      // Found by a run: a mark that timed out lands after the task turned closing soon, taking the card back to
      // collecting; its late answer must be recorded on the whole record, which then sends closing soon again.
      { numRuns, examples: [[LATE_MARK_AFTER_CLOSING_SOON]] },
    );
  });
}

const LATE_MARK_AFTER_CLOSING_SOON = {
  kind: 'participate' as const,
  capacity: null,
  deadlineHours: null,
  batches: [
    [
      { who: 0, op: 'stallOnce' as const },
      { who: 1, op: 'join' as const },
      { who: 0, op: 'join' as const },
    ],
    [
      { who: 0, op: 'closingSoon' as const },
      { who: 0, op: 'join' as const },
    ],
  ],
};

describe('random action sequences', () => {
  sequences('sqlite', 150);
  sequences('cloudbase', 30);
});

describe('random payloads', () => {
  it('always answer with an ApiResult and change nothing when refused', async () => {
    const world = makeWorld('sqlite', 3);
    const created = must(
      await world.call(world.creator, 'createTask', {
        envVersion: 'release',
        task: { title: '任务', kind: 'participate', audience: { kind: 'everyone' }, capacity: 2 },
      }),
    );
    world.backend.wechat.shareCard(world.creator, created.share);
    const taskId = created.task.id;
    const member = world.members[1]!;
    const validChatProof = () => world.backend.wechat.issueCloudId(member);
    const payload = fc.oneof(
      fc.anything(),
      fc.record(
        {
          action: fc.oneof(fc.constantFrom(...Object.keys(TASK_ACTIONS)), fc.string(), fc.anything()),
          chatProof: fc.oneof(fc.constant('VALID'), fc.string(), fc.anything()),
          taskId: fc.oneof(fc.constant(taskId), fc.string(), fc.anything()),
          envVersion: fc.oneof(fc.constantFrom('develop', 'trial', 'release'), fc.anything()),
          task: fc.oneof(
            fc.record(
              {
                title: fc.oneof(fc.string(), fc.constant('周六爬山'), fc.anything()),
                kind: fc.oneof(fc.constantFrom('participate', 'complete'), fc.anything()),
                audience: fc.oneof(fc.constant({ kind: 'everyone' }), fc.anything()),
                capacity: fc.oneof(fc.integer(), fc.anything()),
                deadline: fc.oneof(fc.integer(), fc.anything()),
              },
              { requiredKeys: [] },
            ),
            fc.anything(),
          ),
          userId: fc.string(),
        },
        { requiredKeys: [] },
      ),
    );
    await fc.assert(
      fc.asyncProperty(payload, async (raw) => {
        const data =
          typeof raw === 'object' && raw !== null && 'chatProof' in raw && raw.chatProof === 'VALID'
            ? { ...raw, chatProof: validChatProof() }
            : raw;
        const before = must(await world.call(world.creator, 'getTask', { taskId }));
        const result = await world.backend.callFunction(member, data);
        expect(isApiResult(result)).toBe(true);
        if (isApiResult(result) && !result.ok) {
          const after = must(await world.call(world.creator, 'getTask', { taskId }));
          expect(after).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    world.close();
  });
});
