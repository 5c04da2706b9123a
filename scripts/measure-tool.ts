// Prints how big a chat tool is in files and lines, by part, counting what its author wrote: the files git
// tracks under the given folders (packed npm and built bundles are ignored by git, so they never count).
//   npm run measure -- examples/poll tests/examples/poll tests/e2e/poll.test.ts
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';

const root = join(__dirname, '..');

export interface Part {
  path: string;
  files: number;
  lines: number;
  byType: Record<string, { files: number; lines: number }>;
}

/** Pictures count as files, not lines. */
const BINARY = new Set(['.png', '.jpg', '.jpeg', '.gif', '.webp']);

/** Lines as an editor counts them: a final newline does not start another line. */
export const linesOf = (text: string): number => (text === '' ? 0 : text.replace(/\n$/, '').split('\n').length);

export function measure(path: string, base = root): Part {
  const files = execFileSync('git', ['ls-files', '--', path], { cwd: base, encoding: 'utf8' })
    .split('\n')
    .filter((file) => file !== '');
  const part: Part = { path, files: 0, lines: 0, byType: {} };
  for (const file of files) {
    const type = extname(file) || file;
    const lines = BINARY.has(type) ? 0 : linesOf(readFileSync(join(base, file), 'utf8'));
    part.files += 1;
    part.lines += lines;
    const entry = (part.byType[type] ??= { files: 0, lines: 0 });
    entry.files += 1;
    entry.lines += lines;
  }
  return part;
}

function describe(part: Part): string {
  const types = Object.entries(part.byType)
    .sort(([, a], [, b]) => b.lines - a.lines)
    .map(([type, { files, lines }]) => `${type} ${files}/${lines}`)
    .join(', ');
  return `${part.path}: ${part.files} files, ${part.lines} lines (${types})`;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename)) {
  const paths = process.argv.slice(2);
  if (paths.length === 0) {
    console.error('usage: npm run measure -- <folder or file> [...]');
    process.exit(2);
  }
  const parts = paths.map((path) => measure(path));
  for (const part of parts) console.log(describe(part));
  const files = parts.reduce((sum, part) => sum + part.files, 0);
  const lines = parts.reduce((sum, part) => sum + part.lines, 0);
  if (parts.length > 1) console.log(`total: ${files} files, ${lines} lines`);
}
