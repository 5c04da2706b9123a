// The package miniprogram-ci would upload holds app files only: packOptions.ignore must keep tests,
// tooling, sources and docs out. An allow-list, so a new tooling folder cannot slip in unnoticed.
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

export function checkPackagedFiles(root: string, files: Record<string, number>): CheckResult {
  const list = Object.keys(files).sort();
  return result('packaged file list', unexpectedFiles(list, appFolders(root)), [`${list.length} files in the package`]);
}
