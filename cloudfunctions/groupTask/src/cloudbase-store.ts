// The production task store on the CloudBase database. CloudBase transactions are single-document and a
// busy task conflicts inside them, so every change is ONE conditional update of the task document,
// `where({ _id, ...guards }).update()`, confirmed through stats.updated and retried when a guard failed.
// Sign-ups use atomic operators (push/inc) guarded by the very conditions core/task.ts checked, so
// concurrent sign-ups never overwrite each other; rarer changes compare-and-set the revision.
import type { ApiResult } from '../../../packageChatTool/core/api';
import type { CardSync } from 'chat-tool-kit';
import { cardAfter, cardInSync, markedBy } from 'chat-tool-kit';
import { fail, ok } from '../../../packageChatTool/core/result';
import type { JoinOutcome } from '../../../packageChatTool/core/task';
import { cardTargetOf, CLOSING_SOON_BEFORE_MS, inRoom, leaveTask, peopleOf } from '../../../packageChatTool/core/task';
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import type { Member, Participant, Task } from '../../../packageChatTool/core/types';
import type { TaskListing } from '../../../packageChatTool/core/view';
import { expectedCount, listing } from '../../../packageChatTool/core/view';
import type { TaskRepository } from './ports';
import { OutcomeUnknownError } from '../../../kit/server/outcome';
import { joinRule, ruleSteps } from './task-steps';
import type { CloudDatabase, DbQuery } from '../../../kit/server/store/cloudbase';

export type { CloudDatabase } from '../../../kit/server/store/cloudbase';

type Condition = Record<string, unknown>;

/** The stored task: the domain task plus the fields its queries and guards need. */
export interface TaskDocument extends Task {
  _id: string;
  participantCount: number;
  waitlistCount: number;
  /** openids of the creator, participants and waitlist: listMyTasks. */
  people: string[];
  /** True while the card lags behind the task: the timer's retry list. */
  cardDirty: boolean;
  /** For lists, which never load member lists: the chosen members' count. */
  audienceSize: number | null;
  /** When the timer last looked at the task (0: never): its round-robin order. */
  sweptAt: number;
}

/** What list queries load of a task document (a few hundred bytes, whatever the number of members). */
type ListedDocument = Pick<
  TaskDocument,
  '_id' | 'id' | 'title' | 'kind' | 'state' | 'deadline' | 'capacity' | 'createdAt' | 'participantCount'
> &
  Pick<TaskDocument, 'audienceSize'> & {
    room: { id: string };
    creator: { openid: string };
    audience: { kind: Task['audience']['kind'] };
  };

/** Where one member stands in a list of tasks: the ids of those they signed up for or wait for. */
interface Standing {
  joined: Set<string>;
  waitlisted: Set<string>;
}

const LISTED_FIELDS: Record<string, boolean> = Object.fromEntries(
  [
    '_id',
    'id',
    'title',
    'kind',
    'state',
    'deadline',
    'capacity',
    'createdAt',
    'participantCount',
    'audienceSize',
    'room.id',
    'creator.openid',
    'audience.kind',
  ].map((field) => [field, true]),
);

export const TASKS = 'group_tasks';
/** Where the kit's member bindings of the group task live (kit/server/member-bindings.ts). */
export const ROOM_MEMBERS = 'group_task_members';
/**
 * One change keeps retrying lost races and requests the service refused unrun for at least this long AND at
 * least MIN_ATTEMPTS times before giving up with a "busy" refusal: time, so a burst at 20–50 ms per request
 * has passed before it gives up, well inside the function's 3 s default timeout (docs/platform.md, "CloudBase
 * database under load"); attempts, so slow answers alone never make it give up after one or two.
 */
export const RETRY_BUDGET_MS = 1500;
export const MIN_ATTEMPTS = 12;
/** The most documents one get() may return: 100 in one of WeChat's pages, 1000 in another; lists page by it. */
export const GET_PAGE = 100;

