// The timer shares its runs fairly (cards that keep failing cannot starve a task whose deadline comes), keeps a
// bounded number of WeChat calls in flight, and checks its budget before each call: a card the budget cut short is
// finished by the next run, without re-sending what WeChat accepted.
import type { SetChatToolMsgBody } from 'chat-tool-kit';
import { newBinding } from 'chat-tool-kit';
import { createGroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createTaskStore, ROOM_MEMBERS } from '../../../cloudfunctions/groupTask/src/task-store';
import { SWEEP_LIMIT } from '../../../cloudfunctions/groupTask/src/timer';
import { memberBindings } from '../../../kit/server/member-bindings';
import type { ChatPlatform } from '../../../kit/server/ports';
import { sqliteDocuments } from '../../../kit/server/store/sqlite';
import { createTask } from '../../../packageChatTool/core/task';
import { everyoneDraft, HOUR, makeWorld, must, NOW } from './world';

describe('the timer', () => {
  it('reaches every due task within two runs, even behind more than a run of failing cards', async () => {
    const world = makeWorld('sqlite', 3);
    const [creator, member] = [world.creator, world.members[1]!];
    // Cards never shared: every update fails, so these stay due until their activity_id expires.
    for (let i = 0; i < SWEEP_LIMIT + 5; i += 1) {
      const { task } = must(await world.call(creator, 'createTask', { envVersion: 'release', task: everyoneDraft() }));
      must(await world.call(member, 'join', { taskId: task.id }));
    }
    world.clock.now += 1;
    const soon = must(
      await world.call(creator, 'createTask', {
        envVersion: 'release',
        task: everyoneDraft({ deadline: world.clock.now + HOUR / 2 }),
      }),
    );
    const first = await world.backend.runTimer();
    const second = await world.backend.runTimer();
    expect(first).toMatchObject({ looked: SWEEP_LIMIT });
    expect(second).toMatchObject({ looked: SWEEP_LIMIT });
    expect(must(await world.call(creator, 'getTask', { taskId: soon.task.id })).state).toBe('closingSoon');
    world.close();
    // A run's worth of tasks, each created and joined through the function.
  }, 60_000);
});

/** The group task function on SQLite with a fake platform, and tasks whose cards lag behind `joined` sign-ups each. */
async function lagging(updateCard: ChatPlatform['updateCard'], tasks: number, joined: number, timer: object) {
  const documents = sqliteDocuments(':memory:');
  const store = createTaskStore(documents);
  const refuse = () => Promise.reject(new Error('not used by the timer'));
  const groupTask = createGroupTask({
    tasks: store,
    bindings: memberBindings(documents, ROOM_MEMBERS),
    platform: { updateCard, createCard: refuse, resolveChat: refuse, checkText: refuse },
    clock: { now: () => NOW },
    newId: () => 'unused',
    cardSyncTimeoutMs: 20,
    log: () => undefined,
    ...timer,
  });
  for (let t = 0; t < tasks; t += 1) {
    const task = createTask({
      id: `t${t}`,
      draft: { title: '接龙', kind: 'participate', audience: { kind: 'everyone' } },
      room: { id: 'room', chatType: 3 },
      creator: { userId: 'oCreator', memberId: 'gCreator' },
      card: newBinding({ activityId: `a${t}`, expiresAt: NOW + 24 * HOUR }, 0),
      now: NOW,
    });
    await store.insert(task);
    // Straight into the store: no sync ran, so the card shows none of them.
    for (let n = 0; n < joined; n += 1)
      must(await store.join(task.id, 'room', { userId: `o${n}`, memberId: `g${n}` }, NOW));
  }
  return { groupTask, close: () => documents.close() };
}

const marksOf = (bodies: SetChatToolMsgBody[]) =>
  bodies.flatMap((body) => (body.participator_info_list ?? []).map((p) => p.group_openid));

describe('the timer, many cards at once', () => {
  it('never has more WeChat calls in flight than its concurrency, and brings every card in line', async () => {
    let inFlight = 0;
    let most = 0;
    const sent: SetChatToolMsgBody[] = [];
    const { groupTask, close } = await lagging(
      async (body) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        sent.push(body);
        await new Promise((resolve) => setTimeout(resolve, 3));
        inFlight -= 1;
      },
      12,
      2,
      // A time-out no loaded machine reaches, and a budget that keeps that time-out in reserve for every visit (a
      // visit starts only while a call's time-out still fits): this test is about the bound, not late answers or budget.
      { timerConcurrency: 3, cardSyncTimeoutMs: 5_000, sweepBudgetMs: 60_000 },
    );
    expect(await groupTask.sweep()).toMatchObject({ looked: 12, cardUpdates: 12, cardFailures: 0, cardsDeferred: 0 });
    expect(most).toBe(3);
    expect(new Set(sent.map((body) => body.activity_id)).size).toBe(12);
    expect(await groupTask.sweep()).toMatchObject({ looked: 0 });
    await close();
  });

  it('checks the budget before each call on a 500-member card; the next run sends only the rest', async () => {
    let wall = 10_000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => wall);
    try {
      const sent: SetChatToolMsgBody[] = [];
      // Each call takes 10 ms of wall time; a call may start while its 20 ms time-out fits in the budget of 45 ms.
      const { groupTask, close } = await lagging(
        async (body) => {
          sent.push(body);
          wall += 10;
        },
        1,
        500,
        { sweepBudgetMs: 45 },
      );
      const started = wall;
      // Calls at +0, +10 and +20 fit (their time-outs end by +40); one at +30 could end at +50, past +45.
      expect(await groupTask.sweep()).toMatchObject({ looked: 1, cardUpdates: 3, cardsDeferred: 1 });
      expect(wall - started).toBeLessThanOrEqual(45);
      expect(marksOf(sent)).toHaveLength(300);
      expect(await groupTask.sweep()).toMatchObject({ looked: 1, cardUpdates: 2, cardsDeferred: 0 });
      // Every member marked exactly once, in sign-up order; then nothing is due.
      expect(marksOf(sent)).toEqual(Array.from({ length: 500 }, (_, n) => `g${n}`));
      expect(await groupTask.sweep()).toMatchObject({ looked: 0 });
      await close();
    } finally {
      now.mockRestore();
    }
  });
});
