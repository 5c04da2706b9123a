// The simulator's Node server: builds the app (and rebuilds it on every edit), serves the chat host,
// the phone frame and the project's static files on 127.0.0.1, runs the cloud function through
// the local runner (emulator/), and pushes build results and chat state to the page over server-sent events.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { LocalBackend } from '../../local/types';
import { describeReadings, readingsFromEnvironment, type Readings } from '../../emulator/readings';
import { AppBuilder, diskFiles, type BuildOutput } from '../build';
import { walkApp } from '../build/app-json';
import { formatBuildError } from '../shared/protocol';
import type { AppInfo, BuildStatus, ServerCall, ServerReply } from '../shared/server-api';
import { createReloadableBackend } from './backend';
import { ChatService } from './chat';
import { APP_HTML, HOST_HTML } from './pages';
import { watchProject, type ChangeKind } from './watch';

export interface SimulatorOptions {
  /** The mini program to run (app.json's folder). The cloud function and emulator always come from this repository. */
  root: string;
  /** 0 picks a free port. */
  port: number;
  /** SQLite file of the local cloud database; emptied at start so it matches the fresh simulated chats. */
  databaseFile: string;
  watch: boolean;
  /** How the emulator reads WeChat where its documents conflict or are silent. Default: WECHAT_READINGS. */
  readings?: Readings;
  log(line: string): void;
}

export interface RunningSimulator {
  url: string;
  port: number;
  status(): BuildStatus;
  rebuild(): Promise<BuildStatus>;
  close(): Promise<void>;
}

const REPO_ROOT = path.resolve(__dirname, '../..');

const STATIC_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

function appInfo(root: string): AppInfo {
  try {
    const graph = walkApp(diskFiles(root));
    return { launcher: graph.pages[0] ?? '', chatTool: graph.chatTool };
  } catch {
    return { launcher: '', chatTool: null };
  }
}

