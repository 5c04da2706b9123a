// The local backend: the real groupTask actions on the SQLite store with the WeChat emulator as platform,
// callable as any member of any room. Dev-only: never uploaded (cloud functions bundle from src/main.ts).
import { randomUUID } from 'node:crypto';
import * as actions from '../cloudfunctions/groupTask/src/actions';
import { createSqliteStore } from '../cloudfunctions/groupTask/src/sqlite-store';
import type { FunctionCode, LocalBackend, LocalBackendOptions } from './types';
import { createWeChatEmulator } from '../emulator/wechat';

export type * from './types';
export type * from '../emulator/types';
export { EmulatorError } from '../emulator/wechat';

export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  const now = options.now ?? Date.now;
  const loadFunction = options.loadFunction ?? ((): FunctionCode => actions);
  const wechat = createWeChatEmulator(now);
  let sqlite: ReturnType<typeof createSqliteStore> | null = null;
  let tasks = options.tasks;
  if (tasks === undefined) {
    sqlite = createSqliteStore(options.databaseFile ?? ':memory:');
    tasks = sqlite;
  }
  const build = (): { code: FunctionCode; groupTask: ReturnType<FunctionCode['createGroupTask']> } => {
    const code = loadFunction();
    const groupTask = code.createGroupTask({
      tasks,
      wechat: wechat.platform,
      clock: { now },
      newId: () => randomUUID().replace(/-/g, ''),
      cardSyncTimeoutMs: options.cardSyncTimeoutMs ?? 2000,
      log: options.log ?? (() => undefined),
    });
    return { code, groupTask };
  };
  // Swapped whole by reloadFunction(); the emulator and the store above live as long as the backend.
  let fn = build();
  return {
    wechat,
    callFunction: (caller, data) => fn.code.dispatch(fn.groupTask, data, caller.openid),
    runTimer: () =>
      fn.code.dispatch(fn.groupTask, { Type: 'Timer', TriggerName: 'sweep', Time: new Date(now()).toISOString() }, ''),
    reloadFunction: () => {
      fn = build();
    },
    close: () => sqlite?.close(),
  };
}
