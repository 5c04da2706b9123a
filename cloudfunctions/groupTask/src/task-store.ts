// The group task's repository, written once over the kit's store primitive (kit/server/store): CloudBase in
// production, SQLite locally, one semantics. The rules are the domain's: the hot changes (sign-up, leave, the
// state-only changes, card marks) come from core/task-changes.ts as a change and the premises it rests on, which
// the store commits while they hold; rarer changes (a renewal) compare-and-set the whole task. The repository
// only adds the fields its queries need, derived from the task by indexOf.
import type { CardSync } from 'chat-tool-kit';
import { cardInSync } from 'chat-tool-kit';
import { OutcomeUnknownError } from '../../../kit/server/outcome';
import type { Change, DocumentStore, GuardedChange, Premise, Scalar, Where } from '../../../kit/server/store/types';
import type { ApiResult } from '../../../packageChatTool/core/api';
import { fail, ok } from '../../../packageChatTool/core/result';
import { cardTargetOf, CLOSING_SOON_BEFORE_MS, inRoom, renewActivity } from '../../../packageChatTool/core/task';
import type { TaskChange } from '../../../packageChatTool/core/task-changes';
import {
  cardRecordChange,
  closingSoonChange,
  endChange,
  joinChange,
  leaveChange,
  tickChange,
} from '../../../packageChatTool/core/task-changes';
import type { Member, Task } from '../../../packageChatTool/core/types';
import type { ListedTask, TaskListing } from '../../../packageChatTool/core/view';
import { expectedCount, listing } from '../../../packageChatTool/core/view';
import type { TaskRepository } from './ports';

/** The group task's collections: its tasks, and the kit's member bindings (kit/server/member-bindings.ts). */
export const TASKS = 'group_tasks';
export const ROOM_MEMBERS = 'group_task_members';

/** What the repository keeps beside a task for its queries: derived from the task alone, by indexOf. */
export interface TaskIndex {
  /** openids holding a place: where a member stands, in lists that never load the places. */
  joined: string[];
  /** openids on the waitlist. */
  waiting: string[];
  /** The number of places taken, for lists. */
  participantCount: number;
  /** The chosen members' count, for lists (null: everyone). */
  audienceSize: number | null;
  /** True while the card lags behind the task: the timer's retry list. */
  cardDirty: boolean;
}

export function indexOf(task: Task): TaskIndex {
  return {
    joined: task.participants.map((p) => p.openid),
    waiting: task.waitlist.map((p) => p.openid),
    participantCount: task.participants.length,
    audienceSize: expectedCount(task),
    cardDirty: !cardInSync(task.card, cardTargetOf(task)),
  };
}

/** The stored task: the task itself (every field, whatever it holds), its index, and the timer's bookkeeping. */
export type TaskDocument = Task &
  TaskIndex & {
    _id: string;
    /** When the timer last looked at the task (0: never): its round-robin order. */
    sweptAt: number;
  };

const documentOf = (task: Task, sweptAt: number): TaskDocument => ({
  ...task,
  ...indexOf(task),
  _id: task.id,
  sweptAt,
});

/** A copy of `value` without `keys`. */
function without<T extends object, K extends keyof T>(value: T, keys: Record<K, true>): Omit<T, K> {
  const rest: Partial<T> = { ...value };
  for (const key of Object.keys(keys) as K[]) delete rest[key];
  return rest as Omit<T, K>;
}

/** Every field stored beside the task: toTask drops exactly these, so every other field is the task's. */
const BESIDE_THE_TASK: Record<Exclude<keyof TaskDocument, keyof Task>, true> = {
  _id: true,
  sweptAt: true,
  joined: true,
  waiting: true,
  participantCount: true,
  audienceSize: true,
  cardDirty: true,
};

const toTask = (doc: TaskDocument): Task => without(doc, BESIDE_THE_TASK);

const added = (from: readonly Scalar[], to: readonly Scalar[]) => to.filter((value) => !from.includes(value));

/**
 * The domain's change plus what keeps the index right, from the index before and after: a list gains or loses
 * values as a set, a count moves by the difference, anything else is set. A list that both gains and loses (a
 * promotion) is replaced whole, which the change's premises make safe (they pin the places it derives from).
 * cardDirty is only ever raised here: the card record of the task read may be older than the stored one, so only
 * a record may decide that the card caught up.
 */
