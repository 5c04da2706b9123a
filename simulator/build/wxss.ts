// WXSS → CSS for the browser: @import inlined, rpx → vw (750rpx is the phone's width), class
// selectors scoped like glass-easel scopes the DOM (`scope--name`), `:host` → the host's
// `wx-host` attribute, built-in tag selectors renamed like the templates, `page` → the page host.

import path from 'node:path';
import postcss, { CssSyntaxError, type Root } from 'postcss';
import selectorParser from 'postcss-selector-parser';
import { builtinTagName, isBuiltinTag } from '../shared/builtins';
import { BuildError } from './errors';

/** The tag the runtime gives every page's root element; WXSS `page` selects it. */
export const PAGE_TAG = 'wx-page';

export interface WxssInput {
  /** Project-relative path of the .wxss file, for imports and error messages. */
  file: string;
  source: string;
  /** The component's style scope; undefined for styles shared by the whole app (app.wxss). */
  scope: string | undefined;
  /**
   * The route of a page whose styles are shared (`shared`, `page-shared`): they reach the page's own nodes and
   * the apply-shared and shared components inside it, and no other page (docs/platform.md, "Style isolation").
   */
  sharedPage?: string;
  /** Reads another project file (for @import); throws when it does not exist. */
  readFile(file: string): string;
}

export interface WxssOutput {
  css: string;
  /** Every file read, the input included: an edit to any of them rebuilds this style sheet. */
  files: string[];
}

const RPX = /(-?(?:\d+\.?\d*|\.\d+))rpx\b/g;

export function rpxToVw(value: string): string {
  return value.replace(RPX, (_match, n: string) => `${+(Number(n) / 7.5).toFixed(5)}vw`);
}

function importTarget(params: string): string | null {
  const match = /^\s*(?:url\(\s*)?(['"])([^'"]+)\1\s*\)?\s*;?\s*$/.exec(params);
  return match ? match[2]! : null;
}

function resolveImport(fromFile: string, target: string): string {
  const withExt = target.endsWith('.wxss') ? target : `${target}.wxss`;
  if (withExt.startsWith('/')) return withExt.slice(1);
  return path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), withExt));
}

function parse(file: string, source: string): Root {
  try {
    return postcss.parse(source, { from: file });
  } catch (err) {
    if (err instanceof CssSyntaxError) {
      throw new BuildError('wxss', file, err.line ?? 1, err.column ?? 1, err.reason);
    }
    throw err;
  }
}

function inlineImports(root: Root, file: string, input: WxssInput, seen: Set<string>): void {
  root.walkAtRules('import', (rule) => {
    const target = importTarget(rule.params);
    const line = rule.source?.start?.line ?? 1;
    if (target === null) {
      throw new BuildError('wxss', file, line, rule.source?.start?.column ?? 1, `cannot read @import ${rule.params}`);
    }
    const imported = resolveImport(file, target);
    if (seen.has(imported)) {
      rule.remove();
      return;
    }
    seen.add(imported);
    let source: string;
    try {
      source = input.readFile(imported);
    } catch {
      throw new BuildError('wxss', file, line, rule.source?.start?.column ?? 1, `@import not found: ${imported}`);
    }
    const child = parse(imported, source);
    inlineImports(child, imported, input, seen);
    rule.replaceWith(child.nodes);
  });
}

/** Attribute the runtime gives each page's root (`data-route`), matched without adding specificity. */
function pageWhere(route: string, withTag: boolean): selectorParser.Pseudo {
  const where = selectorParser.pseudo({ value: ':where' });
  const inner = selectorParser.selector({ value: '', nodes: [] });
  if (withTag) inner.append(selectorParser.tag({ value: PAGE_TAG }));
  inner.append(
    selectorParser.attribute({
      attribute: 'data-route',
      operator: '=',
      value: JSON.stringify(route),
      quoteMark: '"',
      raws: {},
    }),
  );
  where.append(inner);
  return where;
}

/** Confines a shared page's selector to that page: `wx-page:where([data-route])` or `:where(wx-page[…]) sel`. */
function confineToPage(selector: selectorParser.Selector, route: string): void {
  let pageTag: selectorParser.Node | undefined;
  for (const node of selector.nodes) {
    if (node.type === 'combinator') break;
    if (node.type === 'tag' && node.value === PAGE_TAG) pageTag = node;
  }
  if (pageTag) {
    selector.insertAfter(pageTag, pageWhere(route, false));
    return;
  }
  const first = selector.first;
  const where = pageWhere(route, true);
  where.spaces.before = first?.spaces.before ?? '';
  if (first) first.spaces.before = '';
  selector.prepend(selectorParser.combinator({ value: ' ' }));
  selector.prepend(where);
}

