// Builds the project for the browser: walks app.json, compiles WXML and WXSS (again only the files an edit
// touched), and bundles the app's TypeScript with the simulator runtime through an incremental esbuild
// context (a second one makes the source map when the browser asks for it). Every error comes back with
// file and line; the output then is a script that shows them in the page.

import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BUILTIN_TEMPLATES } from '../shared/builtin-templates';
import { formatBuildError, type BuildErrorInfo } from '../shared/protocol';
import type { RendererDefaults } from '../shared/registry';
import { walkApp, type AppGraph, type ProjectFiles } from './app-json';
import { BuildError } from './errors';
import { createTemplateCache, type TemplateCache } from './templates';
import { createWxssCache, type WxssCache } from './wxss';

export interface BuildOutput {
  ok: boolean;
  /** The app bundle, or a script that shows `errors` in the page. */
  js: string;
  /**
   * The bundle's source map, served beside it as /app.js.map: the browser fetches it only when its devtools are
   * open, so the first screen and every reload download the bundle alone. It is built when first asked for, not
   * with the bundle: mapping the whole bundle again took about half of every rebuild. Empty after a failed build.
   */
  map(): Promise<string>;
  errors: BuildErrorInfo[];
  warnings: string[];
  /** Project files the build read: an edit to one of them needs a rebuild. */
  files: string[];
  ms: number;
}

const REGISTRY = 'simulator:registry';
/** Where the host page loads the app bundle from (the server's /app.js). */
export const APP_BUNDLE = 'app.js';
const RUNTIME_ENTRY = path.resolve(__dirname, '../runtime/main.ts');

export function diskFiles(root: string): ProjectFiles {
  return {
    read(file) {
      try {
        return fs.readFileSync(path.join(root, file), 'utf8');
      } catch {
        return null;
      }
    },
  };
}

/**
 * WeChat's style isolation (docs/platform.md, "Style isolation"): a page's default is `shared`, a component's
 * `isolated`; `addGlobalClass: true` means `apply-shared` unless `styleIsolation` is set.
 */
export function isolationOf(config: Record<string, unknown>, isPage: boolean): string {
  if (typeof config.styleIsolation === 'string') return config.styleIsolation;
  if (isPage) return 'shared';
  return config.addGlobalClass === true ? 'apply-shared' : 'isolated';
}

/** Isolations whose classes are the shared (unprefixed) scope. */
const SHARED = new Set(['shared', 'page-shared']);

interface RegistrySource {
  code: string;
  files: string[];
  warnings: string[];
}

/**
 * What a builder keeps from one build to the next, so that an edit compiles again only the files it touched: the
 * style sheets as last transformed and the template group as last compiled.
 */
export interface BuildCaches {
  styles: WxssCache;
  templates: TemplateCache;
}

export function createBuildCaches(): BuildCaches {
  return { styles: createWxssCache(), templates: createTemplateCache() };
}

