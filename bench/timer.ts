// Timer benchmark (issue 10 item 2): how long the group task's timer takes to bring 10,000 lagging cards in line
// when WeChat answers setChatToolMsg in 200 ms, the longest single run on a 500-member task whose card fell
// behind, and the due query's cost as ended tasks pile up. Run: npm run bench:backend (or npx tsx bench/timer.ts).
//
// Time is scaled, not faked: every wall-clock figure of the run (WeChat's answer time, the card calls' time-out, the
// run's budget) is divided by SCALE and the sweep really runs, on the SQLite store, that many times; the runs it
// took are counted and multiplied by the trigger's period. Store work is not scaled, so the figures err long.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { SetChatToolMsgBody } from 'chat-tool-kit';
import { newBinding } from 'chat-tool-kit';
import { createGroupTask } from '../cloudfunctions/groupTask/src/actions';
import type { TaskDocument } from '../cloudfunctions/groupTask/src/task-store';
import { createTaskStore, ROOM_MEMBERS, TASK_INDEXES, TASKS } from '../cloudfunctions/groupTask/src/task-store';
import { SWEEP_LIMIT } from '../cloudfunctions/groupTask/src/timer';
import { memberBindings } from '../kit/server/member-bindings';
import { CARD_SYNC_TIMEOUT_MS } from '../kit/server/production';
import { SWEEP_BUDGET_MS, SWEEP_CONCURRENCY } from '../kit/server/sweep';
import { sqliteDocuments } from '../kit/server/store/sqlite';
import { createTask } from '../packageChatTool/core/task';
import type { Task } from '../packageChatTool/core/types';

/** Wall time is divided by this: 200 ms answers take 20 ms, the 6 s budget 600 ms. */
const SCALE = 10;
/** The timer trigger's period, from config.json's cron (second 0 of every minute, or of every n-th minute). */
function triggerPeriodMs(): number {
  const config = JSON.parse(readFileSync(join(__dirname, '../cloudfunctions/groupTask/config.json'), 'utf8')) as {
    triggers: { config: string }[];
  };
  const cron = config.triggers[0]?.config ?? '';
  const every = /^0 (\*|\*\/(\d+)) \* \* \* \* \*$/.exec(cron);
  if (every === null) throw new Error(`the bench reads only minute periods, not "${cron}"`);
  return Number(every[2] ?? 1) * 60_000;
}
const PERIOD_MS = triggerPeriodMs();
const NOW = Date.UTC(2026, 0, 1, 8, 0, 0);
const HOUR = 3_600_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;

function newTask(id: string, changes: Partial<Task> = {}): Task {
  return {
    ...createTask({
      id,
      draft: { title: '接龙', kind: 'participate', audience: { kind: 'everyone' } },
      room: { id: 'room', chatType: 3 },
      creator: { userId: 'oCreator', memberId: 'gCreator' },
      card: newBinding({ activityId: `a${id}`, expiresAt: NOW + 24 * HOUR }, 0),
      now: NOW,
    }),
    ...changes,
  };
}

/** The group task function on SQLite, WeChat answering every call after `answerMs` of (scaled) wall time. */
function timerWorld(answerMs: number) {
  const documents = sqliteDocuments(':memory:');
  const store = createTaskStore(documents);
  const sent: SetChatToolMsgBody[] = [];
  const refuse = () => Promise.reject(new Error('not used by the timer'));
  const groupTask = createGroupTask({
    tasks: store,
    bindings: memberBindings(documents, ROOM_MEMBERS),
    platform: {
      async updateCard(body) {
        sent.push(body);
        await sleep(answerMs / SCALE);
      },
      createCard: refuse,
      resolveChat: refuse,
      checkText: refuse,
    },
    clock: { now: () => NOW },
    newId: () => 'unused',
    cardSyncTimeoutMs: CARD_SYNC_TIMEOUT_MS / SCALE,
    sweepBudgetMs: SWEEP_BUDGET_MS / SCALE,
    log: () => undefined,
  });
  /** Runs the timer until nothing is due; each run's report and its wall time, scaled back. */
  async function untilInLine() {
    const runs: { looked: number; cardUpdates: number; ms: number }[] = [];
    for (;;) {
      const started = performance.now();
      const report = await groupTask.sweep();
      if (!('looked' in report)) throw new Error(`the timer failed: ${JSON.stringify(report)}`);
      if (report.looked === 0) return runs;
      runs.push({ looked: report.looked, cardUpdates: report.cardUpdates, ms: (performance.now() - started) * SCALE });
    }
  }
  return { store, sent, untilInLine, close: () => documents.close() };
}

