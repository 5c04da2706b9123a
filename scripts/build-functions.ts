// Bundles every cloudfunctions/<name>/src/main.ts into cloudfunctions/<name>/index.js with esbuild:
// CommonJS for Node 16+ (what the CloudBase runtime and DevTools deploy), wx-server-sdk left external
// because each function installs it in the cloud. `--watch` rebuilds on change.
import { context, build, type BuildOptions } from 'esbuild';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = join(__dirname, '..');
const functionsDir = join(root, 'cloudfunctions');

export function functionEntries(): { name: string; entry: string; outfile: string }[] {
  if (!existsSync(functionsDir)) return [];
  return readdirSync(functionsDir)
    .map((name) => ({
      name,
      entry: join(functionsDir, name, 'src', 'main.ts'),
      outfile: join(functionsDir, name, 'index.js'),
    }))
    .filter(({ entry }) => existsSync(entry));
}

export function buildOptions(entry: string, outfile: string): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
  };
}

async function main(): Promise<void> {
  const entries = functionEntries();
  if (process.argv.includes('--watch')) {
    for (const { entry, outfile } of entries) {
      const ctx = await context(buildOptions(entry, outfile));
      await ctx.watch();
    }
    console.log(`watching ${entries.length} cloud function(s)`);
    return;
  }
  for (const { name, entry, outfile } of entries) {
    await build(buildOptions(entry, outfile));
    console.log(`cloud function ${name}: ${relative(root, outfile)} ${statSync(outfile).size} bytes`);
  }
}

// Run as a script (tsx scripts/build-functions.ts), not when a test imports the helpers.
if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(__filename)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
