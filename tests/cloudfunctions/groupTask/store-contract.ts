// One behavioural contract for every TaskRepository: SQLite, the CloudBase store offline, and the
// CloudBase store against a real environment. Ids are unique per run so a shared real database is fine.
import type { TaskCursor } from '../../../packageChatTool/core/pages';
import { MEMBERS_FIRST_PAGE } from '../../../packageChatTool/core/limits';
import { sightOf } from '../../../packageChatTool/core/task-record';
import { randomUUID } from 'node:crypto';
import type { CardAnswer, CardSync } from 'chat-tool-kit';
import { cardUpdates, NEW_CARD, newBinding } from 'chat-tool-kit';
import type { ApiResult } from '../../../packageChatTool/core/api';
import { cardTargetOf, createTask, joinTask, setNote } from '../../../packageChatTool/core/task';
import type { Member, Task, TaskDraft } from '../../../packageChatTool/core/types';
import type { TaskRepository } from '../../../cloudfunctions/groupTask/src/ports';
import type { TaskListing } from '../../../packageChatTool/core/view';
import { listingOf } from '../../../packageChatTool/core/view';

export const NOW = Date.UTC(2026, 0, 1, 8, 0, 0);
export const HOUR = 3_600_000;

export function must<T>(result: ApiResult<T>): T {
  if (!result.ok) throw new Error(`refused: ${result.error.code} ${result.error.message}`);
  return result.data;
}

export const codeOf = (result: ApiResult<unknown>) => (result.ok ? 'ok' : result.error.code);