function indexed(before: Task, { change, task }: TaskChange): Change {
  const was = indexOf(before);
  const now = indexOf(task);
  const next: Required<Pick<Change, 'set' | 'addToSet' | 'removeFromSet' | 'increment'>> = {
    set: { ...change.set },
    addToSet: { ...change.addToSet },
    removeFromSet: { ...change.removeFromSet },
    increment: { ...change.increment },
  };
  for (const key of ['joined', 'waiting'] as const) {
    const gained = added(was[key], now[key]);
    const lost = added(now[key], was[key]);
    if (gained.length > 0 && lost.length > 0) next.set[key] = now[key];
    else if (gained.length > 0) next.addToSet[key] = gained;
    else if (lost.length > 0) next.removeFromSet[key] = lost;
  }
  if (now.participantCount !== was.participantCount) {
    next.increment.participantCount = now.participantCount - was.participantCount;
  }
  if (now.audienceSize !== was.audienceSize) next.set.audienceSize = now.audienceSize;
  if (now.cardDirty) next.set.cardDirty = true;
  return { ...change, ...next };
}

/** A domain rule's change as the store's edit: its change with the index upkeep, its premises, its answer. */
function guarded<R extends TaskChange>(rule: (task: Task) => ApiResult<R>) {
  return (doc: TaskDocument): ApiResult<GuardedChange<Omit<R, 'change' | 'premises'>>> => {
    const before = toTask(doc);
    const decided = rule(before);
    if (!decided.ok) return decided;
    const result = without(decided.data, { change: true, premises: true });
    return ok({ change: indexed(before, decided.data), premises: decided.data.premises, result });
  };
}

/** A write that timed out may have landed: the caller hears OUTCOME_UNKNOWN and re-reads, never "nothing changed". */
async function answered<T>(change: Promise<ApiResult<T>>): Promise<ApiResult<T>> {
  try {
    return await change;
  } catch (error) {
    if (error instanceof OutcomeUnknownError) return fail('OUTCOME_UNKNOWN', error.message);
    throw error;
  }
}

/** What list queries load of a task document (a few hundred bytes, whatever the number of members). */
type ListedDocument = Omit<ListedTask, 'expected' | 'done'> &
  Pick<TaskDocument, '_id' | 'participantCount' | 'audienceSize'> & { audience: { kind: Task['audience']['kind'] } };
const LISTED_FIELDS = [
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
];

