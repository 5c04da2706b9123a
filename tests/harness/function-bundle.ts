// A cloud function's deployable index.js for its bundle test: built from `entry` as scripts/build-functions.ts builds
// it, before the block's tests, into a folder of artifacts/ per readings (jest builds it for both projects at once,
// jest.config.js); what a test sets in process.env is undone after it.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildOptions } from '../../scripts/build-functions';

/** Registers the block's hooks and returns the bundle's path; `entry` is asked for in beforeAll (it may throw). */
export function bundledFunction(folder: string, entry: () => string): string {
  const outDir = join(__dirname, `../../artifacts/${folder}-${process.env.WECHAT_READINGS ?? 'documented'}`);
  const outfile = join(outDir, 'index.js');
  const saved = { ...process.env };
  beforeAll(async () => {
    const from = entry();
    mkdirSync(outDir, { recursive: true });
    await build(buildOptions(from, outfile));
  });
  afterEach(() => {
    process.env = { ...saved };
  });
  return outfile;
}
