// The chat-tool rules miniprogram-ci does not check (docs/platform.md#appjson): one
// chatTools entry whose root is an independent glass-easel/Skyline subpackage with an entry file, an
// entry page among its pages, custom navigation on every page, and nothing that reaches outside the
// subpackage folder at run time (an independent subpackage can load nothing else).
import fs from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import ts from 'typescript';
import { TmplGroup } from 'glass-easel-template-compiler';
import { AppJsonError, isInside, listFiles, readAppJson, subPackagesOf, type AppJson } from './files';
import { result, type CheckResult, type Problem } from './result';

const NAME = 'chat-tool rules';

/** Where a reference from `fromFile` to `target` lands (project-relative), or an npm package name. */
type Resolved = { kind: 'file'; path: string } | { kind: 'npm'; name: string } | { kind: 'external' };

function resolveReference(fromFile: string, target: string): Resolved {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target)) return { kind: 'external' };
  if (target.startsWith('/')) return { kind: 'file', path: path.posix.normalize(target.slice(1)) };
  if (target.startsWith('.')) {
    return { kind: 'file', path: path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), target)) };
  }
  return { kind: 'npm', name: target };
}

/** An npm reference must be packed into the subpackage's own miniprogram_npm. */
function npmPackageInside(root: string, subpackage: string, name: string): boolean {
  const [first, second] = name.split('/');
  const packageName = first?.startsWith('@') ? `${first}/${second}` : first;
  return fs.existsSync(path.join(root, subpackage, 'miniprogram_npm', packageName ?? ''));
}

function reach(root: string, subpackage: string, file: string, target: string, what: string): Problem | null {
  const resolved = resolveReference(file, target);
  if (resolved.kind === 'external') return null;
  if (resolved.kind === 'npm') {
    return npmPackageInside(root, subpackage, resolved.name)
      ? null
      : { file, message: `${what} "${target}" is not packed into ${subpackage}/miniprogram_npm` };
  }
  return isInside(subpackage, resolved.path)
    ? null
    : { file, message: `${what} "${target}" reaches outside ${subpackage}/ (to ${resolved.path})` };
}

