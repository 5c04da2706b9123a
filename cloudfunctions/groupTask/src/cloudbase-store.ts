// The production task store on the CloudBase database. CloudBase transactions are single-document and a
// busy task conflicts inside them, so every change is ONE conditional update of the task document,
// `where({ _id, ...guards }).update()`, confirmed through stats.updated and retried when a guard failed.
// Sign-ups use atomic operators (push/inc) guarded by the very conditions core/task.ts checked, so
// concurrent sign-ups never overwrite each other; rarer changes compare-and-set the revision.
import type { ApiResult } from '../../../packageChatTool/core/api';
import type { CardSync } from '../../../packageChatTool/core/card';
import { cardAfter, cardInSync, markedBy } from '../../../packageChatTool/core/card';
import { fail, ok } from '../../../packageChatTool/core/result';
import { CLOSING_SOON_BEFORE_MS, peopleOf } from '../../../packageChatTool/core/task';
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import type { Member, Task } from '../../../packageChatTool/core/types';
import type { TaskListing } from '../../../packageChatTool/core/view';
import { expectedCount, listing } from '../../../packageChatTool/core/view';
import type { TaskRepository } from './ports';
import { joinRule, ruleSteps } from './task-steps';

/** An operator built by db.command; opaque to the store. */
export interface DbOperator {
  readonly __dbOperator: true;
}

type Condition = Record<string, unknown>;

/** The part of wx-server-sdk's db.command this store uses. */
export interface DbCommand {
  neq(value: unknown): DbOperator;
  lt(value: number): DbOperator;
  lte(value: number): DbOperator;
  gt(value: number): DbOperator;
  gte(value: number): DbOperator;
  in(values: unknown[]): DbOperator;
  or(conditions: Condition[]): DbOperator;
  inc(value: number): DbOperator;
  max(value: number): DbOperator;
  push(values: unknown[]): DbOperator;
  addToSet(value: unknown): DbOperator;
  set(value: unknown): DbOperator;
}

export interface DbQuery<T> {
  where(condition: Condition | DbOperator): DbQuery<T>;
  /** A projection; `P` names the shape of what it keeps. */
  field<P>(projection: Record<string, boolean>): DbQuery<P>;
  orderBy(field: string, order: 'asc' | 'desc'): DbQuery<T>;
  limit(max: number): DbQuery<T>;
  get(): Promise<{ data: T[] }>;
  update(options: { data: Condition }): Promise<{ stats: { updated: number } }>;
}

export interface DbCollection<T> extends DbQuery<T> {
  add(options: { data: T }): Promise<unknown>;
  doc(id: string): { set(options: { data: Omit<T, '_id'> }): Promise<unknown> };
}

/** The part of wx-server-sdk's cloud.database() this store uses (typed by the adapter in sdk.ts). */
export interface CloudDatabase {
  command: DbCommand;
  collection<T>(name: string): DbCollection<T>;
}

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

/** A group_openid bound to the openid that first presented it in the room; `_id` is `${roomId}:${groupOpenid}`. */
export interface RoomMemberDocument {
  _id: string;
  roomId: string;
  groupOpenid: string;
  openid: string;
  boundAt: number;
}

export const TASKS = 'group_tasks';
export const ROOM_MEMBERS = 'group_task_members';
/** Attempts of one atomic change before giving up with a "busy" refusal. */
export const MAX_ATTEMPTS = 12;

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
    activityId: doc.activityId,
    activityExpiresAt: doc.activityExpiresAt,
    versionType: doc.versionType,
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
    cardDirty: !cardInSync(task),
    audienceSize: expectedCount(task),
    sweptAt: 0,
  };
}

const busy = <T>(): ApiResult<T> => fail('WRONG_STATE', 'the task is busy; try again');

/** A short random pause between attempts, so competing writers spread out. */
const pause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * (attempt + 1)));

