// The package miniprogram-ci would upload holds app files only: packOptions.ignore must keep tests,
// tooling, sources and docs out. An allow-list, so a new tooling folder cannot slip in unnoticed.
// And every image a packaged file names is packaged too: packOptions.ignore may leave out an npm package's
// assets its packed components never show (weui's loading icon), never one a packaged file loads.
import path from 'node:path';
import { compiledText, type Compiled } from './compile';
import { appFolders } from './files';
import { result, type CheckResult, type Problem } from './result';

const ROOT_FILES = new Set(['app.js', 'app.json', 'app.wxss', 'project.config.json', 'sitemap.json', 'theme.json']);
const NEVER_PACKAGED_EXTENSIONS = ['.ts', '.md', '.map', '.test.js', '.log'];
// Compiled output keeps only these kinds of file (code, templates, styles, config, assets).
const APP_EXTENSIONS = /\.(js|json|wxml|wxss|wxs|png|jpe?g|gif|svg|webp)$/;
// miniprogram-ci inlines Babel helpers here (at the root and in each subpackage).
const BABEL_HELPERS = '@babel/runtime/helpers/';

export function unexpectedFiles(files: string[], folders: string[]): Problem[] {
  return files.flatMap((file) => {
    const extension = NEVER_PACKAGED_EXTENSIONS.find((ext) => file.endsWith(ext));
    if (extension) return [{ file, message: `${extension} file in the package: add it to packOptions.ignore` }];
    if (!APP_EXTENSIONS.test(file)) return [{ file, message: 'not an app file type: add it to packOptions.ignore' }];
    if (!file.includes('/')) {
      return ROOT_FILES.has(file) ? [] : [{ file, message: 'not an app file: add it to packOptions.ignore' }];
    }
    const folder = folders.find((dir) => file.startsWith(`${dir}/`));
    if (folder || file.startsWith(BABEL_HELPERS)) return [];
    return [{ file, message: `outside the app folders (${folders.join(', ')}): add it to packOptions.ignore` }];
  });
}

// An image path in a packaged file: absolute from the mini program's root, or relative to the file
// (a remote address, a data: URI or a path computed at run time is not a file of the package).
const IMAGE_REFERENCE = /["'(]((?:\/|\.\.?\/)[^"'()\s{}]*\.(?:png|jpe?g|gif|svg|webp))["')]/g;
const REFERRING_FILES = /\.(js|json|wxml|wxss|wxs)$/;

/** Images the packaged files name that the package does not hold (`texts`: each packaged text file's content). */
export function unpackagedReferences(texts: Record<string, string>, packaged: Set<string>): Problem[] {
  return Object.entries(texts).flatMap(([file, text]) =>
    [...text.matchAll(IMAGE_REFERENCE)].flatMap(([, reference]) => {
      if (reference!.startsWith('//')) return [];
      const target = reference!.startsWith('/')
        ? reference!.slice(1)
        : path.posix.join(path.posix.dirname(file), reference!);
      if (packaged.has(target)) return [];
      return [{ file, message: `loads ${reference}, which is not in the package: keep it out of packOptions.ignore` }];
    }),
  );
}

export function checkPackagedFiles(root: string, compiled: Compiled & { ok: true }): CheckResult {
  const list = Object.keys(compiled.files).sort();
  const texts = Object.fromEntries(
    list.filter((file) => REFERRING_FILES.test(file)).map((file) => [file, compiledText(compiled, file)]),
  );
  const problems = [...unexpectedFiles(list, appFolders(root)), ...unpackagedReferences(texts, new Set(list))];
  return result('packaged file list', problems, [`${list.length} files in the package`]);
}
