// Builds chat-tool-kit (kit/) for the mini program: one CommonJS file, kit/miniprogram_dist/index.js, which
// scripts/pack-npm.ts then packs into each chat tool's own miniprogram_npm (kit/package.json's `miniprogram`
// field names the folder). The chat tool's TypeScript imports 'chat-tool-kit'; WeChat resolves that through the
// subpackage's miniprogram_npm at run time, so the independent subpackage loads nothing from outside its folder.
//
// The bundle carries only the names the chat tools use at run time (docs/foundation.md, "How the kit is packed"):
// the names are derived from each project's chat tool, following its import graph from the pages, components and
// entry file app.json declares (what the compile ships), value imports only (a type-only import is erased by the
// compile, as it is here). The server-only domain files the pages never reach do not count: they are bundled into
// the cloud function from the kit's source. Each project's packed copy holds its own chat tool's names only. `npm run check` ("kit exports") proves the packed copy exports every
// name a compiled chat-tool file uses.
import { parse } from 'acorn';
import { build, transformSync, type BuildOptions } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.join(__dirname, '..');
export const KIT_PACKAGE = 'chat-tool-kit';
export const KIT_ENTRY = path.join(root, 'kit', 'index.ts');
export const KIT_BUNDLE = path.join(root, 'kit', 'miniprogram_dist', 'index.js');
/** Stands for "every name": a namespace import or `export *` of the kit uses the whole of it. */
export const ALL_NAMES = '*';

/** This project and every examples/<name>/ with a project.config.json: the projects whose chat tools share the kit. */
export function projects(): string[] {
  const examples = path.join(root, 'examples');
  const found = fs.existsSync(examples) ? fs.readdirSync(examples).map((name) => path.join(examples, name)) : [];
  return [root, ...found].filter((dir) => fs.existsSync(path.join(dir, 'project.config.json')));
}

interface ChatToolApp {
  subPackages?: { root: string; pages?: string[]; entry?: string }[];
  chatTools?: { root: string }[];
}

const readJson = <T>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;

/** The TypeScript source of a module path without extension (`x.ts`, or `x/index.ts`), if there is one. */
function sourceOf(modulePath: string): string | undefined {
  return [`${modulePath}.ts`, path.join(modulePath, 'index.ts'), modulePath].find(
    (file) => file.endsWith('.ts') && fs.existsSync(file) && fs.statSync(file).isFile(),
  );
}

/** The pages, components (usingComponents, recursively, relative ones: npm components are packed as a unit) and
 *  entry file of each chat tool in `project`: the roots of what the compile ships. */
function chatToolRoots(project: string): string[] {
  const app = readJson<ChatToolApp>(path.join(project, 'app.json'));
  const roots: string[] = [];
  for (const tool of app.chatTools ?? []) {
    const sub = app.subPackages?.find((candidate) => candidate.root === tool.root);
    if (!sub) continue;
    const base = path.join(project, sub.root);
    const components = (sub.pages ?? []).map((page) => path.join(base, page));
    if (sub.entry) roots.push(path.join(base, sub.entry.replace(/\.js$/, '.ts')));
    const seen = new Set<string>();
    while (components.length > 0) {
      const component = components.pop()!;
      if (seen.has(component)) continue;
      seen.add(component);
      roots.push(`${component}.ts`);
      const json = `${component}.json`;
      if (!fs.existsSync(json)) continue;
      const using = readJson<{ usingComponents?: Record<string, string> }>(json).usingComponents ?? {};
      for (const target of Object.values(using)) {
        if (target.startsWith('.')) components.push(path.resolve(path.dirname(component), target));
        else if (target.startsWith('/')) components.push(path.join(project, target));
      }
    }
  }
  return roots.filter((file) => fs.existsSync(file));
}

/** The kit names one source file uses at run time, and the relative modules it loads. */
export function moduleUses(file: string, source: string): { names: string[]; relative: string[] } {
  // Transpiled per file as the compile does: imports used only as types are erased.
  const { code } = transformSync(source, { loader: 'ts', format: 'esm', target: 'es2020', sourcefile: file });
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const names: string[] = [];
  const relative: string[] = [];
  for (const node of program.body) {
    if (
      node.type !== 'ImportDeclaration' &&
      node.type !== 'ExportNamedDeclaration' &&
      node.type !== 'ExportAllDeclaration'
    ) {
      continue;
    }
    const from = node.source?.value;
    if (typeof from !== 'string') continue;
    if (from.startsWith('.')) relative.push(from);
    if (from !== KIT_PACKAGE) continue;
    if (node.type === 'ExportAllDeclaration') {
      names.push(ALL_NAMES);
      continue;
    }
    for (const specifier of node.specifiers) {
      if (specifier.type === 'ImportNamespaceSpecifier') names.push(ALL_NAMES);
      else if (specifier.type === 'ImportDefaultSpecifier') names.push('default');
      else {
        const imported = specifier.type === 'ImportSpecifier' ? specifier.imported : specifier.local;
        names.push(imported.type === 'Identifier' ? imported.name : String(imported.value));
      }
    }
  }
  // A dynamic import() loads the module whole: of the kit, every name.
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const node = value as { type?: string; source?: { type?: string; value?: unknown } };
    if (node.type === 'ImportExpression' && node.source?.type === 'Literal' && typeof node.source.value === 'string') {
      if (node.source.value === KIT_PACKAGE) names.push(ALL_NAMES);
      if (node.source.value.startsWith('.')) relative.push(node.source.value);
    }
    Object.values(value).forEach(visit);
  };
  visit(program.body);
  return { names, relative };
}

