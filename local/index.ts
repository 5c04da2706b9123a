// The local backend: the real groupTask function (its actions and its wx-server-sdk adapter) on the SQLite
// store, deployed on the WeChat emulator with the permissions of its config.json, callable as any member of any
// room. Dev-only: never uploaded (cloud functions bundle from src/main.ts).
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as actions from '../cloudfunctions/groupTask/src/actions';
import { callerOpenid, platformOf } from '../cloudfunctions/groupTask/src/sdk';
import { createSqliteStore } from '../cloudfunctions/groupTask/src/sqlite-store';
import { APPID_VARIABLE, APPSECRET_VARIABLE } from '../cloudfunctions/groupTask/src/wechat-https';
import { readingsFromEnvironment } from '../emulator/readings';
import { createWeChatEmulator } from '../emulator/wechat';
import type { FunctionCode, LocalBackend, LocalBackendOptions } from './types';

export type * from './types';
export type * from '../emulator/types';
export { EmulatorError } from '../emulator/wechat';

const CONFIG_FILE = path.join(__dirname, '..', 'cloudfunctions', 'groupTask', 'config.json');

/** permissions.openapi of the function's config.json, read as CloudBase reads it at deployment. */
export function configuredPermissions(): string[] {
  const config = JSON.parse(fs.readFileSync(CONFIG_FILE, 'utf8')) as { permissions?: { openapi?: unknown } };
  const openapi = config.permissions?.openapi;
  return Array.isArray(openapi) ? openapi.map(String) : [];
}

export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  const now = options.now ?? Date.now;
  const loadFunction = options.loadFunction ?? ((): FunctionCode => ({ ...actions, platformOf, callerOpenid }));
  const wechat = createWeChatEmulator({
    now,
    readings: options.readings ?? readingsFromEnvironment(),
    contentCheck: options.contentCheck,
  });
  // As a developer sets them in the console: the emulator's appid and AppSecret, so that where WeChat refuses
  // chattoolmsg.send by cloud call the function falls back to the HTTPS API (docs/backend.md, Deploy).
  const environment = options.functionEnvironment ?? {
    [APPID_VARIABLE]: wechat.appid,
    [APPSECRET_VARIABLE]: wechat.appSecret,
  };
  const log = options.log ?? (() => undefined);
  const deployed = wechat.cloudFunction({
    permissions: { openapi: options.openapiPermissions ?? configuredPermissions() },
  });
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
      wechat: code.platformOf(deployed.sdk, { env: environment, transport: wechat.https, now, log }),
      clock: { now },
      newId: () => randomUUID().replace(/-/g, ''),
      cardSyncTimeoutMs: options.cardSyncTimeoutMs ?? 2000,
      log,
    });
    return { code, groupTask };
  };
  // Swapped whole by reloadFunction(); the emulator and the store above live as long as the backend.
  let fn = build();
  /** One invocation, as src/main.ts handles it: the caller comes from getWXContext. */
  const main = (event: unknown) => fn.code.dispatch(fn.groupTask, event, fn.code.callerOpenid(deployed.sdk));
  return {
    wechat,
    // WeChat adds userInfo to an event from the mini program.
    callFunction: (caller, data) =>
      deployed.invoke(caller, () =>
        main(
          typeof data === 'object' && data !== null && !Array.isArray(data)
            ? { ...data, userInfo: { appId: wechat.appid, openId: caller.openid } }
            : data,
        ),
      ),
    runTimer: () =>
      deployed.invoke(null, () => main({ Type: 'Timer', TriggerName: 'sweep', Time: new Date(now()).toISOString() })),
    reloadFunction: () => {
      fn = build();
    },
    close: () => sqlite?.close(),
  };
}
