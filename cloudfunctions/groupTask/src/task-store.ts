// The group task's repository, written once over the kit's store primitive (kit/server/store): CloudBase in
// production, SQLite locally, one semantics. The rules are the domain's: the hot changes (sign-up, leave, the
// state-only changes, card marks) come from core/task-changes.ts as a change and the premises it rests on, which
// the store commits while they hold; rarer changes (a renewal) compare-and-set the whole task. The repository
// only adds the fields its queries need, derived from the task by indexOf.
import type { CardSync } from 'chat-tool-kit';
import { cardInSync } from 'chat-tool-kit';
import { OutcomeUnknownError } from '../../../kit/server/outcome';
import type {
  Change,
  DocumentStore,
  GuardedChange,
  Index,
  Premise,
  Projection,
  Where,
} from '../../../kit/server/store/types';
import type { ApiResult } from '../../../packageChatTool/core/api';
import { fail, ok } from '../../../packageChatTool/core/result';
import { cardTargetOf, CLOSING_SOON_BEFORE_MS, inRoom, renewActivity } from '../../../packageChatTool/core/task';
import type { TaskChange } from '../../../packageChatTool/core/task-changes';
import type { SignUpChange } from '../../../packageChatTool/core/task-changes';
import {
  cardRecordChange,
  closingSoonChange,
  endChange,
  joinChange,
  joinedSight,
  leaveChange,
  leftSight,
  markChange,
  notedSight,
  noteChange,
  tickChange,
} from '../../../packageChatTool/core/task-changes';
import type { TaskCursor } from '../../../packageChatTool/core/pages';
import { MEMBERS_FIRST_PAGE } from '../../../packageChatTool/core/limits';
import type { Asker, SightRead, TaskSight } from '../../../packageChatTool/core/task-record';
import { memberKey, sightOfRead, sightProjection } from '../../../packageChatTool/core/task-record';
import type { Member, Task } from '../../../packageChatTool/core/types';
import type { TaskIndex as RecordIndex } from '../../../packageChatTool/core/task-record';
import { indexOf as recordIndexOf } from '../../../packageChatTool/core/task-record';
import type { ListedTask, TaskListing } from '../../../packageChatTool/core/view';
import { listing } from '../../../packageChatTool/core/view';
import type { MarkInLine, TaskRepository } from './ports';

/** The group task's collections: its tasks, and the kit's member bindings (kit/server/member-bindings.ts). */
export const TASKS = 'group_tasks';
export const ROOM_MEMBERS = 'group_task_members';

/**
 * What the repository keeps beside a task: the record's index (core/task-record.ts: members' standings, chosen
 * members, marks, counts), by which reads and sign-ups need no member list, and the timer's flag. Derived from the
 * task alone, by indexOf.
 */
export interface TaskIndex extends RecordIndex {
  /** True while the card lags behind the task: the timer's retry list. */
  cardDirty: boolean;
}

export const indexOf = (task: Task): TaskIndex => ({
  ...recordIndexOf(task),
  cardDirty: !cardInSync(task.card, cardTargetOf(task)),
});

/** The stored task: the task itself (every field, whatever it holds), its index, and the timer's bookkeeping. */
export type TaskDocument = Task &
  TaskIndex & {
    _id: string;
    /** When the timer last looked at the task (0: never): its round-robin order. */
    sweptAt: number;
    /** When the timer has work on the task (timerDueOf); null, out of the timer's index, while it has none. */
    timerDueAt: number | null;
  };

/**
 * When the timer next has work on a task, from what is stored: its card lagging while the card can still be set
 * (now), its deadline rule (core tickTask: closing soon an hour before the deadline, ended at it); never before its
 * last look, so work that keeps failing goes round behind the rest. Null when it has none: ended with its card in
 * line, or lagging on a card that had expired by the last look. A stored due time may be early, never late: a write
 * that raises cardDirty or moves the state writes it (this, or the write's own now); one that only clears the flag
 * may leave it, which costs one look of the timer (whose mark writes it right).
 */
export function timerDueOf(
  task: Pick<Task, 'state' | 'deadline'> & { card: Pick<Task['card'], 'expiresAt'> },
  cardDirty: boolean,
  sweptAt: number,
): number | null {
  if (cardDirty && task.card.expiresAt > sweptAt) return sweptAt;
  if (task.state === 'ended' || task.deadline === null) return null;
  return Math.max(sweptAt, task.state === 'open' ? task.deadline - CLOSING_SOON_BEFORE_MS : task.deadline);
}

/**
 * The task collection's indexes, one per query (the SQLite store creates them; on CloudBase `npm run setup:cloud`
 * does: docs/backend.md, "Stores"). The lists read a room's tasks, or a member's (created by them, or holding them
 * in `members`, an array of userIds), newest first; the timer's due query reads only tasks with work, in the order
 * it wants them.
 */
