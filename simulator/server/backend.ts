// Loads BACKEND's local runner (emulator/index.ts: the cloud function on SQLite plus the WeChat
// emulator) so that an edit to the function's code takes effect without restarting `npm start`.

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { LocalBackend, LocalBackendOptions } from '../../emulator/types';

// The global `require` is typed by miniprogram-api-typings (WeChat's); Node's comes from createRequire.
const nodeRequire = createRequire(__filename);

type CreateLocalBackend = (options: LocalBackendOptions) => LocalBackend;

const RELOADED = ['cloudfunctions', 'emulator', path.join('packageChatTool', 'core')];

/** Forgets the compiled modules of the function, the emulator and the domain, so the next load reads the edits. */
function forgetModules(root: string): void {
  const prefixes = RELOADED.map((dir) => path.join(root, dir) + path.sep);
  for (const id of Object.keys(nodeRequire.cache)) {
    if (prefixes.some((p) => id.startsWith(p))) delete nodeRequire.cache[id];
  }
}

export function loadLocalBackend(root: string, databaseFile: string, fresh: boolean): LocalBackend {
  forgetModules(root);
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  if (fresh) {
    for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true });
  }
  // Required at run time (not imported) so the module cache can be refreshed after an edit.
  const runner = nodeRequire(path.join(root, 'emulator')) as { createLocalBackend: CreateLocalBackend };
  return runner.createLocalBackend({ databaseFile });
}