async function bundleHost(): Promise<{ js: string; css: string }> {
  const result = await esbuild.build({
    entryPoints: [path.resolve(__dirname, '../host/main.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  const css = fs.readFileSync(path.resolve(__dirname, '../host/host.css'), 'utf8');
  return { js: result.outputFiles[0]!.text, css };
}

/** One server-sent event. */
function eventFrame(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const { root, log } = options;
  const builder = new AppBuilder(root);
  const host = await bundleHost();
  let version = 0;
  let output: BuildOutput = await builder.build();
  const toStatus = (o: BuildOutput): BuildStatus => ({
    version,
    ok: o.ok,
    errors: o.errors,
    warnings: o.warnings,
    ms: Math.round(o.ms),
  });
  const report = (o: BuildOutput, reason: string): void => {
    if (o.ok) {
      log(`built ${reason} in ${Math.round(o.ms)} ms`);
      for (const w of o.warnings) log(`template warning: ${w}`);
    } else for (const e of o.errors) log(`build error: ${formatBuildError(e)}`);
  };
  report(output, 'the app');

  const readings = options.readings ?? readingsFromEnvironment();
  log(`WeChat readings: ${describeReadings(readings)}`);
  let backend: LocalBackend = createReloadableBackend(REPO_ROOT, options.databaseFile, readings);
  let chat = new ChatService(backend);
  const clients = new Set<http.ServerResponse>();
  const send = (event: string, data: unknown): void => {
    const frame = eventFrame(event, data);
    for (const res of clients) res.write(frame);
  };
  const subscribeChat = (): void => {
    chat.onChange(() => send('state', chat.state()));
  };
  subscribeChat();

  let building: Promise<unknown> | null = null;
  const rebuild = async (): Promise<BuildStatus> => {
    output = await builder.build();
    version += 1;
    report(output, 'after an edit');
    const status = toStatus(output);
    send('build', status);
    return status;
  };
  /** Function code: reloaded in place. The emulator itself: started over with fresh chats. */
  const reloadBackend = (files: string[]): void => {
    const started = performance.now();
    const emulatorEdited = files.some(
      (f) => f.split(path.sep).join('/').startsWith('emulator/') || f.split(path.sep).join('/').startsWith('local/'),
    );
    try {
      if (emulatorEdited) {
        backend.close();
        backend = createReloadableBackend(REPO_ROOT, options.databaseFile, readings);
        chat = new ChatService(backend);
        subscribeChat();
        send('state', chat.state());
        send('reset', {});
        log(`reloaded the emulator and started the chats over in ${Math.round(performance.now() - started)} ms`);
      } else {
        backend.reloadFunction();
        log(`reloaded the cloud function in ${Math.round(performance.now() - started)} ms`);
      }
    } catch (err) {
      log(`cloud function reload failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, type: string, body: string | Buffer): void => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      try {
        if (url.pathname === '/' || url.pathname === '/index.html')
          return reply(200, 'text/html; charset=utf-8', HOST_HTML);
        if (url.pathname === '/favicon.ico') return reply(204, 'text/plain', '');
        if (url.pathname === '/host.js') return reply(200, 'text/javascript; charset=utf-8', host.js);
        if (url.pathname === '/host.css') return reply(200, 'text/css; charset=utf-8', host.css);
        if (url.pathname === '/app.html') return reply(200, 'text/html; charset=utf-8', APP_HTML);
        if (url.pathname === '/app.js') {
          if (building) await building;
          return reply(200, 'text/javascript; charset=utf-8', output.js);
        }
        if (url.pathname === '/api/app') return reply(200, 'application/json', JSON.stringify(appInfo(root)));
        if (url.pathname === '/api/build') return reply(200, 'application/json', JSON.stringify(toStatus(output)));
        if (url.pathname === '/api/state') return reply(200, 'application/json', JSON.stringify(chat.state()));
        if (url.pathname === '/api/call' && req.method === 'POST') {
          const call = JSON.parse(await readBody(req)) as ServerCall;
          let body: ServerReply;
          try {
            body = { ok: true, value: (await chat.call(call)) ?? null };
          } catch (err) {
            body = { ok: false, error: err instanceof Error ? err.message : String(err) };
          }
          return reply(200, 'application/json', JSON.stringify(body));
        }
        if (url.pathname === '/events') {
          res.writeHead(200, {
            'content-type': 'text/event-stream',
            'cache-control': 'no-store',
            connection: 'keep-alive',
          });
          res.write(eventFrame('build', toStatus(output)));
          clients.add(res);
          req.on('close', () => clients.delete(res));
          return;
        }
        // The app's own images and fonts, by their path in the project (e.g. /packageChatTool/assets/x.png).
        const file = path.resolve(root, `.${decodeURIComponent(url.pathname)}`);
        const type = STATIC_TYPES[path.extname(file).toLowerCase()];
        if (
          type &&
          file.startsWith(root + path.sep) &&
          !file.includes(`${path.sep}node_modules${path.sep}`) &&
          fs.existsSync(file)
        ) {
          return reply(200, type, fs.readFileSync(file));
        }
        reply(404, 'text/plain', 'not found');
      } catch (err) {
        reply(500, 'text/plain', err instanceof Error ? err.message : String(err));
      }
    })();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  const scheduleRebuild = (): void => {
    // One build at a time; /app.js waits for the newest.
    const next = (building ?? Promise.resolve()).then(rebuild);
    building = next;
    void next.finally(() => {
      if (building === next) building = null;
    });
  };
  const stopWatching: (() => void)[] = [];
  if (options.watch) {
    stopWatching.push(
      watchProject(root, (kinds: Set<ChangeKind>, files: string[]) => {
        if (kinds.has('function') && root === REPO_ROOT) reloadBackend(files);
        // Only files the last build read matter (a failed build may be missing one: rebuild on anything).
        const used = new Set(output.files);
        const relevant = !output.ok || files.some((f) => used.has(f.split(path.sep).join('/')));
        if (kinds.has('app') && relevant) scheduleRebuild();
      }),
    );
    // With --root, the cloud function and the emulator still come from this repository.
    if (root !== REPO_ROOT) {
      stopWatching.push(
        watchProject(REPO_ROOT, (kinds: Set<ChangeKind>, files: string[]) => {
          if (kinds.has('function')) reloadBackend(files);
        }),
      );
    }
  }

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    status: () => toStatus(output),
    rebuild,
    close: async () => {
      for (const stop of stopWatching) stop();
      for (const res of clients) res.end();
      clients.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await builder.dispose();
      backend.close();
    },
  };
}
