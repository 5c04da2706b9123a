// Runs miniprogram-ci's offline compile in its own process (its compiler fork keeps Node alive, so the
// parent could never exit) with the settings `npm run upload` passes, writes every compiled file under
// the output folder and prints one JSON line: the packaged file list with byte sizes, or the error.
import fs from 'node:fs';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { uploadSetting } from '../release/wechat-ci';
import { offlineProject } from './offline-project';

async function main(root: string, output: string): Promise<void> {
  const files = await ci.getCompiledResult({
    project: offlineProject(root),
    version: '0.0.0',
    setting: uploadSetting,
  } as never);
  const sizes: Record<string, number> = {};
  for (const [file, content] of Object.entries(files)) {
    const target = path.join(output, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, content);
    sizes[file] = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  }
  process.stdout.write(`${JSON.stringify({ ok: true, files: sizes })}\n`);
}

const [root = process.cwd(), output = path.join(process.cwd(), 'compiled')] = process.argv.slice(2);
main(root, output).then(
  () => process.exit(0),
  (error: { message?: string; path?: string; code?: number }) => {
    process.stdout.write(
      `${JSON.stringify({ ok: false, message: error.message ?? String(error), file: error.path })}\n`,
    );
    process.exit(0);
  },
);
