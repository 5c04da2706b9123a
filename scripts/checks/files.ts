// Project file helpers shared by the checks: reading app.json, walking folders, path containment.
import fs from 'node:fs';
import path from 'node:path';

export interface SubPackage {
  root: string;
  name?: string;
  pages?: string[];
  independent?: boolean;
  entry?: string;
  componentFramework?: string;
  renderer?: string;
}

export interface ChatToolEntry {
  root: string;
  entryPagePath: string;
  desc?: string;
  scopes?: string[];
}

export interface AppJson {
  pages?: string[];
  subPackages?: SubPackage[];
  subpackages?: SubPackage[];
  chatTools?: ChatToolEntry[];
  componentFramework?: string;
  renderer?: string;
}

export class AppJsonError extends Error {}

/** Parses app.json; a syntax error becomes an AppJsonError saying so. */
export function readAppJson(root: string): AppJson {
  const file = path.join(root, 'app.json');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new AppJsonError('app.json is missing');
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new AppJsonError('app.json must hold a JSON object');
    }
    return parsed as AppJson;
  } catch (error) {
    if (error instanceof AppJsonError) throw error;
    throw new AppJsonError(`app.json is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

export function subPackagesOf(app: AppJson): SubPackage[] {
  return app.subPackages ?? app.subpackages ?? [];
}

/** Folders that hold app code: miniprogram/ and every subpackage root (best effort if app.json is broken). */
export function appFolders(root: string): string[] {
  let roots: string[];
  try {
    roots = subPackagesOf(readAppJson(root)).map((pkg) => pkg.root.replace(/\/+$/, ''));
  } catch {
    roots = fs.existsSync(path.join(root, 'packageChatTool')) ? ['packageChatTool'] : [];
  }
  return ['miniprogram', ...roots].filter((dir) => fs.existsSync(path.join(root, dir)));
}

const NEVER_WALKED = new Set(['node_modules', 'miniprogram_npm', '.git']);

/** Files under `dir` (project-relative, forward slashes), skipping node_modules and miniprogram_npm. */
export function listFiles(root: string, dir: string, extension?: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!NEVER_WALKED.has(entry.name)) walk(child);
      } else if (!extension || entry.name.endsWith(extension)) {
        found.push(child);
      }
    }
  };
  walk(dir);
  return found.sort();
}

/** App files of one kind: root-level ones plus those in the app folders. */
export function appFiles(root: string, extension: string): string[] {
  const topLevel = fs
    .readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => entry.name);
  return [...topLevel, ...appFolders(root).flatMap((dir) => listFiles(root, dir, extension))];
}

/** Whether project-relative `target` lies inside folder `dir`. */
export function isInside(dir: string, target: string): boolean {
  const relative = path.posix.relative(dir, target);
  return relative !== '' && !relative.startsWith('..') && !path.posix.isAbsolute(relative);
}
