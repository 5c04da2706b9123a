// The offline miniprogram-ci compile (what `upload` would package), run in a child process.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { result, type CheckResult } from './result';

export type Compiled = { ok: true; files: Record<string, number> } | { ok: false; message: string; file?: string };

const worker = path.join(__dirname, 'compile-worker.ts');
const tsx = createRequire(__filename).resolve('tsx/cli');

export function compileOffline(root: string): Promise<Compiled> {
  // miniprogram-ci leaves an empty md5-named folder in its working directory: keep it out of the project.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-ci-'));
  return new Promise<Compiled>((resolve, reject) => {
    execFile(
      process.execPath,
      [tsx, worker, path.resolve(root)],
      { cwd: scratch, maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60 * 1000 },
      (error, stdout, stderr) => {
        const line = stdout
          .trim()
          .split('\n')
          .reverse()
          .find((text) => text.startsWith('{'));
        if (line) resolve(JSON.parse(line) as Compiled);
        else reject(new Error(`miniprogram-ci compile crashed: ${error?.message ?? ''}\n${stderr}`));
      },
    );
  }).finally(() => fs.rmSync(scratch, { recursive: true, force: true }));
}

export function checkCompile(compiled: Compiled): CheckResult {
  if (!compiled.ok) {
    return result('miniprogram-ci offline compile', [{ file: compiled.file ?? 'project', message: compiled.message }]);
  }
  return result('miniprogram-ci offline compile', [], [`${Object.keys(compiled.files).length} files packaged`]);
}
