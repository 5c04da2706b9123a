// The local runner: a project's cloud functions, found under its `cloudfunctions/` (each folder with a config.json
// and a src/local.ts), each built as its src/main.ts builds it in production on a local database, deployed on the
// WeChat emulator with the permissions of its config.json, and callable by name as any member of any room.
// Dev-only: never uploaded (cloud functions bundle from src/main.ts). See docs/backend.md, "Local runner".
import fs from 'node:fs';
import path from 'node:path';
import { readingsFromEnvironment } from '../emulator/readings';
import { createWeChatEmulator } from '../emulator/wechat';
import type { EmulatedCloudFunction } from '../emulator/types';
import type { DiscoveredFunction, LocalBackend, LocalBackendOptions, LocalFunction } from './types';

export type * from './types';
export type * from '../emulator/types';
export { EmulatorError } from '../emulator/wechat';

/** This repository: the project whose functions run when no `root` is given. */
export const REPOSITORY_ROOT = path.resolve(__dirname, '..');

/** The folder of a project's cloud functions, as WeChat DevTools and CloudBase name it. */
export const FUNCTIONS_FOLDER = 'cloudfunctions';
/** A function's entry for the runner, beside its production entry src/main.ts. */
export const LOCAL_ENTRY = path.join('src', 'local.ts');

/** What CloudBase answers wx.cloud.callFunction for a name no function has. */
export class FunctionNotFoundError extends Error {
  readonly errCode = -501000;
  constructor(readonly functionName: string) {
    super(`FunctionName parameter could not be found: ${functionName} (errCode -501000)`);
    this.name = 'FunctionNotFoundError';
  }
}

interface FunctionConfig {
  permissions?: { openapi?: unknown };
  triggers?: unknown;
}

/** One function folder: config.json read as CloudBase reads it at deployment; null without a src/local.ts. */
function readFunction(dir: string): DiscoveredFunction | null {
  const configFile = path.join(dir, 'config.json');
  const entry = path.join(dir, LOCAL_ENTRY);
  if (!fs.existsSync(configFile) || !fs.existsSync(entry)) return null;
  let config: FunctionConfig;
  try {
    config = JSON.parse(fs.readFileSync(configFile, 'utf8')) as FunctionConfig;
  } catch (err) {
    throw new Error(`${configFile}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  const openapi = config.permissions?.openapi;
  const triggers = Array.isArray(config.triggers) ? (config.triggers as { name?: unknown; type?: unknown }[]) : [];
  return {
    name: path.basename(dir),
    dir,
    entry,
    openapi: Array.isArray(openapi) ? openapi.map(String) : [],
    timers: triggers.filter((t) => t.type === 'timer' && typeof t.name === 'string').map((t) => String(t.name)),
  };
}

/**
 * The project's cloud functions: every folder of `cloudfunctions/` with a config.json and a src/local.ts, by name.
 * A folder without src/local.ts is not run locally.
 */
export function discoverFunctions(root: string = REPOSITORY_ROOT): DiscoveredFunction[] {
  const folder = path.join(root, FUNCTIONS_FOLDER);
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readFunction(path.join(folder, entry.name)))
    .filter((fn): fn is DiscoveredFunction => fn !== null)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The one function a project has, or the one named; a clear error otherwise. */
function pickFunction(found: DiscoveredFunction[], name: string | undefined, root: string): DiscoveredFunction {
  if (name !== undefined) {
    const named = found.find((fn) => fn.name === name);
    if (!named) throw new FunctionNotFoundError(name);
    return named;
  }
  if (found.length === 1) return found[0]!;
  throw new Error(
    found.length === 0
      ? `no cloud function in ${path.join(root, FUNCTIONS_FOLDER)} has a config.json and a ${LOCAL_ENTRY}`
      : `${found.length} cloud functions (${found.map((fn) => fn.name).join(', ')}): name one (defaultFunction)`,
  );
}

/** permissions.openapi of a function's config.json (default: the project's only function). */
export function configuredPermissions(root: string = REPOSITORY_ROOT, name?: string): string[] {
  return pickFunction(discoverFunctions(root), name, root).openapi;
}

/** The `local` export of a function's src/local.ts, checked. */
export function requireLocalFunction(fn: DiscoveredFunction, load: (file: string) => unknown): LocalFunction {
  const exported = (load(fn.entry) as { local?: Partial<LocalFunction> } | null)?.local;
  if (typeof exported?.openDatabase !== 'function' || typeof exported.createMain !== 'function') {
    throw new Error(
      `${fn.entry} must export \`local\` with openDatabase and createMain (LocalFunction, docs/backend.md "Local runner")`,
    );
  }
  return exported as LocalFunction;
}

