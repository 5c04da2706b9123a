// `npm run upgrade:data`: a deployment's stored documents from before the platform-neutral names, written in the new
// ones (docs/platforms.md, "Upgrading a deployment from before the neutral names"), one tool's collections a run:
// the group task's (default) or, with `--tool poll`, examples/poll's. On CloudBase with the settings verify:cloud and
// setup:cloud read (TCB_ENV, TCB_SECRET_ID, TCB_SECRET_KEY, TCB_SESSION_TOKEN for temporary keys); with
// `--sqlite <file>` on a local SQLite store (the Feishu service's FEISHU_DB, the WeCom server's WECOM_DATABASE, the
// simulator's .simulator/database.sqlite). `--dry-run` reads and counts, writes nothing. Safe to run again:
// documents in the new names are left as they are.
import { existsSync } from 'node:fs';
import path from 'node:path';
import cloud from 'wx-server-sdk';
import type { ApiResult } from '../kit/core/result';
import { fail, ok } from '../kit/core/result';
import { databaseOf, initSdkWithKeys } from '../kit/server/sdk';
import type { CloudDatabase, DocumentStore } from '../kit/server/store';
import { cloudbaseDocuments } from '../kit/server/store';
import { sqliteDocuments } from '../kit/server/store/sqlite';
import type { CollectionUpgrade } from '../kit/server/upgrade';
import { countsLine, upgradeCollection } from '../kit/server/upgrade';
import { GROUP_TASK_UPGRADES } from '../cloudfunctions/groupTask/src/upgrade';
import { POLL_UPGRADES } from '../examples/poll/cloudfunctions/groupPoll/src/upgrade';
import { CloudSettingsError, readCloudSettings, type CloudSettings } from './setup-cloud/settings';

/** Each tool's upgrades, by the name `--tool` takes. */
export const TOOLS = { task: GROUP_TASK_UPGRADES, poll: POLL_UPGRADES } satisfies Record<
  string,
  readonly CollectionUpgrade[]
>;

export type ToolName = keyof typeof TOOLS;

/** Without `--tool`: the starter's own tool. */
const DEFAULT_TOOL: ToolName = 'task';

const isTool = (name: string): name is ToolName => Object.hasOwn(TOOLS, name);

const TOOL_LINES = Object.entries(TOOLS)
  .map(([name, upgrades]) => {
    const collections = upgrades.map(({ collection }) => collection).join(', then ');
    return `  --tool ${name}${name === DEFAULT_TOOL ? ' (default)' : ''}: ${collections}`;
  })
  .join('\n');

export const USAGE = `upgrade:data writes one tool's stored documents in the neutral names:
  TCB_ENV=<environment id> TCB_SECRET_ID=<SecretId> TCB_SECRET_KEY=<SecretKey> [TCB_SESSION_TOKEN=<token>] npm run upgrade:data [-- --tool <tool>] [--dry-run]
  npm run upgrade:data -- --sqlite <file> [--tool <tool>] [--dry-run]
${TOOL_LINES}
(docs/platforms.md, "Upgrading a deployment from before the neutral names")`;

export interface UpgradeArguments {
  /** The SQLite file to upgrade; null: the CloudBase environment the settings name. */
  sqlite: string | null;
  /** Whose collections: TOOLS names them. */
  tool: ToolName;
  dryRun: boolean;
}

export function parseUpgradeArguments(argv: readonly string[]): ApiResult<UpgradeArguments, 'USAGE'> {
  const parsed: UpgradeArguments = { sqlite: null, tool: DEFAULT_TOOL, dryRun: false };
  for (let at = 0; at < argv.length; at += 1) {
    const flag = argv[at];
    if (flag === '--dry-run') parsed.dryRun = true;
    else if (flag === '--sqlite') {
      const file = argv[at + 1];
      if (file === undefined || file.startsWith('--')) return fail('USAGE', '--sqlite needs the file after it');
      parsed.sqlite = file;
      at += 1;
    } else if (flag === '--tool') {
      const name = argv[at + 1];
      if (name === undefined || !isTool(name)) {
        return fail('USAGE', `--tool needs one of ${Object.keys(TOOLS).join(', ')} after it`);
      }
      parsed.tool = name;
      at += 1;
    } else return fail('USAGE', `unknown argument ${flag}`);
  }
  return ok(parsed);
}

export interface UpgradeDataDeps {
  /** The CloudBase database of the environment `settings` name (the SDK initialised with its keys). */
  openCloud(settings: CloudSettings): CloudDatabase;
  out(line: string): void;
  err(line: string): void;
}

/** The command, given its arguments and environment: its exit code (2: nothing was run). */
export async function upgradeData(
  argv: readonly string[],
  env: Record<string, string | undefined>,
  deps: UpgradeDataDeps,
): Promise<number> {
  const args = parseUpgradeArguments(argv);
  if (!args.ok) {
    deps.err(`${args.error.message}\n${USAGE}`);
    return 2;
  }
  const { sqlite, tool, dryRun } = args.data;
  let documents: DocumentStore;
  if (sqlite !== null) {
    // sqliteDocuments would create a missing file: an empty store upgraded is no upgrade.
    if (!existsSync(sqlite)) {
      deps.err(`no SQLite file at ${path.resolve(sqlite)}\n${USAGE}`);
      return 2;
    }
    deps.out(`Upgrading the SQLite store ${path.resolve(sqlite)}${dryRun ? ' (dry run: nothing is written)' : ''}`);
    documents = sqliteDocuments(sqlite);
  } else {
    let settings: CloudSettings;
    try {
      settings = readCloudSettings(env);
    } catch (error) {
      if (!(error instanceof CloudSettingsError)) throw error;
      deps.err(`${error.message}\n${USAGE}`);
      return 2;
    }
    deps.out(`Upgrading CloudBase environment ${settings.envId}${dryRun ? ' (dry run: nothing is written)' : ''}`);
    documents = cloudbaseDocuments(deps.openCloud(settings));
  }
  try {
    let leftOver = 0;
    for (const upgrade of TOOLS[tool]) {
      const counts = await upgradeCollection(documents, upgrade, { dryRun, log: deps.out });
      deps.out(countsLine(upgrade.collection, counts, dryRun));
      leftOver += counts.unreadable + counts.again;
    }
    if (leftOver > 0) {
      deps.err(
        `${leftOver} document(s) left as they were (listed above): unreadable ones need a look, the others a second run`,
      );
    }
    return leftOver > 0 ? 1 : 0;
  } finally {
    await documents.close();
  }
}

// Run as a script (not imported by its test).
if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === __filename) {
  upgradeData(process.argv.slice(2), process.env, {
    openCloud: ({ envId, secretId, secretKey, sessionToken }) => {
      initSdkWithKeys(cloud, { env: envId, secretId, secretKey, sessionToken });
      return databaseOf(cloud.database());
    },
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
