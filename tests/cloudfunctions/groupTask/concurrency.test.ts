// 1,000 distinct members and 200 repeats sign up at once for 100 places, through the whole function.
import type { TaskView } from '../../../packageChatTool/core/api';
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import { codeOf, everyoneDraft, makeWorld, must, STORES, wholeList } from './world';

// A hang guard: on a fresh clone (cold transform cache) with both readings' copies of this file running at once on
// 2 cores, the CloudBase burst took over a minute; its speed is bench:backend's to print, not this test's.
jest.setTimeout(180_000);

describe.each(STORES)('1,000 concurrent sign-ups + 200 repeats, capacity 100 (%s)', (store) => {
  it('admits exactly 100, waitlists in order, refuses the rest with the right code, loses nothing', async () => {
    const world = makeWorld(store, 1001);
    const { creator, call, backend } = world;
    const created = must(
      await call(creator, 'createTask', { envVersion: 'release', task: everyoneDraft({ capacity: 100 }) }),
    );
    backend.wechat.shareCard(creator, created.share);
    const taskId = created.task.id;
    const signers = world.members.slice(1);
    const attempts = [...signers, ...signers.slice(0, 200)];
    const results = await Promise.all(attempts.map((who) => call(who, 'join', { taskId })));

    const participants = (await wholeList(world, creator, taskId, 'participants')).map((p) => p.memberId);
    const waitlist = (await wholeList(world, creator, taskId, 'waitlist')).map((p) => p.memberId);
    expect(participants).toHaveLength(100);
    expect(new Set(participants).size).toBe(100);
    expect(waitlist).toHaveLength(WAITLIST_MAX);
    expect(new Set([...participants, ...waitlist]).size).toBe(100 + WAITLIST_MAX);

    const codes = results.map(codeOf);
    const admitted = codes.filter((c) => c === 'ok').length;
    expect(admitted).toBe(100 + WAITLIST_MAX);
    expect(new Set(codes)).toEqual(new Set(['ok', 'ALREADY_JOINED', 'TASK_FULL']));
    // Each member got in (or onto the waitlist) at most once; a repeat of an admitted member is ALREADY_JOINED.
    const okPerMember = new Map<string, number>();
    attempts.forEach((who, i) => {
      if (codes[i] === 'ok') okPerMember.set(who.openid, (okPerMember.get(who.openid) ?? 0) + 1);
    });
    expect(Math.max(...okPerMember.values())).toBe(1);
    const admittedRepeaters = signers.slice(0, 200).filter((who) => okPerMember.has(who.openid)).length;
    expect(codes.filter((c) => c === 'ALREADY_JOINED')).toHaveLength(admittedRepeaters);
    expect(codes.filter((c) => c === 'TASK_FULL')).toHaveLength(attempts.length - admitted - admittedRepeaters);
    // Every admitted caller's own view says where they stand.
    results.forEach((result) => {
      if (result.ok) expect(['done', 'waitlisted']).toContain((result.data as TaskView).viewer.status);
    });

    // The card follows: exactly the 100 participants are marked done, after at most one timer pass.
    await backend.runTimer();
    const card = backend.wechat.card(created.share.activityId);
    expect(new Set(card?.done)).toEqual(new Set(participants));
    const count = '100人已参与';
    expect(must(await call(creator, 'getTask', { taskId })).viewer.cardText).toBe(count);
    expect(backend.wechat.cardText(created.share.activityId, creator)).toBe(count);
    world.close();
  });
});
