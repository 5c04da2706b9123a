// Walks the project as WeChat does: app.json → pages of the main package and of each subpackage →
// every component those pages use (usingComponents, recursively, npm components found in the
// nearest miniprogram_npm). Paths are project-relative, posix, without extension.

import path from 'node:path';
import { BuildError } from './errors';

/** Reads project files; `null` when the file does not exist. */
export interface ProjectFiles {
  read(file: string): string | null;
}

export interface ComponentConfig {
  component?: boolean;
  usingComponents?: Record<string, string>;
  componentGenerics?: Record<string, true | { default?: string }>;
  componentPlaceholder?: Record<string, string>;
  styleIsolation?: string;
  addGlobalClass?: boolean;
  pureDataPattern?: string;
  navigationBarTitleText?: string;
  [key: string]: unknown;
}

export interface ComponentSource {
  /** e.g. `packageA/pages/entry/index`. */
  path: string;
  isPage: boolean;
  /** The subpackage root it belongs to; null for the main package. */
  packageRoot: string | null;
  /** The static config with usingComponents resolved to component paths. */
  config: ComponentConfig;
  script: string | null;
  template: string | null;
  style: string | null;
}

export interface SubpackageInfo {
  root: string;
  independent: boolean;
  /** The entry file (app.json `entry`), project-relative, run before any of its pages. */
  entry: string | null;
  renderer: string | null;
  pages: string[];
}

export interface AppGraph {
  appJson: AppJson;
  /** app.ts / app.js of the main package. */
  appScript: string | null;
  appStyle: string | null;
  pages: string[];
  subpackages: SubpackageInfo[];
  components: Map<string, ComponentSource>;
  /** The chat tool's subpackage root and entry page, when app.json declares one. */
  chatTool: { root: string; entryPage: string } | null;
  /** Every file read or looked for, to rebuild when one of them changes or appears. */
  files: string[];
}

interface AppJsonSubpackage {
  root: string;
  pages?: string[];
  independent?: boolean;
  entry?: string;
  renderer?: string;
}

export interface AppJson {
  pages?: string[];
  subPackages?: AppJsonSubpackage[];
  subpackages?: AppJsonSubpackage[];
  usingComponents?: Record<string, string>;
  chatTools?: { root: string; entryPagePath: string }[];
  window?: Record<string, unknown>;
  rendererOptions?: { skyline?: { defaultDisplayBlock?: boolean; defaultContentBox?: boolean } };
  [key: string]: unknown;
}

const SCRIPT_EXTS = ['.ts', '.js'];

