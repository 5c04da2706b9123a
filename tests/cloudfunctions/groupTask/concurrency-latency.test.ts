// Sign-ups through the whole function (identity binding, the store, the card sync) while the offline CloudBase
// database answers each request in 20–50 ms: the places stay exact and the creator's end is not refused as busy.
import { WAITLIST_MAX } from '../../../packageChatTool/core/limits';
import { codeOf, makeWorld, must, publishedTask, wholeList } from './world';

jest.setTimeout(120_000);

it('300 members sign up at once for 100 places at 20–50 ms per request: exactly 100, the rest waiting, then the end', async () => {
  const world = makeWorld('cloudbase', 301, 200, undefined, { latencyMs: [20, 50] });
  const { creator, call } = world;
  const taskId = await publishedTask(world, 100);
  const signers = world.members.slice(1);
  const burst = Promise.all(signers.map((who) => call(who, 'join', { taskId })));
  const closing = await call(creator, 'markClosingSoon', { taskId });
  const results = await burst;
  const ended = await call(creator, 'endTask', { taskId });
  expect([codeOf(closing), codeOf(ended)]).toEqual(['ok', 'ok']);
  expect(results.map(codeOf).filter((c) => c !== 'ok')).toEqual([]);
  const view = must(await call(creator, 'getTask', { taskId }));
  expect(view.counts).toMatchObject({ joined: 100, waitlisted: Math.min(200, WAITLIST_MAX) });
  const participants = await wholeList(world, creator, taskId, 'participants');
  const waitlist = await wholeList(world, creator, taskId, 'waitlist');
  expect(participants).toHaveLength(100);
  expect(waitlist).toHaveLength(Math.min(200, WAITLIST_MAX));
  const everyone = [...participants, ...waitlist].map((p) => p.memberId);
  expect(new Set(everyone).size).toBe(300);
  world.close();
});