export function createTaskStore(documents: DocumentStore): TaskRepository {
  const tasks = documents.collection<TaskDocument>(TASKS);

  /** Which of the tasks `ids` match `where`, loading only their ids. */
  async function idsWhere(ids: string[], where: Record<string, Scalar | { contains: Scalar }>): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const found = await tasks.find({ where: { _id: { in: ids }, ...where }, limit: ids.length, fields: ['_id'] });
    return new Set(found.map((doc) => doc._id));
  }

  /** The newest tasks matching `where`, projected to what a list shows. */
  async function newest(where: Where, limit: number): Promise<ListedDocument[]> {
    return tasks.find({ where, orderBy: { path: 'createdAt', order: 'desc' }, limit, fields: LISTED_FIELDS });
  }

  /** Where `openid` stands in each of `docs`, and whether it is invited (null: unknown across rooms). */
  async function listed(
    docs: ListedDocument[],
    openid: string,
    invited: (doc: ListedDocument) => boolean | null,
  ): Promise<TaskListing[]> {
    const ids = docs.map((doc) => doc._id);
    const [joined, waitlisted] = await Promise.all([
      idsWhere(ids, { joined: { contains: openid } }),
      idsWhere(ids, { waiting: { contains: openid } }),
    ]);
    return docs.map((doc) =>
      listing(
        { ...doc, expected: doc.audienceSize, done: doc.participantCount },
        { joined: joined.has(doc._id), waitlisted: waitlisted.has(doc._id), invited: invited(doc) },
      ),
    );
  }

  return {
    async insert(task) {
      // Ids are new (an insert that timed out but landed counts as inserted): another task under this one is a defect,
      // and it is kept, never overwritten.
      if ((await tasks.insert(documentOf(task, 0))) === 'exists') throw new Error(`task ${task.id} exists already`);
    },
    async get(taskId) {
      const doc = await tasks.get(taskId);
      return doc === null ? null : toTask(doc);
    },
    async listByRoom(roomId, viewer, limit) {
      const docs = await newest({ 'room.id': roomId }, limit);
      const chosen = await idsWhere(
        docs.map((doc) => doc._id),
        { 'audience.groupOpenids': { contains: viewer.groupOpenid } },
      );
      return listed(
        docs,
        viewer.openid,
        (doc) => doc.creator.openid !== viewer.openid && (doc.audience.kind === 'everyone' || chosen.has(doc._id)),
      );
    },
    async listByMember(openid, limit) {
      const docs = await newest(
        { or: [{ 'creator.openid': openid }, { joined: { contains: openid } }, { waiting: { contains: openid } }] },
        limit,
      );
      // Across rooms the member's group_openid is unknown; a creator is never invited to their own task.
      return listed(docs, openid, (doc) => (doc.creator.openid === openid ? false : null));
    },
    async join(taskId, roomId, member: Member, now) {
      return answered(tasks.change(taskId, guarded(inRoom(roomId, (task) => joinChange(task, member, now)))));
    },
    async leave(taskId, roomId, openid, now) {
      return answered(tasks.change(taskId, guarded(inRoom(roomId, (task) => leaveChange(task, openid, now)))));
    },
    async markClosingSoon(taskId, roomId, openid, now) {
      const changed = await answered(
        tasks.change(taskId, guarded(inRoom(roomId, (task) => closingSoonChange(task, openid, now)))),
      );
      return changed.ok ? ok(changed.data.task) : changed;
    },
    async end(taskId, roomId, openid, now) {
      const changed = await answered(
        tasks.change(taskId, guarded(inRoom(roomId, (task) => endChange(task, openid, now)))),
      );
      return changed.ok ? ok(changed.data.task) : changed;
    },
    async tick(taskId, now) {
      const changed = await answered(
        tasks.change(
          taskId,
          guarded((task) => {
            const change = tickChange(task, now);
            return change === null ? fail('WRONG_STATE', 'nothing to do') : ok(change);
          }),
        ),
      );
      return changed.ok ? changed.data.task : null;
    },
    async renew(taskId, roomId, replaces, card, now) {
      // Rare, and it replaces the card record too: compare-and-set the whole task.
      return answered(
        tasks.update(taskId, (doc) => {
          const renewed = inRoom(roomId, (task) => renewActivity(task, replaces, card, now))(toTask(doc));
          if (!renewed.ok) return renewed;
          const next = renewed.data.renewed ? documentOf(renewed.data.task, doc.sweptAt) : null;
          return ok({ next, result: renewed.data });
        }),
      );
    },
    async recordCard(taskId, activityId, sync: CardSync) {
      const recorded = await answered(
        tasks.change(taskId, (doc) => {
          const task = toTask(doc);
          const decided = cardRecordChange(task, activityId, sync);
          if (!decided.ok) return decided;
          const after = decided.data?.task ?? task;
          const { change, premises } = decided.data ?? { change: null, premises: [] };
          // The timer's flag, with the record: raised whenever the card lags; cleared only while neither the task
          // nor its record moves, since a sign-up landing meanwhile may need a mark the record does not show.
          const cardDirty = !cardInSync(after.card, cardTargetOf(after));
          if (cardDirty === doc.cardDirty) return ok({ change, premises, result: after });
          const unmoved: Premise[] = [
            { path: 'revision', equals: task.revision },
            { path: 'card.shown.version', equals: task.card.shown.version },
          ];
          return ok({
            change: { ...change, set: { ...change?.set, cardDirty } },
            premises: cardDirty ? premises : [...premises, ...unmoved],
            result: after,
          });
        }),
      );
      // Renewed meanwhile or gone: nothing to say about this card. Busy or unknown: the timer's next look decides.
      return recorded.ok ? recorded.data : null;
    },
    async dueForTimer(now, limit) {
      const due = await tasks.find({
        where: {
          or: [
            { state: { in: ['open', 'closingSoon'] }, deadline: { lte: now + CLOSING_SOON_BEFORE_MS } },
            { cardDirty: true, 'card.expiresAt': { gt: now } },
          ],
        },
        orderBy: { path: 'sweptAt', order: 'asc' },
        limit,
        fields: ['_id'],
      });
      return due.map((doc) => doc._id);
    },
    async markSwept(taskId, now) {
      await tasks.patch(taskId, { sweptAt: now });
    },
  };
}
