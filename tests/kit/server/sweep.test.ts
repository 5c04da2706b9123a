// The timer's walk: a budget of wall time, one record's failure isolated, what is left for the next run.
import { sweepDue } from '../../../kit/server/sweep';

describe('kit sweep driver', () => {
  let logged: string[];
  const log = (message: string) => logged.push(message);
  beforeEach(() => {
    logged = [];
  });

  it('visits every due record in order, reporting what the visits did', async () => {
    const visited: string[] = [];
    const run = await sweepDue({
      due: async () => ['a', 'b', 'c'],
      visit: async (id) => {
        visited.push(id);
        return id === 'b' ? null : { id };
      },
      log,
    });
    expect(visited).toEqual(['a', 'b', 'c']);
    expect(run).toEqual({ looked: 3, steps: [{ id: 'a' }, { id: 'c' }], failures: 0 });
  });

  it('keeps going past a record that fails, counting and logging it', async () => {
    const run = await sweepDue({
      due: async () => ['a', 'b', 'c'],
      visit: async (id) => {
        if (id === 'b') throw new Error('disk on fire');
        return id;
      },
      log,
    });
    expect(run).toEqual({ looked: 3, steps: ['a', 'c'], failures: 1 });
    expect(logged).toEqual(['the timer failed on b']);
  });

  it('reports a due list it cannot read as one failure, visiting nothing', async () => {
    const visit = jest.fn(async () => 'x');
    const run = await sweepDue({
      due: async () => {
        throw new Error('no database');
      },
      visit,
      log,
    });
    expect(run).toEqual({ looked: 0, steps: [], failures: 1 });
    expect(visit).not.toHaveBeenCalled();
    expect(logged).toEqual(['the timer could not list what is due']);
  });

  it('stops when the wall-clock budget is spent, leaving the rest for the next run', async () => {
    let wallClock = 1000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => wallClock);
    try {
      const visited: string[] = [];
      const run = await sweepDue({
        due: async () => ['a', 'b', 'c', 'd'],
        visit: async (id) => {
          visited.push(id);
          wallClock += 30;
          return id;
        },
        budgetMs: 45,
        log,
      });
      expect(visited).toEqual(['a', 'b']);
      expect(run.looked).toBe(2);
      const none = await sweepDue({ due: async () => ['a'], visit: async (id) => id, budgetMs: 0, log });
      expect(none).toEqual({ looked: 0, steps: [], failures: 0 });
    } finally {
      now.mockRestore();
    }
  });
});

describe('kit sweep driver, concurrently', () => {
  const log = () => undefined;

  it('never has more than `concurrency` visits in flight, and visits every due record', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `r${i}`);
    let inFlight = 0;
    let most = 0;
    const visited: string[] = [];
    const run = await sweepDue({
      due: async () => ids,
      visit: async (id) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        visited.push(id);
        // Answers come back in another order than the calls went out.
        await new Promise((resolve) => setTimeout(resolve, (Number(id.slice(1)) * 7) % 5));
        inFlight -= 1;
        return id;
      },
      concurrency: 4,
      log,
    });
    expect(most).toBe(4);
    expect(visited.sort()).toEqual([...ids].sort());
    // Reported in the due order, whatever order the answers came in.
    expect(run).toEqual({ looked: 25, steps: ids, failures: 0 });
  });

  it("gives each visit the run's end, and starts none after it", async () => {
    let wallClock = 5000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => wallClock);
    try {
      const ends: number[] = [];
      const run = await sweepDue({
        due: async () => ['a', 'b', 'c', 'd', 'e'],
        visit: async (id, until) => {
          ends.push(until);
          wallClock += 40;
          return id;
        },
        budgetMs: 100,
        concurrency: 2,
        log,
      });
      expect(new Set(ends)).toEqual(new Set([5100]));
      // Each visit moves the wall clock 40 ms as it starts: a at 5000, b at 5040, c at 5080; 5120 is past the end.
      expect(run.looked).toBe(3);
    } finally {
      now.mockRestore();
    }
  });

  it('starts no visit with less than `reserveMs` of the budget left', async () => {
    let wallClock = 5000;
    const now = jest.spyOn(Date, 'now').mockImplementation(() => wallClock);
    try {
      const run = await sweepDue({
        due: async () => ['a', 'b', 'c', 'd', 'e'],
        visit: async (id) => {
          wallClock += 40;
          return id;
        },
        budgetMs: 100,
        reserveMs: 30,
        concurrency: 1,
        log,
      });
      // a at 5000, b at 5040; at 5080 only 20 ms are left, less than the 30 a visit may need.
      expect(run.looked).toBe(2);
    } finally {
      now.mockRestore();
    }
  });

  it('refuses a concurrency that is not a positive whole number', async () => {
    for (const concurrency of [0, -1, 1.5, Number.NaN]) {
      await expect(sweepDue({ due: async () => ['a'], visit: async () => null, concurrency, log })).rejects.toThrow(
        RangeError,
      );
    }
  });
});
