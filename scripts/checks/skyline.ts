// The Skyline check: every WXSS property, value or selector and every WXML component or attribute in
// the chat tool (inline `style` attributes too) that Skyline does not support or handles differently, with
// its file and line. The rules and their sources are in skyline-rules.ts (docs/platform.md, "Skyline").
// Errors fail the check; warnings are printed.
import fs from 'node:fs';
import path from 'node:path';
import postcss, { list, type AtRule, type ChildNode, type Declaration, type Rule } from 'postcss';
import selectorParser from 'postcss-selector-parser';
import { listFiles, readAppJson } from './files';
import { result, type CheckResult, type Problem } from './result';
import { LISTED_PROPERTIES, SKYLINE_RULES, type Match, type SkylineRule } from './skyline-rules';
import { allElements, attributeOf, parseWxml, type Position, type WxmlElement } from './wxml-tree';

const NAME = 'skyline';

export interface Finding extends Position {
  rule: SkylineRule;
  file: string;
  /** What exactly was found there. */
  found: string;
}

interface WxmlFile {
  file: string;
  elements: WxmlElement[];
}

type RuleOf<K extends Match['on']> = SkylineRule & { match: Extract<Match, { on: K }> };

const isOn = <K extends Match['on']>(rule: SkylineRule, on: K): rule is RuleOf<K> => rule.match.on === on;

const rulesOn = <K extends Match['on']>(on: K): RuleOf<K>[] => SKYLINE_RULES.filter((rule) => isOn(rule, on));

const appliesTo = (properties: readonly string[] | undefined, property: string) =>
  properties === undefined || properties.includes(property);

// ── WXSS values ────────────────────────────────────────────────────────────────────────────────────

/** Words, numbers and function names of a value, lower-case, at every nesting depth. */
function valueTokens(value: string): string[] {
  return list.space(value).flatMap((token) => {
    const call = /^([\w-]*)\((.*)\)$/s.exec(token);
    if (!call) return [token.toLowerCase()];
    const [, name = '', inside = ''] = call;
    if (name.toLowerCase() === 'url') return [`${name.toLowerCase()}(`];
    return [`${name.toLowerCase()}(`, ...list.comma(inside).flatMap(valueTokens)];
  });
}

function declarationFinding(rule: SkylineRule, decl: Declaration): string | null {
  const { match } = rule;
  const property = decl.prop.toLowerCase();
  if (property.startsWith('--') && match.on !== 'keyword' && match.on !== 'unit') return null;
  const tokens = () => valueTokens(decl.value);
  const shown = `${decl.prop}: ${decl.value}`;
  switch (match.on) {
    case 'property':
      return match.properties.includes(property) ? shown : null;
    case 'unlisted-property':
      return LISTED_PROPERTIES.has(property) ? null : shown;
    case 'keyword':
      return appliesTo(match.properties, property) && tokens().some((token) => match.keywords.includes(token))
        ? shown
        : null;
    case 'unit': {
      if (!appliesTo(match.properties, property)) return null;
      const withUnit = tokens().some((token) => {
        const unit = /^[+-]?(?:\d+\.?\d*|\.\d+)(%|[a-z]+)$/.exec(token)?.[1];
        return unit !== undefined && match.units.includes(unit);
      });
      return withUnit ? shown : null;
    }
    case 'function':
      return match.properties.includes(property) &&
        tokens().some((token) => match.functions.some((name) => token === `${name}(`))
        ? shown
        : null;
    case 'function-count': {
      if (!match.properties.includes(property)) return null;
      const calls = list.space(decl.value).filter((token) => token.includes('('));
      return calls.length > match.max ? shown : null;
    }
    case 'layers':
      return match.properties.includes(property) && list.comma(decl.value).length > match.max ? shown : null;
    default:
      return null;
  }
}

/** Whether a declaration is one a text-only rule restricts to `<text>` (`none` restricts nothing). */
function textOnly(rule: RuleOf<'text-only'>, decl: Declaration): boolean {
  const { properties, keywords } = rule.match;
  if (!properties.includes(decl.prop.toLowerCase())) return false;
  const tokens = valueTokens(decl.value);
  return keywords ? tokens.some((token) => keywords.includes(token)) : tokens.some((token) => token !== 'none');
}