// The module's own require: jest's under jest (which compiles TypeScript), Node's (with tsx's hook) under tsx.
const requireModule = (file: string): unknown => (module as unknown as NodeJS.Module).require(file);

interface RunningFunction {
  found: DiscoveredFunction;
  deployed: EmulatedCloudFunction;
  database: { database: unknown; close(): void };
  main: (event: unknown) => Promise<unknown>;
}

export function createLocalBackend(options: LocalBackendOptions = {}): LocalBackend {
  const root = options.root ?? REPOSITORY_ROOT;
  const now = options.now ?? Date.now;
  const loadFunction = options.loadFunction ?? ((fn) => requireLocalFunction(fn, requireModule));
  const wechat = createWeChatEmulator({
    now,
    readings: options.readings ?? readingsFromEnvironment(),
    contentCheck: options.contentCheck,
    callsKept: options.callsKept,
  });
  const running = new Map<string, RunningFunction>();

  /** Builds (again) the function `found`, on the database it already has. */
  const build = (found: DiscoveredFunction): RunningFunction => {
    const code = loadFunction(found);
    const previous = running.get(found.name);
    // Deployed again, so an edited config.json counts from the next call.
    const deployed = wechat.cloudFunction({ permissions: { openapi: options.openapiPermissions ?? found.openapi } });
    const database = previous?.database ?? code.openDatabase(options.databaseFile ?? ':memory:', options);
    // As a developer sets them in the console (docs/backend.md, Deploy).
    const env =
      options.functionEnvironment ?? code.environment?.({ appid: wechat.appid, appSecret: wechat.appSecret }) ?? {};
    const log = options.log ?? (() => undefined);
    const main = code.createMain(
      database.database,
      {
        sdk: deployed.sdk,
        env,
        https: (request) => wechat.https(request),
        now,
        log: (message, detail) => log(message, detail, found.name),
      },
      options,
    );
    return { found, deployed, database, main };
  };

  const load = (): void => {
    const found = discoverFunctions(root);
    for (const [name, fn] of running) {
      if (!found.some((f) => f.name === name)) {
        fn.database.close();
        running.delete(name);
      }
    }
    for (const fn of found) running.set(fn.name, build(fn));
  };
  load();

  const get = (name: string): RunningFunction => {
    const fn = running.get(name);
    if (!fn) throw new FunctionNotFoundError(name);
    return fn;
  };
  const defaultName = (): string =>
    pickFunction(
      [...running.values()].map((fn) => fn.found),
      options.defaultFunction,
      root,
    ).name;

  // async, so an unknown name rejects as CloudBase's callFunction does, rather than throwing.
  const call = async (name: string, caller: { openid: string }, data: unknown): Promise<unknown> => {
    const fn = get(name);
    // WeChat adds userInfo to an event from the mini program.
    const event =
      typeof data === 'object' && data !== null && !Array.isArray(data)
        ? { ...data, userInfo: { appId: wechat.appid, openId: caller.openid } }
        : data;
    return fn.deployed.invoke(caller, () => fn.main(event));
  };

  return {
    wechat,
    functions: () => [...running.values()].map((fn) => fn.found),
    call,
    callFunction: async (caller, data) => call(defaultName(), caller, data),
    runTimer: async (name = defaultName(), trigger) => {
      const fn = get(name);
      const timers = fn.found.timers;
      if (trigger === undefined && timers.length !== 1) {
        throw new Error(`${name} has ${timers.length} timer triggers in config.json (${timers.join(', ')}): name one`);
      }
      const triggerName = trigger ?? timers[0]!;
      if (!timers.includes(triggerName)) throw new Error(`${name} has no timer trigger ${triggerName}`);
      return fn.deployed.invoke(null, () =>
        fn.main({ Type: 'Timer', TriggerName: triggerName, Time: new Date(now()).toISOString() }),
      );
    },
    reloadFunction: (name) => {
      if (name === undefined) return load();
      const found = readFunction(get(name).found.dir);
      if (!found) throw new FunctionNotFoundError(name);
      running.set(name, build(found));
    },
    close: () => {
      for (const fn of running.values()) fn.database.close();
    },
  };
}
