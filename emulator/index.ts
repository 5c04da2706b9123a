// The local backend: the real groupTask actions on the SQLite store with the WeChat emulator as platform,
// callable as any member of any room. Dev-only: never uploaded (cloud functions bundle from src/main.ts).
import { randomUUID } from 'node:crypto';
import { createGroupTask, dispatch } from '../cloudfunctions/groupTask/src/actions';
import { createSqliteStore } from './sqlite-store';
import type { LocalBackend, LocalBackendOptions } from './types';
import { createWeChatEmulator } from './wechat';

export type * from './types';
export { EmulatorError } from './wechat';

export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  const now = options.now ?? Date.now;
  const wechat = createWeChatEmulator(now);
  let sqlite: ReturnType<typeof createSqliteStore> | null = null;
  let tasks = options.tasks;
  if (tasks === undefined) {
    sqlite = createSqliteStore(options.databaseFile ?? ':memory:');
    tasks = sqlite;
  }
  const groupTask = createGroupTask({
    tasks,
    wechat: wechat.platform,
    clock: { now },
    newId: () => randomUUID().replace(/-/g, ''),
    cardSyncTimeoutMs: options.cardSyncTimeoutMs ?? 2000,
    log: options.log ?? (() => undefined),
  });
  return {
    wechat,
    callFunction: (caller, data) => dispatch(groupTask, data, caller.openid),
    runTimer: () =>
      dispatch(groupTask, { Type: 'Timer', TriggerName: 'sweep', Time: new Date(now()).toISOString() }, ''),
    close: () => sqlite?.close(),
  };
}