/** Generates the registry module (see shared/registry.ts) for the current state of the project. */
export function generateRegistry(files: ProjectFiles, caches: BuildCaches): RegistrySource {
  const graph: AppGraph = walkApp(files);
  const components = [...graph.components.values()];
  const read = new Set(graph.files);
  const templates = caches.templates.compile(
    files,
    components
      .filter((c) => c.template !== null)
      .map((c) => ({ path: c.path, usingTags: new Set(Object.keys(c.config.usingComponents ?? {})) })),
    BUILTIN_TEMPLATES,
  );
  templates.files.forEach((f) => read.add(f));

  const styles: Record<string, string> = {};
  const readFile = (file: string): string => {
    const text = files.read(file);
    if (text === null) throw new Error(`not found: ${file}`);
    return text;
  };
  const entries = components.map((c, i) => {
    const isolation = isolationOf(c.config, c.isPage);
    const scope = SHARED.has(isolation) ? undefined : `s${i}`;
    // A shared page's rules stay on that page; a shared component's reach every page that could use it.
    const sharedPage = c.isPage && scope === undefined ? c.path : undefined;
    if (c.style) {
      const out = caches.styles.transform({ file: c.style, source: readFile(c.style), scope, sharedPage, readFile });
      out.files.forEach((f) => read.add(f));
      styles[c.path] = out.css;
    }
    const config = { ...c.config, styleIsolation: isolation };
    // A component whose JSON is silent may still choose in its script (`options`), which the adapter ignores.
    const scriptIsolation = !c.isPage && c.config.styleIsolation === undefined && c.config.addGlobalClass === undefined;
    const load = c.script ? `() => { require(${JSON.stringify(`./${c.script}`)}); }` : '() => {}';
    return `{ path: ${JSON.stringify(c.path)}, config: ${JSON.stringify(config)}, scope: ${JSON.stringify(scope)}, scriptIsolation: ${scriptIsolation}, hasStyle: ${c.style !== null},
      hasTemplate: ${c.template !== null}, load: ${load} }`;
  });
  if (graph.appStyle) {
    const out = caches.styles.transform({
      file: graph.appStyle,
      source: readFile(graph.appStyle),
      scope: undefined,
      readFile,
    });
    out.files.forEach((f) => read.add(f));
    styles.app = out.css;
  }
  caches.styles.forgetUnused();
  const skylineOptions = graph.appJson.rendererOptions?.skyline ?? {};
  const skyline: RendererDefaults = {
    displayBlock: skylineOptions.defaultDisplayBlock === true,
    contentBox: skylineOptions.defaultContentBox === true,
  };
  const subpackages = graph.subpackages.map(
    (s) => `{ root: ${JSON.stringify(s.root)}, independent: ${s.independent}, renderer: ${JSON.stringify(s.renderer)},
      loadEntry: ${s.entry ? `() => { require(${JSON.stringify(`./${s.entry}`)}); }` : 'null'} }`,
  );
  const code = `
    export const templates = ${templates.groupsCode};
    export const styles = ${JSON.stringify(styles)};
    export const components = [${entries.join(',\n')}];
    export const loadApp = ${graph.appScript ? `() => { require(${JSON.stringify(`./${graph.appScript}`)}); }` : 'null'};
    export const subpackages = [${subpackages.join(',\n')}];
    export const pages = ${JSON.stringify(graph.pages)};
    export const chatTool = ${JSON.stringify(graph.chatTool)};
    export const window = ${JSON.stringify(graph.appJson.window ?? {})};
    export const skyline = ${JSON.stringify(skyline)};
    export const warnings = ${JSON.stringify(templates.warnings)};
  `;
  return { code, files: [...read], warnings: templates.warnings };
}

/** A script that renders build errors in place of the app, so a mistake never leaves a blank page. */
export function errorScript(errors: BuildErrorInfo[]): string {
  const text = `Build failed / 构建失败\n\n${errors.map(formatBuildError).join('\n')}`;
  return `(function () {
  var errors = ${JSON.stringify(errors)};
  var show = function () {
    var box = document.createElement('pre');
    box.className = 'build-error';
    box.style.cssText = 'margin:0;padding:56px 16px 16px;min-height:100%;box-sizing:border-box;background:#fff0f0;color:#b00020;font:13px/1.5 ui-monospace,monospace;white-space:pre-wrap;word-break:break-word';
    box.setAttribute('role', 'alert');
    box.textContent = ${JSON.stringify(text)};
    document.body.appendChild(box);
  };
  if (document.body) show(); else document.addEventListener('DOMContentLoaded', show);
  if (window.parent && window.parent !== window && window.parent.simulatorHost) {
    window.parent.simulatorHost.reportBuildErrors(errors);
  }
})();`;
}

function esbuildErrors(root: string, messages: esbuild.Message[]): BuildErrorInfo[] {
  return messages.map((m) => ({
    kind: 'typescript',
    file: m.location ? path.relative(root, path.resolve(root, m.location.file)).split(path.sep).join('/') : '(bundle)',
    line: m.location?.line ?? 1,
    column: (m.location?.column ?? 0) + 1,
    message: m.text,
  }));
}

/** `<dir>/miniprogram_npm/<name>/index.js` (or `<name>.js`) in the folders from `importer`'s up to `root`. */
export function packedModule(root: string, importer: string, name: string): string | undefined {
  const base = path.resolve(root);
  if (!importer.startsWith(`${base}${path.sep}`)) return undefined;
  for (let dir = path.dirname(importer); dir.startsWith(base); dir = path.dirname(dir)) {
    const npm = path.join(dir, 'miniprogram_npm', name);
    const found = [path.join(npm, 'index.js'), `${npm}.js`].find((file) => fs.existsSync(file));
    if (found) return found;
    if (dir === base) break;
  }
  return undefined;
}

/** The comment esbuild ends a bundle with when it links a map (`sourcemap: 'linked'`). */
const MAP_COMMENT = `//# sourceMappingURL=${APP_BUNDLE}.map\n`;

function bundleText(result: esbuild.BuildResult, name: string): string {
  return result.outputFiles?.find((file) => file.path.endsWith(name))?.text ?? '';
}

export class AppBuilder {
  /** The bundle, without a source map. */
  private context: esbuild.BuildContext | null = null;
  /** The same bundle with its source map, made only when a map is asked for (the browser's devtools). */
  private mapContext: esbuild.BuildContext | null = null;
  /** Maps are made one at a time: each for the registry of the build it belongs to. */
  private mapping: Promise<unknown> = Promise.resolve();
  private registry: RegistrySource | null = null;
  /** The registry the map being made is for. */
  private mapRegistry: RegistrySource | null = null;
  private bundleInputs: string[] = [];
  /** Style sheets and templates as last compiled: an edit compiles again only the files it touches. */
  private readonly caches = createBuildCaches();

