// The local runner's entry to this function (docs/backend.md, "Local runner"): what src/main.ts wires in
// production, on the runner's SQLite file, SDK, clock and console variables. Never bundled (esbuild starts at
// src/main.ts), so it may use the SQLite store.
import { randomUUID } from 'node:crypto';
import type { LocalFunction } from '../../../local/types';
import { createGroupTask } from './actions';
import type { TaskRepository } from './ports';
import { callerOpenid, platformOf } from '../../../kit/server/sdk';
import { createSqliteStore } from './sqlite-store';
import { APPID_VARIABLE, APPSECRET_VARIABLE } from '../../../kit/server/wechat-https';

declare module '../../../local/types' {
  interface LocalFunctionOptions {
    /** Another task store instead of SQLite, e.g. the CloudBase store on emulator/cloudbase-memory.ts. */
    tasks?: TaskRepository;
    /** How long an action waits for setChatToolMsg before answering anyway; the timer retries. Default 2000. */
    cardSyncTimeoutMs?: number;
  }
}

export const local: LocalFunction<TaskRepository> = {
  openDatabase(file, { tasks }) {
    if (tasks) return { database: tasks, close: () => undefined };
    const sqlite = createSqliteStore(file);
    return { database: sqlite, close: () => sqlite.close() };
  },
  createMain(tasks, { sdk, env, https, now, log }, { cardSyncTimeoutMs = 2000 }) {
    const groupTask = createGroupTask({
      tasks,
      bindings: tasks,
      wechat: platformOf(sdk, { env, transport: https, now, log }),
      clock: { now },
      newId: () => randomUUID().replace(/-/g, ''),
      cardSyncTimeoutMs,
      log,
    });
    // One invocation, as src/main.ts handles it: the caller comes from getWXContext.
    return (event) => groupTask.main(event, callerOpenid(sdk));
  },
  // Where WeChat refuses chattoolmsg.send by cloud call, the function falls back to the HTTPS API with these
  // (docs/backend.md, Deploy).
  environment: ({ appid, appSecret }) => ({ [APPID_VARIABLE]: appid, [APPSECRET_VARIABLE]: appSecret }),
};
