// A chat with members, the local backend on a chosen store, and typed calls as any member.
import type { ActionName, Actions, ApiResult, MemberList, ParticipantView } from '../../../packageChatTool/core/api';
import type { TaskRepository } from '../../../cloudfunctions/groupTask/src/ports';
import type { Member } from '../../../kit/core/chat';
import { createTaskStore } from '../../../cloudfunctions/groupTask/src/task-store';
import type { MemoryCloudbase, MemoryCloudbaseOptions } from '../../../emulator/cloudbase-memory';
import { createLocalBackend } from '../../../local';
import type { EmulatedMember, LocalBackend, LocalBackendOptions } from '../../../local';
import { storeOf, type StoreKind } from '../../harness/stores';

// Shared with the store contract, which cannot import this module: loading the emulator's in-memory
// CloudBase locks the SDK's transport, and the contract also runs against a real environment.
import { must, NOW } from './store-contract';
export { codeOf, HOUR, must, NOW } from './store-contract';
export const MINUTE = 60_000;

export { STORES, type StoreKind } from '../../harness/stores';

export interface World {
  backend: LocalBackend;
  clock: { now: number };
  roomId: string;
  members: EmulatedMember[];
  creator: EmulatedMember;
  call<A extends ActionName>(
    who: EmulatedMember,
    action: A,
    body: Omit<Actions[A]['request'], 'chatProof'>,
  ): Promise<ApiResult<Actions[A]['response']>>;
  /** A call with the raw payload, as a hostile client could send it. */
  raw(who: { openid: string }, data: unknown): Promise<ApiResult<unknown>>;
  /** The function's repository (as wrapped), e.g. to store a task built in memory. */
  tasks: TaskRepository;
  /** The offline CloudBase database behind the 'cloudbase' store (null on SQLite): its request and byte counts. */
  memory: MemoryCloudbase | null;
  close(): void;
}

/**
 * `wrap` stands between the function and the store, e.g. to make one of its methods fail; `database` sets the
 * offline CloudBase database's switches (latency, get() cap) for the 'cloudbase' store.
 */
export function makeWorld(
  store: StoreKind,
  memberCount = 5,
  cardSyncTimeoutMs = 200,
  wrap = (tasks: TaskRepository): TaskRepository => tasks,
  database: MemoryCloudbaseOptions = {},
  local: LocalBackendOptions = {},
): World {
  const clock = { now: NOW };
  const { documents, memory } = storeOf(store, database);
  const tasks = wrap(createTaskStore(documents));
  // The member bindings share the world's store.
  const backend = createLocalBackend({ ...local, now: () => clock.now, documents, tasks, cardSyncTimeoutMs });
  const room = backend.wechat.createRoom({ name: 'Test chat' });
  const members = Array.from({ length: memberCount }, (_, i) =>
    backend.wechat.addMember(room.id, { nickname: `M${i}` }),
  );
  const creator = members[0];
  if (creator === undefined) throw new Error('a world needs members');
  return {
    backend,
    clock,
    roomId: room.id,
    members,
    creator,
    call: async (who, action, body) =>
      (await backend.callFunction(who, {
        action,
        chatProof: backend.wechat.issueCloudId(who),
        ...body,
      })) as ApiResult<Actions[typeof action]['response']>,
    raw: async (who, data) => (await backend.callFunction(who, data)) as ApiResult<unknown>,
    tasks,
    memory,
    close: () => {
      backend.close();
      void documents.close();
    },
  };
}

/** Waits until `condition` holds (late answers are recorded asynchronously), failing after two seconds. */
export async function until(condition: () => Promise<boolean>, what: string): Promise<void> {
  const stopAt = Date.now() + 2000;
  while (!(await condition())) {
    if (Date.now() >= stopAt) throw new Error(`still waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const everyoneDraft = (extra: object = {}) => ({
  title: '周六爬山',
  kind: 'participate' as const,
  audience: { kind: 'everyone' as const },
  ...extra,
});

/** The creator publishes a task for everyone with `capacity` places and shares its card; its id. */
export async function publishedTask(world: World, capacity: number): Promise<string> {
  const { creator, call, backend } = world;
  const created = must(await call(creator, 'createTask', { envVersion: 'release', task: everyoneDraft({ capacity }) }));
  backend.wechat.shareCard(creator, created.share);
  return created.task.id;
}

/**
 * A whole member list as the task page reaches it: the first page of getTask, then listMembers page by page until
 * `next` is null. Fails on a member seen twice.
 */
export async function wholeList(
  world: Pick<World, 'call'>,
  who: EmulatedMember,
  taskId: string,
  list: MemberList,
): Promise<ParticipantView[]> {
  const first = must(await world.call(who, 'getTask', { taskId }))[list];
  const items = [...first.items];
  for (let next = first.next; next !== null;) {
    const page = must(await world.call(who, 'listMembers', { taskId, list, after: next }));
    items.push(...page.items);
    next = page.next;
  }
  const ids = items.map((item) => item.memberId);
  if (new Set(ids).size !== ids.length) throw new Error(`a member came twice in ${list}`);
  return items;
}

/** An emulated WeChat member as the domain knows them: the openid as user id, the group_openid as member id. */
export const memberOf = ({ openid, groupOpenid }: EmulatedMember): Member => ({
  userId: openid,
  memberId: groupOpenid,
});
