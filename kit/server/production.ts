// What every chat tool's cloud function needs in production, wired once: wx-server-sdk initialised for the
// environment it runs in, the CloudBase database as the store primitive, WeChat through the SDK (with the HTTPS
// fallback where WECHAT_APPID / WECHAT_APPSECRET are set in the console: docs/platform.md, "setChatToolMsg through
// cloud call"), the clock, new record ids and a log that names the function. A tool's src/main.ts adds its own
// repositories and handlers on top.
import { randomUUID } from 'node:crypto';
import type * as WxServerSdk from 'wx-server-sdk';
import type { Log, ToolContext } from './ports';
import { callerOpenid, databaseOf, initSdk, platformOf } from './sdk';
import type { DocumentStore } from './store';
import { cloudbaseDocuments } from './store';

/**
 * How long an action waits for setChatToolMsg before answering anyway: well inside a function's timeout (set to
 * 10 s in the console: docs/backend.md, "Deploy"), so a slow WeChat never holds a committed change hostage; the
 * timer retries the card.
 */
export const CARD_SYNC_TIMEOUT_MS = 2500;

export interface Production extends ToolContext {
  documents: DocumentStore;
  /** The caller of the current invocation, as WeChat injected it; empty for timer triggers. */
  callerOpenid(): string;
}

export function production(cloud: typeof WxServerSdk, functionName: string): Production {
  initSdk(cloud);
  const log: Log = (message, detail) => console.warn(`[${functionName}] ${message}`, detail ?? '');
  return {
    documents: cloudbaseDocuments(databaseOf(cloud.database())),
    wechat: platformOf(cloud, { env: process.env, log }),
    clock: { now: () => Date.now() },
    newId: () => randomUUID().replace(/-/g, ''),
    cardSyncTimeoutMs: CARD_SYNC_TIMEOUT_MS,
    log,
    callerOpenid: () => callerOpenid(cloud),
  };
}
