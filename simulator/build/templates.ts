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

/**
 * `raw` templates (the simulator's own built-ins, written in plain HTML tags) are added as they are,
 * under their given path.
 */
export function compileTemplates(
  files: ProjectFiles,
  inputs: TemplateInput[],
  raw: Record<string, string> = {},
): TemplateOutput {
  const group = new TmplGroup();
  const read: string[] = [];
  const warnings: string[] = [];
  const added = new Set<string>();
  try {
    const addTemplate = (tmplPath: string, usingTags: ReadonlySet<string>, referrer: string): void => {
      if (added.has(tmplPath)) return;
      added.add(tmplPath);
      const file = `${tmplPath}.wxml`;
      const source = files.read(file);
      if (source === null) throw new BuildError('wxml', `${referrer}.wxml`, 1, 1, `template not found: ${file}`);
      read.push(file);
      const messages = group.addTmpl(tmplPath, renameBuiltinTags(source, usingTags)) as CompilerMessage[];
      for (const m of messages) {
        if (m.isError) throw new BuildError('wxml', file, m.startLine + 1, m.startColumn + 1, m.message);
        warnings.push(`${file}:${m.startLine + 1}:${m.startColumn + 1} ${m.message}`);
      }
      for (const dep of group.getDirectDependencies(tmplPath) as string[]) addTemplate(dep, usingTags, tmplPath);
      for (const script of group.getScriptDependencies(tmplPath) as string[]) addScript(script, tmplPath);
    };
    /**
     * `scriptPath` is the module name the runtime looks up: templates name modules without the
     * extension, a wxs `require("./x.wxs")` names them with it.
     */
    const addScript = (scriptPath: string, referrer: string): void => {
      if (added.has(`wxs:${scriptPath}`)) return;
      added.add(`wxs:${scriptPath}`);
      const file = scriptPath.endsWith('.wxs') ? scriptPath : `${scriptPath}.wxs`;
      const source = files.read(file);
      if (source === null) {
        const from = referrer.endsWith('.wxs') ? referrer : `${referrer}.wxml`;
        throw new BuildError('wxml', from, 1, 1, `wxs module not found: ${file}`);
      }
      if (!read.includes(file)) read.push(file);
      group.addScript(scriptPath, source);
      const requires = source.matchAll(/require\(\s*['"]([^'"]+)['"]\s*\)/g);
      for (const [, target] of requires) {
        const resolved = target!.startsWith('/')
          ? target!.slice(1)
          : path.posix.normalize(path.posix.join(path.posix.dirname(file), target!));
        addScript(resolved, scriptPath);
      }
    };
    for (const input of inputs) addTemplate(input.path, input.usingTags, input.path);
    for (const [rawPath, source] of Object.entries(raw)) {
      for (const m of group.addTmpl(rawPath, source) as CompilerMessage[]) {
        if (m.isError) throw new BuildError('wxml', rawPath, m.startLine + 1, m.startColumn + 1, m.message);
      }
    }
    return { groupsCode: group.getTmplGenObjectGroups(), files: read, warnings };
  } finally {
    group.free();
  }
}
