// Runs miniprogram-ci's offline compile in its own process (its compiler fork keeps Node alive, so the
// parent could never exit) and prints one JSON line: the packaged file list with byte sizes, or the error.
import * as ci from 'miniprogram-ci';
import { offlineProject } from './offline-project';

async function main(root: string): Promise<void> {
  const files = await ci.getCompiledResult({ project: offlineProject(root), version: '0.0.0' } as never);
  const sizes: Record<string, number> = {};
  for (const [file, content] of Object.entries(files)) {
    sizes[file] = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  process.stdout.write(`${JSON.stringify({ ok: true, files: sizes })}\n`);
}

main(process.argv[2] ?? process.cwd()).then(
  () => process.exit(0),
  (error: { message?: string; path?: string; code?: number }) => {
    process.stdout.write(
      `${JSON.stringify({ ok: false, message: error.message ?? String(error), file: error.path })}\n`,
    );
    process.exit(0);
  },
);
