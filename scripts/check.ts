// `npm run check [project root]`: every offline check of the project, each naming the file at fault.
// Runs them all (one failure does not hide the next) and exits non-zero if any failed.
import path from 'node:path';
import { runChecks } from './checks';
import { formatProblem, type CheckResult } from './checks/result';

function print(check: CheckResult): void {
  const mark = check.problems.length === 0 ? '✔' : '✖';
  const info = check.info.length > 0 ? ` — ${check.info.join('; ')}` : '';
  console.log(`${mark} ${check.name}${info}`);
  for (const problem of check.problems) console.log(`    ${formatProblem(problem)}`);
  for (const warning of check.warnings ?? []) console.log(`    warning: ${formatProblem(warning)}`);
}

async function main(): Promise<void> {
  const root = path.resolve(process.argv[2] ?? process.cwd());
  const started = Date.now();
  const results = await runChecks(root, print);
  const failed = results.filter((check) => check.problems.length > 0);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (failed.length > 0) {
    console.error(`\ncheck FAILED (${failed.map((check) => check.name).join(', ')}) in ${seconds} s`);
    process.exit(1);
  }
  console.log(`\nall checks passed in ${seconds} s`);
}

main().catch((error: unknown) => {
  console.error('check crashed:', error);
  process.exit(1);
});