export function storeContract(name: string, open: () => Promise<{ store: TaskRepository; close(): Promise<void> }>) {
  describe(`TaskRepository contract: ${name}`, () => {
    let store: TaskRepository;
    let close: () => Promise<void>;
    let run: string;

    beforeAll(async () => {
      ({ store, close } = await open());
    });
    afterAll(async () => close());
    beforeEach(() => {
      run = randomUUID().slice(0, 8);
      room = `room${run}`;
    });

    let room: string;
    const member = (n: number): Member => ({ userId: `o${run}${n}`, memberId: `g${run}${n}` });
    const creator = () => member(0);

    async function newTask(draft: Partial<TaskDraft> = {}, at = NOW): Promise<Task> {
      const task = createTask({
        id: `t${run}${randomUUID().slice(0, 6)}`,
        draft: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' }, ...draft },
        room: { id: room, chatType: 3 },
        creator: creator(),
        card: newBinding({ activityId: `a${run}`, expiresAt: NOW + 24 * HOUR }, 0),
        now: at,
      });
      await store.insert(task);
      return task;
    }

    it('stores and reads a task unchanged', async () => {
      const task = await newTask({ deadline: NOW + 5 * HOUR, capacity: 3, description: 'd' });
      expect(await store.get(task.id)).toEqual(task);
      expect(await store.get(`missing${run}`)).toBeNull();
    });

    it('refuses a second task under an id already taken, keeping the first', async () => {
      const task = await newTask();
      await expect(store.insert({ ...task, title: '另一个任务' })).rejects.toThrow(task.id);
      expect(await store.get(task.id)).toEqual(task);
    });

    it('keeps a field the repository has never heard of, through every kind of write', async () => {
      // What a cloner adding a field to Task does: the task gains it, and no store or repository edit follows.
      const task: Task & { pinned: { by: string; notes: string[]; at: number | null } } = {
        ...createTask({
          id: `t${run}pinned`,
          draft: { title: '周六爬山', kind: 'participate', audience: { kind: 'everyone' }, capacity: 1 },
          room: { id: room, chatType: 3 },
          creator: creator(),
          card: newBinding({ activityId: `a${run}`, expiresAt: NOW + 24 * HOUR }, 0),
          now: NOW,
        }),
        pinned: { by: creator().userId, notes: ['带水', '7:00 集合'], at: null },
      };
      await store.insert(task);
      expect(await store.get(task.id)).toEqual(task);
      must(await store.join(task.id, room, member(1), NOW));
      must(await store.join(task.id, room, member(2), NOW));
      must(await store.leave(task.id, room, member(1), NOW));
      must(await store.markClosingSoon(task.id, room, creator().userId, NOW));
      const renewal = newBinding({ activityId: `b${run}`, expiresAt: NOW + 48 * HOUR }, 0);
      const renewed = must(await store.renew(task.id, room, task.card.activityId, renewal, NOW));
      expect(renewed.renewed).toBe(true);
      await store.recordCard(task.id, renewal.activityId, synced(renewed.task));
      await store.markSwept(task.id, NOW);
      expect(await store.get(task.id)).toMatchObject({ pinned: task.pinned, state: 'closingSoon' });
    });

    it('joins, refuses a duplicate, waitlists when full, and says NOT_FOUND for a missing task', async () => {
      const task = await newTask({ capacity: 1 });
      const first = must(await store.join(task.id, room, member(1), NOW + 1));
      expect(first.outcome).toBe('joined');
      const ruled = must(joinTask(task, member(1), NOW + 1)).task;
      expect(await store.get(task.id)).toEqual(ruled);
      expect(first.sight).toEqual(sightOf(ruled, member(1), MEMBERS_FIRST_PAGE));
      expect(codeOf(await store.join(task.id, room, member(1), NOW))).toBe('ALREADY_JOINED');
      const second = must(await store.join(task.id, room, member(2), NOW));
      expect(second.outcome).toBe('waitlisted');
      expect(second.sight.waitlist.items.map((p) => p.userId)).toEqual([member(2).userId]);
      expect(codeOf(await store.join(task.id, room, member(2), NOW))).toBe('ALREADY_JOINED');
      expect(codeOf(await store.join(`missing${run}`, room, member(1), NOW))).toBe('NOT_FOUND');
      expect((await store.get(task.id))?.waitlist).toEqual(second.sight.waitlist.items);
      const read = must(await store.sight(task.id, room, member(2), MEMBERS_FIRST_PAGE));
      expect(read).toEqual(sightOf((await store.get(task.id))!, member(2), MEMBERS_FIRST_PAGE));
    });

    it('leaves with promotion from the waitlist', async () => {
      const task = await newTask({ capacity: 1 });
      for (const n of [1, 2, 3]) must(await store.join(task.id, room, member(n), NOW));
      const left = must(await store.leave(task.id, room, member(1), NOW + 5));
      expect(left.promoted?.userId).toBe(member(2).userId);
      expect((await store.get(task.id))?.participants.map((p) => p.userId)).toEqual([member(2).userId]);
      expect((await store.get(task.id))?.waitlist.map((p) => p.userId)).toEqual([member(3).userId]);
      expect(codeOf(await store.leave(task.id, room, member(1), NOW))).toBe('NOT_JOINED');
    });

    it('keeps each member’s note: from the sign-up, edited in place on either list, carried by a promotion', async () => {
      const task = await newTask({ capacity: 1 });
      must(await store.join(task.id, room, member(1), NOW, MEMBERS_FIRST_PAGE, '+2, vegetarian'));
      must(await store.join(task.id, room, member(2), NOW, MEMBERS_FIRST_PAGE, '候补'));
      must(await store.join(task.id, room, member(3), NOW));
      let ruled = must(
        joinTask(must(joinTask(task, member(1), NOW, '+2, vegetarian')).task, member(2), NOW, '候补'),
      ).task;
      ruled = must(joinTask(ruled, member(3), NOW)).task;
      expect(await store.get(task.id)).toEqual(ruled);

      // Member 3 is second on the waitlist, beyond the one item of each list this edit reads.
      const noted = must(await store.setNote(task.id, room, member(3), '𠀀 plate 粤B', NOW + 1, 1));
      ruled = must(setNote(ruled, member(3).userId, '𠀀 plate 粤B', NOW + 1));
      expect(await store.get(task.id)).toEqual(ruled);
      expect(noted).toEqual(sightOf(ruled, member(3), 1));
      const window = must(await store.members(task.id, room, 'waitlist', 1, 5));
      expect(window.items.map((p) => p.note)).toEqual(['𠀀 plate 粤B']);

      expect(codeOf(await store.setNote(task.id, room, member(4), 'x', NOW))).toBe('NOT_JOINED');
      expect(codeOf(await store.setNote(task.id, 'elsewhere', member(1), 'x', NOW))).toBe('WRONG_ROOM');
      must(await store.leave(task.id, room, member(1), NOW + 2));
      expect((await store.get(task.id))?.participants).toEqual([{ ...member(2), at: NOW + 2, note: '候补' }]);
      must(await store.end(task.id, room, creator().userId, NOW + 3));
      expect(codeOf(await store.setNote(task.id, room, member(2), 'late', NOW + 3))).toBe('TASK_ENDED');
      expect((await store.get(task.id))?.participants[0]?.note).toBe('候补');
    });

    it('refuses a caller from another room inside the atomic step, changing nothing', async () => {
      const task = await newTask();
      expect(codeOf(await store.join(task.id, 'elsewhere', member(1), NOW))).toBe('WRONG_ROOM');
      expect(codeOf(await store.end(task.id, 'elsewhere', creator().userId, NOW))).toBe('WRONG_ROOM');
      expect(codeOf(await store.leave(task.id, 'elsewhere', member(1), NOW))).toBe('WRONG_ROOM');
      expect(await store.get(task.id)).toEqual(task);
    });

    it('lets only the creator mark closing soon and end, and keeps ended final', async () => {
      const task = await newTask();
      expect(codeOf(await store.end(task.id, room, member(1).userId, NOW))).toBe('NOT_CREATOR');
      expect(must(await store.markClosingSoon(task.id, room, creator().userId, NOW)).state).toBe('closingSoon');
      expect(must(await store.end(task.id, room, creator().userId, NOW)).state).toBe('ended');
      expect(codeOf(await store.end(task.id, room, creator().userId, NOW))).toBe('TASK_ENDED');
      expect(codeOf(await store.join(task.id, room, member(1), NOW))).toBe('TASK_ENDED');
      expect((await store.get(task.id))?.state).toBe('ended');
    });

    it('renews the card it replaces with a new one, and hands a late renewal the winner’s card', async () => {
      const task = await newTask();
      must(await store.join(task.id, room, member(1), NOW));
      const card = newBinding({ activityId: `b${run}`, expiresAt: NOW + 48 * HOUR }, 1);
      const renewed = must(await store.renew(task.id, room, task.card.activityId, card, NOW));
      expect(renewed.renewed).toBe(true);
      expect(renewed.task.card).toEqual({
        activityId: `b${run}`,
        expiresAt: NOW + 48 * HOUR,
        versionType: 1,
        shown: NEW_CARD,
      });
      expect(await store.get(task.id)).toEqual(renewed.task);
      const mine = newBinding({ activityId: `c${run}`, expiresAt: NOW + 48 * HOUR }, 0);
      const late = must(await store.renew(task.id, room, task.card.activityId, mine, NOW));
      expect(late).toEqual({ task: renewed.task, renewed: false });
      expect(await store.get(task.id)).toEqual(renewed.task);
    });

    it('gives two renewals at once one new card', async () => {
      const task = await newTask();
      const results = await Promise.all(
        ['x', 'y', 'z'].map(async (id) =>
          must(
            await store.renew(
              task.id,
              room,
              task.card.activityId,
              newBinding({ activityId: `${id}${run}`, expiresAt: NOW }, 0),
              NOW,
            ),
          ),
        ),
      );
      expect(results.filter((r) => r.renewed)).toHaveLength(1);
      const stored = await store.get(task.id);
      expect(new Set(results.map((r) => r.task.card.activityId))).toEqual(new Set([stored?.card.activityId]));
    });

    /** What a sync that read `task` learned when WeChat answered each of its bodies with `answer`. */
    const synced = (task: Task, answer: CardAnswer = 'accepted', version = task.card.shown.version): CardSync => ({
      version,
      answers: cardUpdates(task.card, cardTargetOf(task), NOW).map((body) => ({ body, answer })),
    });

    it('records what the card shows, ignores a stale activity_id, and leaves the timer list when in sync', async () => {
      const task = await newTask();
      must(await store.join(task.id, room, member(1), NOW));
      const joined = await store.get(task.id);
      if (joined === null) throw new Error('missing');
      expect(await store.dueForTimer(NOW, 1000)).toContain(task.id);
      expect(await store.recordCard(task.id, 'stale', synced(joined))).toBeNull();
      const recorded = await store.recordCard(task.id, joined.card.activityId, synced(joined));
      expect(recorded?.card.shown).toEqual({ ...NEW_CARD, version: 1, doneMemberIds: [member(1).memberId] });
      expect(await store.dueForTimer(NOW, 1000)).not.toContain(task.id);
      const again = await store.recordCard(task.id, joined.card.activityId, synced(joined));
      expect(again?.card.shown).toEqual({ ...NEW_CARD, version: 2, doneMemberIds: [member(1).memberId] });
    });

    it('settles the state only for a sync nobody raced, re-sends it after an unknown outcome, and keeps ended ended', async () => {
      const task = await newTask();
      const closing = must(await store.markClosingSoon(task.id, room, creator().userId, NOW));
      // The closing-soon call timed out: its outcome is unknown, so the card is due for it again.
      await store.recordCard(task.id, closing.card.activityId, synced(closing, 'unknown'));
      const doubted = await store.get(task.id);
      expect(doubted?.card.shown).toMatchObject({ state: 1, settled: false });
      expect(await store.dueForTimer(NOW, 1000)).toContain(task.id);
      // Two syncs read the same record; the one recording second cannot tell whose call WeChat applied last.
      if (doubted === null) throw new Error('missing');
      await store.recordCard(task.id, doubted.card.activityId, synced(doubted));
      expect((await store.get(task.id))?.card.shown).toMatchObject({ state: 2, settled: true });
      expect(await store.dueForTimer(NOW, 1000)).not.toContain(task.id);
      await store.recordCard(task.id, doubted.card.activityId, synced(doubted));
      expect((await store.get(task.id))?.card.shown).toMatchObject({ state: 2, settled: false });
      expect(await store.dueForTimer(NOW, 1000)).toContain(task.id);
      const ended = must(await store.end(task.id, room, creator().userId, NOW));
      await store.recordCard(task.id, ended.card.activityId, synced(ended));
      await store.recordCard(task.id, ended.card.activityId, synced(doubted));
      expect((await store.get(task.id))?.card.shown).toMatchObject({ state: 3, settled: true });
      expect(await store.dueForTimer(NOW, 1000)).not.toContain(task.id);
    });

    it('never rolls the card record back when task changes commit while it is recorded', async () => {
      const task = await newTask();
      const signers = Array.from({ length: 12 }, (_, i) => member(i + 1));
      for (const m of signers) must(await store.join(task.id, room, m, NOW));
      const joined = await store.get(task.id);
      if (joined === null) throw new Error('missing');
      // The changes read the task first; the record lands before they write.
      await Promise.all([
        ...signers.slice(0, 6).map((m) => store.leave(task.id, room, m, NOW)),
        store.markClosingSoon(task.id, room, creator().userId, NOW),
        store.recordCard(task.id, joined.card.activityId, synced(joined)),
      ]);
      const stored = await store.get(task.id);
      expect(new Set(stored?.card.shown.doneMemberIds)).toEqual(new Set(signers.map((m) => m.memberId)));
      expect(stored?.participants).toHaveLength(6);
      expect(stored?.state).toBe('closingSoon');
      // The closing-soon change left the card lagging (it shows 1): the timer still sends 2.
      expect(await store.dueForTimer(NOW, 1000)).toContain(task.id);
    });

    it('lists tasks due for the timer: near deadlines and lagging cards, never ended ones', async () => {
      const near = await newTask({ deadline: NOW + HOUR / 2 });
      const far = await newTask({ deadline: NOW + 5 * HOUR });
      const ended = await newTask({ deadline: NOW + HOUR / 2 });
      const endedTask = must(await store.end(ended.id, room, creator().userId, NOW));
      await store.recordCard(ended.id, ended.card.activityId, synced(endedTask));
      const due = await store.dueForTimer(NOW, 1000);
      expect(due).toContain(near.id);
      expect(due).not.toContain(far.id);
      expect(due).not.toContain(ended.id);
      expect(await store.tick(far.id, NOW)).toBeNull();
      expect((await store.tick(near.id, NOW))?.state).toBe('closingSoon');
      expect((await store.tick(near.id, NOW + HOUR))?.state).toBe('ended');
      // A lagging card whose activity_id expired cannot be fixed by the timer: one look past the expiry retires it.
      const lagging = await newTask();
      must(await store.join(lagging.id, room, member(1), NOW));
      expect(await store.dueForTimer(NOW + 25 * HOUR, 1000)).toContain(lagging.id);
      await store.markSwept(lagging.id, NOW + 25 * HOUR);
      expect(await store.dueForTimer(NOW + 26 * HOUR, 1000)).not.toContain(lagging.id);
    });

    it('hands out due tasks in due order: lagging cards and deadlines as they come, ended ones never', async () => {
      const later = await newTask({ deadline: NOW + HOUR / 2 });
      const sooner = await newTask({ deadline: NOW + HOUR / 4 });
      const lagging = await newTask({ deadline: NOW + 5 * HOUR });
      must(await store.join(lagging.id, room, member(1), NOW));
      const due = await store.dueForTimer(NOW, 1000);
      // The lagging card was never looked at (due since 0); the deadlines' rules came due an hour before them.
      expect(due.filter((id) => [later.id, sooner.id, lagging.id].includes(id))).toEqual([
        lagging.id,
        sooner.id,
        later.id,
      ]);
      // Not due before its rule: the five-hour deadline's task leaves the list once its card is in line.
      const joined = await store.get(lagging.id);
      if (joined === null) throw new Error('missing');
      await store.recordCard(lagging.id, joined.card.activityId, synced(joined));
      expect(await store.dueForTimer(NOW, 1000)).not.toContain(lagging.id);
      expect(await store.dueForTimer(NOW + 4 * HOUR, 1000)).toContain(lagging.id);
      // Closing soon, its card in line: due again at the deadline itself, not before.
      const ticked = await store.tick(later.id, NOW);
      if (ticked === null) throw new Error('not ticked');
      expect(await store.dueForTimer(NOW, 1000)).toContain(later.id);
      await store.recordCard(later.id, ticked.card.activityId, synced(ticked));
      expect(await store.dueForTimer(NOW, 1000)).not.toContain(later.id);
      expect(await store.dueForTimer(NOW + HOUR / 2, 1000)).toContain(later.id);
    });

    const ids = (listings: TaskListing[]) => listings.map((l) => l.summary.id);

    it('hands out due tasks least recently swept first', async () => {
      const first = await newTask({ deadline: NOW + HOUR / 2 }, NOW);
      const second = await newTask({ deadline: NOW + HOUR / 2 }, NOW + 1);
      await store.markSwept(first.id, NOW + 5);
      const due = await store.dueForTimer(NOW + 10, 1000);
      expect(due.indexOf(second.id)).toBeLessThan(due.indexOf(first.id));
      await store.markSwept(second.id, NOW + 6);
      const again = await store.dueForTimer(NOW + 10, 1000);
      expect(again.indexOf(first.id)).toBeLessThan(again.indexOf(second.id));
    });

    it('lists a room newest first and a member’s own tasks', async () => {
      const older = await newTask({}, NOW);
      const newer = await newTask({}, NOW + 10);
      must(await store.join(older.id, room, member(1), NOW));
      expect(ids(await store.listByRoom(room, member(2), null, 10))).toEqual([newer.id, older.id]);
      expect(ids(await store.listByRoom(room, member(2), null, 1))).toEqual([newer.id]);
      expect(await store.listByRoom(`other${run}`, member(2), null, 10)).toEqual([]);
      expect(ids(await store.listByMember(member(1).userId, null, 10))).toEqual([older.id]);
      expect(ids(await store.listByMember(creator().userId, null, 10))).toEqual([newer.id, older.id]);
      must(await store.leave(older.id, room, member(1), NOW));
      expect(await store.listByMember(member(1).userId, null, 10)).toEqual([]);
    });

    it('pages a list newest first, then by id: every task once, tasks of one millisecond across pages too', async () => {
      const tasks = [];
      for (const at of [NOW, NOW, NOW, NOW + 5, NOW + 5, NOW + 5, NOW + 5, NOW + 9]) tasks.push(await newTask({}, at));
      for (const task of tasks) must(await store.join(task.id, room, member(1), NOW));
      const order = [...tasks].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1)).map((t) => t.id);
      for (const list of [
        (after: TaskCursor | null) => store.listByRoom(room, member(2), after, 3),
        (after: TaskCursor | null) => store.listByMember(member(1).userId, after, 3),
      ]) {
        const seen: string[] = [];
        let after: TaskCursor | null = null;
        for (let page = await list(after); page.length > 0; page = await list(after)) {
          seen.push(...ids(page));
          const last = page[page.length - 1]!.summary;
          after = { createdAt: last.createdAt, id: last.id };
        }
        expect(seen.filter((id) => order.includes(id))).toEqual(order);
      }
    });

    it('lists exactly what listingOf computes from the whole task, for every kind of viewer', async () => {
      const chosen = await newTask(
        { capacity: 1, audience: { kind: 'members', memberIds: [member(1).memberId, member(2).memberId] } },
        NOW,
      );
      const everyone = await newTask({ kind: 'complete' }, NOW + 1);
      must(await store.join(chosen.id, room, member(1), NOW));
      must(await store.join(chosen.id, room, member(2), NOW));
      must(await store.join(everyone.id, room, member(3), NOW));
      const full = async (id: string) => {
        const task = await store.get(id);
        if (task === null) throw new Error('missing');
        return task;
      };
      for (const n of [0, 1, 2, 3, 4]) {
        const viewer = { userId: member(n).userId, roomId: room, memberId: member(n).memberId };
        const expected = [listingOf(await full(everyone.id), viewer), listingOf(await full(chosen.id), viewer)];
        expect(await store.listByRoom(room, member(n), null, 10)).toEqual(expected);
      }
      for (const n of [0, 1, 2, 3]) {
        const viewer = { userId: member(n).userId, roomId: null, memberId: null };
        const mine = (await Promise.all([full(everyone.id), full(chosen.id)]))
          .map((task) => listingOf(task, viewer))
          .filter((l) => l.creatorUserId === viewer.userId || l.viewer.joined || l.viewer.waitlisted);
        expect(await store.listByMember(member(n).userId, null, 10)).toEqual(mine);
      }
    });

    it('keeps concurrent sign-ups exact: capacity 20, 60 members, 20 repeats', async () => {
      const task = await newTask({ capacity: 20 });
      const attempts = [
        ...Array.from({ length: 60 }, (_, i) => member(i + 1)),
        ...Array.from({ length: 20 }, (_, i) => member(i + 1)),
      ];
      const results = await Promise.all(attempts.map((m) => store.join(task.id, room, m, NOW)));
      const stored = await store.get(task.id);
      expect(stored?.participants).toHaveLength(20);
      expect(stored?.waitlist).toHaveLength(40);
      const everyone = [...(stored?.participants ?? []), ...(stored?.waitlist ?? [])].map((p) => p.userId);
      expect(new Set(everyone).size).toBe(60);
      expect(results.filter((r) => codeOf(r) === 'ALREADY_JOINED')).toHaveLength(20);
      expect(results.filter((r) => r.ok && r.data.outcome === 'joined')).toHaveLength(20);
    });

    it('keeps concurrent leaves, joins and an end consistent', async () => {
      const task = await newTask({ capacity: 5 });
      for (let n = 1; n <= 8; n += 1) must(await store.join(task.id, room, member(n), NOW));
      await Promise.all([
        store.leave(task.id, room, member(1), NOW),
        store.leave(task.id, room, member(2), NOW),
        store.join(task.id, room, member(9), NOW),
        store.leave(task.id, room, member(7), NOW),
        store.markClosingSoon(task.id, room, creator().userId, NOW),
      ]);
      const stored = await store.get(task.id);
      expect(stored?.state).toBe('closingSoon');
      expect(stored?.participants.map((p) => p.userId).sort()).toEqual(
        [3, 4, 5, 6, 8].map((n) => member(n).userId).sort(),
      );
      expect(stored?.waitlist.map((p) => p.userId)).toEqual([member(9).userId]);
    });
  });
}
