// Compiles every WXML the app uses into one glass-easel template group: component templates, the
// templates they <import>/<include>, and their <wxs> modules, with built-in tags renamed first.

import path from 'node:path';
import { TmplGroup } from 'glass-easel-template-compiler';
import { BuildError } from './errors';
import { renameBuiltinTags } from './wxml-tags';
import type { ProjectFiles } from './app-json';

export interface TemplateInput {
  /** Component path without extension. */
  path: string;
  /** Tags the component defines in usingComponents (they win over built-ins). */
  usingTags: ReadonlySet<string>;
}

export interface TemplateOutput {
  /** JavaScript expression evaluating to the template group objects (`getTmplGenObjectGroups`). */
  groupsCode: string;
  files: string[];
  warnings: string[];
}

interface CompilerMessage {
  isError: boolean;
  message: string;
  path: string;
  startLine: number;
  startColumn: number;
}

/** A template or wxs module as it is in the group: what it was compiled from, what the compiler said and found. */
interface Entry {
  /** Its text; for a template, with the usingComponents tags kept from the rename. */
  key: string;
  warnings: string[];
  /** Templates it imports or includes, wxs modules it uses or requires. */
  templates: string[];
  scripts: string[];
}

export interface TemplateCache {
  /**
   * `raw` templates (the simulator's own built-ins, written in plain HTML tags) are added as they are,
   * under their given path.
   */
  compile(files: ProjectFiles, inputs: TemplateInput[], raw?: Record<string, string>): TemplateOutput;
  /** Frees the compiler's group (WASM memory); a later compile starts a new one. */
  dispose(): void;
}

/**
 * One template group kept from build to build. A template or wxs module is compiled again only when its text
 * changed (or, for a template, the usingComponents tags it is renamed with), so an edit to one file compiles one
 * file. Each template is compiled on its own: it names what it imports, includes and uses by path, and the group
 * resolves those at run time, so a page that includes an edited template needs no recompiling to show the change.
 * Files are compared by content, not mtime and size: reading them is well under a millisecond, and two edits within
 * one mtime tick that keep the size (`rgb(1, 2, 3)` → `rgb(2, 2, 3)`) would look unchanged. A build that reaches no
 * more a template or module (its file deleted, or no longer imported) removes it from the group: the cache holds
 * what the last build used, no more.
 */
export function createTemplateCache(): TemplateCache {
  let group: TmplGroup | null = null;
  const templates = new Map<string, Entry>();
  const scripts = new Map<string, Entry>();
  /** The group's code as last generated; null after any change to the group. */
  let groupsCode: string | null = null;

  const forget = (from: TmplGroup, kind: 'template' | 'script', name: string): void => {
    if (kind === 'template') from.removeTmpl(name);
    else from.removeScript(name);
    (kind === 'template' ? templates : scripts).delete(name);
    groupsCode = null;
  };

  return {
    compile(files, inputs, raw = {}) {
      const current = (group ??= new TmplGroup());
      const read: string[] = [];
      const warnings: string[] = [];
      const reachedTemplates = new Set<string>();
      const reachedScripts = new Set<string>();

      /** The cached entry while `key` is unchanged, else what `add` compiles now. */
      const entry = (cache: Map<string, Entry>, name: string, key: string, add: () => Entry): Entry => {
        const cached = cache.get(name);
        if (cached !== undefined && cached.key === key) return cached;
        const added = add();
        cache.set(name, added);
        groupsCode = null;
        return added;
      };

      const addTemplate = (tmplPath: string, usingTags: ReadonlySet<string>, referrer: string): void => {
        if (reachedTemplates.has(tmplPath)) return;
        reachedTemplates.add(tmplPath);
        const file = `${tmplPath}.wxml`;
        const source = files.read(file);
        if (source === null) throw new BuildError('wxml', `${referrer}.wxml`, 1, 1, `template not found: ${file}`);
        read.push(file);
        const key = `${[...usingTags].sort().join(' ')}\n${source}`;
        const compiled = entry(templates, tmplPath, key, () => {
          const messages = current.addTmpl(tmplPath, renameBuiltinTags(source, usingTags)) as CompilerMessage[];
          const error = messages.find((m) => m.isError);
          if (error) {
            forget(current, 'template', tmplPath);
            throw new BuildError('wxml', file, error.startLine + 1, error.startColumn + 1, error.message);
          }
          return {
            key,
            warnings: messages.map((m) => `${file}:${m.startLine + 1}:${m.startColumn + 1} ${m.message}`),
            templates: current.getDirectDependencies(tmplPath) as string[],
            scripts: current.getScriptDependencies(tmplPath) as string[],
          };
        });
        warnings.push(...compiled.warnings);
        for (const dep of compiled.templates) addTemplate(dep, usingTags, tmplPath);
        for (const script of compiled.scripts) addScript(script, tmplPath);
      };
      /**
       * `scriptPath` is the module name the runtime looks up: templates name modules without the
       * extension, a wxs `require("./x.wxs")` names them with it.
       */
      const addScript = (scriptPath: string, referrer: string): void => {
        if (reachedScripts.has(scriptPath)) return;
        reachedScripts.add(scriptPath);
        const file = scriptPath.endsWith('.wxs') ? scriptPath : `${scriptPath}.wxs`;
        const source = files.read(file);
        if (source === null) {
          const from = referrer.endsWith('.wxs') ? referrer : `${referrer}.wxml`;
          throw new BuildError('wxml', from, 1, 1, `wxs module not found: ${file}`);
        }
        if (!read.includes(file)) read.push(file);
        const compiled = entry(scripts, scriptPath, source, () => {
          current.addScript(scriptPath, source);
          const requires = [...source.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(([, target]) =>
            target!.startsWith('/')
              ? target!.slice(1)
              : path.posix.normalize(path.posix.join(path.posix.dirname(file), target!)),
          );
          return { key: source, warnings: [], templates: [], scripts: requires };
        });
        for (const required of compiled.scripts) addScript(required, scriptPath);
      };
      const addRaw = (rawPath: string, source: string): void => {
        reachedTemplates.add(rawPath);
        entry(templates, rawPath, source, () => {
          const error = (current.addTmpl(rawPath, source) as CompilerMessage[]).find((m) => m.isError);
          if (error) {
            forget(current, 'template', rawPath);
            throw new BuildError('wxml', rawPath, error.startLine + 1, error.startColumn + 1, error.message);
          }
          return { key: source, warnings: [], templates: [], scripts: [] };
        });
      };

      for (const input of inputs) addTemplate(input.path, input.usingTags, input.path);
      for (const [rawPath, source] of Object.entries(raw)) addRaw(rawPath, source);
      for (const name of templates.keys()) if (!reachedTemplates.has(name)) forget(current, 'template', name);
      for (const name of scripts.keys()) if (!reachedScripts.has(name)) forget(current, 'script', name);
      groupsCode ??= current.getTmplGenObjectGroups();
      return { groupsCode, files: read, warnings };
    },
    dispose() {
      templates.clear();
      scripts.clear();
      groupsCode = null;
      group?.free();
      group = null;
    },
  };
}
