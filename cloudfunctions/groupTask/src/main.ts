// Production entry of the `groupTask` cloud function: wires wx-server-sdk to the actions.
// Bundled by scripts/build-functions.ts into ../index.js (wx-server-sdk stays external).
import cloud from 'wx-server-sdk';
import { randomUUID } from 'node:crypto';
import { createGroupTask, dispatch } from './actions';
import { createCloudbaseStore } from './cloudbase-store';
import { callerOpenid, databaseOf, initSdk, platformOf } from './sdk';

initSdk(cloud);

const groupTask = createGroupTask({
  tasks: createCloudbaseStore(databaseOf(cloud.database())),
  wechat: platformOf(cloud),
  clock: { now: () => Date.now() },
  newId: () => randomUUID().replace(/-/g, ''),
  // Well inside the 10 s function timeout set in the console (docs/backend.md, Deploy): a slow WeChat never
  // holds a committed sign-up hostage.
  cardSyncTimeoutMs: 2500,
  log: (message, detail) => console.warn(`[groupTask] ${message}`, detail ?? ''),
});

export async function main(event: unknown): Promise<unknown> {
  return dispatch(groupTask, event, callerOpenid(cloud));
}
