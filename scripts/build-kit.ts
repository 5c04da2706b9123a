// Builds chat-tool-kit (kit/) for the mini program: one CommonJS file, kit/miniprogram_dist/index.js, which
// scripts/pack-npm.ts then packs into each chat tool's own miniprogram_npm (kit/package.json's `miniprogram`
// field names the folder). The chat tool's TypeScript imports 'chat-tool-kit'; WeChat resolves that through the
// subpackage's miniprogram_npm at run time, so the independent subpackage loads nothing from outside its folder.
import { build } from 'esbuild';
import { statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = join(__dirname, '..');
export const KIT_ENTRY = join(root, 'kit', 'index.ts');
export const KIT_BUNDLE = join(root, 'kit', 'miniprogram_dist', 'index.js');

export async function buildKit(): Promise<number> {
  await build({
    entryPoints: [KIT_ENTRY],
    outfile: KIT_BUNDLE,
    bundle: true,
    platform: 'neutral',
    // The chat tool's language level: it ships as written, with es6/enhance off (docs/platform.md#engines), and
    // `npm run check` ("engines") parses the packed copy in its miniprogram_npm as ES2020.
    target: 'es2020',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  return statSync(KIT_BUNDLE).size;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename)) {
  buildKit()
    .then((bytes) => console.log(`chat-tool-kit: ${relative(root, KIT_BUNDLE)} ${bytes} bytes`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