function selectorTransform(scope: string | undefined, sharedPage: string | undefined) {
  return selectorParser((selectors) => {
    // :host first, so the selectors inside :host(...) are scoped by the pass below.
    selectors.walkPseudos((node) => {
      if (node.value !== ':host') return;
      const host = scope
        ? selectorParser.attribute({
            attribute: 'wx-host',
            operator: '=',
            value: `"${scope}"`,
            quoteMark: '"',
            raws: {},
          })
        : selectorParser.attribute({ attribute: 'wx-host', value: undefined, raws: {} });
      const inner = node.nodes.flatMap((sel) => sel.nodes.map((n) => n.clone()));
      node.replaceWith(host, ...inner);
    });
    selectors.walk((node) => {
      if (node.type === 'class' && scope) {
        node.value = `${scope}--${node.value}`;
      } else if (node.type === 'tag') {
        const tag = node.value;
        if (tag === 'page') node.value = PAGE_TAG;
        else if (isBuiltinTag(tag)) node.value = builtinTagName(tag);
      }
    });
    if (sharedPage !== undefined) selectors.each((selector) => confineToPage(selector, sharedPage));
  });
}

const COLOR_SCHEME = /\(\s*prefers-color-scheme\s*:\s*(dark|light)\s*\)/i;

/**
 * `@media (prefers-color-scheme: dark)` follows the simulated phone's theme, not the computer's:
 * its rules are kept under `html[data-theme="dark"]` (the runtime sets data-theme from the host).
 */
function themeMediaToSelectors(root: Root): void {
  root.walkAtRules('media', (rule) => {
    const match = COLOR_SCHEME.exec(rule.params);
    if (!match) return;
    const theme = match[1]!.toLowerCase();
    rule.walkRules((inner) => {
      inner.selectors = inner.selectors.map((sel) => `html[data-theme="${theme}"] ${sel}`);
    });
    const rest = rule.params
      .replace(COLOR_SCHEME, '')
      .replace(/^\s*and\s+|\s+and\s*$/gi, '')
      .replace(/\s+and\s+and\s+/gi, ' and ')
      .trim();
    if (rest === '') rule.replaceWith(rule.nodes ?? []);
    else rule.params = rest;
  });
}

export function transformWxss(input: WxssInput): WxssOutput {
  const root = parse(input.file, input.source);
  const seen = new Set([input.file]);
  inlineImports(root, input.file, input, seen);
  const transform = selectorTransform(input.scope, input.sharedPage);
  root.walkRules((rule) => {
    // Keyframe steps (`from`, `50%`) are not selectors.
    if (rule.parent?.type === 'atrule' && /keyframes$/.test((rule.parent as { name: string }).name)) return;
    rule.selector = transform.processSync(rule.selector);
  });
  themeMediaToSelectors(root);
  root.walkDecls((decl) => {
    decl.value = rpxToVw(decl.value);
  });
  root.walkAtRules((rule) => {
    rule.params = rpxToVw(rule.params);
  });
  return { css: root.toString(), files: [...seen] };
}

/** A style sheet as last transformed: its output and the text of every file it read. */
interface CachedSheet {
  output: WxssOutput;
  read: Map<string, string>;
}

export interface WxssCache {
  transform(input: WxssInput): WxssOutput;
  /**
   * Forgets the sheets not transformed since the last call (a build calls it once it has done all its sheets):
   * a sheet whose file is gone, or whose scope moved, does not stay behind.
   */
  forgetUnused(): void;
}

/**
 * transformWxss with a memory of the last result per sheet (file, scope, shared page): a rebuild transforms again
 * only the sheets whose own file or an @import of theirs changed. An edit to one page's style then costs one
 * transform, not one per style sheet of the app (about 4 ms each with postcss, the largest part of a rebuild).
 */
export function createWxssCache(): WxssCache {
  const sheets = new Map<string, CachedSheet>();
  const used = new Set<string>();
  return {
    transform(input) {
      const key = JSON.stringify([input.file, input.scope ?? null, input.sharedPage ?? null]);
      used.add(key);
      const cached = sheets.get(key);
      const current = (file: string): string => (file === input.file ? input.source : input.readFile(file));
      if (cached !== undefined && [...cached.read].every(([file, text]) => readsTheSame(current, file, text))) {
        return cached.output;
      }
      const read = new Map<string, string>();
      const output = transformWxss({
        ...input,
        readFile: (file) => {
          const text = input.readFile(file);
          read.set(file, text);
          return text;
        },
      });
      read.set(input.file, input.source);
      sheets.set(key, { output, read });
      return output;
    },
    forgetUnused() {
      for (const key of sheets.keys()) if (!used.has(key)) sheets.delete(key);
      used.clear();
    },
  };
}

/** Whether a file still reads as `text` (a file gone no longer does). */
function readsTheSame(current: (file: string) => string, file: string, text: string): boolean {
  try {
    return current(file) === text;
  } catch {
    return false;
  }
}