/** Module specifiers that survive compilation: `import type` and all-type imports are erased. */
export function runtimeImports(fileName: string, source: string): { specifier: string; line: number }[] {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined) => {
    if (specifier && ts.isStringLiteralLike(specifier)) {
      found.push({
        specifier: specifier.text,
        line: sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1,
      });
    }
  };
  const typeOnly = (clause: ts.ImportClause | undefined): boolean => {
    if (!clause) return false;
    if (clause.isTypeOnly) return true;
    const bindings = clause.namedBindings;
    return (
      !clause.name &&
      bindings !== undefined &&
      ts.isNamedImports(bindings) &&
      bindings.elements.length > 0 &&
      bindings.elements.every((element) => element.isTypeOnly)
    );
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) {
      if (!typeOnly(node.importClause)) add(node, node.moduleSpecifier);
    } else if (ts.isExportDeclaration(node)) {
      if (!node.isTypeOnly) add(node, node.moduleSpecifier);
    } else if (ts.isImportEqualsDeclaration(node)) {
      if (!node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)) {
        add(node, node.moduleReference.expression);
      }
    } else if (ts.isCallExpression(node)) {
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === 'require';
      if (isRequire || node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, node.arguments[0]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function codeReaches(root: string, subpackage: string, file: string): Problem[] {
  const source = fs.readFileSync(path.join(root, file), 'utf8');
  return runtimeImports(file, source).flatMap(({ specifier, line }) => {
    const problem = reach(root, subpackage, file, specifier, 'import');
    return problem ? [{ ...problem, line }] : [];
  });
}

function jsonReaches(root: string, subpackage: string, file: string): Problem[] {
  let json: { usingComponents?: Record<string, string>; componentGenerics?: Record<string, { default?: string }> };
  try {
    json = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as typeof json;
  } catch (error) {
    return [{ file, message: `not valid JSON: ${(error as Error).message}` }];
  }
  const targets = [
    ...Object.values(json.usingComponents ?? {}),
    ...Object.values(json.componentGenerics ?? {}).flatMap((generic) => (generic?.default ? [generic.default] : [])),
  ];
  return targets.flatMap((target) => reach(root, subpackage, file, target, 'usingComponents') ?? []);
}

function wxmlReaches(root: string, subpackage: string, file: string): Problem[] {
  const group = new TmplGroup();
  try {
    const templatePath = file.replace(/\.wxml$/, '');
    group.addTmpl(templatePath, fs.readFileSync(path.join(root, file), 'utf8'));
    // The compiler resolves import/include and wxs src relative to the template, from the project root.
    const dependencies = [
      ...(group.getDirectDependencies(templatePath) as string[]).map((dep) => ({ dep, what: 'WXML import/include' })),
      ...(group.getScriptDependencies(templatePath) as string[]).map((dep) => ({ dep, what: 'wxs src' })),
    ];
    return dependencies.flatMap(({ dep, what }) =>
      isInside(subpackage, dep) ? [] : [{ file, message: `${what} "${dep}" reaches outside ${subpackage}/` }],
    );
  } finally {
    group.free();
  }
}

function wxssReaches(root: string, subpackage: string, file: string): Problem[] {
  const problems: Problem[] = [];
  const css = postcss.parse(fs.readFileSync(path.join(root, file), 'utf8'), { from: file });
  css.walkAtRules('import', (rule) => {
    const target = rule.params.replace(/^url\((.*)\)$/, '$1').replace(/^["']|["']$/g, '');
    const problem = reach(root, subpackage, file, target, 'WXSS @import');
    if (problem) problems.push({ ...problem, line: rule.source?.start?.line });
  });
  return problems;
}

/** Every reference inside the subpackage (its miniprogram_npm is third-party and packed as a unit). */
export function referencesOutside(root: string, subpackage: string): Problem[] {
  return listFiles(root, subpackage).flatMap((file) => {
    if (file.endsWith('.d.ts')) return [];
    if (/\.(ts|js)$/.test(file)) return codeReaches(root, subpackage, file);
    if (file.endsWith('.json')) return jsonReaches(root, subpackage, file);
    if (file.endsWith('.wxml')) return wxmlReaches(root, subpackage, file);
    if (file.endsWith('.wxss')) return wxssReaches(root, subpackage, file);
    return [];
  });
}

function readPageJson(root: string, file: string): { navigationStyle?: string } | null {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { navigationStyle?: string };
  } catch {
    return null;
  }
}

export function checkChatToolRules(root: string): CheckResult {
  let app: AppJson;
  try {
    app = readAppJson(root);
  } catch (error) {
    if (error instanceof AppJsonError) return result(NAME, [{ file: 'app.json', message: error.message }]);
    throw error;
  }
  const problems: Problem[] = [];
  const fail = (message: string, file = 'app.json') => problems.push({ file, message });

  const chatTools = app.chatTools ?? [];
  if (chatTools.length !== 1) {
    fail(`chatTools must have exactly one entry (has ${chatTools.length})`);
    return result(NAME, problems);
  }
  const [tool] = chatTools as [NonNullable<AppJson['chatTools']>[number]];
  const toolRoot = (tool.root ?? '').replace(/\/+$/, '');
  const subpackage = subPackagesOf(app).find((pkg) => pkg.root.replace(/\/+$/, '') === toolRoot);
  if (!subpackage) {
    fail(`chatTools root "${tool.root}" is not a subpackage root`);
    return result(NAME, problems);
  }
  if (!tool.desc) fail('chatTools entry needs a desc');
  if (subpackage.independent !== true) fail(`subpackage ${toolRoot} must be "independent": true`);
  if ((subpackage.componentFramework ?? app.componentFramework) !== 'glass-easel') {
    fail(`subpackage ${toolRoot} must use "componentFramework": "glass-easel"`);
  }
  if ((subpackage.renderer ?? app.renderer) !== 'skyline') {
    fail(`subpackage ${toolRoot} must use "renderer": "skyline"`);
  }

  if (!subpackage.entry) {
    fail(`subpackage ${toolRoot} needs an "entry" file`);
  } else {
    const entry = path.posix.join(toolRoot, subpackage.entry);
    const candidates = [entry, entry.replace(/\.js$/, '.ts')];
    if (!candidates.some((file) => fs.existsSync(path.join(root, file)))) {
      fail(`entry file ${candidates.join(' or ')} does not exist`);
    }
  }

  const pages = subpackage.pages ?? [];
  if (!pages.includes(tool.entryPagePath)) {
    fail(`chatTools entryPagePath "${tool.entryPagePath}" is not one of ${toolRoot}'s pages`);
  }
  for (const page of pages) {
    const file = `${toolRoot}/${page}.json`;
    const json = readPageJson(root, file);
    if (!json) fail('page json is missing or not valid JSON', file);
    else if (json.navigationStyle !== 'custom') fail('Skyline pages need "navigationStyle": "custom"', file);
  }

  if (fs.existsSync(path.join(root, toolRoot))) problems.push(...referencesOutside(root, toolRoot));
  return result(NAME, problems, [`${toolRoot}: ${pages.length} pages, independent, glass-easel, skyline`]);
}
