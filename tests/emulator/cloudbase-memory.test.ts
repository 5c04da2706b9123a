// The offline CloudBase database's load switches: latency, the service's load errors (a timeout may come after
// the write was applied) and the get() cap, each as wx-server-sdk reports it.
import { createMemoryCloudbase } from '../../emulator/cloudbase-memory';

interface Counter {
  _id: string;
  n: number;
}

async function world(options: Parameters<typeof createMemoryCloudbase>[0] = {}) {
  const memory = createMemoryCloudbase(options);
  const counters = memory.database.collection('counters');
  await counters.add({ data: { _id: 'c', n: 0 } });
  const bump = () => counters.where({ _id: 'c' }).update({ data: { n: memory.database.command.inc(1) } });
  const value = async () => ((await counters.doc('c').get()).data as Counter).n;
  return { memory, counters, bump, value };
}

const errCodeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => 'answered',
    (error: { errCode?: number }) => error.errCode,
  );

describe('the offline CloudBase database under load', () => {
  it('fails with the service timeout (-501002) before or after applying a write', async () => {
    const { memory, bump, value } = await world();
    memory.failNext('serverTimeout', { operation: 'update' });
    expect(await errCodeOf(bump())).toBe(-501002);
    expect(await value()).toBe(0);
    memory.failNext('timeoutAfterCommit', { operation: 'update' });
    expect(await errCodeOf(bump())).toBe(-501002);
    expect(await value()).toBe(1);
    expect(await errCodeOf(bump())).toBe('answered');
    expect(await value()).toBe(2);
  });

  it('refuses unrun over the request and concurrency limits (-501003, -501004), as often as asked', async () => {
    const { memory, bump, value } = await world();
    memory.failNext('requestLimit', { operation: 'update', times: 2 });
    memory.failNext('concurrentLimit', { collection: 'counters' });
    expect(await errCodeOf(bump())).toBe(-501003);
    expect(await errCodeOf(bump())).toBe(-501003);
    expect(await errCodeOf(value())).toBe(-501004);
    expect(await value()).toBe(0);
    memory.failNext('requestLimit', { collection: 'elsewhere' });
    expect(await errCodeOf(bump())).toBe('answered');
  });

  it('returns at most 100 or 1000 documents per get(), whatever the limit asked', async () => {
    for (const getCap of [100, 1000] as const) {
      const { memory } = await world({ getCap });
      const many = memory.database.collection('many');
      await Promise.all(Array.from({ length: 1200 }, (_, i) => many.add({ data: { _id: `d${i}`, i } })));
      expect((await many.limit(2000).get()).data).toHaveLength(getCap);
      expect((await many.skip(1150).limit(2000).get()).data).toHaveLength(50);
    }
  });

  it('answers each request after the latency set, and concurrent requests overlap', async () => {
    const { memory, value } = await world({ latencyMs: [20, 30] });
    let started = Date.now();
    await value();
    expect(Date.now() - started).toBeGreaterThanOrEqual(19);
    started = Date.now();
    await Promise.all(Array.from({ length: 20 }, value));
    expect(Date.now() - started).toBeLessThan(200);
    memory.setLatency(0);
    started = Date.now();
    await value();
    expect(Date.now() - started).toBeLessThan(19);
  });
});
