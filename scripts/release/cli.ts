// `npm run upload | preview | deploy:functions`: see docs/foundation.md (Release) for the variables.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { deployFunctions, preview, upload, type ReleaseContext } from './commands';
import { ReleaseConfigError, type GitFacts } from './config';
import { explainReleaseError } from './errors';
import { createWechatCi } from './wechat-ci';

const root = path.resolve(__dirname, '../..');
const commands = { upload, preview, 'deploy-functions': deployFunctions } as const;

function gitFacts(): GitFacts {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return { commit: git('rev-parse', '--short', 'HEAD'), subject: git('log', '-1', '--format=%s') };
  } catch {
    return { commit: '', subject: '' };
  }
}

async function main(): Promise<void> {
  const name = process.argv[2] as keyof typeof commands;
  const command = commands[name];
  if (!command) throw new Error(`usage: tsx scripts/release/cli.ts ${Object.keys(commands).join('|')}`);
  const context: ReleaseContext = { root, env: process.env, git: gitFacts(), ci: createWechatCi(), log: console.log };
  await command(context);
}

main().then(
  // miniprogram-ci leaves handles open; the work is done.
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof ReleaseConfigError) console.error(`release configuration is incomplete:\n${error.message}`);
    else console.error(explainReleaseError(error));
    process.exit(1);
  },
);