  /**
   * `plugins`: more esbuild plugins for the app's code, e.g. a simulated platform's settings in place of the
   * project's (simulator/platforms/wecom).
   */
  constructor(
    readonly root: string,
    private readonly plugins: readonly esbuild.Plugin[] = [],
  ) {}

  private async createContext(mapped: boolean): Promise<esbuild.BuildContext> {
    const plugin: esbuild.Plugin = {
      name: 'simulator-registry',
      setup: (build) => {
        build.onResolve({ filter: /^simulator:registry$/ }, () => ({ path: REGISTRY, namespace: 'registry' }));
        // A bare module name from the app's code loads its packed copy in the nearest miniprogram_npm, as WeChat
        // loads it (so the chat tool gets the trimmed chat-tool-kit a phone gets); unpacked names resolve as usual.
        build.onResolve({ filter: /^[^./]/ }, (args) => {
          const packed = packedModule(this.root, args.importer, args.path);
          return packed ? { path: packed } : undefined;
        });
        build.onLoad({ filter: /.*/, namespace: 'registry' }, () => ({
          contents: (mapped ? this.mapRegistry : this.registry)?.code ?? '',
          resolveDir: this.root,
          loader: 'js',
        }));
      },
    };
    return esbuild.context({
      entryPoints: [RUNTIME_ENTRY],
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'browser',
      target: 'es2020',
      sourcemap: mapped ? 'linked' : false,
      // Nothing is written (write: false); the name gives the map its file and the bundle its sourceMappingURL.
      outfile: path.join(this.root, APP_BUNDLE),
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: this.root,
      plugins: [plugin, ...this.plugins],
      define: { 'process.env.NODE_ENV': '"development"' },
    });
  }

  async build(): Promise<BuildOutput> {
    const started = performance.now();
    const files = diskFiles(this.root);
    let registryFiles: string[] = [];
    // A failed build serves a script that lists the errors, and still watches what it read.
    const failed = (errors: BuildErrorInfo[]): BuildOutput => ({
      ok: false,
      js: errorScript(errors),
      map: async () => '',
      errors,
      warnings: [],
      files: this.watchList(registryFiles),
      ms: performance.now() - started,
    });
    try {
      this.registry = generateRegistry(files, this.caches);
      registryFiles = this.registry.files;
    } catch (err) {
      if (!(err instanceof BuildError)) throw err;
      return failed([err.info()]);
    }
    this.context ??= await this.createContext(false);
    try {
      const result = await this.context.rebuild();
      this.bundleInputs = Object.keys(result.metafile?.inputs ?? {})
        .filter((f) => !f.includes('node_modules') && !f.startsWith('registry:'))
        .map((f) => f.split(path.sep).join('/'));
      const registry = this.registry;
      let map: Promise<string> | undefined;
      return {
        ok: true,
        // The code is the same with a map or without: the map made later fits this bundle (a test holds it).
        js: `${bundleText(result, APP_BUNDLE)}${MAP_COMMENT}`,
        map: () => (map ??= this.sourceMap(registry)),
        errors: [],
        warnings: this.registry.warnings,
        files: this.watchList(registryFiles),
        ms: performance.now() - started,
      };
    } catch (err) {
      const messages = (err as { errors?: esbuild.Message[] }).errors;
      if (!messages) throw err;
      return failed(esbuildErrors(this.root, messages));
    }
  }

  /** The map of a build with `registry`, from the files as they are now (an edit since is rebuilt anyway). */
  private sourceMap(registry: RegistrySource): Promise<string> {
    const made = this.mapping.then(async () => {
      this.mapRegistry = registry;
      this.mapContext ??= await this.createContext(true);
      try {
        return bundleText(await this.mapContext.rebuild(), `${APP_BUNDLE}.map`);
      } catch (err) {
        // A file broken since that build: its errors come with the next build, there is no map to give.
        if ((err as { errors?: esbuild.Message[] }).errors) return '';
        throw err;
      }
    });
    this.mapping = made.catch(() => undefined);
    return made;
  }

  private watchList(registryFiles: string[]): string[] {
    return [...new Set([...registryFiles, ...this.bundleInputs])];
  }

  async dispose(): Promise<void> {
    await this.mapping;
    await Promise.all([this.context?.dispose(), this.mapContext?.dispose()]);
    this.context = null;
    this.mapContext = null;
    this.caches.templates.dispose();
  }
}