/** `count` tasks whose cards lag behind `joined` sign-ups each (their syncs failed). */
async function laggingTasks(world: ReturnType<typeof timerWorld>, count: number, joined: number): Promise<void> {
  for (let t = 0; t < count; t += 1) {
    const task = newTask(`t${t}`);
    await world.store.insert(task);
    for (let n = 0; n < joined; n += 1) {
      const member = { userId: `o${n}`, memberId: `g${n}` };
      const result = await world.store.join(task.id, 'room', member, NOW);
      if (!result.ok) throw new Error(result.error.message);
    }
  }
}

async function tenThousandCards(): Promise<void> {
  const world = timerWorld(200);
  await laggingTasks(world, 10_000, 1);
  const runs = await world.untilInLine();
  const longest = Math.max(...runs.map((run) => run.ms));
  console.log(
    `\ntimer: 10,000 lagging cards, WeChat answering in 200 ms (time scaled 1/${SCALE}, ${runs.length} real runs)`,
  );
  console.log(
    `  ${SWEEP_CONCURRENCY} calls in flight, budget ${SWEEP_BUDGET_MS / 1000} s, card call time-out ${CARD_SYNC_TIMEOUT_MS / 1000} s, ` +
      `trigger every ${PERIOD_MS / 60_000} min: ${runs.length} runs → every card in line within ${minutes(runs.length * PERIOD_MS)}` +
      ` (target ≤ 60 min)`,
  );
  console.log(
    `  ${Math.round(10_000 / runs.length)} cards per run; calls sent ${world.sent.length}; longest run ${(longest / 1000).toFixed(2)} s`,
  );
  await world.close();
}

async function bigCardBehind(answerMs: number): Promise<void> {
  const world = timerWorld(answerMs);
  await laggingTasks(world, 1, 500);
  const runs = await world.untilInLine();
  const marks = world.sent.flatMap((body) => body.participator_info_list ?? []).length;
  const longest = Math.max(...runs.map((run) => run.ms));
  console.log(
    `  500-member card behind, WeChat answering in ${answerMs} ms: ${runs.length} run(s), longest ${(longest / 1000).toFixed(2)} s ` +
      `of the ${SWEEP_BUDGET_MS / 1000} s budget (${longest <= SWEEP_BUDGET_MS ? 'within' : 'PAST'}); ${world.sent.length} calls, ` +
      `${marks} marks for 500 members`,
  );
  await world.close();
}

/** `total` stored tasks of which all but `due` are ended with their cards in line: the due query's cost. */
async function dueQuery(total: number, due: number): Promise<void> {
  const documents = sqliteDocuments(':memory:');
  const store = createTaskStore(documents);
  const ended = newTask('x').card;
  const endedCard = { ...ended, shown: { ...ended.shown, state: 3 as const } };
  for (let t = 0; t < total; t += 1) {
    const late = t < due;
    await store.insert(
      newTask(
        `t${t}`,
        late ? { deadline: NOW - HOUR } : { state: 'ended', card: { ...endedCard, activityId: `a${t}` } },
      ),
    );
  }
  const time = async (query: () => Promise<unknown[]>, repeats: number) => {
    let found = (await query()).length;
    const started = performance.now();
    for (let r = 0; r < repeats; r += 1) found = (await query()).length;
    return { ms: (performance.now() - started) / repeats, found };
  };
  const indexed = await time(() => store.dueForTimer(NOW, SWEEP_LIMIT), 200);
  // The query before the index, for comparison: every task's state, deadline and card read, ended ones included.
  const tasks = documents.collection<TaskDocument>(TASKS, { indexes: TASK_INDEXES });
  const scanned = await time(
    () =>
      tasks.find({
        where: {
          or: [
            { state: { in: ['open', 'closingSoon'] }, deadline: { lte: NOW + HOUR } },
            { cardDirty: true, 'card.expiresAt': { gt: NOW } },
          ],
        },
        orderBy: { path: 'sweptAt', order: 'asc' },
        limit: SWEEP_LIMIT,
        fields: ['_id'],
      }),
    3,
  );
  console.log(
    `  ${total.toLocaleString('en')} stored, ${due} due: ${indexed.ms.toFixed(2)} ms through the index (${indexed.found} found); ` +
      `${scanned.ms.toFixed(2)} ms for the same tasks without it`,
  );
  await documents.close();
}

export async function benchTimer(): Promise<void> {
  await tenThousandCards();
  await bigCardBehind(200);
  await bigCardBehind(2000);
  console.log('\ntimer due query (SQLite; the offline CloudBase database has no indexes, so it is not measured):');
  await dueQuery(10_000, 100);
  await dueQuery(160_000, 100);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename)) {
  benchTimer().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
