// What the simulated platforms share (simulator/platforms/service.ts): their real server as a child process, ready
// when it says so, its stderr in the log, refused when it exits first; started on first use (again after a failed
// start) and stopped once on close.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { onFirstUse, startService, type ServiceOptions } from '../../../simulator/platforms/service';

jest.setTimeout(30_000);

const repoRoot = path.join(__dirname, '../../..');
const folders: string[] = [];
afterAll(() => {
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function server(code: string, lines: string[]): ServiceOptions {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-service-'));
  folders.push(folder);
  const script = path.join(folder, 'serve.ts');
  fs.writeFileSync(script, code);
  return {
    repoRoot,
    script: path.relative(repoRoot, script),
    env: (port) => ({ TEST_SERVER_PORT: String(port) }),
    ready: 'test server on',
    name: 'the test server',
    logPrefix: 'test',
    log: (line) => lines.push(line),
  };
}

test('the server gets its port, is ready when it says so, logs its stderr and stops', async () => {
  const lines: string[] = [];
  const service = await startService(
    server(
      `console.error('warming up');
       setTimeout(() => console.log('test server on ' + process.env.TEST_SERVER_PORT), 100);
       setInterval(() => undefined, 1000);`,
      lines,
    ),
  );
  const port = service.address.split(':')[1];
  expect(service.address).toMatch(/^127\.0\.0\.1:\d+$/);
  expect(service.url).toBe(`http://127.0.0.1:${port}`);
  expect(lines).toContain('test: warming up');
  // stop() resolves once the process has exited; again, it has nothing to do.
  await service.stop();
  await service.stop();
});

test('a server that exits before it is ready is refused with its exit code', async () => {
  await expect(startService(server('process.exit(3);', []))).rejects.toThrow('the test server exited (3)');
});

test('started once on first use, again after a failed start, stopped once on close', async () => {
  const stopped: number[] = [];
  let starts = 0;
  const thing = onFirstUse(
    async () => {
      starts += 1;
      if (starts === 1) throw new Error('first start fails');
      return starts;
    },
    async (started) => {
      stopped.push(started);
    },
  );
  await thing.close();
  await expect(thing.use()).rejects.toThrow('first start fails');
  expect(await Promise.all([thing.use(), thing.use()])).toEqual([2, 2]);
  expect(starts).toBe(2);
  await thing.close();
  await thing.close();
  expect(stopped).toEqual([2]);
});
