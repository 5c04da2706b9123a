/// <reference lib="dom" />
// miniprogram-simulate helpers: load a TypeScript component or page from its real files, render it,
// tap, read text. Test files using them need `@jest-environment jsdom`.
//
// How loading works: simulate.load(path) reads path.json/.wxml/.wxss and `require(path)`s the code;
// jest resolves `path` to path.ts (moduleFileExtensions) and ts-jest transpiles it, so no build step.
// jest caches modules, so a second require of the same file would not call Component() again: each
// file runs once and later loads replay the definition it registered. Modules the page imports (e.g.
// platform singletons) therefore stay the very instances the test imports.
import path from 'node:path';
import * as simulate from 'miniprogram-simulate';
import { runDefinition } from './run-definition';

export const projectRoot = path.resolve(__dirname, '../..');

type Definition = Record<string, unknown> & { data?: Record<string, unknown> };
type Global = typeof globalThis & {
  Component: (definition: Definition) => void;
  Page: (definition: Definition) => void;
};

const simulateUtils = jest.requireActual<{ runJs: (filePath: string) => void }>('miniprogram-simulate/src/utils');
const definitions = new Map<string, Definition>();
simulateUtils.runJs = (filePath) => {
  const known = definitions.get(filePath);
  if (known) (globalThis as Global).Component(known);
  else runDefinition(filePath, ['Component'], (definition) => definitions.set(filePath, definition as Definition));
};

/** Page() definitions seen while loading, by page path: tests can call their handlers directly. */
export const capturedPages = new Map<string, Definition>();
let lastPage: Definition | null = null;

// simulate has no Page(): record the definition and register it as a Component whose methods are the
// page's functions (onLoad, handlers...), which is how glass-easel treats Page() as well.
(globalThis as Global).Page = (definition: Definition) => {
  lastPage = definition;
  const methods: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(definition)) {
    if (typeof value === 'function') methods[key] = value;
  }
  const { data, options, behaviors } = definition;
  (globalThis as Global).Component({ data, options, behaviors, methods });
};

const loaded = new Map<string, string>();

function absolute(componentPath: string): string {
  return path.isAbsolute(componentPath) ? componentPath : path.join(projectRoot, componentPath);
}

/** Registers the component (project-relative path without extension) and returns its simulate id. */
export function loadComponent(componentPath: string, usingComponents?: Record<string, string>): string {
  const key = `${componentPath}|${JSON.stringify(usingComponents ?? {})}`;
  const known = loaded.get(key);
  if (known) return known;
  lastPage = null;
  const id = simulate.load(absolute(componentPath), {
    compiler: 'simulate',
    rootPath: projectRoot,
    ...(usingComponents ? { usingComponents } : {}),
  });
  if (lastPage) capturedPages.set(componentPath, lastPage);
  loaded.set(key, id);
  return id;
}

/** Lets pending promises and simulate's asynchronous event dispatch run. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

interface SimulatedNode {
  dom: HTMLElement;
  data: Record<string, unknown>;
  instance: Record<string, unknown>;
  dispatchEvent(name: string, options?: { detail?: unknown }): void;
  querySelector(selector: string): SimulatedNode | undefined;
  querySelectorAll(selector: string): SimulatedNode[];
  attach(parent: HTMLElement): void;
  detach(): void;
}

export type Instance = Record<string, unknown> & {
  data: Record<string, unknown>;
  setData(data: Record<string, unknown>): void;
};

export interface Rendered {
  /** The rendered root (j-component): .dom, .data, .instance, .querySelector(...). */
  root: SimulatedNode;
  /** The component's `this`: call methods, read `data`. */
  instance: Instance;
  /** Node matching `selector` in the shadow tree; throws naming the selector when absent. */
  get(selector: string): SimulatedNode;
  has(selector: string): boolean;
  /** Whitespace-normalised rendered text of the whole component or of `selector`. */
  text(selector?: string): string;
  /** Dispatches `tap` on `selector` and waits for the handler (and its promises) to settle. */
  tap(selector: string, detail?: unknown): Promise<void>;
  detach(): void;
}

function wrap(root: SimulatedNode, label: string): Rendered {
  const get = (selector: string): SimulatedNode => {
    const found = root.querySelector(selector);
    if (!found) throw new Error(`simulate: nothing matches "${selector}" in ${label}`);
    return found;
  };
  return {
    root,
    instance: root.instance as Instance,
    get,
    has: (selector) => root.querySelector(selector) !== undefined,
    text: (selector) => ((selector ? get(selector) : root).dom.textContent ?? '').replace(/\s+/g, ' ').trim(),
    tap: async (selector, detail = {}) => {
      get(selector).dispatchEvent('tap', { detail });
      await flush();
      await flush();
    },
    detach: () => root.detach(),
  };
}

/** Renders a component with initial properties, attached to a fresh container in document.body. */
export function renderComponent(componentPath: string, properties: Record<string, unknown> = {}): Rendered {
  const root = simulate.render(loadComponent(componentPath), properties) as unknown as SimulatedNode;
  const parent = document.createElement('div');
  document.body.appendChild(parent);
  root.attach(parent);
  return wrap(root, componentPath);
}

/**
 * Mounts a page as WeChat opens it: render, attach, then onLoad(query) and onShow(), awaiting both.
 * Works for Component({ methods: { onLoad } }) pages (the convention for Skyline pages) and Page().
 */
export async function mountPage(pagePath: string, query: Record<string, string> = {}): Promise<Rendered> {
  const page = renderComponent(pagePath);
  const call = async (name: string, ...args: unknown[]) => {
    const method = page.instance[name];
    if (typeof method === 'function') await (method as (...a: unknown[]) => unknown).apply(page.instance, args);
  };
  await call('onLoad', query);
  await call('onShow');
  await flush();
  return page;
}
