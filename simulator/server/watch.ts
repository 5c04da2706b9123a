// Watches the project with Node's own recursive fs.watch (no watcher dependency) and batches bursts
// of events (editors write a file in several steps) into one callback.

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

export type ChangeKind = 'app' | 'function';

/** What an edit to `file` needs: the app rebuilt, the cloud function reloaded, both, or nothing. */
export function classify(file: string): ChangeKind[] {
  const posix = file.split(path.sep).join('/');
  const skipped = posix.split('/').some((segment) => SKIPPED_DIRS.has(segment));
  if (skipped || GENERATED.test(posix) || !/\.(ts|js|json|wxml|wxss|wxs)$/.test(posix)) return [];
  if (posix.startsWith('cloudfunctions/') || posix.startsWith('emulator/') || posix.startsWith('local/'))
    return ['function'];
  // The pure domain is bundled into both the pages and the cloud function.
  if (posix.startsWith('packageChatTool/core/')) return ['app', 'function'];
  return ['app'];
}

/**
 * Watches the project root (its own files) and each top-level folder recursively, except the
 * skipped ones. A top-level folder created later is not watched until the next start.
 */
export function watchProject(
  root: string,
  onChange: (kinds: Set<ChangeKind>, files: string[]) => void,
  debounceMs = 30,
): () => void {
  let pending = new Map<string, ChangeKind[]>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const record = (file: string): void => {
    const kinds = classify(file);
    if (kinds.length === 0) return;
    pending.set(file, kinds);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const batch = pending;
      pending = new Map();
      onChange(new Set([...batch.values()].flat()), [...batch.keys()]);
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
