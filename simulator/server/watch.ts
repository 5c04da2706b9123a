// Watches the project with Node's own recursive fs.watch (no watcher dependency) and batches bursts
// of events (editors write a file in several steps) into one callback; planReload decides what an edit needs
// from what each part of the dev server last read, not from folder names.

import fs from 'node:fs';
import path from 'node:path';

/** Folders never worth watching (on Linux a recursive watch walks every subfolder); a file in one changes nothing. */
const SKIPPED_DIRS = new Set([
  'node_modules',
  '.git',
  'artifacts',
  'coverage',
  '.simulator',
  'simulator',
  'tests',
  'docs',
]);

/** Generated files: the local database and the bundled cloud functions. */
const GENERATED = /\.sqlite(-\w+)?$|(^|\/)cloudfunctions\/[^/]+\/index\.js$/;

const posix = (file: string): string => file.split(path.sep).join('/');

/** Whether an edit to `file` (relative to the watched folder) can matter: a source file outside skipped folders. */
export function isSourceEdit(file: string): boolean {
  const name = posix(file);
  const skipped = name.split('/').some((segment) => SKIPPED_DIRS.has(segment));
  return !skipped && !GENERATED.test(name) && /\.(ts|js|json|wxml|wxss|wxs)$/.test(name);
}

/** What the dev server last read, as paths relative to the project root (posix). */
export interface LoadedProject {
  /** The files the last app build read, and whether it succeeded (a failed build may be missing one). */
  app: { files: ReadonlySet<string>; ok: boolean };
  /** Each cloud function: its folder and the files its code was loaded from. */
  functions: { name: string; dir: string; files: ReadonlySet<string> }[];
  /** The folder holding the functions (`cloudfunctions`): a file there in no function's folder may be a new one. */
  functionsFolder: string;
  /** The runner's own folders (emulator/, local/) when they are in this project: an edit needs a new backend. */
  runnerFolders: string[];
}

export interface ReloadPlan {
  app: boolean;
  /** Functions to build again. */
  functions: string[];
  /** Look for functions again (one may have been added or removed). */
  rediscover: boolean;
  /** Start the runner over (its own code changed). */
  runner: boolean;
}

const inFolder = (file: string, dir: string): boolean => file.startsWith(`${dir}/`);

/** What an edit to `files` (relative to the project root) needs. */
export function planReload(files: string[], project: LoadedProject): ReloadPlan {
  const edited = files.map(posix).filter(isSourceEdit);
  const functions = project.functions
    .filter((fn) => edited.some((file) => inFolder(file, fn.dir) || fn.files.has(file)))
    .map((fn) => fn.name);
  return {
    app: edited.length > 0 && (!project.app.ok || edited.some((file) => project.app.files.has(file))),
    functions,
    rediscover: edited.some(
      (file) => inFolder(file, project.functionsFolder) && !project.functions.some((fn) => inFolder(file, fn.dir)),
    ),
    runner: edited.some((file) => project.runnerFolders.some((dir) => inFolder(file, dir))),
  };
}

/**
 * Watches the project root (its own files) and each top-level folder recursively, except the
 * skipped ones. A top-level folder created later is not watched until the next start.
 */
export function watchProject(root: string, onChange: (files: string[]) => void, debounceMs = 30): () => void {
  let pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const record = (file: string): void => {
    if (!isSourceEdit(file)) return;
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = pending;
      pending = new Set();
      onChange([...batch]);
    }, debounceMs);
  };
  const watchers: fs.FSWatcher[] = [
    fs.watch(root, (_event, filename) => {
      if (filename) record(filename.toString());
    }),
  ];
  for (const entry of fs.readdirSync(root, { withFileTypes: true })) {
    if (!entry.isDirectory() || SKIPPED_DIRS.has(entry.name) || entry.name.startsWith('.')) continue;
    watchers.push(
      fs.watch(path.join(root, entry.name), { recursive: true }, (_event, filename) => {
        if (filename) record(path.join(entry.name, filename.toString()));
      }),
    );
  }
  return () => {
    clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}
