// The local runner's public interface: a project's cloud functions, found under its `cloudfunctions/`, each on a
// local database and deployed on the WeChat emulator, which serves them wx-server-sdk's surface. The browser
// simulator and the tests drive it; see docs/backend.md, "Local runner".
import type {
  ContentCheckSetting,
  EmulatedServerSdk,
  HttpsRequest,
  HttpsResponse,
  Readings,
  WeChatEmulator,
} from '../emulator/types';

/**
 * Options a function reads (`createLocalBackend(options)` hands every function all of them). Empty here: each
 * function's src/local.ts declares its own by declaration merging, e.g.
 * `declare module '../../../local/types' { interface LocalFunctionOptions { pollCloseAfterMs?: number } }`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface LocalFunctionOptions {}

/** What CloudBase gives a function at run time, played locally. */
export interface FunctionContext {
  /** What wx-server-sdk gives the function: the emulator's openapi, getOpenData and getWXContext. */
  sdk: EmulatedServerSdk;
  /** The function's environment variables, as set in the CloudBase console. */
  env: Record<string, string | undefined>;
  /** WeChat's HTTPS API (the emulator's), for a function that calls it over HTTPS. */
  https(request: HttpsRequest): Promise<HttpsResponse>;
  /** The clock of the function and of the emulator. */
  now(): number;
  /** The function's warnings (console.warn in production). */
  log(message: string, detail?: unknown): void;
}

/**
 * What a cloud function's `src/local.ts` exports as `local`: how the runner builds it as its src/main.ts does in
 * production, on a local database. Never bundled (the deployed function starts at src/main.ts).
 */
export interface LocalFunction<Database = unknown> {
  /**
   * Opens the function's database on the project's SQLite file (':memory:' when none is given). It lives as long
   * as the backend: reloading the function's code keeps it.
   */
  openDatabase(file: string, options: LocalFunctionOptions): { database: Database; close(): void };
  /** Builds the function and returns its `main(event)`, the handler CloudBase calls. */
  createMain(
    database: Database,
    context: FunctionContext,
    options: LocalFunctionOptions,
  ): (event: unknown) => Promise<unknown>;
  /**
   * The environment variables a developer sets in the console for this mini program (e.g. its appid and
   * AppSecret). Omitted: none.
   */
  environment?(miniProgram: { appid: string; appSecret: string }): Record<string, string>;
}

/** A cloud function the runner found: `cloudfunctions/<name>/` with a config.json and a src/local.ts. */
export interface DiscoveredFunction {
  name: string;
  /** Its folder. */
  dir: string;
  /** Its src/local.ts. */
  entry: string;
  /** config.json's permissions.openapi: what CloudBase lets it call. */
  openapi: string[];
  /** The names of config.json's timer triggers. */
  timers: string[];
}

export interface LocalBackendOptions extends LocalFunctionOptions {
  /** The project whose `cloudfunctions/` holds the functions. Default: this repository. */
  root?: string;
  /** The function `callFunction(caller, data)` and `runTimer()` reach. Default: the only one there is. */
  defaultFunction?: string;
  /** The SQLite file every function's database opens (one database per environment, as on CloudBase). Omitted: in memory. */
  databaseFile?: string;
  /** The clock of the functions and of the emulator (cloudID and activity_id expiry). Default Date.now. */
  now?: () => number;
  /** Receives the functions' warnings, with the function's name; silent by default. */
  log?: (message: string, detail?: unknown, functionName?: string) => void;
  /**
   * Loads a function's code (the `local` export of its src/local.ts), at the start and by reloadFunction().
   * Default: requires `fn.entry`. A dev server passes one that re-reads the edited files.
   */
  loadFunction?: (fn: DiscoveredFunction) => LocalFunction;
  /** How the emulator reads WeChat where its documents conflict or are silent. Default: WECHAT_READINGS. */
  readings?: Readings;
  /** What security.msgSecCheck answers. Default 'pass'. */
  contentCheck?: ContentCheckSetting;
  /** Platform calls the emulator's log keeps, the oldest forgotten first. Default: every one. */
  callsKept?: number;
  /**
   * The functions' environment variables as set in the CloudBase console. Default: what each function's
   * `local.environment` asks for, given the emulator's appid and AppSecret; `{}` runs without any.
   */
  functionEnvironment?: Record<string, string | undefined>;
  /** Stands in for every function's config.json permissions.openapi. Default: what each config.json grants. */
  openapiPermissions?: readonly string[];
}

export interface LocalBackend {
  wechat: WeChatEmulator;
  /** The functions found, by name. */
  functions(): DiscoveredFunction[];
  /**
   * Calls the cloud function `name` as `caller`, whose openid is what cloud.getWXContext().OPENID returns.
   * `data` is what the page passes to wx.cloud.callFunction({ name, data }); the result is the function's return.
   * An unknown name is refused as CloudBase refuses it (FunctionNotFoundError, errCode -501000).
   */
  call(name: string, caller: { openid: string }, data: unknown): Promise<unknown>;
  /** `call` on the default function. */
  callFunction(caller: { openid: string }, data: unknown): Promise<unknown>;
  /**
   * Fires a timer trigger of config.json (an event without OPENID), as CloudBase does on its schedule: of the
   * default function unless `name` is given; `trigger` may be omitted when the function has one.
   */
  runTimer(name?: string, trigger?: string): Promise<unknown>;
  /**
   * Builds a function again (all when `name` is omitted: found again, config.json read again); the emulator
   * (rooms, cards) and the databases stay.
   */
  reloadFunction(name?: string): void;
  /** Closes the databases. */
  close(): void;
}
