// `npm start` run by a program instead of a person: a copy of the project to edit freely, the real CLI
// on a free port with its own database, and Debian's Chromium without a window. The benchmark
// (simulator/bench.ts) and the end-to-end tests (tests/e2e/harness.ts) both drive the simulator
// through this, so it must stay free of jest.

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { AppJson } from './build/app-json';

const ROOT = path.resolve(__dirname, '..');

/**
 * The folders of the project's local packages (package.json's `file:` dependencies, e.g. the kit): its cloud
 * functions import their server parts by path, so a copy needs them beside it.
 */
function localPackages(root: string): string[] {
  const file = path.join(root, 'package.json');
  if (!fs.existsSync(file)) return [];
  const { dependencies = {}, devDependencies = {} } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
    dependencies?: Record<string, string>;
    devDependencies?: Record<string, string>;
  };
  return Object.values({ ...dependencies, ...devDependencies })
    .filter((version) => version.startsWith('file:'))
    .map((version) => path.normalize(version.slice('file:'.length)).split(path.sep)[0]!)
    .filter((folder) => folder !== '..' && folder !== '.');
}

/**
 * What `--root` needs to run the app and its cloud functions, read from app.json: the app's own files, the
 * folders of its pages and subpackages, the theme and sitemap it names, cloudfunctions/ and the project's local
 * packages.
 */
function projectEntries(root: string): string[] {
  const appJson = JSON.parse(fs.readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  const top = (file: string): string => file.replace(/^\/+/, '').split('/')[0]!;
  const appFiles = fs.readdirSync(root).filter((name) => /^app\.\w+$/.test(name));
  return [
    ...new Set([
      ...appFiles,
      ...[appJson.themeLocation, appJson.sitemapLocation].filter((f): f is string => typeof f === 'string'),
      ...(appJson.pages ?? []).map(top),
      ...[...(appJson.subPackages ?? []), ...(appJson.subpackages ?? [])].map((s) => top(s.root)),
      'cloudfunctions',
      ...localPackages(root),
    ]),
  ];
}

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Debian's chromium (CI installs it); CHROMIUM_PATH overrides. Null when there is none. */
export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
    (p): p is string => typeof p === 'string' && p !== '',
  );
  return candidates.find((p) => fs.existsSync(p)) ?? null;
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_FLAGS });
}

/**
 * Copies the project's files into a new temporary folder (the caller removes it), so edits never touch the
 * checkout; its node_modules is this repository's, linked (the functions load their packages from it).
 */
export function copyProject(prefix: string, root: string = ROOT): string {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  for (const entry of projectEntries(root)) {
    if (fs.existsSync(path.join(root, entry)))
      fs.cpSync(path.join(root, entry), path.join(copy, entry), {
        recursive: true,
        filter: (source) => path.basename(source) !== 'node_modules',
      });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

export interface RunningServer {
  url: string;
  /** performance.now() when the CLI was spawned. */
  startedAt: number;
  /** Milliseconds from spawning the CLI to its "ready" line. */
  readyMs: number;
  /** Everything the CLI printed so far (stdout and stderr). */
  output: string[];
  stop(): Promise<void>;
}

/** Starts `tsx simulator/cli.ts` on a free port, as `npm start` does, with CI set (opens nothing). */
export function startServer(extraArgs: string[] = []): Promise<RunningServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'simulator-e2e-'));
  const startedAt = performance.now();
  const child = spawn(
    process.execPath,
    [
      path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'),
      'simulator/cli.ts',
      '--port',
      '0',
      '--db',
      path.join(dir, 'database.sqlite'),
      // Other people's edits to the checkout must not reload the app mid-run; `--watch` turns it back on.
      ...(extraArgs.includes('--watch') ? [] : ['--no-watch']),
      ...extraArgs.filter((a) => a !== '--watch'),
    ],
    { cwd: ROOT, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start:\n${output.join('')}`)), 60_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output.push(text);
      const match = /ready in \d+ ms: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(text);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1]!,
          startedAt,
          readyMs: performance.now() - startedAt,
          output,
          stop: () =>
            new Promise<void>((done) => {
              child.once('exit', () => {
                fs.rmSync(dir, { recursive: true, force: true });
                done();
              });
              child.kill('SIGTERM');
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`simulator exited with ${code}:\n${output.join('')}`));
    });
  });
}
