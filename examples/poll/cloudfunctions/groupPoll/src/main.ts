// Production entry of the `groupPoll` cloud function: wx-server-sdk and CloudBase wired to the poll's handlers.
// Bundled with esbuild into ../index.js (wx-server-sdk stays external), the kit's server part with it.
import cloud from 'wx-server-sdk';
import { randomUUID } from 'node:crypto';
import { callerOpenid, databaseOf, initSdk, platformOf } from '../../../../../kit/server/sdk';
import { cloudbaseDocuments } from '../../../../../kit/server/store';
import { createGroupPoll } from './handlers';

initSdk(cloud);

const log = (message: string, detail?: unknown) => console.warn(`[groupPoll] ${message}`, detail ?? '');

const groupPoll = createGroupPoll({
  documents: cloudbaseDocuments(databaseOf(cloud.database())),
  // WECHAT_APPID / WECHAT_APPSECRET, set in the console, let card updates fall back to HTTPS where WeChat refuses
  // the cloud call (docs/platform.md, "setChatToolMsg through cloud call").
  wechat: platformOf(cloud, { env: process.env, log }),
  clock: { now: () => Date.now() },
  newId: () => randomUUID().replace(/-/g, ''),
  // Well inside the function's timeout: a slow WeChat never holds a vote hostage; the timer retries the card.
  cardSyncTimeoutMs: 2500,
  log,
});

export async function main(event: unknown): Promise<unknown> {
  return groupPoll.main(event, callerOpenid(cloud));
}
