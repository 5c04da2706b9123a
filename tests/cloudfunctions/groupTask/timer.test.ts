// The timer shares its runs fairly: cards that keep failing cannot starve a task whose deadline comes.
import { SWEEP_LIMIT } from '../../../cloudfunctions/groupTask/src/actions';
import { everyoneDraft, HOUR, makeWorld, must } from './world';

describe('the timer', () => {
  it('reaches every due task within two runs, even behind more than a run of failing cards', async () => {
    const world = makeWorld('sqlite', 3);
    const [creator, member] = [world.creator, world.members[1]!];
    // Cards never shared: every update fails, so these stay due until their activity_id expires.
    for (let i = 0; i < SWEEP_LIMIT + 5; i += 1) {
      const { task } = must(await world.call(creator, 'createTask', { envVersion: 'release', task: everyoneDraft() }));
      must(await world.call(member, 'join', { taskId: task.id }));
    }
    world.clock.now += 1;
    const soon = must(
      await world.call(creator, 'createTask', {
        envVersion: 'release',
        task: everyoneDraft({ deadline: world.clock.now + HOUR / 2 }),
      }),
    );
    const first = await world.backend.runTimer();
    const second = await world.backend.runTimer();
    expect(first).toMatchObject({ looked: SWEEP_LIMIT });
    expect(second).toMatchObject({ looked: SWEEP_LIMIT });
    expect(must(await world.call(creator, 'getTask', { taskId: soon.task.id })).state).toBe('closingSoon');
    world.close();
  });
});
