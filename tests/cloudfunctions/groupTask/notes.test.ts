// A participant's note, the export and the celebration through the whole function, on both stores: what each member
// sees, the content check's every reading (a refused note stores nothing and keeps the old one), a note edit racing
// sign-ups, and the creator's file of every member read back with a CSV parser.
import { parse } from 'csv-parse/sync';
import type { ApiResult } from '../../../packageChatTool/core/api';
import { MEMBERS_FIRST_PAGE, MEMBERS_PAGE, NOTE_MAX } from '../../../packageChatTool/core/limits';
import { EXPORT_NOTICE } from '../../../packageChatTool/core/task-export';
import { createGroupTask } from '../../../cloudfunctions/groupTask/src/actions';
import { createTaskStore } from '../../../cloudfunctions/groupTask/src/task-store';
import { memberBindings } from '../../../kit/server/member-bindings';
import type { TextCheck, TextVerdict } from '../../../kit/server/ports';
import { PlatformError } from '../../../kit/server/ports';
import type { EmulatedMember } from '../../../local';
import { storeOf } from '../../harness/stores';
import type { StoreKind, World } from './world';
import { codeOf, everyoneDraft, HOUR, makeWorld, must, NOW, STORES, wholeList } from './world';

const notesOf = async (world: World, who: EmulatedMember, taskId: string, list: 'participants' | 'waitlist') =>
  (await wholeList(world, who, taskId, list)).map((p) => p.note);

async function published(world: World, task: object = {}): Promise<string> {
  const created = must(
    await world.call(world.creator, 'createTask', { envVersion: 'release', task: everyoneDraft(task) }),
  );
  world.backend.wechat.shareCard(world.creator, created.share);
  return created.task.id;
}

