// Answers sized for the viewer (issue 10 item 1), measured through the whole groupTask function on the offline
// CloudBase database: the task answer's bytes at 500 joined + 500 waiting, and per step the database requests by
// kind and the bytes of documents read. "seen": the instance has read the member's binding before (the task page's
// getTask came first on it); "never saw": an instance that remembers no binding, with and without the member ticket.
import { newBinding } from 'chat-tool-kit';
import { createTaskStore } from '../cloudfunctions/groupTask/src/task-store';
import type { DatabaseOperation, MemoryCloudbase } from '../emulator/cloudbase-memory';
import { createMemoryCloudbase } from '../emulator/cloudbase-memory';
import { databaseOf } from '../kit/server/sdk';
import { cloudbaseDocuments } from '../kit/server/store';
import type { EmulatedMember, LocalBackend, LocalBackendOptions } from '../local';
import { createLocalBackend } from '../local';
import type { ApiResult, CardShare, TaskView } from '../packageChatTool/core/api';
import { createTask } from '../packageChatTool/core/task';
import type { Participant } from '../packageChatTool/core/types';

const JOINED = 500;
const WAITING = 500;
const NOW = Date.now();

/** A member of WeChat's id lengths (an userId has 28 characters), seeded into a list without signing up. */
const seeded = (n: number): Participant => ({
  userId: `oSeed${n}`.padEnd(28, 'x'),
  memberId: `gSeed${n}`.padEnd(28, 'x'),
  at: NOW + n,
});

interface Step {
  requests: Record<DatabaseOperation, number>;
  bytesRead: number;
  answerBytes: number;
}

async function step(memory: MemoryCloudbase, call: () => Promise<unknown>): Promise<Step> {
  const before = memory.requestsByKind();
  const read = memory.bytesReturned();
  const answer = (await call()) as ApiResult<unknown>;
  if (!answer.ok) throw new Error(`${answer.error.code} ${answer.error.message}`);
  const after = memory.requestsByKind();
  const requests = Object.fromEntries(
    Object.entries(after).map(([kind, n]) => [kind, n - before[kind as DatabaseOperation]]),
  ) as Record<DatabaseOperation, number>;
  return {
    requests,
    bytesRead: memory.bytesReturned() - read,
    answerBytes: Buffer.byteLength(JSON.stringify(answer.data)),
  };
}

const kinds = ({ requests }: Step) => {
  const total = Object.values(requests).reduce((sum, n) => sum + n, 0);
  const parts = Object.entries(requests).filter(([, n]) => n > 0);
  return `${total} (${parts.map(([kind, n]) => `${n} ${kind}`).join(', ')})`;
};
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** An instance of the function on its own offline database, in a chat of 8 members. */
function setUp(options: LocalBackendOptions = {}) {
  const memory = createMemoryCloudbase();
  const documents = cloudbaseDocuments(databaseOf(memory.database));
  const tasks = createTaskStore(documents);
  const backend: LocalBackend = createLocalBackend({ ...options, documents, tasks });
  const room = backend.wechat.createRoom({ name: 'bench' });
  const members = Array.from({ length: 8 }, () => backend.wechat.addMember(room.id));
  const [creator] = members;
  if (creator === undefined) throw new Error('no creator');
  const call = (who: EmulatedMember, action: string, body: object = {}) =>
    backend.callFunction(who, { action, chatProof: backend.wechat.issueCloudId(who), ...body });

  /** A task of `joined` + `waiting` members on a real shared card, the named real members first in each list. */
  async function stored(
    capacity: number | null,
    joined: number,
    waiting: number,
    first: { joined?: EmulatedMember[]; waiting?: EmulatedMember[] } = {},
  ): Promise<string> {
    const created = (await call(creator!, 'createTask', {
      envVersion: 'release',
      task: { title: '压测任务', kind: 'participate', audience: { kind: 'everyone' }, capacity: 1 },
    })) as ApiResult<{ task: TaskView; share: CardShare }>;
    if (!created.ok) throw new Error(created.error.message);
    backend.wechat.shareCard(creator!, created.data.share);
    const real = (list: EmulatedMember[] = []): Participant[] =>
      list.map(({ openid, groupOpenid }) => ({ userId: openid, memberId: groupOpenid, at: NOW }));
    const participants = [...real(first.joined), ...Array.from({ length: joined }, (_, n) => seeded(n))];
    const base = createTask({
      id: `bench${capacity ?? 'n'}x${joined}x${waiting}`,
      draft: { title: '压测任务', kind: 'participate', audience: { kind: 'everyone' }, capacity },
      room: { id: room.id, chatType: 3 },
      creator: { userId: creator!.openid, memberId: creator!.groupOpenid },
      card: newBinding(
        { activityId: created.data.share.activityId, expiresAt: created.data.share.activityExpiresAt },
        0,
      ),
      now: NOW,
    });
    await tasks.insert({
      ...base,
      participants,
      waitlist: [...real(first.waiting), ...Array.from({ length: waiting }, (_, n) => seeded(joined + n))],
      card: { ...base.card, shown: { ...base.card.shown, doneMemberIds: participants.map((p) => p.memberId) } },
    });
    return base.id;
  }

  return { memory, tasks, backend, members, call, stored };
}