export function createCloudbaseStore(db: CloudDatabase): TaskRepository {
  const _ = db.command;
  const tasks = db.collection<TaskDocument>(TASKS);
  const members = db.collection<RoomMemberDocument>(ROOM_MEMBERS);

  async function read(taskId: string): Promise<TaskDocument | null> {
    const { data } = await tasks.where({ _id: taskId }).limit(1).get();
    return data[0] ?? null;
  }

  async function updated(condition: Condition, data: Condition): Promise<boolean> {
    const { stats } = await tasks.where(condition).update({ data });
    return stats.updated === 1;
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
      activityId: doc.activityId,
      activityExpiresAt: doc.activityExpiresAt,
      versionType: doc.versionType,
      ...(task.activityId === read.activityId ? {} : { card: _.set(doc.card) }),
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
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      const doc = await read(taskId);
      if (doc === null) return fail('NOT_FOUND', 'no such task');
      const before = toTask(doc);
      const result = rule(before);
      if (!result.ok) return result;
      const next = taskOf(result.data);
      if (next === null) return result;
      if (await updated({ _id: taskId, revision: doc.revision }, replacement(next, before))) return result;
      await pause(attempt);
    }
    return busy();
  }

  /** Which of `ids` match `condition`, loading only their ids. */
  async function idsWhere(ids: string[], condition: Condition): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const { data } = await tasks
      .where({ _id: _.in(ids), ...condition })
      .limit(ids.length)
      .field<{ _id: string }>({ _id: true })
      .get();
    return new Set(data.map((doc) => doc._id));
  }

  /** The newest tasks matching `condition`, projected to what a list shows. */
  async function newest(condition: Condition, limit: number): Promise<ListedDocument[]> {
    const { data } = await tasks
      .where(condition)
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .field<ListedDocument>(LISTED_FIELDS)
      .get();
    return data;
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
      await tasks.add({ data: toDocument(task) });
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
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
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
        if (done) return ok({ task, outcome });
        await pause(attempt);
      }
      return busy();
    },
    ...ruleSteps(compareAndSet),
    async recordCard(taskId, activityId, sync: CardSync) {
      const onlyMarks = sync.answers.every(({ body }) => body.target_state === 1);
      const marked = sync.answers.flatMap(({ body, answer }) => (answer === 'accepted' ? markedBy(body) : []));
      // While the task collects, cardAfter only adds marks: atomic operators, so a burst of sign-ups recording
      // at once never conflicts.
      const collecting =
        onlyMarks &&
        sync.answers.length > 0 &&
        (await updated(
          { _id: taskId, activityId, state: 'open' },
          { 'card.doneGroupOpenids': _.addToSet({ $each: marked }), 'card.version': _.inc(1) },
        ));
      for (let attempt = 0; !collecting && attempt < MAX_ATTEMPTS; attempt += 1) {
        const doc = await read(taskId);
        if (doc === null || doc.activityId !== activityId) return null;
        const card = cardAfter(doc.card, doc.state, sync);
        if (card === doc.card) break;
        // Guarded by the record read and the task state cardAfter relied on; a concurrent record means retry.
        const guard = { _id: taskId, activityId, state: doc.state, 'card.version': doc.card.version };
        if (await updated(guard, { card: _.set(card) })) break;
        await pause(attempt);
      }
      const doc = await read(taskId);
      if (doc === null || doc.activityId !== activityId) return null;
      const task = toTask(doc);
      const inSync = cardInSync(task);
      // Cleared only if neither the task nor its card record moved since this read; raised whenever it lags.
      if (inSync && doc.cardDirty) {
        await updated({ _id: taskId, revision: doc.revision, 'card.version': doc.card.version }, { cardDirty: false });
      } else if (!inSync && !doc.cardDirty) {
        await updated({ _id: taskId }, { cardDirty: true });
      }
      return task;
    },
    async dueForTimer(now, limit) {
      const { data } = await tasks
        .where(
          _.or([
            { state: _.in(['open', 'closingSoon']), deadline: _.lte(now + CLOSING_SOON_BEFORE_MS) },
            { cardDirty: true, activityExpiresAt: _.gt(now) },
          ]),
        )
        .orderBy('sweptAt', 'asc')
        .limit(limit)
        .field<{ _id: string }>({ _id: true })
        .get();
      return data.map((doc) => doc._id);
    },
    async markSwept(taskId, now) {
      await updated({ _id: taskId }, { sweptAt: now });
    },
    async bindMember(roomId, member, now) {
      const _id = `${roomId}:${member.groupOpenid}`;
      const owner = async () => (await members.where({ _id }).limit(1).get()).data[0]?.openid;
      const bound = await owner();
      if (bound !== undefined) return bound;
      try {
        // add() refuses an _id that exists: of two first presentations, one wins and the other reads it.
        await members.add({
          data: { _id, roomId, groupOpenid: member.groupOpenid, openid: member.openid, boundAt: now },
        });
        return member.openid;
      } catch (error) {
        const winner = await owner();
        if (winner === undefined) throw error;
        return winner;
      }
    },
    async roomMembers(roomId, limit) {
      const { data } = await members.where({ roomId }).orderBy('boundAt', 'desc').limit(limit).get();
      return data.map((doc) => ({ openid: doc.openid, groupOpenid: doc.groupOpenid }));
    },
  };
}
