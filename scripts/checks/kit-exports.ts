// The packed kit must export every name the chat tool uses: scripts/build-kit.ts bundles only the names the chat
// tools import, so a cloner who imports one more kit function and does not rebuild ships a chat tool that reads
// `undefined` on the phone. Checked on the compiled files upload sends (docs/foundation.md, "How the kit is
// packed"): each compiled chat-tool script the pages, components or entry file load, the names it reads from
// require("chat-tool-kit"), against what the packed copy in its miniprogram_npm exports when loaded.
import { parse, type Node } from 'acorn';
import path from 'node:path';
import vm from 'node:vm';
import { compiledText, type Compiled } from './compile';
import { readAppJson, subPackagesOf } from './files';
import { result, type CheckResult, type Problem } from './result';

const KIT_PACKAGE = 'chat-tool-kit';
/** The packed kit's file in a miniprogram_npm (kit/package.json's `miniprogram` folder, index.js). */
const KIT_FILE = `miniprogram_npm/${KIT_PACKAGE}/index.js`;

interface Estree {
  type: string;
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Estree =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** Calls every node of `tree` with its parent. */
function walk(tree: Estree, visit: (node: Estree, parent: Estree | undefined) => void, parent?: Estree): void {
  visit(tree, parent);
  for (const value of Object.values(tree)) {
    for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) walk(child, visit, tree);
  }
}

/** The names a binding pattern (a parameter, a declarator's id) declares. */
function bound(pattern: Estree | null | undefined): string[] {
  if (!pattern) return [];
  switch (pattern.type) {
    case 'Identifier':
      return [pattern.name as string];
    case 'ObjectPattern':
      return (pattern.properties as Estree[]).flatMap((p) =>
        bound((p.type === 'RestElement' ? p.argument : p.value) as Estree),
      );
    case 'ArrayPattern':
      return (pattern.elements as (Estree | null)[]).flatMap(bound);
    case 'AssignmentPattern':
      return bound(pattern.left as Estree);
    case 'RestElement':
      return bound(pattern.argument as Estree);
    default:
      return [];
  }
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);

/** Names declared by `var` and function declarations anywhere in a function body, not inside nested functions. */
function hoisted(node: Estree): string[] {
  const names: string[] = [];
  const visit = (current: Estree, top: boolean) => {
    if (!top && FUNCTIONS.has(current.type)) {
      if (current.type === 'FunctionDeclaration') names.push(...bound(current.id as Estree));
      return;
    }
    if (current.type === 'VariableDeclaration' && current.kind === 'var') {
      names.push(...(current.declarations as Estree[]).flatMap((d) => bound(d.id as Estree)));
    }
    for (const value of Object.values(current)) {
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child, false);
    }
  };
  visit(node, true);
  return names;
}

/** Names a block's own statements declare with let, const or class. */
function lexical(statements: Estree[]): string[] {
  return statements.flatMap((statement) => {
    if (statement.type === 'VariableDeclaration' && statement.kind !== 'var') {
      return (statement.declarations as Estree[]).flatMap((d) => bound(d.id as Estree));
    }
    return statement.type === 'ClassDeclaration' ? bound(statement.id as Estree) : [];
  });
}

/** The names a node opens a scope for (a function, a block, a catch clause, a for loop), else none. */
function declaredIn(node: Estree): string[] {
  if (FUNCTIONS.has(node.type)) {
    const own = node.type === 'FunctionExpression' ? bound(node.id as Estree) : [];
    const body = node.body as Estree;
    const inner = body.type === 'BlockStatement' ? [...hoisted(body), ...lexical(body.body as Estree[])] : [];
    return [...own, ...(node.params as Estree[]).flatMap(bound), ...inner];
  }
  if (node.type === 'BlockStatement' || node.type === 'StaticBlock') return lexical(node.body as Estree[]);
  if (node.type === 'CatchClause') return bound(node.param as Estree);
  if (node.type === 'ForStatement' || node.type === 'ForInStatement' || node.type === 'ForOfStatement') {
    const head = (node.type === 'ForStatement' ? node.init : node.left) as Estree | null;
    return head?.type === 'VariableDeclaration' && head.kind !== 'var' ? lexical([head]) : [];
  }
  return [];
}

