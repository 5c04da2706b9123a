// A browser script of the simulator's own (the chat host, a simulated platform's page): one file bundled for the
// browser, no app code in it.
import * as esbuild from 'esbuild';

export async function bundleScript(entry: string): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
