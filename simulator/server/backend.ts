// BACKEND's pieces composed for a dev server that reloads code: the WeChat emulator and the SQLite
// task store live as long as the server (so the chats and their tasks survive an edit), while the
// groupTask function's code is re-required after every edit to cloudfunctions/ or core/.
// (emulator/index.ts composes the same pieces once, for tests.)

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as Actions from '../../cloudfunctions/groupTask/src/actions';
import type * as SqliteStore from '../../emulator/sqlite-store';
import type { LocalBackend } from '../../emulator/types';
import type * as WeChat from '../../emulator/wechat';

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

export interface ReloadableBackend extends LocalBackend {
  /** Re-reads the cloud function's code; the chats and the database stay. */
  reloadFunction(): void;
}

export function createReloadableBackend(root: string, databaseFile: string): ReloadableBackend {
  forgetModules(root, [...FUNCTION_CODE, 'emulator']);
  fs.mkdirSync(path.dirname(databaseFile), { recursive: true });
  // The chats start empty at every start, so the database does too.
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(databaseFile + suffix, { force: true });
  const { createWeChatEmulator } = nodeRequire(path.join(root, 'emulator/wechat')) as typeof WeChat;
  const { createSqliteStore } = nodeRequire(path.join(root, 'emulator/sqlite-store')) as typeof SqliteStore;
  const wechat = createWeChatEmulator(Date.now);
  const tasks = createSqliteStore(databaseFile);
  let actions!: typeof Actions;
  let groupTask!: Actions.GroupTask;
  const load = (): void => {
    actions = nodeRequire(path.join(root, 'cloudfunctions/groupTask/src/actions')) as typeof Actions;
    groupTask = actions.createGroupTask({
      tasks,
      wechat: wechat.platform,
      clock: { now: Date.now },
      newId: () => randomUUID().replace(/-/g, ''),
      cardSyncTimeoutMs: 2000,
      log: (message, detail) => console.log(`[groupTask] ${message}`, detail ?? ''),
    });
  };
  load();
  return {
    wechat,
    callFunction: (caller, data) => actions.dispatch(groupTask, data, caller.openid),
    runTimer: () =>
      actions.dispatch(groupTask, { Type: 'Timer', TriggerName: 'sweep', Time: new Date().toISOString() }, ''),
    close: () => tasks.close(),
    reloadFunction: () => {
      forgetModules(root, FUNCTION_CODE);
      load();
    },
  };
}
