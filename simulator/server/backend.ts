// The local backend (local/index.ts createLocalBackend) for a dev server that reloads code: the
// WeChat emulator and the SQLite task store live as long as the server (so the chats and their tasks
// survive an edit), while the groupTask function's code is re-required after every edit to
// cloudfunctions/ or core/. An edit to emulator/ or local/ needs a new backend: createReloadableBackend again.
// `readings`: how the emulator reads WeChat where its documents disagree (default: WECHAT_READINGS).

import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Local from '../../local';
import type { FunctionCode, LocalBackend } from '../../local/types';
import type { Readings } from '../../emulator/readings';

// The global `require` is typed by miniprogram-api-typings (WeChat's); Node's comes from createRequire.
const nodeRequire = createRequire(__filename);

/** Forgets compiled modules under `dirs` so the next require reads the edited files. */
function forgetModules(root: string, dirs: string[]): void {
  const prefixes = dirs.map((dir) => path.join(root, dir) + path.sep);
  for (const id of Object.keys(nodeRequire.cache)) {
    if (prefixes.some((p) => id.startsWith(p))) delete nodeRequire.cache[id];
  }
}

const FUNCTION_CODE = ['cloudfunctions', path.join('packageChatTool', 'core')];

export function createReloadableBackend(root: string, databaseFile: string, readings?: Readings): LocalBackend {
  forgetModules(root, [...FUNCTION_CODE, 'emulator', 'local']);
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // The chats start empty at every start, so the database does too.
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true });
  const { createLocalBackend } = nodeRequire(path.join(root, 'local')) as typeof Local;
  return createLocalBackend({
    databaseFile,
    readings,
    log: (message, detail) => console.log(`[groupTask] ${message}`, detail ?? ''),
    loadFunction: () => {
      forgetModules(root, FUNCTION_CODE);
      // The actions and the SDK adapter, wired as src/main.ts wires them.
      const actions = nodeRequire(path.join(root, 'cloudfunctions/groupTask/src/actions')) as FunctionCode;
      const sdk = nodeRequire(path.join(root, 'cloudfunctions/groupTask/src/sdk')) as FunctionCode;
      return {
        createGroupTask: actions.createGroupTask,
        dispatch: actions.dispatch,
        platformOf: sdk.platformOf,
        callerOpenid: sdk.callerOpenid,
      };
    },
  });
}
