// Packs the mini program's npm dependencies (weui-miniprogram) into packageChatTool/miniprogram_npm.
// An independent subpackage cannot use the main package's miniprogram_npm, so it gets its own copy;
// runs on `npm install`/`npm ci` so WeChat DevTools opens a fresh clone without a manual "build npm".
import path from 'node:path';
import * as ci from 'miniprogram-ci';

const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const result = await ci.packNpmManually({
    packageJsonPath: path.join(root, 'package.json'),
    miniprogramNpmDistDir: path.join(root, 'packageChatTool'),
  });
  console.log(`packed npm into packageChatTool/miniprogram_npm: ${result.miniProgramPackNum} package(s)`);
}

main().catch((error: unknown) => {
  console.error('pack-npm failed:', error);
  process.exit(1);
});