/** Whether an Identifier under `parent` is a reference to a variable (not a property name, key or label). */
function isReference(node: Estree, parent: Estree): boolean {
  if (parent.type === 'MemberExpression') return parent.object === node || parent.computed === true;
  if (parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') {
    return parent.computed === true || parent.key !== node || parent.shorthand === true;
  }
  return !['LabeledStatement', 'BreakStatement', 'ContinueStatement'].includes(parent.type);
}

/** `require("x")` with a literal argument: its argument. */
function required(node: Estree): string | undefined {
  if (node.type !== 'CallExpression') return undefined;
  const callee = node.callee as Estree;
  const args = node.arguments as Estree[];
  if (callee.type !== 'Identifier' || callee.name !== 'require' || args.length !== 1) return undefined;
  return args[0]!.type === 'Literal' && typeof args[0]!.value === 'string' ? args[0]!.value : undefined;
}

/** What one compiled CommonJS file needs: the kit names it reads, and the modules it requires. */
export interface ScriptUses {
  /** Kit names read as `kit.name` or `kit["name"]`. */
  names: string[];
  /** The kit object used otherwise (passed on, spread, indexed by a variable): its names cannot be told. */
  whole: boolean;
  requires: string[];
}

export function scriptUses(code: string): ScriptUses {
  const program = parse(code, { ecmaVersion: 'latest', sourceType: 'script' }) as Node as unknown as Estree;
  const requires: string[] = [];
  walk(program, (node) => {
    const target = required(node);
    if (target !== undefined) requires.push(target);
  });
  // The kit as the compile leaves it: `var e = require("chat-tool-kit")` at the top of the file.
  const kitVariables = new Set(
    (program.body as Estree[])
      .filter((statement) => statement.type === 'VariableDeclaration')
      .flatMap((statement) => statement.declarations as Estree[])
      .filter((d) => (d.id as Estree).type === 'Identifier' && d.init && required(d.init as Estree) === KIT_PACKAGE)
      .map((d) => (d.id as Estree).name as string),
  );
  const names = new Set<string>();
  let whole = false;
  const use = (node: Estree, parent: Estree) => {
    if (parent.type !== 'MemberExpression' || parent.object !== node) {
      whole = true;
      return;
    }
    const property = parent.property as Estree;
    if (!parent.computed) names.add(property.name as string);
    else if (property.type === 'Literal' && typeof property.value === 'string') names.add(property.value);
    else whole = true;
  };
  // Minified code reuses short names in inner scopes: a name declared there is not the kit.
  const visit = (node: Estree, parent: Estree | undefined, shadowed: ReadonlySet<string>) => {
    const declared = declaredIn(node).filter((name) => kitVariables.has(name));
    const inner = declared.length > 0 ? new Set([...shadowed, ...declared]) : shadowed;
    if (parent && node.type === 'Identifier' && kitVariables.has(node.name as string)) {
      const declaration = parent.type === 'VariableDeclarator' && parent.id === node;
      if (!declaration && !inner.has(node.name as string) && isReference(node, parent)) use(node, parent);
    } else if (parent && required(node) === KIT_PACKAGE) {
      const kept = parent.type === 'VariableDeclarator' && kitVariables.has((parent.id as Estree).name as string);
      if (!kept) use(node, parent);
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) if (isNode(child)) visit(child, node, inner);
    }
  };
  visit(program, undefined, new Set());
  return { names: [...names].sort(), whole, requires };
}