export const TASK_INDEXES: Index[] = [
  {
    name: 'room_created',
    fields: [
      { path: 'room.id', order: 'asc' },
      { path: 'createdAt', order: 'desc' },
    ],
  },
  {
    name: 'creator_created',
    fields: [
      { path: 'creator.userId', order: 'asc' },
      { path: 'createdAt', order: 'desc' },
    ],
  },
  {
    name: 'member_created',
    fields: [
      { path: 'members', order: 'asc', array: true },
      { path: 'createdAt', order: 'desc' },
    ],
  },
  { name: 'timer_due', fields: [{ path: 'timerDueAt', order: 'asc' }] },
];

const documentOf = (task: Task, sweptAt: number): TaskDocument => {
  const index = indexOf(task);
  return { ...task, ...index, _id: task.id, sweptAt, timerDueAt: timerDueOf(task, index.cardDirty, sweptAt) };
};

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
  timerDueAt: true,
  standing: true,
  notes: true,
  members: true,
  chosen: true,
  marks: true,
  participantCount: true,
  waitlistCount: true,
  markCount: true,
  audienceSize: true,
  cardDirty: true,
};

const toTask = (doc: TaskDocument): Task => without(doc, BESIDE_THE_TASK);

/** The member maps of the index (core/task-record.ts), kept key by key. */
const MAPS = ['standing', 'notes', 'chosen', 'marks'] as const;
const COUNTS = ['participantCount', 'waitlistCount', 'markCount'] as const;

/**
 * The domain's change plus what keeps the index right, from the index before and after: a member map's entries are
 * set or removed one by one, a count moves by the difference, anything else is set. cardDirty is only ever raised
 * here: the card record of the task read may be older than the stored one, so only a record may decide that the card
 * caught up.
 */
function indexed(before: Task, { change, task }: TaskChange): Change {
  const was = indexOf(before);
  const now = indexOf(task);
  const set: Record<string, unknown> = { ...change.set };
  const increment: Record<string, number> = { ...change.increment };
  for (const map of MAPS) {
    const keys = new Set([...Object.keys(was[map]), ...Object.keys(now[map])]);
    for (const key of keys) {
      const value: unknown = Reflect.get(now[map], key);
      if (value !== Reflect.get(was[map], key)) set[`${map}.${key}`] = value;
    }
  }
  const joinedSet = now.members.filter((userId) => !was.members.includes(userId));
  const leftSet = was.members.filter((userId) => !now.members.includes(userId));
  const sets = {
    ...(joinedSet.length > 0 ? { addToSet: { ...change.addToSet, members: joinedSet } } : {}),
    ...(leftSet.length > 0 ? { removeFromSet: { ...change.removeFromSet, members: leftSet } } : {}),
  };
  for (const count of COUNTS) if (now[count] !== was[count]) increment[count] = now[count] - was[count];
  if (now.audienceSize !== was.audienceSize) set.audienceSize = now.audienceSize;
  if (now.cardDirty) set.cardDirty = true;
  return { ...change, ...sets, set, increment };
}

