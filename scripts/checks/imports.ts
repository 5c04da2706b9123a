// The emulator is WeChat's twin, written from WeChat's documents, and the simulator plays WeChat around the app:
// at run time neither may load the app's code, or they would judge the app by the app's own rules. A file under
// emulator/ or simulator/ may import app code for its types only (import type, or all-type imports), which the
// compiler erases; loading the cloud function by a computed path (the local runner's way) is not an import.
import fs from 'node:fs';
import path from 'node:path';
import { runtimeImports } from './chat-tool-rules';
import { isInside, listFiles } from './files';
import { result, type CheckResult, type Problem } from './result';

const NAME = 'emulator imports';

/** The twins of the platform, and the app code they must not load at run time (the kit is the app's too). */
const PLATFORM_TWINS = ['emulator', 'simulator'];
const APP_CODE = ['packageChatTool', 'cloudfunctions', 'kit'];
/** The kit by its package name (package.json: "chat-tool-kit": "file:kit"). */
const KIT_PACKAGE = 'chat-tool-kit';

/** The folder of this repository an import reaches, or null for a package's. */
function targetOf(file: string, specifier: string): string | null {
  if (specifier === KIT_PACKAGE || specifier.startsWith(`${KIT_PACKAGE}/`)) return 'kit';
  if (!specifier.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
}

const SOURCE = /\.(ts|js|mjs|cjs)$/;

function problemsOf(root: string, file: string): Problem[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  return runtimeImports(file, source).flatMap(({ specifier, line }) => {
    const target = targetOf(file, specifier);
    if (target === null) return [];
    const app = APP_CODE.find((dir) => target === dir || isInside(dir, target));
    return app === undefined
      ? []
      : [
          {
            file,
            line,
            message: `imports ${app}/ at run time ("${specifier}"); only \`import type\` may reach app code`,
          },
        ];
  });
}

export function checkImports(root: string): CheckResult {
  const files = PLATFORM_TWINS.filter((dir) => fs.existsSync(path.join(root, dir)))
    .flatMap((dir) => listFiles(root, dir))
    .filter((file) => SOURCE.test(file) && !file.endsWith('.d.ts'));
  return result(
    NAME,
    files.flatMap((file) => problemsOf(root, file)),
    [`${files.length} files`],
  );
}
