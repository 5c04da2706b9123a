// The simulator's Node server: builds the app (and rebuilds it on every edit), serves the chat host,
// the phone frame and the project's static files on 127.0.0.1, runs the project's cloud functions through
// the local runner (local/, on emulator/), and pushes build results and chat state to the page over server-sent
// events. Only to its own pages: guard.ts checks each request, limits.ts states what it accepts and keeps
// (docs/simulator.md, "Security").

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { describeReadings, readingsFromEnvironment, type Readings } from '../../emulator/readings';
import { AppBuilder, diskFiles, type BuildOutput } from '../build';
import { bundleScript } from '../build/script';
import { walkApp } from '../build/app-json';
import { formatBuildError } from '../shared/protocol';
import type { AppInfo, BuildStatus, ServerCall, ServerReply } from '../shared/server-api';
import { createReloadableBackend, RUNNER_FOLDERS, type ReloadableBackend } from './backend';
import { ChatService } from './chat';
import { EventStreams } from './events';
import { checkCaller, HttpError, readJsonBody } from './guard';
import { APP_HTML, HOST_HTML } from './pages';
import { planReload, watchProject, type LoadedProject } from './watch';
import { createFeishuPlatform } from '../platforms/feishu';
import { createWecomPlatform } from '../platforms/wecom';

export interface SimulatorOptions {
  /**
   * The mini program to run: app.json's folder, whose `cloudfunctions/` holds its cloud functions. The runner
   * and the emulator come from this repository.
   */
  root: string;
  /** 0 picks a free port. */
  port: number;
  /** SQLite file of the local cloud database (all functions'); emptied at start so it matches the fresh simulated chats. */
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
  const js = await bundleScript(path.resolve(__dirname, '../host/main.ts'));
  const css = fs.readFileSync(path.resolve(__dirname, '../host/host.css'), 'utf8');
  return { js, css };
}

/**
 * The project's file at a URL path, if it is an image or a font whose real path (symlinks followed) is inside
 * `realRoot` and outside node_modules; else null.
 */
