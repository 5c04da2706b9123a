// The offline miniprogram-ci compile, with the settings `npm run upload` passes, run in a child process.
// Its output is cached by the content of everything it compiles, so `npm run check` and the tests that
// compile the same tree compile it once.
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { result, type CheckResult } from './result';

/** A compile's file list with byte sizes, and the folder holding the compiled files themselves. */
export type Compiled =
  { ok: true; files: Record<string, number>; dir: string } | { ok: false; message: string; file?: string };

const worker = path.join(__dirname, 'compile-worker.ts');
const resolveModule = createRequire(__filename).resolve;
const tsx = resolveModule('tsx/cli');
const repoRoot = path.resolve(__dirname, '../..');
/** Under node_modules/.cache, the usual place for a tool's cache (git and the linters skip it). */
export const CACHE_DIR = path.join(repoRoot, 'node_modules', '.cache', 'compile-offline');
/** Older entries are removed: enough for the check and the test suites that compile fixtures. */
const CACHE_ENTRIES = 40;
/** An entry this recent stays, so a run that compiles many trees never loses one it is still reading. */
const CACHE_KEEP_MS = 60 * 60 * 1000;

/** What changes the compiled output besides the project: the compiler and the code driving it. */
const TOOLING = [
  worker,
  path.join(__dirname, 'offline-project.ts'),
  path.join(__dirname, '../release/wechat-ci.ts'),
  resolveModule('miniprogram-ci/package.json'),
];

interface IgnoreEntry {
  type?: string;
  value?: string;
}

/** Folders the compile never reads into the package: packOptions.ignore's folders, node_modules, dot folders. */
function skippedFolders(root: string): Set<string> {
  let ignore: IgnoreEntry[] = [];
  try {
    const config = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
      packOptions?: { ignore?: IgnoreEntry[] };
    };
    ignore = config.packOptions?.ignore ?? [];
  } catch {
    // A broken project.config.json is the compile's to report; it is hashed like every other file.
  }
  const folders = ignore.filter((entry) => entry.type === 'folder' && entry.value).map((entry) => entry.value!);
  return new Set(['node_modules', ...folders.map((folder) => folder.replace(/^\.?\/+|\/+$/g, ''))]);
}

/** A digest of every file the compile may read (path and content) and of the tooling. */
export function compileKey(root: string): string {
  const hash = crypto.createHash('sha256');
  for (const file of TOOLING) hash.update(file).update('\0').update(fs.readFileSync(file));
  const skipped = skippedFolders(root);
  const walk = (dir: string) => {
    const entries = fs.readdirSync(path.join(root, dir), { withFileTypes: true });
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const relative = dir ? `${dir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && !skipped.has(relative)) walk(relative);
      } else if (entry.isFile()) {
        hash
          .update(relative)
          .update('\0')
          .update(fs.readFileSync(path.join(root, relative)))
          .update('\0');
      }
    }
  };
  walk('');
  return hash.digest('hex').slice(0, 32);
}

type WorkerAnswer = { ok: true; files: Record<string, number> } | { ok: false; message: string; file?: string };

function runWorker(root: string, output: string): Promise<WorkerAnswer> {
  // miniprogram-ci leaves an empty md5-named folder in its working directory: keep it out of the project.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'miniprogram-ci-'));
  return new Promise<WorkerAnswer>((resolve, reject) => {
    execFile(
      process.execPath,
      [tsx, worker, path.resolve(root), output],
      { cwd: scratch, maxBuffer: 64 * 1024 * 1024, timeout: 5 * 60 * 1000 },
      (error, stdout, stderr) => {
        const line = stdout
          .trim()
          .split('\n')
          .reverse()
          .find((text) => text.startsWith('{'));
        if (line) resolve(JSON.parse(line) as WorkerAnswer);
        else reject(new Error(`miniprogram-ci compile crashed: ${error?.message ?? ''}\n${stderr}`));
      },
    );
  }).finally(() => fs.rmSync(scratch, { recursive: true, force: true }));
}

function prune(): void {
  const entries = fs
    .readdirSync(CACHE_DIR)
    .map((name) => ({ name, time: fs.statSync(path.join(CACHE_DIR, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  const now = Date.now();
  for (const { name, time } of entries.slice(CACHE_ENTRIES)) {
    if (now - time > CACHE_KEEP_MS) fs.rmSync(path.join(CACHE_DIR, name), { recursive: true, force: true });
  }
}

/**
 * Compiles `root` as `npm run upload` would, or returns the cached result of a compile of the same content.
 * A cache entry is a folder: result.json and the compiled files under files/. It is written under a temporary
 * name and renamed, so a concurrent compile of the same tree never reads half an entry.
 */
export async function compileOffline(root: string): Promise<Compiled> {
  const entry = path.join(CACHE_DIR, compileKey(root));
  const cached = path.join(entry, 'result.json');
  if (fs.existsSync(cached)) {
    const now = new Date();
    fs.utimesSync(entry, now, now);
    return JSON.parse(fs.readFileSync(cached, 'utf8')) as Compiled;
  }
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const pending = fs.mkdtempSync(`${entry}.pending-`);
  const answer = await runWorker(root, path.join(pending, 'files'));
  const compiled: Compiled = answer.ok ? { ...answer, dir: path.join(entry, 'files') } : answer;
  fs.writeFileSync(path.join(pending, 'result.json'), JSON.stringify(compiled));
  try {
    fs.renameSync(pending, entry);
  } catch {
    // Another process stored the same compile first: its entry is identical.
    fs.rmSync(pending, { recursive: true, force: true });
  }
  prune();
  return compiled;
}

/** The text of one compiled file. */
export function compiledText(compiled: Compiled & { ok: true }, file: string): string {
  return fs.readFileSync(path.join(compiled.dir, file), 'utf8');
}

export function checkCompile(compiled: Compiled): CheckResult {
  if (!compiled.ok) {
    return result('miniprogram-ci offline compile', [{ file: compiled.file ?? 'project', message: compiled.message }]);
  }
  return result('miniprogram-ci offline compile', [], [`${Object.keys(compiled.files).length} files packaged`]);
}