function parseJson<T>(file: string, text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    let line = 1;
    let column = 1;
    if (position) {
      const before = text.slice(0, Number(position[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    }
    throw new BuildError('json', file, line, column, message);
  }
}

function firstExisting(files: ProjectFiles, base: string, exts: string[]): string | null {
  for (const ext of exts) {
    if (files.read(base + ext) !== null) return base + ext;
  }
  return null;
}

function hasComponent(files: ProjectFiles, base: string): boolean {
  return files.read(`${base}.json`) !== null || firstExisting(files, base, SCRIPT_EXTS) !== null;
}

/**
 * Resolves a usingComponents value from the component at `from` the way WeChat does: `/x` from the
 * project root, `./x` and `../x` from the component's folder, otherwise an npm package in the
 * nearest miniprogram_npm, otherwise from the root. A folder means its `index`.
 */
export function resolveComponentPath(files: ProjectFiles, from: string, target: string): string | null {
  const dir = path.posix.dirname(from);
  const candidates: string[] = [];
  if (target.startsWith('/')) {
    candidates.push(target.slice(1));
  } else if (target.startsWith('.')) {
    candidates.push(path.posix.join(dir, target));
  } else {
    let d = dir;
    for (;;) {
      candidates.push(path.posix.join(d === '.' ? '' : d, 'miniprogram_npm', target));
      if (d === '.' || d === '') break;
      d = path.posix.dirname(d);
    }
    candidates.push(target);
  }
  for (const c of candidates) {
    const normalized = path.posix.normalize(c).replace(/^\.\//, '');
    if (hasComponent(files, normalized)) return normalized;
    if (hasComponent(files, `${normalized}/index`)) return `${normalized}/index`;
  }
  return null;
}

function packageOf(pagePath: string, subpackages: SubpackageInfo[]): string | null {
  return subpackages.find((s) => pagePath.startsWith(`${s.root}/`))?.root ?? null;
}

export function walkApp(files: ProjectFiles): AppGraph {
  const appText = files.read('app.json');
  if (appText === null) throw new BuildError('config', 'app.json', 1, 1, 'app.json not found');
  const appJson = parseJson<AppJson>('app.json', appText);
  const read: string[] = ['app.json'];

  const subpackages: SubpackageInfo[] = (appJson.subPackages ?? appJson.subpackages ?? []).map((s) => {
    const root = s.root.replace(/\/+$/, '');
    return {
      root,
      independent: s.independent === true,
      entry: s.entry ? firstExisting(files, `${root}/${s.entry.replace(/\.(js|ts)$/, '')}`, SCRIPT_EXTS) : null,
      renderer: s.renderer ?? null,
      pages: (s.pages ?? []).map((p) => `${root}/${p}`),
    };
  });
  const pages = [...(appJson.pages ?? []), ...subpackages.flatMap((s) => s.pages)];
  const components = new Map<string, ComponentSource>();

  const visit = (componentPath: string, isPage: boolean, referrer: string): void => {
    if (components.has(componentPath)) return;
    const jsonFile = `${componentPath}.json`;
    const jsonText = files.read(jsonFile);
    const script = firstExisting(files, componentPath, SCRIPT_EXTS);
    if (jsonText === null && script === null) {
      throw new BuildError('config', referrer, 1, 1, `component or page not found: ${componentPath}`);
    }
    const raw = jsonText === null ? {} : parseJson<ComponentConfig>(jsonFile, jsonText);
    const packageRoot = packageOf(componentPath, subpackages);
    const using: Record<string, string> = {};
    // Global components of app.json are not visible inside independent subpackages.
    const independent = subpackages.find((s) => s.root === packageRoot)?.independent === true;
    const declared = { ...(independent ? {} : (appJson.usingComponents ?? {})), ...(raw.usingComponents ?? {}) };
    const source: ComponentSource = {
      path: componentPath,
      isPage,
      packageRoot,
      config: { ...raw, usingComponents: using },
      script,
      template: files.read(`${componentPath}.wxml`) === null ? null : `${componentPath}.wxml`,
      style: files.read(`${componentPath}.wxss`) === null ? null : `${componentPath}.wxss`,
    };
    // Every file the component could have, present or not: creating one (say, its first .wxss) rebuilds.
    for (const ext of ['.json', '.ts', '.js', '.wxml', '.wxss']) read.push(componentPath + ext);
    components.set(componentPath, source);
    for (const [tag, target] of Object.entries(declared)) {
      if (target.startsWith('plugin://') || target.startsWith('plugin-private://')) continue;
      const resolved = resolveComponentPath(files, componentPath, target);
      if (resolved === null) {
        throw new BuildError('json', jsonFile, 1, 1, `usingComponents "${tag}": cannot find ${target}`);
      }
      using[tag] = `/${resolved}`;
      visit(resolved, false, jsonFile);
    }
  };
  for (const page of pages) visit(page, true, 'app.json');

  const chat = appJson.chatTools?.[0];
  const appScript = firstExisting(files, 'app', SCRIPT_EXTS);
  const appStyle = files.read('app.wxss') === null ? null : 'app.wxss';
  read.push('app.ts', 'app.js', 'app.wxss');
  for (const entry of subpackages.map((s) => s.entry)) if (entry) read.push(entry);
  return {
    appJson,
    appScript,
    appStyle,
    pages,
    subpackages,
    components,
    chatTool: chat ? { root: chat.root, entryPage: `${chat.root}/${chat.entryPagePath}` } : null,
    files: read,
  };
}