/** The service timed out (-501002): a read may be retried, a write may or may not have landed. */
const SERVER_TIMEOUT = -501002;
/** Request-count and concurrency limits (-501003, -501004): the service refused the request without running it. */
const REFUSED_UNRUN = new Set([-501003, -501004]);

function errCodeOf(error: unknown): number | undefined {
  const code: unknown = typeof error === 'object' && error !== null ? Reflect.get(error, 'errCode') : undefined;
  return typeof code === 'number' ? code : undefined;
}

export function toTask(doc: TaskDocument): Task {
  return {
    id: doc.id,
    title: doc.title,
    description: doc.description,
    kind: doc.kind,
    room: doc.room,
    creator: doc.creator,
    audience: doc.audience,
    capacity: doc.capacity,
    deadline: doc.deadline,
    state: doc.state,
    participants: doc.participants,
    waitlist: doc.waitlist,
    card: doc.card,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    revision: doc.revision,
  };
}

export function toDocument(task: Task): TaskDocument {
  return {
    ...task,
    _id: task.id,
    participantCount: task.participants.length,
    waitlistCount: task.waitlist.length,
    people: peopleOf(task),
    cardDirty: !inSync(task),
    audienceSize: expectedCount(task),
    sweptAt: 0,
  };
}

const inSync = (task: Task): boolean => cardInSync(task.card, cardTargetOf(task));

const busy = <T>(): ApiResult<T> => fail('BUSY', 'the task is busy; try again');
const unknownOutcome = <T>(error: OutcomeUnknownError): ApiResult<T> => fail('OUTCOME_UNKNOWN', error.message);

/** A random pause between attempts, growing to 100 ms, so competing writers spread out. */
const pause = (attempt: number) =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(100, 5 * 2 ** attempt)));

/** Whether an attempt may follow attempt number `attempt` (from 0) of a change started at `startedAt`. */
const mayRetry = (attempt: number, startedAt: number) =>
  attempt + 1 < MIN_ATTEMPTS || Date.now() - startedAt < RETRY_BUDGET_MS;

/** Runs `step` until it answers (not undefined: it lost a race) or the retry budget is spent, then `otherwise`. */
async function retrying<T>(step: () => Promise<T | undefined>, otherwise: () => T): Promise<T> {
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    const answer = await step();
    if (answer !== undefined) return answer;
    if (!mayRetry(attempt, startedAt)) return otherwise();
    await pause(attempt);
  }
}

/** A change answered to its caller: a write that timed out may have landed, so it is never "nothing changed". */
async function answered<T>(change: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof OutcomeUnknownError) return unknownOutcome(error);
    throw error;
  }
}

/** One database request; a read that timed out and any request refused unrun are sent again within the budget. */
async function request<T>(kind: 'read' | 'write', send: () => Promise<T>): Promise<T> {
  const startedAt = Date.now();
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      const code = errCodeOf(error);
      if (kind === 'write' && code === SERVER_TIMEOUT) {
        throw new OutcomeUnknownError('the database timed out on a write that may have landed');
      }
      const again = code === SERVER_TIMEOUT || (code !== undefined && REFUSED_UNRUN.has(code));
      if (!again || !mayRetry(attempt, startedAt)) throw error;
      await pause(attempt);
    }
  }
}

/**
 * A rule that changes only the state (closing soon, end, the timer's deadline rule) decides on the state alone,
 * so its write is guarded by the state as read, not by the revision: the sign-ups' atomic operators, which never
 * touch it, cannot make it lose its race. (A renewal also replaces the card record: it compares the revision.)
 */
const STATE_ONLY = new Set<string>(['state', 'updatedAt', 'revision']);

