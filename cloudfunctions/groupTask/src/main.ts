// Production entry of the `groupTask` cloud function: wires wx-server-sdk to the handlers, on the kit's server part.
// Bundled by scripts/build-functions.ts into ../index.js (wx-server-sdk stays external).
import cloud from 'wx-server-sdk';
import { randomUUID } from 'node:crypto';
import { createGroupTask } from './actions';
import { createTaskStore, ROOM_MEMBERS } from './task-store';
import { memberBindings } from '../../../kit/server/member-bindings';
import { callerOpenid, databaseOf, initSdk, platformOf } from '../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../kit/server/store';

initSdk(cloud);

const log = (message: string, detail?: unknown) => console.warn(`[groupTask] ${message}`, detail ?? '');

const documents = cloudbaseDocuments(databaseOf(cloud.database()));

const groupTask = createGroupTask({
  tasks: createTaskStore(documents),
  bindings: memberBindings(documents, ROOM_MEMBERS),
  // WECHAT_APPID / WECHAT_APPSECRET, set in the console, let setChatToolMsg fall back to HTTPS where WeChat
  // refuses the cloud call (docs/backend.md, Deploy).
  wechat: platformOf(cloud, { env: process.env, log }),
  clock: { now: () => Date.now() },
  newId: () => randomUUID().replace(/-/g, ''),
  // Well inside the 10 s function timeout set in the console (docs/backend.md, Deploy): a slow WeChat never
  // holds a committed sign-up hostage.
  cardSyncTimeoutMs: 2500,
  log,
});

export async function main(event: unknown): Promise<unknown> {
  return groupTask.main(event, callerOpenid(cloud));
}