async function staticFile(realRoot: string, pathname: string): Promise<{ type: string; body: Buffer } | null> {
  const type = STATIC_TYPES[path.extname(pathname).toLowerCase()];
  if (!type) return null;
  try {
    const real = await fs.promises.realpath(path.join(realRoot, decodeURIComponent(pathname)));
    const relative = path.relative(realRoot, real);
    const parts = relative.split(path.sep);
    if (path.isAbsolute(relative) || parts[0] === '..' || parts.includes('node_modules')) return null;
    return { type, body: await fs.promises.readFile(real) };
  } catch {
    return null;
  }
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
  /** The backend's functions by name, for the log. */
  const functionNames = (of: ReloadableBackend): string =>
    of
      .functions()
      .map((fn) => fn.name)
      .join(', ') || 'none';
  const newBackend = (): ReloadableBackend => {
    const created = createReloadableBackend(REPO_ROOT, root, options.databaseFile, readings);
    log(`cloud functions: ${functionNames(created)}`);
    return created;
  };
  let backend = newBackend();
  let chat = new ChatService(backend);
  const events = new EventStreams(log);
  const send = (event: string, data: unknown): void => events.send(event, data);
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
  /** What the app build and each function last read, relative to `base` (the project, or this repository). */
  const loaded = (base: string): LoadedProject => {
    const relative = (file: string): string => path.relative(base, file).split(path.sep).join('/');
    const files = backend.functionFiles();
    return {
      app: { files: new Set(base === root ? output.files : []), ok: base !== root || output.ok },
      functions: backend.functions().map((fn) => ({
        name: fn.name,
        dir: relative(fn.dir),
        files: new Set([...(files.get(fn.name) ?? [])].map(relative)),
      })),
      functionsFolder: relative(path.join(root, 'cloudfunctions')),
      runnerFolders: base === REPO_ROOT ? RUNNER_FOLDERS : [],
    };
  };
  /** Function code: reloaded in place. The runner itself: started over with fresh chats. */
  const reloadBackend = (plan: { functions: string[]; rediscover: boolean; runner: boolean }): void => {
    const started = performance.now();
    const ms = (): number => Math.round(performance.now() - started);
    try {
      if (plan.runner) {
        backend.close();
        backend = newBackend();
        chat = new ChatService(backend);
        subscribeChat();
        send('state', chat.state());
        send('reset', {});
        log(`reloaded the emulator and started the chats over in ${ms()} ms`);
      } else if (plan.rediscover) {
        backend.reloadFunction();
        log(`reloaded the cloud functions (${functionNames(backend)}) in ${ms()} ms`);
      } else if (plan.functions.length > 0) {
        for (const name of plan.functions) backend.reloadFunction(name);
        log(`reloaded the cloud function ${plan.functions.join(', ')} in ${ms()} ms`);
      }
    } catch (err) {
      log(`cloud function reload failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };

  const realRoot = fs.realpathSync(root);
  // The simulated Feishu group under /feishu/ (simulator/platforms/feishu): started on first use.
  const feishu = createFeishuPlatform({
    repoRoot: REPO_ROOT,
    databaseFile: path.join(path.dirname(options.databaseFile), 'feishu.sqlite'),
    origin: () => `http://127.0.0.1:${port}`,
    log,
  });
  // The simulated WeCom customer group under /wecom/ (simulator/platforms/wecom): started on first use.
  const wecom = createWecomPlatform({
    repoRoot: REPO_ROOT,
    databaseFile: path.join(path.dirname(options.databaseFile), 'wecom.sqlite'),
    log,
  });
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const reply = (status: number, type: string, body: string | Buffer): void => {
        res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
        res.end(body);
      };
      try {
        checkCaller(req.headers, port);
        if (await feishu.handle(req, res, url)) return;
        if (await wecom.handle(req, res, url)) return;
        if (url.pathname === '/api/call') {
          if (req.method !== 'POST') throw new HttpError(405, '/api/call takes a POST');
          const call = (await readJsonBody(req)) as ServerCall;
          let body: ServerReply;
          try {
            body = { ok: true, value: (await chat.call(call)) ?? null };
          } catch (err) {
            body = { ok: false, error: err instanceof Error ? err.message : String(err) };
          }
          return reply(200, 'application/json', JSON.stringify(body));
        }
        if (req.method !== 'GET' && req.method !== 'HEAD') throw new HttpError(405, `${url.pathname} takes a GET`);
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
        if (url.pathname === '/app.js.map') {
          if (building) await building;
          return reply(200, 'application/json', await output.map());
        }
        if (url.pathname === '/api/app') return reply(200, 'application/json', JSON.stringify(appInfo(root)));
        if (url.pathname === '/api/build') return reply(200, 'application/json', JSON.stringify(toStatus(output)));
        if (url.pathname === '/api/state') return reply(200, 'application/json', JSON.stringify(chat.state()));
        if (url.pathname === '/events') {
          return events.open(req, res, [
            ['build', toStatus(output)],
            ['state', chat.state()],
          ]);
        }
        // The app's own images and fonts, by their path in the project (e.g. /<subpackage root>/assets/x.png).
        const file = await staticFile(realRoot, url.pathname);
        if (file) return reply(200, file.type, file.body);
        reply(404, 'text/plain', 'not found');
      } catch (err) {
        if (err instanceof HttpError) return reply(err.status, 'text/plain; charset=utf-8', err.message);
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
      watchProject(root, (files: string[]) => {
        // Only files the last build or a function read matter (a failed build may be missing one: rebuild on anything).
        const plan = planReload(files, loaded(root));
        reloadBackend(plan);
        if (plan.app) scheduleRebuild();
      }),
    );
    // With --root, the runner and the emulator still come from this repository (and a function may load a file
    // of it); the project's own files are the watcher's above.
    if (root !== REPO_ROOT) {
      stopWatching.push(
        watchProject(REPO_ROOT, (files: string[]) => {
          const outside = files.filter((f) => !path.resolve(REPO_ROOT, f).startsWith(root + path.sep));
          reloadBackend({ ...planReload(outside, loaded(REPO_ROOT)), rediscover: false });
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
      events.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await builder.dispose();
      backend.close();
      await feishu.close();
      await wecom.close();
    },
  };
}