export async function benchAnswers(): Promise<void> {
  const { memory, tasks, backend, members, call, stored } = setUp();
  const [, m1, , m3, m4, m5] = members as EmulatedMember[];
  // Unlimited places: a sign-up is admitted with 500 + 500 already there.
  const open = await stored(null, JOINED, WAITING);
  // Full: m4 holds the first place and m5 waits first, so m4 leaving promotes m5 (whom the card then marks).
  const full = await stored(JOINED, JOINED - 1, WAITING - 2, { joined: [m4!], waiting: [m5!] });

  const read = await step(memory, () => call(m1!, 'getTask', { taskId: open }));
  const again = await step(memory, () => call(m1!, 'getTask', { taskId: open }));
  const seen = await step(memory, () => call(m1!, 'join', { taskId: open }));
  // An instance that remembers no binding, as a fresh one: the member's client presents the ticket an earlier
  // answer gave it (docs/backend.md, "Identity model"), or none.
  const fresh = setUp({ bindingsRemembered: 0 });
  const [, f1, f2] = fresh.members as EmulatedMember[];
  const freshTask = await fresh.stored(null, JOINED, WAITING);
  const { memberTicket } = (await fresh.call(f1!, 'getTask', { taskId: freshTask })) as { memberTicket?: string };
  const cold = await step(fresh.memory, () => fresh.call(f1!, 'join', { taskId: freshTask, memberTicket }));
  await fresh.call(f2!, 'getTask', { taskId: freshTask });
  const coldWithout = await step(fresh.memory, () => fresh.call(f2!, 'join', { taskId: freshTask }));
  await call(m3!, 'getTask', { taskId: full });
  const waitlisted = await step(memory, () => call(m3!, 'join', { taskId: full }));
  await call(m4!, 'getTask', { taskId: full });
  const left = await step(memory, () => call(m4!, 'leave', { taskId: full }));
  const whole = await step(memory, () => tasks.get(open).then((task) => ({ ok: true, data: task })));

  console.log(
    `\nanswers and database costs at ${JOINED} joined + ${WAITING} waiting (CloudBase offline, whole function)`,
  );
  console.log(`  task answer: getTask ${again.answerBytes} bytes, join ${seen.answerBytes} bytes (at most 4,096)`);
  console.log(`  getTask: first presentation ${kinds(read)}; again ${kinds(again)}, ${kb(again.bytesRead)} read`);
  console.log(`  admitted sign-up, member seen by the instance: ${kinds(seen)}, ${kb(seen.bytesRead)} read`);
  console.log(
    `  admitted sign-up, instance never saw the member, ticket presented: ${kinds(cold)}, ${kb(cold.bytesRead)} read`,
  );
  console.log(
    `  the same with no ticket presented (as when MEMBER_TICKET_KEY is unset): ${kinds(coldWithout)}, ${kb(coldWithout.bytesRead)} read`,
  );
  console.log(`  waitlisted sign-up: ${kinds(waitlisted)}, ${kb(waitlisted.bytesRead)} read`);
  console.log(`  leave promoting the first waiting: ${kinds(left)}, ${kb(left.bytesRead)} read`);
  console.log(`  (the whole task document, for comparison: ${kb(whole.bytesRead)})`);
  backend.close();
  fresh.backend.close();
}
