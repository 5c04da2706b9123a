// `tsc --noEmit` on tsconfig.json (app code), tsconfig.node.json (tooling and tests) and, when the project has
// them, simulator/tsconfig.json (its browser code, DOM lib), the WeCom and Feishu groups' and the Feishu web app's
// browser code and the example poll's (its pages, its cloud function), through the compiler API so every diagnostic
// comes back with its file and line.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { result, type CheckResult, type Problem } from './result';

export const TSCONFIGS = ['tsconfig.json', 'tsconfig.node.json'];
/**
 * Checked when present: a starter without the simulator folder, or without the example poll (its pages and its
 * cloud function), is still a valid project.
 */
export const OPTIONAL_TSCONFIGS = [
  'simulator/tsconfig.json',
  'simulator/platforms/feishu/browser/tsconfig.json',
  'simulator/platforms/wecom/browser/tsconfig.json',
  'platforms/feishu/web/tsconfig.json',
  'examples/poll/tsconfig.json',
  'examples/poll/cloudfunctions/groupPoll/tsconfig.json',
];

function toProblem(root: string, diagnostic: ts.Diagnostic, config: string): Problem {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  if (!diagnostic.file || diagnostic.start === undefined) return { file: config, message };
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
  return {
    file: path.relative(root, diagnostic.file.fileName).split(path.sep).join('/'),
    line: line + 1,
    column: character + 1,
    message: `TS${diagnostic.code} ${message} (${config})`,
  };
}

export function checkTypes(root: string): CheckResult {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const present = OPTIONAL_TSCONFIGS.filter((config) => fs.existsSync(path.join(root, config)));
  for (const config of [...TSCONFIGS, ...present]) {
    const configPath = path.join(root, config);
    if (!fs.existsSync(configPath)) {
      problems.push({ file: config, message: 'missing' });
      continue;
    }
    const configErrors: ts.Diagnostic[] = [];
    const parsed = ts.getParsedCommandLineOfConfigFile(
      configPath,
      { noEmit: true },
      {
        ...ts.sys,
        onUnRecoverableConfigFileDiagnostic: (diagnostic) => configErrors.push(diagnostic),
      },
    );
    const diagnostics = parsed
      ? [
          ...parsed.errors,
          ...ts.getPreEmitDiagnostics(ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options })),
        ]
      : configErrors;
    for (const diagnostic of diagnostics) {
      if (diagnostic.category !== ts.DiagnosticCategory.Error) continue;
      const problem = toProblem(root, diagnostic, config);
      // tsconfig.node.json includes the app code too: report each error once.
      const key = `${problem.file}:${problem.line}:${problem.column}:${diagnostic.code}`;
      if (!seen.has(key)) problems.push(problem);
      seen.add(key);
    }
  }
  return result('types (tsc --noEmit)', problems);
}