describe.each(STORES)('notes through the function (%s)', (store) => {
  let world: World;
  beforeEach(() => {
    world = makeWorld(store, 8);
  });
  afterEach(() => world.close());

  it('a sign-up carries its note; the creator and every member read it on the first page and on every next one', async () => {
    const taskId = await published(world, { capacity: 5 });
    const signers = world.members.slice(1);
    for (const [i, who] of signers.entries())
      must(await world.call(who, 'join', { taskId, note: i === 2 ? '' : `+${i}` }));
    const expected = ['+0', '+1', '', '+3', '+4'];
    const stranger = world.members[7]!;
    for (const who of [world.creator, signers[0]!, stranger]) {
      const view = must(await world.call(who, 'getTask', { taskId }));
      expect(view.participants.items.map((p) => p.note)).toEqual(expected.slice(0, MEMBERS_FIRST_PAGE));
      expect(await notesOf(world, who, taskId, 'participants')).toEqual(expected);
      expect(await notesOf(world, who, taskId, 'waitlist')).toEqual(['+5', '+6']);
    }
    // The joiner's own answer shows their entry with its note.
    const answer = must(await world.call(world.creator, 'getTask', { taskId }));
    expect(answer.participants.items[0]).toEqual({ memberId: signers[0]!.groupOpenid, at: NOW, note: '+0' });
  });

  it('every member finds their own note in the answer, wherever they stand in the lists', async () => {
    const taskId = await published(world, { capacity: MEMBERS_FIRST_PAGE + 1 });
    const signers = world.members.slice(1, MEMBERS_FIRST_PAGE + 4);
    for (const [i, who] of signers.entries()) must(await world.call(who, 'join', { taskId, note: `+${i}` }));
    for (const [i, who] of signers.entries())
      expect(must(await world.call(who, 'getTask', { taskId })).viewer.note).toBe(`+${i}`);
    const last = signers[signers.length - 1]!;
    expect(must(await world.call(last, 'setNote', { taskId, note: 'late' })).viewer.note).toBe('late');
    expect(must(await world.call(last, 'getTask', { taskId })).viewer.note).toBe('late');
    expect(must(await world.call(last, 'leave', { taskId })).viewer.note).toBeNull();
    expect(must(await world.call(last, 'join', { taskId })).viewer.note).toBe('');
    expect(must(await world.call(world.creator, 'getTask', { taskId })).viewer.note).toBeNull();
  });

  it('a member edits their own note on a place or on the waitlist; a refused note keeps the old one', async () => {
    const taskId = await published(world, { capacity: 1 });
    const [, alice, bob, carol] = world.members;
    must(await world.call(alice!, 'join', { taskId, note: 'old' }));
    must(await world.call(bob!, 'join', { taskId, note: '候补' }));
    const edited = must(await world.call(alice!, 'setNote', { taskId, note: '+2, vegetarian' }));
    expect(edited.participants.items[0]?.note).toBe('+2, vegetarian');
    expect(must(await world.call(bob!, 'setNote', { taskId, note: '粤B12345' })).waitlist.items[0]?.note).toBe(
      '粤B12345',
    );

    expect(codeOf(await world.call(alice!, 'setNote', { taskId, note: 'x'.repeat(NOTE_MAX + 1) }))).toBe(
      'NOTE_TOO_LONG',
    );
    expect(codeOf(await world.call(alice!, 'setNote', { taskId, note: 'two\nlines' }))).toBe('NOTE_CHARACTERS');
    expect(
      codeOf(
        await world.raw(alice!, {
          action: 'setNote',
          chatProof: world.backend.wechat.issueCloudId(alice!),
          taskId,
          note: 7,
        }),
      ),
    ).toBe('INVALID_REQUEST');
    expect(codeOf(await world.call(carol!, 'join', { taskId, note: 'a\tb' }))).toBe('NOTE_CHARACTERS');
    expect(codeOf(await world.call(carol!, 'setNote', { taskId, note: 'mine' }))).toBe('NOT_JOINED');
    expect(await notesOf(world, world.creator, taskId, 'participants')).toEqual(['+2, vegetarian']);
    expect(await notesOf(world, world.creator, taskId, 'waitlist')).toEqual(['粤B12345']);

    // Promoted, bob keeps his note; clearing it stores the empty note.
    must(await world.call(alice!, 'leave', { taskId }));
    expect(await notesOf(world, world.creator, taskId, 'participants')).toEqual(['粤B12345']);
    must(await world.call(bob!, 'setNote', { taskId, note: '' }));
    expect(await notesOf(world, world.creator, taskId, 'participants')).toEqual(['']);

    must(await world.call(world.creator, 'endTask', { taskId }));
    expect(codeOf(await world.call(bob!, 'setNote', { taskId, note: 'late' }))).toBe('TASK_ENDED');
  });

  it.each([
    ['risky', 'CONTENT_RISKY'],
    ['review', 'CONTENT_REVIEW'],
    ['failing', 'CONTENT_CHECK_FAILED'],
  ] as const)('msgSecCheck answering %s refuses the note with %s and stores nothing', async (setting, code) => {
    const taskId = await published(world);
    const [, alice, bob] = world.members;
    must(await world.call(alice!, 'join', { taskId, note: 'kept' }));
    const before = world.backend.wechat.calls('msgSecCheck').length;
    world.backend.wechat.setContentCheck(setting);
    expect(codeOf(await world.call(alice!, 'setNote', { taskId, note: 'new' }))).toBe(code);
    expect(codeOf(await world.call(bob!, 'join', { taskId, note: 'hello' }))).toBe(code);
    expect(world.backend.wechat.calls('msgSecCheck')).toHaveLength(before + 2);
    // No note, nothing to check: a sign-up without one goes through whatever the check would say.
    must(await world.call(bob!, 'join', { taskId }));
    expect(world.backend.wechat.calls('msgSecCheck')).toHaveLength(before + 2);
    expect(await notesOf(world, world.creator, taskId, 'participants')).toEqual(['kept', '']);
  });

  it('the creator exports every place and waitlisted member, all pages, with time, state and note', async () => {
    const crowd = makeWorld(store, MEMBERS_PAGE + 8);
    try {
      const taskId = await published(crowd, { capacity: MEMBERS_PAGE + 2 });
      const signers = crowd.members.slice(1);
      for (const [i, who] of signers.entries())
        must(await crowd.call(who, 'join', { taskId, note: i === 0 ? '=1+1' : `n${i}` }));
      const exported = must(await crowd.call(crowd.creator, 'exportTask', { taskId }));
      expect(exported.fileName).toBe('周六爬山.csv');
      const bytes = Buffer.from(exported.csv, 'utf8');
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [notice, , ...rows] = parse(bytes, { bom: true, relax_column_count: true }) as string[][];
      expect(notice).toEqual([EXPORT_NOTICE]);
      expect(rows).toHaveLength(signers.length);
      expect(rows.map((row) => row[2])).toEqual(signers.map((who) => who.groupOpenid));
      expect(rows.map((row) => row[1])).toEqual(
        signers.map((_, i) => (i < MEMBERS_PAGE + 2 ? '已报名 joined' : '候补 waitlisted')),
      );
      expect(rows[0]?.[4]).toBe("'=1+1");
      expect(rows[1]).toEqual(['2', '已报名 joined', signers[1]!.groupOpenid, new Date(NOW).toISOString(), 'n1']);
      expect(codeOf(await crowd.call(signers[0]!, 'exportTask', { taskId }))).toBe('NOT_CREATOR');
    } finally {
      crowd.close();
    }
  });

  it('the creator of a "complete" task may celebrate once every chosen member is done, and nobody else may', async () => {
    const [, alice, bob, carol] = world.members;
    const audience = { kind: 'members', memberIds: [alice!.groupOpenid, bob!.groupOpenid] };
    const taskId = await published(world, { kind: 'complete', audience });
    const celebrate = async (who: EmulatedMember) =>
      must(await world.call(who, 'getTask', { taskId })).viewer.can.celebrate;
    must(await world.call(alice!, 'join', { taskId }));
    expect(await celebrate(world.creator)).toBe(false);
    must(await world.call(bob!, 'join', { taskId }));
    expect(await celebrate(world.creator)).toBe(true);
    expect(await celebrate(alice!)).toBe(false);
    expect(await celebrate(carol!)).toBe(false);
  });

  it('"everyone in the chat": once the creator ended it with anyone done', async () => {
    const taskId = await published(world, { kind: 'complete' });
    must(await world.call(world.members[1]!, 'join', { taskId }));
    expect(must(await world.call(world.creator, 'getTask', { taskId })).viewer.can.celebrate).toBe(false);
    expect(must(await world.call(world.creator, 'endTask', { taskId })).viewer.can.celebrate).toBe(true);
  });
});

