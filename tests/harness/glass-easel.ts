/// <reference lib="dom" />
// Mounts a component from its real files (json, wxml, ts) on the real glass-easel engine in jsdom, for
// what miniprogram-simulate (built on the legacy j-component) cannot run: the chaining API, `model:`
// two-way binding and `slot:index` dynamic slots. Test files using it need `@jest-environment jsdom`.
import fs from 'node:fs';
import path from 'node:path';
import * as glassEasel from 'glass-easel';
import { MiniProgramEnv, type CodeSpace } from 'glass-easel-miniprogram-adapter';
import { TmplGroup } from 'glass-easel-template-compiler';
import { registerBuiltins, type BuiltinOptions } from './glass-easel-builtins';
import { runDefinition } from './run-definition';

export const projectRoot = path.resolve(__dirname, '../..');

/** Compiles WXML source with glass-easel-template-compiler into the form the engine takes. */
export function compileTemplate(source: string, templatePath = ''): glassEasel.template.ComponentTemplate {
  const group = new TmplGroup();
  try {
    group.addTmpl(templatePath, source);
    // The compiler emits a JavaScript expression; evaluating it is how glass-easel loads templates.
    const groups = new Function(`return ${group.getTmplGenObjectGroups()}`)() as glassEasel.template.ProcGenGroupList;
    const content = groups[templatePath];
    if (!content) throw new Error(`template ${templatePath} did not compile`);
    return { groupList: groups, content, fallbackListenerOnNativeNode: true };
  } finally {
    group.free();
  }
}

interface ComponentJson {
  component?: boolean;
  usingComponents?: Record<string, string>;
  styleIsolation?: string;
}

export interface MountOptions extends BuiltinOptions {
  /** Initial property values of the mounted component. */
  properties?: Record<string, unknown>;
}

export type Instance = Record<string, unknown> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>): void;
};

export interface Mounted {
  /** The mounted component (glass-easel element). */
  component: glassEasel.GeneralComponent;
  /** Its `this` (methods, data, setData), as the component's own code sees it. */
  instance: Instance;
  /** First match in the component's shadow tree; `a >>> b` crosses into child components. */
  query(selector: string): glassEasel.Element | null;
  /** Like query, but throws when nothing matches (the error names the selector). */
  get(selector: string): glassEasel.Element;
  queryAll(selector: string): glassEasel.Element[];
  /** Rendered text of the whole component, or of the first match. */
  text(selector?: string): string;
  /** An attribute of the first match (e.g. aria-label): from the DOM, or a component's property. */
  attribute(selector: string, name: string): string | null;
  /** Dispatches a bubbling, composed `tap` on the first match. */
  tap(selector: string, detail?: Record<string, unknown>): void;
  /** Types into a built-in `<input>` as a user would: sets its value and fires `input`. */
  type(selector: string, value: string): void;
  /** Calls a lifetime-style method such as `onLoad` (the adapter never calls page lifetimes itself). */
  callMethod(name: string, ...args: unknown[]): unknown;
  unmount(): void;
}

let env: MiniProgramEnv | null = null;
let builtinOptions: BuiltinOptions = {};
let codeSpace: CodeSpace | null = null;
const registered = new Set<string>();

/** Components are registered once per test file (jest gives every file its own module registry). */
function space(options: BuiltinOptions): CodeSpace {
  builtinOptions = options;
  if (!env || !codeSpace) {
    env = new MiniProgramEnv();
    codeSpace = env.createCodeSpace('', true);
    registerBuiltins(codeSpace.getComponentSpace(), compileTemplate, () => builtinOptions);
  }
  return codeSpace;
}

