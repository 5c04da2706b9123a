// Every WXML file of the app compiles with glass-easel-template-compiler, the engine chat tools run on.
// Warnings fail too: "missing end tag" is only a warning to the compiler, but a bug in the page.
import fs from 'node:fs';
import { TmplGroup } from 'glass-easel-template-compiler';
import path from 'node:path';
import { appFiles } from './files';
import { result, type CheckResult, type Problem } from './result';

interface TemplateDiagnostic {
  isError: boolean;
  level: string;
  message: string;
  startLine: number;
  startColumn: number;
}

export function compileWxml(file: string, source: string): TemplateDiagnostic[] {
  const group = new TmplGroup();
  try {
    return group.addTmpl(file.replace(/\.wxml$/, ''), source) as TemplateDiagnostic[];
  } finally {
    group.free();
  }
}

export function checkWxml(root: string): CheckResult {
  const files = appFiles(root, '.wxml');
  const problems: Problem[] = files.flatMap((file) =>
    compileWxml(file, fs.readFileSync(path.join(root, file), 'utf8')).map((diagnostic) => ({
      file,
      line: diagnostic.startLine + 1,
      column: diagnostic.startColumn + 1,
      message: `${diagnostic.message} (${diagnostic.level})`,
    })),
  );
  return result('wxml (glass-easel-template-compiler)', problems, [`${files.length} WXML files`]);
}
