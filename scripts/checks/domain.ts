// A chat tool's domain (each chat tool's core/ folder) is the same task on WeChat, WeCom and Feishu, so it names
// none of them: no platform, none of their ids, none of their client globals, no import but its own folder and the
// kit. The platforms' words live in their adapters (kit/server/identity.ts, platforms/, the pages).
import fs from 'node:fs';
import path from 'node:path';
import { runtimeImports } from './chat-tool-rules';
import { isInside, listFiles, readAppJson } from './files';
import { result, type CheckResult, type Problem } from './result';

const NAME = 'platform-neutral domain';

/** What would tie the domain to one platform, each with what to write instead. */
const PLATFORM_WORDS: { pattern: RegExp; instead: string }[] = [
  { pattern: /WeChat|Weixin|WeCom|Feishu|Lark|微信|企业微信|飞书/i, instead: '"the platform" or "the chat"' },
  {
    pattern:
      /\b(openid|unionid|group_openids?|opengid|open_single_roomid|cloudID|activity_id|open_id|chat_id|corpid|userid)\b/,
    instead: 'user id, member id, room id, chat proof or card id',
  },
  { pattern: /\b(wx|tt|qq|swan)\s*\.(?=\s*\w)/, instead: 'a port the adapter fills in' },
];

/** The kit by its package name, the one import besides the folder's own files. */
const KIT_PACKAGE = 'chat-tool-kit';

/** Each chat tool's domain folder: core/ under the root of every subpackage app.json declares a chat tool. */
function domainFolders(root: string): string[] {
  return (readAppJson(root).chatTools ?? [])
    .map((tool) => path.posix.join(tool.root, 'core'))
    .filter((dir) => fs.existsSync(path.join(root, dir)));
}

function problemsOf(root: string, dir: string, file: string): Problem[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  const words = source.split('\n').flatMap((text, index) =>
    PLATFORM_WORDS.flatMap(({ pattern, instead }) => {
      const found = pattern.exec(text);
      return found === null
        ? []
        : [{ file, line: index + 1, message: `names a platform ("${found[0]}"); write ${instead}` }];
    }),
  );
  const imports = runtimeImports(file, source)
    .filter(({ specifier }) => {
      if (specifier === KIT_PACKAGE) return false;
      if (!specifier.startsWith('.')) return true;
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
      return !isInside(dir, target);
    })
    .map(({ specifier, line }) => ({
      file,
      line,
      message: `imports "${specifier}"; the domain imports only its own folder and ${KIT_PACKAGE}`,
    }));
  return [...words, ...imports];
}

export function checkDomain(root: string): CheckResult {
  const folders = domainFolders(root);
  const files = folders.flatMap((dir) => listFiles(root, dir, '.ts').map((file) => ({ dir, file })));
  return result(
    NAME,
    files.flatMap(({ dir, file }) => problemsOf(root, dir, file)),
    [`${files.length} files in ${folders.join(', ') || 'no chat tool'}`],
  );
}