// ── Selectors ──────────────────────────────────────────────────────────────────────────────────────

function selectorFindings(rule: SkylineRule, selector: string): string[] {
  const { match } = rule;
  const found: string[] = [];
  selectorParser((root) => {
    root.walk((node) => {
      if (match.on === 'selector') {
        if (match.part === 'universal' && node.type === 'universal') found.push(node.toString().trim());
        if (match.part === 'attribute' && node.type === 'attribute') found.push(node.toString().trim());
      } else if (node.type === 'pseudo') {
        const name = node.value.replace(/^:+/, '').toLowerCase();
        const isElement = node.value.startsWith('::') || name === 'before' || name === 'after';
        const shown = node.value;
        if (match.on === 'pseudo-element' && isElement && !match.except.includes(name)) found.push(shown);
        if (match.on === 'pseudo-class' && !isElement) {
          const listed = match.only ? match.only.includes(name) : !(match.except ?? []).includes(name);
          if (listed) found.push(shown);
        }
      }
    });
  }).processSync(selector);
  return found;
}

// ── Text-only declarations: which elements a selector reaches ──────────────────────────────────────

/** Patterns for the classes an element can carry; `state-{{x}}` matches any class starting `state-`. */
function classPatterns(element: WxmlElement): RegExp[] {
  const value = attributeOf(element, 'class')?.value ?? '';
  const chunks = value.match(/(?:\{\{[\s\S]*?\}\}|[^\s{]|\{(?!\{))+/g) ?? [];
  return chunks.flatMap((chunk) => {
    if (/^\{\{[\s\S]*\}\}$/.test(chunk) && !chunk.slice(2).includes('{{')) {
      // A whole expression: the classes it can produce are the words of its string literals.
      const words = [...chunk.matchAll(/'([^']*)'|"([^"]*)"/g)].flatMap((m) => (m[1] ?? m[2] ?? '').split(/\s+/));
      return words.filter(Boolean).map((word) => new RegExp(`^${escape(word)}$`));
    }
    const parts = chunk.split(/\{\{[\s\S]*?\}\}/).map(escape);
    return [new RegExp(`^${parts.join('.*')}$`)];
  });
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

interface Subject {
  tag?: string;
  classes: string[];
  pseudoElement: boolean;
}

/** The last compound of each selector in a list: what the declarations style. */
function subjects(selector: string): Subject[] {
  const found: Subject[] = [];
  selectorParser((root) => {
    root.each((single) => {
      const subject: Subject = { classes: [], pseudoElement: false };
      for (const node of single.nodes) {
        if (node.type === 'combinator') Object.assign(subject, { tag: undefined, classes: [], pseudoElement: false });
        else if (node.type === 'tag') subject.tag = node.value.toLowerCase();
        else if (node.type === 'class') subject.classes.push(node.value);
        else if (node.type === 'pseudo' && (node.value.startsWith('::') || /^:(before|after)$/.test(node.value))) {
          subject.pseudoElement = true;
        }
      }
      found.push(subject);
    });
  }).processSync(selector);
  return found;
}

function reaches(subject: Subject, element: WxmlElement, patterns: RegExp[]): boolean {
  if (subject.tag !== undefined && subject.tag !== element.tag) return false;
  if (subject.tag === undefined && subject.classes.length === 0) return false;
  return subject.classes.every((name) => patterns.some((pattern) => pattern.test(name)));
}

/** Where a rule's selector puts a text-only declaration on something that is not a `<text>`. */
function nonTextTargets(selector: string, targets: WxmlFile[]): string[] {
  const found: string[] = [];
  for (const subject of subjects(selector)) {
    if (subject.pseudoElement) {
      found.push(`${selector} (a pseudo-element)`);
      continue;
    }
    if (subject.tag !== undefined && subject.tag !== 'text') found.push(`<${subject.tag}>`);
    for (const { file, elements } of targets) {
      for (const element of elements) {
        if (element.tag !== 'text' && reaches(subject, element, classPatterns(element))) {
          found.push(`<${element.tag}> at ${file}:${element.line}`);
        }
      }
    }
  }
  return [...new Set(found)];
}

// ── WXSS files ─────────────────────────────────────────────────────────────────────────────────────

const insideKeyframes = (node: ChildNode): boolean => {
  const parent = node.parent;
  if (!parent || (parent.type !== 'atrule' && parent.type !== 'rule')) return false;
  return (
    (parent.type === 'atrule' && /keyframes$/i.test((parent as AtRule).name)) || insideKeyframes(parent as ChildNode)
  );
};

function wxssFindings(file: string, source: string, targets: WxmlFile[]): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: SkylineRule, node: ChildNode, found: string) =>
    findings.push({ rule, file, found, line: node.source?.start?.line ?? 1, column: node.source?.start?.column ?? 1 });
  const css = postcss.parse(source, { from: file });

  css.walkDecls((decl) => {
    for (const rule of SKYLINE_RULES) {
      const found = declarationFinding(rule, decl);
      if (found) add(rule, decl, found);
    }
    const owner = decl.parent;
    if (owner?.type !== 'rule' || insideKeyframes(decl)) return;
    for (const rule of rulesOn('text-only')) {
      if (!textOnly(rule, decl)) continue;
      const where = nonTextTargets((owner as Rule).selector, targets);
      if (where.length > 0) add(rule, decl, `${decl.prop}: ${decl.value} reaches ${where.join(', ')}`);
    }
  });

  css.walkRules((cssRule) => {
    if (insideKeyframes(cssRule)) return;
    for (const rule of SKYLINE_RULES) {
      for (const found of selectorFindings(rule, cssRule.selector)) add(rule, cssRule, found);
    }
  });

  css.walkAtRules('media', (atRule) => {
    for (const rule of rulesOn('media')) {
      const features = [...atRule.params.matchAll(/\(\s*([\w-]+)/g)].map((m) => m[1]!.toLowerCase());
      if (features.length === 0 || features.some((feature) => !rule.match.except.includes(feature))) {
        add(rule, atRule, `@media ${atRule.params}`);
      }
    }
  });
  return findings;
}

/** The WXSS files a WXSS file @imports, project-relative. */
function wxssImports(file: string, source: string): string[] {
  const imports: string[] = [];
  postcss.parse(source, { from: file }).walkAtRules('import', (atRule) => {
    const target = atRule.params.replace(/^url\((.*)\)$/, '$1').replace(/^["']|["']$/g, '');
    imports.push(
      target.startsWith('/')
        ? target.slice(1)
        : path.posix.normalize(path.posix.join(path.posix.dirname(file), target)),
    );
  });
  return imports;
}

/** The WXML files each WXSS file styles: its own component's, and those of every file importing it. */
function wxssTargets(sources: Map<string, string>, wxml: Map<string, WxmlFile>): Map<string, WxmlFile[]> {
  const importers = new Map<string, string[]>();
  for (const [file, source] of sources) {
    for (const imported of wxssImports(file, source))
      importers.set(imported, [...(importers.get(imported) ?? []), file]);
  }
  const targetsOf = (file: string, seen: Set<string>): WxmlFile[] => {
    if (seen.has(file)) return [];
    seen.add(file);
    const own = wxml.get(file.replace(/\.wxss$/, '.wxml'));
    return [...(own ? [own] : []), ...(importers.get(file) ?? []).flatMap((importer) => targetsOf(importer, seen))];
  };
  return new Map([...sources.keys()].map((file) => [file, targetsOf(file, new Set())]));
}

// ── WXML files ─────────────────────────────────────────────────────────────────────────────────────

/** Children as rendered: a `<block>` stands for its own children. */
function renderedChildren(element: WxmlElement): WxmlElement[] {
  return element.children.flatMap((child) => (child.tag === 'block' ? renderedChildren(child) : [child]));
}

/** The declarations of a `style` attribute, an expression standing for a number (`width: {{p}}%`). */
function inlineDeclarations(style: string): Declaration[] {
  const declarations: Declaration[] = [];
  try {
    postcss.parse(`x{${style.replace(/\{\{[\s\S]*?\}\}/g, '0')}}`).walkDecls((decl) => {
      declarations.push(decl);
    });
  } catch {
    // A style the expressions build whole (`style="{{s}}"`) cannot be read before run time.
  }
  return declarations;
}

function wxmlFindings({ file, elements }: WxmlFile): Finding[] {
  const findings: Finding[] = [];
  const add = (rule: SkylineRule, at: Position, found: string) =>
    findings.push({ rule, file, found, line: at.line, column: at.column });
  for (const element of elements) {
    const style = attributeOf(element, 'style');
    for (const decl of inlineDeclarations(style?.value ?? '')) {
      for (const rule of SKYLINE_RULES) {
        const found = declarationFinding(rule, decl);
        if (found) add(rule, style ?? element, `style="${found}"`);
        if (isOn(rule, 'text-only') && element.tag !== 'text' && textOnly(rule, decl)) {
          add(rule, style ?? element, `style="${decl.prop}: ${decl.value}" on <${element.tag}>`);
        }
      }
    }
    for (const rule of SKYLINE_RULES) {
      const { match } = rule;
      if (match.on === 'component' && match.tags.includes(element.tag)) add(rule, element, `<${element.tag}>`);
      if (match.on === 'missing-attribute' && element.tag === match.tag && !attributeOf(element, match.name)) {
        add(rule, element, `<${element.tag}> without ${match.name}`);
      }
      if (match.on === 'children' && match.tags.includes(element.tag)) {
        for (const child of renderedChildren(element)) {
          if (!match.allowed.includes(child.tag)) add(rule, child, `<${child.tag}> inside <${element.tag}>`);
        }
      }
      if (match.on === 'attribute' && (match.tags === undefined || match.tags.includes(element.tag))) {
        for (const attribute of element.attributes) {
          const named = match.names
            ? match.names.includes(attribute.name)
            : match.prefix !== undefined && attribute.name.startsWith(match.prefix);
          if (!named || (match.except ?? []).includes(attribute.name)) continue;
          if (match.values && !match.values.includes((attribute.value ?? '').trim())) continue;
          add(
            rule,
            attribute,
            `<${element.tag} ${attribute.name}${attribute.value === null ? '' : `="${attribute.value}"`}>`,
          );
        }
      }
    }
  }
  return findings;
}

// ── The check ──────────────────────────────────────────────────────────────────────────────────────

/** The chat tool's folder: the chatTools root in app.json, or packageChatTool when app.json is unreadable. */
function chatToolRoot(root: string): string {
  try {
    return (readAppJson(root).chatTools?.[0]?.root ?? 'packageChatTool').replace(/\/+$/, '');
  } catch {
    return 'packageChatTool';
  }
}

/** Every finding in the chat tool's WXSS and WXML (its miniprogram_npm is third-party and not checked). */
export function skylineFindings(root: string): Finding[] {
  const toolRoot = chatToolRoot(root);
  if (!fs.existsSync(path.join(root, toolRoot))) return [];
  const files = listFiles(root, toolRoot);
  const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
  const wxml = new Map(
    files
      .filter((file) => file.endsWith('.wxml'))
      .map((file) => [file, { file, elements: allElements(parseWxml(read(file))) }]),
  );
  const wxss = new Map(files.filter((file) => file.endsWith('.wxss')).map((file) => [file, read(file)]));
  const targets = wxssTargets(wxss, wxml);
  return [
    ...[...wxss].flatMap(([file, source]) => wxssFindings(file, source, targets.get(file) ?? [])),
    ...[...wxml.values()].flatMap(wxmlFindings),
  ].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

const problemOf = ({ rule, file, line, column, found }: Finding): Problem => ({
  file,
  line,
  column,
  message: `${found} — Skyline: ${rule.skyline}; instead: ${rule.instead} [${rule.id}]`,
});

export function checkSkyline(root: string): CheckResult {
  const findings = skylineFindings(root);
  const errors = findings.filter((finding) => finding.rule.severity === 'error');
  const warnings = findings.filter((finding) => finding.rule.severity === 'warning');
  return {
    ...result(NAME, errors.map(problemOf), [
      `${SKYLINE_RULES.length} rules (docs/platform.md, "Skyline")`,
      `${errors.length} errors, ${warnings.length} warnings`,
    ]),
    warnings: warnings.map(problemOf),
  };
}