/** Every kit name the chat tools of `projectRoots` use at run time, sorted. */
export function usedKitNames(projectRoots: string[] = projects()): string[] {
  const names = new Set<string>();
  const seen = new Set<string>();
  const pending = projectRoots.flatMap(chatToolRoots);
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const uses = moduleUses(file, fs.readFileSync(file, 'utf8'));
    uses.names.forEach((name) => names.add(name));
    for (const target of uses.relative) {
      const next = sourceOf(path.resolve(path.dirname(file), target));
      if (next) pending.push(next);
    }
  }
  return [...names].sort();
}

const BUNDLE_OPTIONS: BuildOptions = {
  bundle: true,
  platform: 'neutral',
  // The chat tool's language level: it ships as written, with es6/enhance off (docs/platform.md#engines), and
  // `npm run check` ("engines") parses the packed copy in its miniprogram_npm as ES2020.
  target: 'es2020',
  // Built as ESM, then made CommonJS by exportsObject and minified.
  format: 'esm',
  logLevel: 'warning',
};

type Node = { type: string; [key: string]: unknown };

/** The names a program assigns (`x = …`, `x += …`, `x++`, destructuring), wherever it does. */
function assignedNames(program: unknown): Set<string> {
  const names = new Set<string>();
  const targets = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const target = node as Node;
    if (target.type === 'Identifier') names.add(target.name as string);
    else if (target.type === 'ObjectPattern')
      (target.properties as Node[]).forEach((p) => targets(p.value ?? p.argument));
    else if (target.type === 'ArrayPattern') (target.elements as unknown[]).forEach(targets);
    else if (target.type === 'RestElement') targets(target.argument);
    else if (target.type === 'AssignmentPattern') targets(target.left);
  };
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const node = value as Node;
    if (node.type === 'AssignmentExpression') targets(node.left);
    if (node.type === 'UpdateExpression') targets(node.argument);
    Object.values(node).forEach(visit);
  };
  visit(program);
  return names;
}

/**
 * An ESM bundle as CommonJS with one plain `module.exports = { name: local, … }` in place of its export clause.
 * esbuild's own CommonJS output defines each export as a getter through helpers (about 500 bytes packed), which only
 * a binding that changes after loading needs; a bundle that assigns an exported binding is refused, so the plain
 * object never goes stale. (esbuild names an inner variable that would shadow a top-level one apart, e.g. `text2`,
 * so an assignment to an exported name is an assignment to the export.)
 */
export function exportsObject(esm: string): string {
  const program = parse(esm, { ecmaVersion: 'latest', sourceType: 'module' });
  const clauses = program.body.filter((node) => node.type.startsWith('Export'));
  const clause = clauses[0];
  if (clauses.length !== 1 || clause?.type !== 'ExportNamedDeclaration' || clause.declaration || clause.source) {
    throw new Error('kit bundle: expected one `export { … }` clause, as esbuild writes a bundle');
  }
  const name = (node: Node) => (node.type === 'Identifier' ? (node.name as string) : String(node.value));
  const pairs = clause.specifiers.map((specifier) => ({
    exported: name(specifier.exported as unknown as Node),
    local: name(specifier.local as unknown as Node),
  }));
  const assigned = assignedNames(program.body);
  const changing = pairs.filter(({ local }) => assigned.has(local)).map(({ exported }) => exported);
  if (changing.length > 0) {
    throw new Error(`kit bundle: ${changing.join(', ')} change after loading; export a function that reads them`);
  }
  const fields = pairs.map(({ exported, local }) => `${JSON.stringify(exported)}: ${local}`);
  return `${esm.slice(0, clause.start)}module.exports = { ${fields.join(', ')} };${esm.slice(clause.end)}`;
}

/** The kit's bundle exporting `names` (all of kit/index.ts for ALL_NAMES), as minified CommonJS text. */
export async function kitBundle(names: string[]): Promise<string> {
  const whole = names.includes(ALL_NAMES);
  const result = await build({
    ...BUNDLE_OPTIONS,
    ...(whole
      ? { entryPoints: [KIT_ENTRY] }
      : {
          stdin: {
            contents: `export { ${names.join(', ')} } from './index';`,
            resolveDir: path.dirname(KIT_ENTRY),
            sourcefile: 'chat-tool-exports.ts',
            loader: 'ts',
          },
        }),
    write: false,
  });
  const commonJs = exportsObject(result.outputFiles[0]!.text);
  return transformSync(commonJs, { minify: true, target: 'es2020', format: 'cjs', legalComments: 'none' }).code;
}

/**
 * Writes kit/miniprogram_dist: the names every chat tool of the repository uses, what WeChat DevTools' "build npm"
 * packs. scripts/pack-npm.ts then packs each project a copy with only its own chat tool's names (packProjectKit).
 * Returns the names and bytes, and the bytes the whole kit would have taken.
 */
export async function buildKit(): Promise<{ names: string[]; bytes: number; wholeBytes: number }> {
  const names = usedKitNames();
  const [text, whole] = await Promise.all([kitBundle(names), kitBundle([ALL_NAMES])]);
  fs.mkdirSync(path.dirname(KIT_BUNDLE), { recursive: true });
  fs.writeFileSync(KIT_BUNDLE, text);
  return { names, bytes: Buffer.byteLength(text), wholeBytes: Buffer.byteLength(whole) };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  buildKit()
    .then(({ names, bytes, wholeBytes }) =>
      console.log(
        `chat-tool-kit: ${path.relative(root, KIT_BUNDLE)} ${bytes} bytes, ${names.length} names the chat tools ` +
          `use (the whole kit: ${wholeBytes} bytes; ${wholeBytes - bytes} saved)`,
      ),
    )
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
