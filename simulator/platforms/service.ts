// What the simulated platforms under /wecom/ and /feishu/ share: each runs its platform's real server as a child
// process with its one documented command (so nothing of the app or the kit is imported into the simulator),
// started on first use, stopped on close, its errors in the simulator's log; and each answers its page in JSON.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** What the simulator's server gives a platform. */
export interface PlatformOptions {
  repoRoot: string;
  /** SQLite file of the platform server's store; emptied at start, as the simulator's own database is. */
  databaseFile: string;
  log(line: string): void;
}

/** A platform as the simulator's server mounts it under its own path (/wecom/, /feishu/). */
export interface SimulatedPlatform {
  /** Serves a request; false when the path is not the platform's. */
  handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<boolean>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  repoRoot: string;
  /** The server's command: its TypeScript entry, relative to repoRoot, run by the repository's tsx. */
  script: string;
  /** Its settings (environment variables beside the simulator's own), given the port it is to listen on. */
  env(port: number): Record<string, string>;
  /** What it prints on stdout once it listens. */
  ready: string;
  /** Its name in the error when it exits before it is ready, e.g. "the WeCom server". */
  name: string;
  /** What its stderr lines start with in the simulator's log. */
  logPrefix: string;
  log(line: string): void;
}

export interface Service {
  /** 127.0.0.1:port, where it listens. */
  address: string;
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts the server and resolves once it says it is listening; rejects if it exits first. */
export async function startService(options: ServiceOptions): Promise<Service> {
  const { repoRoot, log } = options;
  const port = await freePort();
  const child = spawn(path.join(repoRoot, 'node_modules', '.bin', 'tsx'), [path.join(repoRoot, options.script)], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...options.env(port) },
  });
  child.stderr?.on('data', (chunk: Buffer) => log(`${options.logPrefix}: ${chunk.toString('utf8').trim()}`));
  await new Promise<void>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (seen.includes(options.ready)) resolve();
    });
    child.once('exit', (code) => reject(new Error(`${options.name} exited (${code ?? 'signal'})`)));
  });
  const address = `127.0.0.1:${port}`;
  return {
    address,
    url: `http://${address}`,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Something started on first use (again after a failed start) and stopped on close. */
export function onFirstUse<T>(
  start: () => Promise<T>,
  stop: (started: T) => Promise<void>,
): { use(): Promise<T>; close(): Promise<void> } {
  let running: Promise<T> | null = null;
  return {
    use() {
      running ??= start().catch((error: unknown) => {
        running = null;
        throw error;
      });
      return running;
    },
    async close() {
      if (running === null) return;
      const started = await running.then(
        (value) => ({ value }),
        () => null,
      );
      running = null;
      if (started !== null) await stop(started.value);
    },
  };
}

/** Empties a server's SQLite file (and its journal), as the simulator empties its own database at start. */
export function emptyDatabase(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
}

/** A request's body as text, refused past 64 KB. */
export async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > 64 * 1024) throw new Error('body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}