function readJson(file: string): ComponentJson {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as ComponentJson;
  } catch (error) {
    throw new Error(`glass-easel harness: cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
}

/** `/abs` is relative to the project root, `./x` and `../x` to the component; `pkg/x` searches miniprogram_npm. */
function resolveUsing(from: string, target: string): string {
  if (target.startsWith('/')) return path.posix.normalize(target.slice(1));
  if (target.startsWith('.')) return path.posix.normalize(path.posix.join(path.posix.dirname(from), target));
  for (let dir = path.posix.dirname(from); dir !== '.' && dir !== ''; dir = path.posix.dirname(dir)) {
    const candidate = path.posix.join(dir, 'miniprogram_npm', target);
    if (fs.existsSync(path.join(projectRoot, `${candidate}.json`))) return candidate;
  }
  return target;
}

/** Registers `componentPath` (project-relative, no extension) and, first, everything it uses. */
function register(cs: CodeSpace, componentPath: string): void {
  if (registered.has(componentPath)) return;
  registered.add(componentPath);
  const file = path.join(projectRoot, componentPath);
  const json = readJson(`${file}.json`);
  const usingComponents: Record<string, string> = {};
  for (const [tag, target] of Object.entries(json.usingComponents ?? {})) {
    const resolved = resolveUsing(componentPath, target);
    if (fs.existsSync(path.join(projectRoot, `${resolved}.json`))) {
      register(cs, resolved);
      usingComponents[tag] = `/${resolved}`;
    }
  }
  cs.addComponentStaticConfig(componentPath, { ...json, usingComponents } as never);
  cs.addCompiledTemplate(componentPath, compileTemplate(fs.readFileSync(`${file}.wxml`, 'utf8'), componentPath));
  // Component()/Behavior()/Page() are globals in mini programs; expose the adapter's while the file runs.
  cs.globalComponentEnv(globalThis, componentPath, () => runDefinition(file, ['Component', 'Page']));
}

function firstMatch(root: glassEasel.GeneralComponent, selector: string): glassEasel.Element | null {
  return root.getShadowRoot()?.querySelector(selector) ?? null;
}

/** An attribute as rendered, or — on a component such as the built-in input — the property it sets. */
export function attributeOf(element: glassEasel.Element, name: string): string | null {
  const fromDom = (element.getBackendElement() as unknown as Element | null)?.getAttribute(name) ?? null;
  if (fromDom !== null || !glassEasel.Component.isComponent(element)) return fromDom;
  // On a component (e.g. the built-in input), an attribute is a property: aria-label → ariaLabel.
  const value = (element.data as Record<string, unknown>)[name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
  return value === undefined || value === null ? null : String(value);
}

/** What the adapter's NodesRef keeps (private fields of glass-easel-miniprogram-adapter 2.x). */
interface NodesRefInternals {
  _$sq: { _$push(...entry: unknown[]): void };
  _$comp: { _$: glassEasel.GeneralComponent };
  _$sel: string | null;
  _$single: boolean;
}

/**
 * The adapter's SelectorQuery has no `node()`; WeChat's gives the selected element's instance (a `<snapshot>`'s
 * takeSnapshot, see glass-easel-builtins.ts). Added once, on the adapter's NodesRef prototype.
 */
function addNodeQuery(caller: Instance): void {
  const query = (caller as unknown as { createSelectorQuery(): { select(selector: string): object } })
    .createSelectorQuery()
    .select('#');
  const prototype = Object.getPrototypeOf(query) as Record<string, unknown>;
  if (prototype.node) return;
  prototype.node = function node(this: NodesRefInternals, callback: (result: unknown) => void = () => undefined) {
    const found =
      this._$single && this._$sel !== null ? this._$comp._$.getShadowRoot()?.querySelector(this._$sel) : null;
    const instance = found && glassEasel.Component.isComponent(found) ? found.getMethodCaller() : null;
    // An entry with no fields: the adapter answers an object for a match (null otherwise) and we add `node`.
    this._$sq._$push(this._$sel, this._$comp, this._$single, {}, (result: Record<string, unknown> | null) => {
      if (result) result.node = instance;
      callback(result);
    });
    return this._$sq;
  };
}

/** Mounts the component at `componentPath` (project-relative, without extension) into document.body. */
export function mountGlassEasel(componentPath: string, options: MountOptions = {}): Mounted {
  const cs = space(options);
  register(cs, componentPath);
  const backend = new glassEasel.CurrentWindowBackendContext();
  const root = env!.associateBackend(backend).createRoot('body', cs, componentPath);
  const component = root.getComponent();
  addNodeQuery(component.getMethodCaller() as unknown as Instance);
  if (options.properties) component.setData(options.properties);
  const placeholder = document.createElement('span');
  document.body.appendChild(placeholder);
  root.attach(document.body as unknown as glassEasel.GeneralBackendElement, placeholder as never);

  const get = (selector: string): glassEasel.Element => {
    const found = firstMatch(component, selector);
    if (!found) throw new Error(`glass-easel harness: nothing matches "${selector}" in ${componentPath}`);
    return found;
  };
  const domText = (element: glassEasel.Element): string =>
    ((element.getBackendElement() as unknown as Element | null)?.textContent ?? '').replace(/\s+/g, ' ').trim();

  return {
    component,
    instance: component.getMethodCaller() as unknown as Instance,
    query: (selector) => firstMatch(component, selector),
    get,
    queryAll: (selector) => component.getShadowRoot()?.querySelectorAll(selector) ?? [],
    text: (selector) => domText(selector ? get(selector) : component),
    attribute: (selector, name) => attributeOf(get(selector), name),
    tap: (selector, detail = {}) => {
      glassEasel.Event.triggerEvent(get(selector), 'tap', detail, { bubbles: true, composed: true });
    },
    type: (selector, value) => {
      const input = get(selector);
      if (!glassEasel.Component.isComponent(input)) {
        throw new Error(`glass-easel harness: "${selector}" is not a built-in input component`);
      }
      const typeInto = glassEasel.Component.getMethod(input, 'userTypes');
      if (!typeInto) throw new Error(`glass-easel harness: "${selector}" cannot be typed into`);
      typeInto.call(input.getMethodCaller(), value);
    },
    callMethod: (name, ...args) => {
      const method = glassEasel.Component.getMethod(component, name);
      if (!method) throw new Error(`glass-easel harness: ${componentPath} has no method ${name}`);
      return method.apply(component.getMethodCaller(), args) as unknown;
    },
    unmount: () => root.release(),
  };
}
