// The check's "offline" compile sends nothing: it runs under a guard that blocks and records every outbound
// connection and name lookup (in the worker and in any process it starts), and nothing may be recorded.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fixtureProjects } from './fixture-project';

jest.setTimeout(180_000);

const project = fixtureProjects();

const worker = path.resolve(__dirname, '../../scripts/checks/compile-worker.ts');
const tsx = createRequire(__filename).resolve('tsx/cli');

// Loaded with --require into every Node process of the compile (NODE_OPTIONS is inherited by its forks). A local
// socket (tsx's own IPC pipe) has a path and no host; everything else is refused and written down.
const GUARD = `
const fs = require('node:fs');
const net = require('node:net');
const dns = require('node:dns');
const record = (what) => fs.appendFileSync(process.env.NETWORK_RECORD, what + '\\n');
const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  // net.connect hands the socket its arguments normalised: [[options, callback]].
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  const options =
    typeof first === 'object' && first !== null ? first
    : typeof first === 'string' && !/^\\d+$/.test(first) ? { path: first }
    : { port: first, host: args[1] };
  if (options.path === undefined) {
    record('connect ' + (options.host ?? 'localhost') + ':' + options.port);
    throw new Error('outbound connection blocked by the test');
  }
  return connect.apply(this, args);
};
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) {
  dns[name] = function (host, ...rest) {
    record(name + ' ' + host);
    const callback = rest.find((arg) => typeof arg === 'function');
    if (callback) process.nextTick(callback, new Error('name lookup blocked by the test'));
  };
  dns.promises[name] = async (host) => {
    record(name + ' ' + host);
    throw new Error('name lookup blocked by the test');
  };
}
`;

test('the offline compile makes no network request (no getwhiteextlist) and still packages the project', async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'offline-compile-'));
  const guard = path.join(scratch, 'guard.cjs');
  const networkRecord = path.join(scratch, 'network.log');
  fs.writeFileSync(guard, GUARD);
  fs.writeFileSync(networkRecord, '');
  const root = project();
  try {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        process.execPath,
        [tsx, worker, root, path.join(scratch, 'compiled')],
        {
          cwd: scratch,
          timeout: 150_000,
          maxBuffer: 64 * 1024 * 1024,
          env: {
            ...process.env,
            NETWORK_RECORD: networkRecord,
            NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --require ${guard}`.trim(),
          },
        },
        (error, out, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(out)),
      ),
    );
    const answer = JSON.parse(
      stdout
        .trim()
        .split('\n')
        .reverse()
        .find((line) => line.startsWith('{'))!,
    ) as { ok: boolean; files?: Record<string, number> };
    expect(fs.readFileSync(networkRecord, 'utf8')).toBe('');
    expect(answer.ok).toBe(true);
    expect(Object.keys(answer.files!)).toContain('app.json');
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
});