/** The names the packed kit exports, by loading it as WeChat would (CommonJS, nothing else required). */
export function packedExports(code: string): string[] {
  const module = { exports: {} as Record<string, unknown> };
  const requireNothing = (name: string) => {
    throw new Error(`the packed kit requires "${name}"`);
  };
  vm.runInNewContext(code, { module, exports: module.exports, require: requireNothing }, { timeout: 5000 });
  return Object.keys(module.exports);
}

/** A compiled module path resolved as WeChat does: relative to the file, `.js` added, a folder meaning its index. */
function resolveScript(files: Record<string, number>, from: string, target: string): string | undefined {
  const base = path.posix.join(path.posix.dirname(from), target);
  return [base, `${base}.js`, `${base}/index.js`].find((file) => file.endsWith('.js') && file in files);
}

/** The packed kit nearest to `file`: the first miniprogram_npm up from its folder, within `root` (the subpackage). */
function nearestKit(files: Record<string, number>, file: string, root: string): string | undefined {
  for (let dir = path.posix.dirname(file); dir.startsWith(root); dir = path.posix.dirname(dir)) {
    if (`${dir}/${KIT_FILE}` in files) return `${dir}/${KIT_FILE}`;
  }
  return undefined;
}

export function checkKitExports(projectRoot: string, compiled: Compiled & { ok: true }): CheckResult {
  const name = 'kit exports';
  const app = readAppJson(projectRoot);
  const problems: Problem[] = [];
  const exportsOf = new Map<string, Set<string> | Error>();
  let checked = 0;
  let used = 0;
  const whole: string[] = [];
  for (const tool of app.chatTools ?? []) {
    const sub = subPackagesOf(app).find((candidate) => candidate.root === tool.root);
    if (!sub) continue;
    const root = sub.root.replace(/\/+$/, '');
    // The roots WeChat loads: each page's and component's script (the compile lists the components it ships) and
    // the entry file; the rest is loaded only if one of them requires it.
    const pending = Object.keys(compiled.files).filter(
      (file) =>
        file.startsWith(`${root}/`) &&
        !file.includes('/miniprogram_npm/') &&
        file.endsWith('.js') &&
        (file === `${root}/${sub.entry ?? ''}` || `${file.slice(0, -3)}.json` in compiled.files),
    );
    const seen = new Set<string>();
    const names = new Set<string>();
    while (pending.length > 0) {
      const file = pending.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const uses = scriptUses(compiledText(compiled, file));
      for (const target of uses.requires) {
        const next = target.startsWith('.') ? resolveScript(compiled.files, file, target) : undefined;
        if (next && !next.includes('/miniprogram_npm/')) pending.push(next);
      }
      if (!uses.requires.includes(KIT_PACKAGE)) continue;
      const kit = nearestKit(compiled.files, file, root);
      if (!kit) {
        problems.push({ file, message: `requires "${KIT_PACKAGE}" but no ${KIT_FILE} is packed into ${root}` });
        continue;
      }
      if (!exportsOf.has(kit)) {
        try {
          exportsOf.set(kit, new Set(packedExports(compiledText(compiled, kit))));
        } catch (error) {
          exportsOf.set(kit, error as Error);
          problems.push({ file: kit, message: `the packed kit does not load: ${(error as Error).message}` });
        }
      }
      const exported = exportsOf.get(kit)!;
      if (exported instanceof Error) continue;
      uses.names.forEach((used) => names.add(used));
      if (uses.whole) whole.push(file);
      for (const missing of uses.names.filter((used) => !exported.has(used))) {
        problems.push({
          file,
          message: `uses "${missing}" from ${KIT_PACKAGE}, which the packed kit (${kit}) does not export: run \`npm run build\``,
        });
      }
    }
    checked += seen.size;
    used += names.size;
  }
  return result(name, problems, [
    `${checked} chat-tool scripts load ${used} kit names, each one packed`,
    ...whole.map((file) => `${file} uses the kit object whole: its names are not checked`),
  ]);
}