/** A domain rule's change as the store's edit: its change with the index upkeep, its premises, its answer. */
function guarded<R extends TaskChange>(rule: (task: Task) => ApiResult<R>) {
  return (doc: TaskDocument): ApiResult<GuardedChange<Omit<R, 'change' | 'premises'>>> => {
    const before = toTask(doc);
    const decided = rule(before);
    if (!decided.ok) return decided;
    const result = without(decided.data, { change: true, premises: true });
    const change = indexed(before, decided.data);
    // The timer's due time, from the stored flag (a change only raises it) and the last look as read: a look
    // landing meanwhile only makes it earlier than it need be, one look too many, never one too few.
    const due = timerDueOf(decided.data.task, doc.cardDirty || change.set?.cardDirty === true, doc.sweptAt);
    if (due !== doc.timerDueAt) change.set = { ...change.set, timerDueAt: due };
    return ok({ change, premises: decided.data.premises, result });
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

/**
 * What list queries load of a task document (a few hundred bytes, whatever the number of members), with the one
 * member's standing and chosen mark each list asks for.
 */
type ListedDocument = Omit<ListedTask, 'expected' | 'done'> &
  Pick<TaskDocument, '_id' | 'participantCount' | 'audienceSize'> & {
    audience: { kind: Task['audience']['kind'] };
    standing?: TaskDocument['standing'];
    chosen?: TaskDocument['chosen'];
  };
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
  'creator.userId',
  'audience.kind',
];

export function createTaskStore(documents: DocumentStore): TaskRepository {
  const tasks = documents.collection<TaskDocument>(TASKS, { indexes: TASK_INDEXES });

  /**
   * A page of tasks matching `where`, newest first and then by id (the stores break ties by _id), after `after`:
   * older ones, or as old with a later id, so that tasks created at the same millisecond are never skipped. Each is
   * read with the one member's standing (and chosen mark) a list needs.
   */
  async function page(
    where: Where[],
    after: TaskCursor | null,
    fields: string[],
    limit: number,
  ): Promise<ListedDocument[]> {
    const resumed: Where[] =
      after === null
        ? where
        : where.flatMap((part) => [
            { ...part, createdAt: { lt: after.createdAt } },
            { ...part, createdAt: after.createdAt, _id: { gt: after.id } },
          ]);
    return tasks.find({
      where: resumed.length === 1 ? resumed[0] : { or: resumed },
      orderBy: { path: 'createdAt', order: 'desc' },
      limit,
      fields: [...LISTED_FIELDS, ...fields],
    });
  }

  /** Where `userId` stands in each of `docs` (read with them), and whether it is invited (null: unknown). */
  const listed = (
    docs: ListedDocument[],
    userId: string,
    invited: (doc: ListedDocument) => boolean | null,
  ): TaskListing[] =>
    docs.map((doc) => {
      const standing = doc.standing?.[memberKey(userId)];
      return listing(
        { ...doc, expected: doc.audienceSize, done: doc.participantCount },
        { joined: standing === 'joined', waitlisted: standing === 'waiting', invited: invited(doc) },
      );
    });

  /** A read of what `projection` names, from the caller's room only. */
  async function readInRoom<P extends { room: { id: string } }>(
    taskId: string,
    roomId: string,
    projection: Projection,
  ): Promise<ApiResult<P>> {
    const read = await tasks.read<P>(taskId, projection);
    if (read === null) return fail('NOT_FOUND', 'no such task');
    return read.room.id === roomId ? ok(read) : fail('WRONG_ROOM', 'this task belongs to another chat');
  }

  /**
   * A sign-up or a leave on the member's sight (sightProjection, plus what keeps the timer's due time right):
   * the domain decides on it alone, the store commits while its premises hold.
   */
  function onSight<R extends SignUpChange>(
    taskId: string,
    roomId: string,
    asker: Asker,
    page: number,
    rule: (sight: TaskSight) => ApiResult<R>,
  ): Promise<ApiResult<{ decided: R; sight: TaskSight; inLine: MarkInLine | null }>> {
    const projection = sightProjection(asker, page);
    const read = { ...projection, fields: [...projection.fields, 'sweptAt', 'timerDueAt'] };
    return answered(
      tasks.changeProjected(taskId, read, (doc: SightRead & Pick<TaskDocument, 'sweptAt' | 'timerDueAt'>) => {
        if (doc.room.id !== roomId) return fail('WRONG_ROOM', 'this task belongs to another chat');
        const sight = sightOfRead(doc, asker);
        const decided = rule(sight);
        if (!decided.ok) return decided;
        const { change, premises, cardLags } = decided.data;
        const set: Record<string, unknown> = { ...change.set };
        if (cardLags) set.cardDirty = true;
        const due = timerDueOf(sight.head, doc.cardDirty === true || cardLags, doc.sweptAt);
        if (due !== doc.timerDueAt) set.timerDueAt = due;
        // Once the card marks the member, it is in line again if it was before and nothing else moves meanwhile.
        const inLine: MarkInLine | null =
          cardLags && sight.head.cardInSync
            ? {
                revision: sight.head.revision + 1,
                version: sight.head.card.shown.version,
                sweptAt: doc.sweptAt,
                timerDueAt: timerDueOf(sight.head, false, doc.sweptAt),
              }
            : null;
        return ok({ change: { ...change, set }, premises, result: { decided: decided.data, sight, inLine } });
      }),
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
    async sight(taskId, roomId, asker, size) {
      const read = await readInRoom<SightRead>(taskId, roomId, sightProjection(asker, size));
      return read.ok ? ok(sightOfRead(read.data, asker)) : read;
    },
    async members(taskId, roomId, list, start, count) {
      const size = list === 'participants' ? 'participantCount' : 'waitlistCount';
      const read = await readInRoom<Pick<TaskDocument, 'room' | 'participants' | 'waitlist' | typeof size>>(
        taskId,
        roomId,
        { fields: ['room.id', size], slices: { [list]: { skip: start, count } } },
      );
      return read.ok ? ok({ start, items: read.data[list] ?? [], total: read.data[size] }) : read;
    },
    async listByRoom(roomId, viewer, after, limit) {
      const docs = await page(
        [{ 'room.id': roomId }],
        after,
        [`standing.${memberKey(viewer.userId)}`, `chosen.${memberKey(viewer.memberId)}`],
        limit,
      );
      return listed(
        docs,
        viewer.userId,
        (doc) =>
          doc.creator.userId !== viewer.userId &&
          (doc.audience.kind === 'everyone' || doc.chosen?.[memberKey(viewer.memberId)] === true),
      );
    },
    async listByMember(userId, after, limit) {
      const key = `standing.${memberKey(userId)}`;
      const docs = await page([{ 'creator.userId': userId }, { members: { contains: userId } }], after, [key], limit);
      // Across rooms the member's group_openid is unknown; a creator is never invited to their own task.
      return listed(docs, userId, (doc) => (doc.creator.userId === userId ? false : null));
    },
    async join(taskId, roomId, member: Member, now, size = MEMBERS_FIRST_PAGE, note = '') {
      const joined = await onSight(taskId, roomId, member, size, (sight) => joinChange(sight, member, now, note));
      if (!joined.ok) return joined;
      const { decided, sight, inLine } = joined.data;
      return ok({
        sight: joinedSight(sight, decided, now, size),
        outcome: decided.outcome,
        cardLags: decided.cardLags,
        inLine,
      });
    },
    async leave(taskId, roomId, asker, now, size = MEMBERS_FIRST_PAGE) {
      const left = await onSight(taskId, roomId, asker, size, (sight) => leaveChange(sight, asker.userId, now));
      if (!left.ok) return left;
      const { decided, sight, inLine } = left.data;
      return ok({
        sight: leftSight(sight, asker.userId, decided.promoted, now),
        promoted: decided.promoted,
        cardLags: decided.cardLags,
        inLine,
      });
    },
    async setNote(taskId, roomId, asker, note, now, size = MEMBERS_FIRST_PAGE) {
      const noted = await onSight(taskId, roomId, asker, size, (sight) => noteChange(sight, asker.userId, note, now));
      return noted.ok ? ok(notedSight(noted.data.sight, asker.userId, note, now)) : noted;
    },
    async recordMark(taskId, activityId, memberId, inLine) {
      const marked = markChange(activityId, memberId, inLine);
      // In line again: the timer's due time follows, resting on its last look being the one read.
      const { change, premises } =
        inLine === null
          ? marked
          : {
              change: { ...marked.change, set: { ...marked.change.set, timerDueAt: inLine.timerDueAt } },
              premises: [...marked.premises, { path: 'sweptAt', equals: inLine.sweptAt }],
            };
      try {
        return await tasks.changeIf(taskId, change, premises);
      } catch (error) {
        // A write that may have landed: the timer's next look settles the card either way.
        if (error instanceof OutcomeUnknownError) return false;
        throw error;
      }
    },
    async markClosingSoon(taskId, roomId, userId, now) {
      const changed = await answered(
        tasks.change(taskId, guarded(inRoom(roomId, (task) => closingSoonChange(task, userId, now)))),
      );
      return changed.ok ? ok(changed.data.task) : changed;
    },
    async end(taskId, roomId, userId, now) {
      const changed = await answered(
        tasks.change(taskId, guarded(inRoom(roomId, (task) => endChange(task, userId, now)))),
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
          const timerDueAt = timerDueOf(after, cardDirty, doc.sweptAt);
          return ok({
            change: { ...change, set: { ...change?.set, cardDirty, timerDueAt } },
            premises: cardDirty ? premises : [...premises, ...unmoved],
            result: after,
          });
        }),
      );
      // Renewed meanwhile or gone: nothing to say about this card. Busy or unknown: the timer's next look decides.
      return recorded.ok ? recorded.data : null;
    },
    async dueForTimer(now, limit) {
      // One range on the timer's index, in its order: tasks without work (most of them, once ended) are not in it.
      const due = await tasks.find({
        where: { timerDueAt: { lte: now } },
        orderBy: { path: 'timerDueAt', order: 'asc' },
        limit,
        fields: ['_id'],
      });
      return due.map((doc) => doc._id);
    },
    async markSwept(taskId, now) {
      // Guarded on what the due time derives from, so a change raising the flag or moving the state meanwhile is
      // re-read, never overwritten with a due time computed before it.
      await answered(
        tasks.change(taskId, (doc) =>
          ok({
            change: { set: { sweptAt: now, timerDueAt: timerDueOf(toTask(doc), doc.cardDirty, now) } },
            premises: [
              { path: 'cardDirty', equals: doc.cardDirty },
              { path: 'state', equals: doc.state },
              { path: 'card.activityId', equals: doc.card.activityId },
            ],
            result: null,
          }),
        ),
      );
    },
  };
}
