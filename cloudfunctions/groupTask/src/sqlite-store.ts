// The embedded task store: better-sqlite3, one synchronous IMMEDIATE transaction per business action,
// so each action is atomic even with several processes on one file. The rules come from core/task.ts.
import Database from 'better-sqlite3';
import type { ApiResult } from '../../../packageChatTool/core/api';
import type { CardSync } from 'chat-tool-kit';
import { cardAfter, cardInSync } from 'chat-tool-kit';
import { fail, ok } from '../../../packageChatTool/core/result';
import { cardTargetOf, CLOSING_SOON_BEFORE_MS, peopleOf } from '../../../packageChatTool/core/task';
import type { Member, Task } from '../../../packageChatTool/core/types';
import { listingOf } from '../../../packageChatTool/core/view';
import type { TaskRepository } from './ports';
import { joinRule, ruleSteps } from './task-steps';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tasks (
  id TEXT PRIMARY KEY,
  room_id TEXT NOT NULL,
  state TEXT NOT NULL,
  deadline INTEGER,
  activity_expires_at INTEGER NOT NULL,
  card_dirty INTEGER NOT NULL,
  swept_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  doc TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS tasks_room ON tasks (room_id, created_at);
CREATE INDEX IF NOT EXISTS tasks_deadline ON tasks (state, deadline);
CREATE INDEX IF NOT EXISTS tasks_card_dirty ON tasks (card_dirty, activity_expires_at);
CREATE TABLE IF NOT EXISTS task_people (
  task_id TEXT NOT NULL,
  openid TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (task_id, openid)
);
CREATE INDEX IF NOT EXISTS task_people_openid ON task_people (openid, created_at);
`;

interface DocRow {
  doc: string;
}

function parse(row: DocRow): Task {
  const task: Task = JSON.parse(row.doc);
  return task;
}

export function createSqliteStore(file = ':memory:'): TaskRepository & { close(): void } {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  // Files written before swept_at existed (local runs keep their *.sqlite) get the column.
  const columns = db.prepare<[], { name: string }>('PRAGMA table_info(tasks)').all();
  if (!columns.some((column) => column.name === 'swept_at')) {
    db.exec('ALTER TABLE tasks ADD COLUMN swept_at INTEGER NOT NULL DEFAULT 0');
  }
  db.exec('CREATE INDEX IF NOT EXISTS tasks_swept ON tasks (swept_at)');

  const selectTask = db.prepare<[string], DocRow>('SELECT doc FROM tasks WHERE id = ?');
  const upsertTask = db.prepare(
    `INSERT INTO tasks (id, room_id, state, deadline, activity_expires_at, card_dirty, created_at, doc)
     VALUES (@id, @roomId, @state, @deadline, @activityExpiresAt, @cardDirty, @createdAt, @doc)
     ON CONFLICT (id) DO UPDATE SET state = @state, deadline = @deadline, activity_expires_at = @activityExpiresAt,
       card_dirty = @cardDirty, doc = @doc`,
  );
  const addPerson = db.prepare<[string, string, number]>(
    'INSERT OR IGNORE INTO task_people (task_id, openid, created_at) VALUES (?, ?, ?)',
  );
  const removePerson = db.prepare<[string, string]>('DELETE FROM task_people WHERE task_id = ? AND openid = ?');
  const byRoom = db.prepare<[string, number], DocRow>(
    'SELECT doc FROM tasks WHERE room_id = ? ORDER BY created_at DESC LIMIT ?',
  );
  const byMember = db.prepare<[string, number], DocRow>(
    `SELECT t.doc FROM task_people p JOIN tasks t ON t.id = p.task_id
     WHERE p.openid = ? ORDER BY p.created_at DESC LIMIT ?`,
  );
  const due = db.prepare<[number, number, number], { id: string }>(
    `SELECT id FROM tasks
     WHERE (state != 'ended' AND deadline IS NOT NULL AND deadline <= ?) OR (card_dirty = 1 AND activity_expires_at > ?)
     ORDER BY swept_at LIMIT ?`,
  );
  const swept = db.prepare<[number, string]>('UPDATE tasks SET swept_at = ? WHERE id = ?');

  /** Writes the task; `previous` lets the people index change by difference instead of being rewritten. */
  function write(task: Task, previous: Task | null): void {
    upsertTask.run({
      id: task.id,
      roomId: task.room.id,
      state: task.state,
      deadline: task.deadline,
      activityExpiresAt: task.card.expiresAt,
      cardDirty: cardInSync(task.card, cardTargetOf(task)) ? 0 : 1,
      createdAt: task.createdAt,
      doc: JSON.stringify(task),
    });
    const people = new Set(peopleOf(task));
    const before = new Set(previous === null ? [] : peopleOf(previous));
    for (const openid of before) if (!people.has(openid)) removePerson.run(task.id, openid);
    for (const openid of people) if (!before.has(openid)) addPerson.run(task.id, openid, task.createdAt);
  }

  /** Read, apply a rule, write: one IMMEDIATE transaction, so nothing interleaves. */
  function mutate<R>(
    taskId: string,
    rule: (task: Task) => ApiResult<R>,
    taskOf: (result: R) => Task | null,
  ): ApiResult<R> {
    return db
      .transaction((): ApiResult<R> => {
        const row = selectTask.get(taskId);
        if (row === undefined) return fail('NOT_FOUND', 'no such task');
        const previous = parse(row);
        const result = rule(previous);
        const next = result.ok ? taskOf(result.data) : null;
        if (next !== null) write(next, previous);
        return result;
      })
      .immediate();
  }

  return {
    async insert(task) {
      db.transaction(() => write(task, null)).immediate();
    },
    async get(taskId) {
      const row = selectTask.get(taskId);
      return row === undefined ? null : parse(row);
    },
    async listByRoom(roomId, viewer, limit) {
      const as = { openid: viewer.openid, roomId, groupOpenid: viewer.groupOpenid };
      return byRoom.all(roomId, limit).map((row) => listingOf(parse(row), as));
    },
    async listByMember(openid, limit) {
      return byMember
        .all(openid, limit)
        .map((row) => listingOf(parse(row), { openid, roomId: null, groupOpenid: null }));
    },
    async join(taskId, roomId, member: Member, now) {
      return mutate(taskId, joinRule(roomId, member, now), (r) => r.task);
    },
    ...ruleSteps(mutate),
    async recordCard(taskId, activityId, sync: CardSync) {
      const result = mutate(
        taskId,
        (task) => {
          if (task.card.activityId !== activityId) return fail('WRONG_STATE', 'the card was renewed meanwhile');
          const shown = cardAfter(task.card.shown, cardTargetOf(task).state, sync);
          return ok({ ...task, card: { ...task.card, shown } });
        },
        (task) => task,
      );
      return result.ok ? result.data : null;
    },
    async dueForTimer(now, limit) {
      return due.all(now + CLOSING_SOON_BEFORE_MS, now, limit).map((row) => row.id);
    },
    async markSwept(taskId, now) {
      swept.run(now, taskId);
    },
    close() {
      db.close();
    },
  };
}
