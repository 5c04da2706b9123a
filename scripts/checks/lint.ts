// ESLint (eslint.config.mjs) and Prettier (.prettierrc.json, .prettierignore), exactly as `npm run lint`
// runs them, in child processes (their config loading needs native ESM, which jest's VM lacks); the
// JSON report and the list of unformatted files become problems naming each file.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { result, type CheckResult, type Problem } from './result';

const resolve = createRequire(__filename).resolve;
const eslintBin = path.join(path.dirname(resolve('eslint/package.json')), 'bin', 'eslint.js');
const prettierBin = path.join(path.dirname(resolve('prettier/package.json')), 'bin', 'prettier.cjs');

function run(root: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

interface EslintReport {
  filePath: string;
  messages: { severity: number; line?: number; column?: number; message: string; ruleId: string | null }[];
}

export async function checkLint(root: string): Promise<CheckResult> {
  const problems: Problem[] = [];
  const relative = (file: string) => path.relative(root, path.resolve(root, file)).split(path.sep).join('/');

  const eslint = await run(root, [eslintBin, '.', '--format', 'json']);
  let reports: EslintReport[] = [];
  try {
    reports = JSON.parse(eslint.stdout) as EslintReport[];
  } catch {
    problems.push({ file: 'eslint.config.mjs', message: `eslint did not run: ${eslint.stderr.trim()}` });
  }
  for (const report of reports) {
    for (const message of report.messages.filter((m) => m.severity === 2)) {
      problems.push({
        file: relative(report.filePath),
        line: message.line,
        column: message.column,
        message: `${message.message} (eslint ${message.ruleId ?? 'parse'})`,
      });
    }
  }

  // --list-different prints each unformatted file; exit code 2 means prettier itself failed.
  const prettier = await run(root, [prettierBin, '--list-different', '.']);
  if (prettier.code === 2)
    problems.push({ file: '.prettierrc.json', message: `prettier failed: ${prettier.stderr.trim()}` });
  for (const file of prettier.stdout.split('\n').filter(Boolean)) {
    problems.push({ file: relative(file), message: 'not formatted (run `npm run format`)' });
  }
  return result('lint (eslint, prettier)', problems, [`eslint checked ${reports.length} files`]);
}