export function createCloudbaseStore(db: CloudDatabase): TaskRepository {
  const _ = db.command;
  const tasks = db.collection<TaskDocument>(TASKS);

  async function read(taskId: string): Promise<TaskDocument | null> {
    const { data } = await request('read', () => tasks.where({ _id: taskId }).limit(1).get());
    return data[0] ?? null;
  }

  /** Throws OutcomeUnknownError when the request timed out: the update may have landed. */
  async function updated(condition: Condition, data: Condition): Promise<boolean> {
    const { stats } = await request('write', () => tasks.where(condition).update({ data }));
    return stats.updated === 1;
  }

  /** Every document `query` matches, page by page under the get() cap, up to `limit`. */
  async function paged<T>(query: DbQuery<T>, limit: number): Promise<T[]> {
    const found: T[] = [];
    while (found.length < limit) {
      const size = Math.min(GET_PAGE, limit - found.length);
      const { data } = await request('read', () => query.skip(found.length).limit(size).get());
      found.push(...data);
      if (data.length < size) break;
    }
    return found;
  }

  /** Whether only the state (and the bookkeeping of any change) differs between the task read and the rule's. */
  function stateChange(next: Task, before: Task): boolean {
    return (Object.keys(next) as (keyof Task)[]).every(
      (key) => STATE_ONLY.has(key) || JSON.stringify(next[key]) === JSON.stringify(before[key]),
    );
  }

  /**
   * The task fields a rule changed, replaced whole (`_.set`, so objects are not merged field by field). The card
   * record is left to recordCard, which writes it concurrently with these rules (a record read before would roll
   * it back), except when a renewal replaces the card itself. cardDirty is only ever raised here: the card of
   * the task read may be older than the stored one, so only a record may decide that the card caught up.
   */
  function replacement(task: Task, read: Task): Condition {
    const doc = toDocument(task);
    return {
      state: doc.state,
      participants: _.set(doc.participants),
      waitlist: _.set(doc.waitlist),
      ...(task.card.activityId === read.card.activityId ? {} : { card: _.set(doc.card) }),
      updatedAt: doc.updatedAt,
      revision: doc.revision,
      participantCount: doc.participantCount,
      waitlistCount: doc.waitlistCount,
      people: _.set(doc.people),
      ...(doc.cardDirty ? { cardDirty: true } : {}),
    };
  }

  /** Read, apply the rule, write only if the revision is still the one read; retry otherwise. */
  async function compareAndSet<R>(
    taskId: string,
    rule: (task: Task) => ApiResult<R>,
    taskOf: (result: R) => Task | null,
  ): Promise<ApiResult<R>> {
    return answered(
      retrying<ApiResult<R>>(async () => {
        const doc = await read(taskId);
        if (doc === null) return fail('NOT_FOUND', 'no such task');
        const before = toTask(doc);
        const result = rule(before);
        if (!result.ok) return result;
        const next = taskOf(result.data);
        if (next === null) return result;
        if (stateChange(next, before)) {
          const dirty = inSync(next) ? {} : { cardDirty: true };
          const change = { state: next.state, updatedAt: next.updatedAt, revision: _.inc(1), ...dirty };
          return (await updated({ _id: taskId, state: before.state }, change)) ? result : undefined;
        }
        return (await updated({ _id: taskId, revision: doc.revision }, replacement(next, before))) ? result : undefined;
      }, busy),
    );
  }

  /** Which of `ids` match `condition`, loading only their ids. */
  async function idsWhere(ids: string[], condition: Condition): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const query = tasks.where({ _id: _.in(ids), ...condition }).field<{ _id: string }>({ _id: true });
    return new Set((await paged(query, ids.length)).map((doc) => doc._id));
  }

  /** The newest tasks matching `condition`, projected to what a list shows. */
  async function newest(condition: Condition, limit: number): Promise<ListedDocument[]> {
    return paged(tasks.where(condition).orderBy('createdAt', 'desc').field<ListedDocument>(LISTED_FIELDS), limit);
  }

  /** Which of the tasks `ids` the member `openid` signed up for, and which they wait for. */
  async function standing(ids: string[], openid: string): Promise<Standing> {
    const [joined, waitlisted] = await Promise.all([
      idsWhere(ids, { 'participants.openid': openid }),
      idsWhere(ids, { 'waitlist.openid': openid }),
    ]);
    return { joined, waitlisted };
  }

  function listed(doc: ListedDocument, { joined, waitlisted }: Standing, invited: boolean | null): TaskListing {
    return listing(
      { ...doc, expected: doc.audienceSize, done: doc.participantCount },
      { joined: joined.has(doc._id), waitlisted: waitlisted.has(doc._id), invited },
    );
  }

  return {
    async insert(task) {
      const add = () => request('write', () => tasks.add({ data: toDocument(task) }));
      try {
        await add();
      } catch (error) {
        // The task's own id tells whether a timed-out add landed; if it did not, it is added once more.
        if (!(error instanceof OutcomeUnknownError) || (await read(task.id)) !== null) return;
        await add();
      }
    },
    async get(taskId) {
      const doc = await read(taskId);
      return doc === null ? null : toTask(doc);
    },
    async listByRoom(roomId, viewer, limit) {
      const docs = await newest({ 'room.id': roomId }, limit);
      const ids = docs.map((doc) => doc._id);
      const [viewerStanding, chosen] = await Promise.all([
        standing(ids, viewer.openid),
        idsWhere(ids, { 'audience.groupOpenids': viewer.groupOpenid }),
      ]);
      return docs.map((doc) =>
        listed(
          doc,
          viewerStanding,
          doc.creator.openid !== viewer.openid && (doc.audience.kind === 'everyone' || chosen.has(doc._id)),
        ),
      );
    },
    async listByMember(openid, limit) {
      const docs = await newest({ people: openid }, limit);
      const memberStanding = await standing(
        docs.map((doc) => doc._id),
        openid,
      );
      // Across rooms the member's group_openid is unknown; a creator is never invited to their own task.
      return docs.map((doc) => listed(doc, memberStanding, doc.creator.openid === openid ? false : null));
    },
    async join(taskId, roomId, member: Member, now) {
      return answered(
        retrying<ApiResult<{ task: Task; outcome: JoinOutcome }>>(async () => {
          const doc = await read(taskId);
          if (doc === null) return fail('NOT_FOUND', 'no such task');
          const result = joinRule(roomId, member, now)(toTask(doc));
          if (!result.ok) return result;
          const { task, outcome } = result.data;
          // The guards restate what joinTask relied on, so the operators apply exactly its decision.
          const guards: Condition = {
            _id: taskId,
            state: _.in(['open', 'closingSoon']),
            'participants.openid': _.neq(member.openid),
            'waitlist.openid': _.neq(member.openid),
          };
          const common = { people: _.addToSet(member.openid), revision: _.inc(1), updatedAt: now };
          const done =
            outcome === 'joined'
              ? await updated(doc.capacity === null ? guards : { ...guards, participantCount: _.lt(doc.capacity) }, {
                  ...common,
                  participants: _.push([task.participants[task.participants.length - 1]]),
                  participantCount: _.inc(1),
                  cardDirty: true,
                })
              : await updated(
                  { ...guards, participantCount: _.gte(doc.capacity ?? 0), waitlistCount: _.lt(WAITLIST_MAX) },
                  { ...common, waitlist: _.push([task.waitlist[task.waitlist.length - 1]]), waitlistCount: _.inc(1) },
                );
          // The answer is the task as this sign-up left it; the card sync that follows reads it fresh.
          return done ? ok({ task, outcome }) : undefined;
        }, busy),
      );
    },
    ...ruleSteps(compareAndSet),
    async leave(taskId, roomId, openid, now) {
      const rule = inRoom(roomId, (task) => leaveTask(task, openid, now));
      return answered(
        retrying<ApiResult<{ task: Task; promoted: Participant | null }>>(async () => {
          const doc = await read(taskId);
          if (doc === null) return fail('NOT_FOUND', 'no such task');
          const result = rule(toTask(doc));
          if (!result.ok) return result;
          const { task, promoted } = result.data;
          // Like a sign-up, atomic operators guarded by what leaveTask relied on, so the sign-ups of a burst, which
          // only ever append, do not make it lose its race.
          const common = { people: _.pull(openid), revision: _.inc(1), updatedAt: now };
          const live = { _id: taskId, state: _.in(['open', 'closingSoon']) };
          const fromWaitlist = doc.waitlist.some((p) => p.openid === openid);
          const done = fromWaitlist
            ? await updated(
                { ...live, 'waitlist.openid': openid },
                { ...common, waitlist: _.pull({ openid }), waitlistCount: _.inc(-1) },
              )
            : promoted === null
              ? // Nobody waits: a sign-up landing on the waitlist meanwhile would be owed the place, so retry then.
                await updated(
                  { ...live, 'participants.openid': openid, waitlistCount: 0 },
                  { ...common, participants: _.pull({ openid }), participantCount: _.inc(-1), cardDirty: true },
                )
              : // While anyone waits the places are full, so only a promotion changes them, and it moves the head.
                await updated(
                  {
                    ...live,
                    'participants.openid': openid,
                    participantCount: doc.participantCount,
                    'waitlist.0.openid': promoted.openid,
                  },
                  {
                    ...common,
                    participants: _.set(task.participants),
                    waitlist: _.pull({ openid: promoted.openid }),
                    waitlistCount: _.inc(-1),
                    cardDirty: true,
                  },
                );
          return done ? result : undefined;
        }, busy),
      );
    },
    async recordCard(taskId, activityId, sync: CardSync) {
      const onlyMarks = sync.answers.every(({ body }) => body.target_state === 1);
      const marked = sync.answers.flatMap(({ body, answer }) => (answer === 'accepted' ? markedBy(body) : []));
      // While the task collects, cardAfter only adds marks: atomic operators, so a burst of sign-ups recording
      // at once never conflicts.
      const collecting =
        onlyMarks &&
        sync.answers.length > 0 &&
        (await updated(
          { _id: taskId, 'card.activityId': activityId, state: 'open' },
          { 'card.shown.doneGroupOpenids': _.addToSet({ $each: marked }), 'card.shown.version': _.inc(1) },
        ));
      const renewed =
        !collecting &&
        (await retrying(
          async () => {
            const doc = await read(taskId);
            if (doc === null || doc.card.activityId !== activityId) return true;
            const shown = cardAfter(doc.card.shown, cardTargetOf(doc).state, sync);
            if (shown === doc.card.shown) return false;
            // Guarded by the record read and the task state cardAfter relied on; a concurrent record means retry.
            const guard = {
              _id: taskId,
              'card.activityId': activityId,
              state: doc.state,
              'card.shown.version': doc.card.shown.version,
            };
            return (await updated(guard, { 'card.shown': _.set(shown) })) ? false : undefined;
          },
          () => false,
        ));
      if (renewed) return null;
      const doc = await read(taskId);
      if (doc === null || doc.card.activityId !== activityId) return null;
      const task = toTask(doc);
      const caughtUp = inSync(task);
      // Cleared only if neither the task nor its card record moved since this read; raised whenever it lags.
      if (caughtUp && doc.cardDirty) {
        const unmoved = { _id: taskId, revision: doc.revision, 'card.shown.version': doc.card.shown.version };
        await updated(unmoved, { cardDirty: false });
      } else if (!caughtUp && !doc.cardDirty) {
        await updated({ _id: taskId }, { cardDirty: true });
      }
      return task;
    },
    async dueForTimer(now, limit) {
      const due = tasks
        .where(
          _.or([
            { state: _.in(['open', 'closingSoon']), deadline: _.lte(now + CLOSING_SOON_BEFORE_MS) },
            { cardDirty: true, 'card.expiresAt': _.gt(now) },
          ]),
        )
        .orderBy('sweptAt', 'asc')
        .field<{ _id: string }>({ _id: true });
      return (await paged(due, limit)).map((doc) => doc._id);
    },
    async markSwept(taskId, now) {
      await updated({ _id: taskId }, { sweptAt: now });
    },
  };
}