describe.each(STORES)('a note edit racing sign-ups (%s, 5–20 ms per database request)', (store) => {
  it('loses no sign-up and no note, round after round', async () => {
    const world = makeWorld(store, 26, 200, (tasks) => tasks, { latencyMs: [5, 20] });
    try {
      const taskId = await published(world);
      const [, writer, ...others] = world.members;
      must(await world.call(writer!, 'join', { taskId, note: 'start' }));
      for (let round = 0; round < 6; round += 1) {
        const joiners = others.slice(round * 4, round * 4 + 4);
        const results = await Promise.all([
          world.call(writer!, 'setNote', { taskId, note: `round ${round}` }),
          ...joiners.map((who) => world.call(who, 'join', { taskId, note: `j${round}` })),
        ]);
        expect(results.map(codeOf)).toEqual(results.map(() => 'ok'));
        const list = await wholeList(world, world.creator, taskId, 'participants');
        expect(list[0]).toMatchObject({ memberId: writer!.groupOpenid, note: `round ${round}` });
        expect(list).toHaveLength(2 + round * 4 + 3);
      }
    } finally {
      world.close();
    }
  }, 60_000);
});

describe.each(STORES)('the content check failing or timing out on a note (%s)', (store: StoreKind) => {
  let answer: () => Promise<{ verdict: TextVerdict; traceId: string }>;
  const checks: TextCheck[] = [];

  function groupTaskOn() {
    const { documents } = storeOf(store);
    const groupTask = createGroupTask({
      tasks: createTaskStore(documents),
      bindings: memberBindings(documents),
      platform: {
        createCard: async () => ({ activityId: 'act', expiresAt: NOW + 24 * HOUR }),
        updateCard: async () => undefined,
        // Each caller's chatProof resolves to their own member id in one room.
        resolveChat: async (_, userId) => ({ ok: true, room: { id: 'room', chatType: 3 }, memberId: `g${userId}` }),
        checkText: async (check) => {
          checks.push(check);
          return answer();
        },
      },
      clock: { now: () => NOW },
      newId: () => 'task',
      cardSyncTimeoutMs: 100,
      contentCheckTimeoutMs: 50,
      log: () => undefined,
    });
    const call = async (userId: string, action: string, body: object = {}) =>
      (await groupTask.main({ action, chatProof: 'c', ...body }, userId)) as ApiResult<{
        participants: { items: { note: string }[] };
      }>;
    return { call, close: () => documents.close() };
  }

  const taskId = 'task';
  it.each([
    ['failing (busy)', async () => Promise.reject(new PlatformError(-1, 'system error'))],
    ['stalled', () => new Promise<never>(() => undefined)],
  ])('%s: CONTENT_CHECK_FAILED, and the old note stays', async (_, failing) => {
    const { call, close } = groupTaskOn();
    answer = async () => ({ verdict: 'pass', traceId: 't' });
    checks.length = 0;
    must(await call('oCreator', 'createTask', { envVersion: 'release', task: everyoneDraft() }));
    must(await call('oAlice', 'join', { taskId, note: 'kept' }));
    expect(checks.at(-1)).toEqual({ userId: 'oAlice', scene: 3, title: '', content: 'kept' });
    answer = failing;
    expect(codeOf(await call('oAlice', 'setNote', { taskId, note: 'new' }))).toBe('CONTENT_CHECK_FAILED');
    expect(codeOf(await call('oBob', 'join', { taskId, note: 'hello' }))).toBe('CONTENT_CHECK_FAILED');
    const view = must(await call('oCreator', 'getTask', { taskId }));
    expect(view.participants.items.map((p) => p.note)).toEqual(['kept']);
    await close();
  });
});
