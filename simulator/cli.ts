// `npm start`: the chat-tool simulator. Options: --port N (or SIMULATOR_PORT; default 5230, 0 = any
// free port), --db FILE (default .simulator/database.sqlite), --root DIR (the mini program to run, with the
// cloud functions under its cloudfunctions/; default this repository), --readings PROFILE (or WECHAT_READINGS;
// how the WeChat emulator reads the points its documents leave open: documented, alternate, or a profile with
// switches such as "alternate,afterExpiry=refused"), --platform wechat|wecom|feishu (or SIMULATOR_PLATFORM; which chat
// the browser opens on: WeChat's chat tool, a WeCom chat with its toolbar, a Feishu group with its bot; the three are
// served together and the page links to the other two), --no-watch, --no-open. Opens the browser unless CI is set or
// --no-open.

import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseReadings, type Readings } from '../emulator/readings';
import { startSimulator } from './server';
import { PLATFORM_PATHS, platformOf, type Platform } from './shared/platforms';

export interface CliOptions {
  root: string;
  port: number;
  databaseFile: string;
  watch: boolean;
  open: boolean;
  readings: Readings;
  platform: Platform;
}

export const DEFAULT_PORT = 5230;

export function parseArgs(argv: string[], env: NodeJS.ProcessEnv, root: string): CliOptions {
  const options: CliOptions = {
    root,
    port: env.SIMULATOR_PORT ? Number(env.SIMULATOR_PORT) : DEFAULT_PORT,
    databaseFile: path.join(root, '.simulator', 'database.sqlite'),
    watch: true,
    open: !env.CI,
    readings: parseReadings(env.WECHAT_READINGS ?? ''),
    platform: platformOf(env.SIMULATOR_PLATFORM ?? 'wechat'),
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--port') options.port = Number(value());
    else if (flag === '--db') options.databaseFile = path.resolve(root, value());
    else if (flag === '--root') options.root = path.resolve(value());
    else if (flag === '--readings') options.readings = parseReadings(value());
    else if (flag === '--platform') options.platform = platformOf(value());
    else if (flag === '--no-watch') options.watch = false;
    else if (flag === '--no-open') options.open = false;
    else
      throw new Error(
        `unknown option ${arg} (known: --port N, --db FILE, --root DIR, --readings PROFILE, --platform NAME, --no-watch, --no-open)`,
      );
  }
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65535) {
    throw new Error(`invalid port: ${options.port}`);
  }
  return options;
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const started = performance.now();
  const options = parseArgs(process.argv.slice(2), process.env, root);
  const simulator = await startSimulator({
    root: options.root,
    port: options.port,
    databaseFile: options.databaseFile,
    watch: options.watch,
    readings: options.readings,
    log: (line) => console.log(`[simulator] ${line}`),
  });
  const url = new URL(PLATFORM_PATHS[options.platform], simulator.url).href;
  console.log(`[simulator] ready in ${Math.round(performance.now() - started)} ms: ${url}`);
  for (const [platform, at] of Object.entries(PLATFORM_PATHS)) {
    if (platform !== options.platform) console.log(`[simulator] ${platform}: ${new URL(at, simulator.url).href}`);
  }
  if (options.open) openBrowser(url);
  const stop = (): void => {
    void simulator.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (path.resolve(process.argv[1] ?? '') === __filename) {
  main().catch((err: unknown) => {
    console.error(`[simulator] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
