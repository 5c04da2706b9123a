// The local runner (local/index.ts createLocalBackend) for a dev server that reloads code: the WeChat emulator
// and the functions' databases live as long as the server (so the chats and what the functions stored survive
// an edit), while a function's code is re-required after an edit to any file it loaded: its own folder, and
// whatever it imports from elsewhere in the project (e.g. a domain folder shared with the pages), found by
// following its modules rather than named. An edit to emulator/ or local/ needs a new backend:
// createReloadableBackend again.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Local from '../../local';
import type { DiscoveredFunction, LocalBackend } from '../../local/types';
import type { Readings } from '../../emulator/readings';
import { PLATFORM_CALLS_LIMIT } from './limits';

// The global `require` is typed by miniprogram-api-typings (WeChat's); Node's comes from createRequire.
const nodeRequire = createRequire(__filename);

/** The runner's own folders in this repository: an edit to one needs a new backend. */
export const RUNNER_FOLDERS = ['emulator', 'local'];

/** Forgets the compiled modules `forget` picks, so the next require reads the edited files. */
function forgetModules(forget: (file: string) => boolean): void {
  for (const id of Object.keys(nodeRequire.cache)) if (forget(id)) delete nodeRequire.cache[id];
}

const under = (dirs: string[]) => (file: string) => dirs.some((dir) => file.startsWith(dir + path.sep));

/** The files of the module graph under `entry` (Node's `children`), outside node_modules. */
function moduleGraph(entry: string): Set<string> {
  const files = new Set<string>();
  const visit = (mod: NodeJS.Module | undefined): void => {
    if (!mod || files.has(mod.filename) || mod.filename.includes(`${path.sep}node_modules${path.sep}`)) return;
    files.add(mod.filename);
    mod.children.forEach(visit);
  };
  visit(nodeRequire.cache[nodeRequire.resolve(entry)]);
  return files;
}

export interface ReloadableBackend extends LocalBackend {
  /** The files each function's code was loaded from (absolute paths), by function name. */
  functionFiles(): Map<string, ReadonlySet<string>>;
}

/**
 * The backend of the project at `root` (its `cloudfunctions/`), with a runner from `repositoryRoot` (this
 * repository's local/ and emulator/).
 */
export function createReloadableBackend(
  repositoryRoot: string,
  root: string,
  databaseFile: string,
  readings?: Readings,
): ReloadableBackend {
  forgetModules(under(RUNNER_FOLDERS.map((dir) => path.join(repositoryRoot, dir))));
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // The chats start empty at every start, so the database does too.
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true });
  const { createLocalBackend, requireLocalFunction } = nodeRequire(path.join(repositoryRoot, 'local')) as typeof Local;
  const loaded = new Map<string, ReadonlySet<string>>();
  const backend = createLocalBackend({
    root,
    databaseFile,
    readings,
    callsKept: PLATFORM_CALLS_LIMIT,
    log: (message, detail, functionName) => console.log(`[${functionName ?? 'function'}] ${message}`, detail ?? ''),
    loadFunction: (fn: DiscoveredFunction) => {
      // What it loaded last time, and its folder (a file it did not load yet may be new).
      const before = loaded.get(fn.name) ?? new Set();
      forgetModules((file) => before.has(file) || under([fn.dir])(file));
      const code = requireLocalFunction(fn, (file) => nodeRequire(file));
      loaded.set(fn.name, moduleGraph(fn.entry));
      return code;
    },
  });
  return { ...backend, functionFiles: () => new Map(loaded) };
}
