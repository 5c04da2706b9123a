// The local runner's public interface: the groupTask cloud function on a local store, deployed on the WeChat
// emulator, which serves it wx-server-sdk's surface. The browser simulator and the tests drive it; see
// docs/backend.md.
import type * as Actions from '../cloudfunctions/groupTask/src/actions';
import type { TaskRepository } from '../cloudfunctions/groupTask/src/ports';
import type * as Sdk from '../cloudfunctions/groupTask/src/sdk';
import type { ContentCheckSetting, Readings, WeChatEmulator } from '../emulator/types';

/**
 * The groupTask function's code: its actions (cloudfunctions/groupTask/src/actions.ts) and its adapter of
 * wx-server-sdk (src/sdk.ts), wired as src/main.ts wires them in production.
 */
export type FunctionCode = Pick<typeof Actions, 'createGroupTask' | 'dispatch'> &
  Pick<typeof Sdk, 'platformOf' | 'callerOpenid'>;

export interface LocalBackendOptions {
  /** SQLite file for the task store (git-ignored *.sqlite); omitted: an in-memory database. */
  databaseFile?: string;
  /** The clock of the functions and of the emulator (cloudID and activity_id expiry). Default Date.now. */
  now?: () => number;
  /** How long an action waits for setChatToolMsg before answering anyway; the timer retries. Default 2000. */
  cardSyncTimeoutMs?: number;
  /** Another task store instead of SQLite, e.g. the CloudBase store on emulator/cloudbase-memory.ts. */
  tasks?: TaskRepository;
  /** Receives the function's warnings (failed card updates, …); silent by default. */
  log?: (message: string, detail?: unknown) => void;
  /**
   * Where the function's code comes from, called at the start and by reloadFunction(). Default: the
   * code this module imports. A dev server passes one that re-requires the edited files.
   */
  loadFunction?: () => FunctionCode;
  /** How the emulator reads WeChat where its documents conflict or are silent. Default: WECHAT_READINGS. */
  readings?: Readings;
  /** What security.msgSecCheck answers. Default 'pass'. */
  contentCheck?: ContentCheckSetting;
  /**
   * The function's environment variables as set in the CloudBase console. Default: WECHAT_APPID and
   * WECHAT_APPSECRET of the emulator's mini program, so cards move through the HTTPS API where WeChat refuses
   * chattoolmsg.send by cloud call; `{}` runs without them (the card then never moves under that reading).
   */
  functionEnvironment?: Record<string, string | undefined>;
  /** config.json's permissions.openapi. Default: what cloudfunctions/groupTask/config.json grants. */
  openapiPermissions?: readonly string[];
}

export interface LocalBackend {
  wechat: WeChatEmulator;
  /**
   * Calls the `groupTask` cloud function as `caller`, whose openid is what cloud.getWXContext().OPENID
   * returns. `data` is what the page passes to wx.cloud.callFunction; the result is the function's return.
   */
  callFunction(caller: { openid: string }, data: unknown): Promise<unknown>;
  /** Fires the function's timer trigger (an event without OPENID), as CloudBase does every 5 minutes. */
  runTimer(): Promise<unknown>;
  /** Builds the function again from `loadFunction` (after an edit); the rooms, cards and tasks stay. */
  reloadFunction(): void;
  /** Closes the SQLite database (when the backend opened it). */
  close(): void;
}
