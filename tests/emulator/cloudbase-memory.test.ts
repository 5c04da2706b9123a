// The offline CloudBase database's load switches: latency, the service's load errors (a timeout may come after
// the write was applied) and the get() cap, each as wx-server-sdk reports it.
import { databaseOf } from '../../kit/server/sdk';
import { createMemoryCloudbase } from '../../emulator/cloudbase-memory';

interface Counter {
  _id: string;
  n: number;
}

async function world(options: Parameters<typeof createMemoryCloudbase>[0] = {}) {
  const memory = createMemoryCloudbase(options);
  // Typed through the function's own adapter of the SDK.
  const database = databaseOf(memory.database);
  const counters = database.collection<Counter>('counters');
  await counters.add({ data: { _id: 'c', n: 0 } });
  const bump = () => counters.where({ _id: 'c' }).update({ data: { n: database.command.inc(1) } });
  const value = async () => (await counters.where({ _id: 'c' }).get()).data[0]?.n;
  return { memory, database, bump, value };
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
      const { database } = await world({ getCap });
      const many = database.collection<{ _id: string; i: number }>('many');
      await Promise.all(Array.from({ length: 1200 }, (_, i) => many.add({ data: { _id: `d${i}`, i } })));
      expect((await many.limit(2000).get()).data).toHaveLength(getCap);
      expect((await many.skip(1150).limit(2000).get()).data).toHaveLength(50);
    }
  });

  it('orders by a field inside an object, as by a top-level one', async () => {
    const { database } = await world();
    const rows = database.collection<{ _id: string; inner: { at: number } }>('rows');
    await Promise.all([3, 1, 2].map((at) => rows.add({ data: { _id: `r${at}`, inner: { at } } })));
    const order = async (direction: 'asc' | 'desc') =>
      (await rows.orderBy('inner.at', direction).get()).data.map((row) => row.inner.at);
    expect(await order('asc')).toEqual([1, 2, 3]);
    expect(await order('desc')).toEqual([3, 2, 1]);
  });

  it('answers each request after the latency set, and concurrent requests overlap', async () => {
    const { memory, value } = await world({ latencyMs: [20, 30] });
    let started = Date.now();
    await value();
    expect(Date.now() - started).toBeGreaterThanOrEqual(19);
    // One after another, 40 requests would take at least 800 ms.
    started = Date.now();
    await Promise.all(Array.from({ length: 40 }, value));
    expect(Date.now() - started).toBeLessThan(700);
    memory.setLatency(300);
    started = Date.now();
    await value();
    expect(Date.now() - started).toBeGreaterThanOrEqual(299);
    memory.setLatency(0);
    started = Date.now();
    await value();
    expect(Date.now() - started).toBeLessThan(250);
  });
});
