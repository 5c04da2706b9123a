// What every chat tool's cloud function needs in production, wired once: wx-server-sdk initialised for the
// environment it runs in, the CloudBase database as the store primitive, WeChat through the SDK (with the HTTPS
// fallback where WECHAT_APPID / WECHAT_APPSECRET are set in the console: docs/platform.md, "setChatToolMsg through
// cloud call"), the clock, new record ids, a log that names the function and member tickets where MEMBER_TICKET_KEY
// is set. A tool's src/main.ts adds its own repositories and handlers on top; its src/local.ts builds the same
// context on the local runner's SDK (toolContext).
import { randomBytes, randomUUID } from 'node:crypto';
import type * as WxServerSdk from 'wx-server-sdk';
import type { Log, ToolContext } from './ports';
import { ticketsFrom, TICKET_KEY_VARIABLE } from './member-tickets';
import type { PlatformOptions, SdkSurface } from './sdk';
import { callerOpenid, databaseOf, initSdk, platformOf } from './sdk';
import type { DocumentStore } from './store';
import { cloudbaseDocuments } from './store';
import { APPID_VARIABLE, APPSECRET_VARIABLE } from './wechat-https';

/**
 * How long an action waits for a card update (setChatToolMsg) before answering anyway: well inside a function's
 * timeout (set to 10 s in the console: docs/backend.md, "Deploy"), so a slow WeChat never holds a committed change
 * hostage; the timer retries the card.
 */
export const CARD_SYNC_TIMEOUT_MS = 2500;

export interface Production extends ToolContext {
  documents: DocumentStore;
  /** The caller of the current invocation, as WeChat injected it; empty for timer triggers. */
  callerOpenid(): string;
}

/** Where a function runs: its SDK's environment variables, log and clock, and how it reaches WeChat over HTTPS. */
export interface ContextOptions extends Pick<PlatformOptions, 'transport'> {
  env: Record<string, string | undefined>;
  log: Log;
  now?: () => number;
  /** Default CARD_SYNC_TIMEOUT_MS. */
  cardSyncTimeoutMs?: number;
}

/** What every tool's handlers are built from, on `sdk`: production's wx-server-sdk or the local runner's. */
export function toolContext(sdk: SdkSurface, options: ContextOptions): ToolContext {
  const { env, log, transport, now = () => Date.now(), cardSyncTimeoutMs = CARD_SYNC_TIMEOUT_MS } = options;
  return {
    platform: platformOf(sdk, { env, transport, now, log }),
    clock: { now },
    newId: () => randomUUID().replace(/-/g, ''),
    cardSyncTimeoutMs,
    log,
    tickets: ticketsFrom(env, log),
  };
}

export function production(cloud: typeof WxServerSdk, functionName: string): Production {
  initSdk(cloud);
  const log: Log = (message, detail) => console.warn(`[${functionName}] ${message}`, detail ?? '');
  return {
    ...toolContext(cloud, { env: process.env, log }),
    documents: cloudbaseDocuments(databaseOf(cloud.database())),
    callerOpenid: () => callerOpenid(cloud),
  };
}

/**
 * The environment variables a developer sets in the console for a function of the mini program `appid`
 * (docs/backend.md, Deploy): its appid and AppSecret for the HTTPS fallback, and a member tickets' key, random.
 * The local runner deploys each function with them.
 */
export const consoleVariables = ({ appid, appSecret }: { appid: string; appSecret: string }) => ({
  [APPID_VARIABLE]: appid,
  [APPSECRET_VARIABLE]: appSecret,
  [TICKET_KEY_VARIABLE]: randomBytes(32).toString('base64url'),
});
