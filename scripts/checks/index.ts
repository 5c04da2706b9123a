// Runs every check on a project root, in the order `npm run check` prints them.
import { checkBudget } from './budget';
import { checkChatToolRules } from './chat-tool-rules';
import { checkCitations } from './citations';
import { checkCompile, compileOffline } from './compile';
import { checkDomain } from './domain';
import { checkEngines } from './engines';
import { checkImports } from './imports';
import { checkKitExports } from './kit-exports';
import { checkLint } from './lint';
import { checkPackagedFiles } from './packaged-files';
import { result, type CheckResult } from './result';
import { checkSkyline } from './skyline';
import { checkTypes } from './types';
import { checkWxml } from './wxml';

export async function runChecks(root: string, report: (check: CheckResult) => void): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  const run = async (name: string, check: () => CheckResult | Promise<CheckResult>) => {
    let outcome: CheckResult;
    try {
      outcome = await check();
    } catch (error) {
      outcome = result(name, [
        { file: 'project', message: `check crashed: ${(error as Error).stack ?? String(error)}` },
      ]);
    }
    results.push(outcome);
    report(outcome);
  };

  // Start the slow compile first; the other checks run while it works.
  const compiling = compileOffline(root);
  await run('chat-tool rules', () => checkChatToolRules(root));
  await run('wxml', () => checkWxml(root));
  await run('skyline', () => checkSkyline(root));
  await run('types', () => checkTypes(root));
  await run('lint', () => checkLint(root));
  await run('emulator imports', () => checkImports(root));
  await run('platform-neutral domain', () => checkDomain(root));
  await run('citations', () => checkCitations(root));
  const compiled = await compiling;
  await run('miniprogram-ci offline compile', () => checkCompile(compiled));
  if (compiled.ok) {
    await run('packaged file list', () => checkPackagedFiles(root, compiled));
    await run('engines (compiled syntax)', () => checkEngines(root, compiled));
    await run('kit exports', () => checkKitExports(root, compiled));
    await run('chat-tool size budget', () => checkBudget(root, compiled.files));
  }
  return results;
}
