// The Skyline check fed a page with every known offender (each rule at its line), a clean page, and the
// real chat tool; the rule table in docs/platform.md is the one the check applies.
import fs from 'node:fs';
import path from 'node:path';
import { checkSkyline, skylineFindings, type Finding } from '../../scripts/checks/skyline';
import { SKYLINE_RULES, skylineRulesTable } from '../../scripts/checks/skyline-rules';
import { allElements, parseWxml } from '../../scripts/checks/wxml-tree';
import { fixtureProjects } from './fixture-project';

const repoRoot = path.resolve(__dirname, '../..');
const fixture = (file: string) => fs.readFileSync(path.join(__dirname, '../fixtures/skyline', file), 'utf8');
const project = fixtureProjects();

const PAGE = 'packageChatTool/pages/entry/index';
const SHARED = 'packageChatTool/styles/shared.wxss';

const pageWith = (kind: 'offenders' | 'clean') =>
  project({
    [`${PAGE}.wxml`]: fixture(`${kind}/index.wxml`),
    [`${PAGE}.wxss`]: fixture(`${kind}/index.wxss`),
    [SHARED]: fixture('shared.wxss'),
  });

const at = (finding: Finding) => `${finding.rule.id} ${finding.file}:${finding.line}`;

/** Each rule and where the offenders page breaks it. */
const OFFENDERS: Record<string, string> = {
  display: `${PAGE}.wxss:5`,
  'position-sticky': `${PAGE}.wxss:8`,
  'position-fixed': `${PAGE}.wxss:11`,
  'z-index': `${PAGE}.wxss:12`,
  'overflow-scroll': `${PAGE}.wxss:15`,
  'overflow-axis': `${PAGE}.wxss:16`,
  'unsupported-property': `${PAGE}.wxss:19`,
  'box-sizing': `${PAGE}.wxss:22`,
  'visibility-collapse': `${PAGE}.wxss:23`,
  'white-space': `${PAGE}.wxss:26`,
  'text-overflow-not-text': `${PAGE}.wxss:31`,
  'text-decoration-not-text': `${PAGE}.wxss:34`,
  'word-break': `${PAGE}.wxss:37`,
  'font-weight': `${PAGE}.wxss:38`,
  'font-style-oblique': `${PAGE}.wxss:39`,
  'font-size-relative': `${PAGE}.wxss:40`,
  'em-unit': `${PAGE}.wxss:41`,
  currentcolor: `${PAGE}.wxss:42`,
  'border-style': `${PAGE}.wxss:45`,
  'background-repeat': `${PAGE}.wxss:46`,
  'multiple-layers': `${PAGE}.wxss:47`,
  'filter-function': `${PAGE}.wxss:50`,
  'filter-count': `${PAGE}.wxss:51`,
  'animation-fill-mode': `${PAGE}.wxss:52`,
  'unlisted-property': `${PAGE}.wxss:53`,
  'universal-selector': `${PAGE}.wxss:55`,
  'attribute-selector': `${PAGE}.wxss:58`,
  'pseudo-class': `${PAGE}.wxss:61`,
  'pseudo-class-active': `${PAGE}.wxss:64`,
  'pseudo-element': `${PAGE}.wxss:67`,
  'media-query': `${PAGE}.wxss:70`,
  'unsupported-component': `${PAGE}.wxml:3`,
  'scroll-view-type': `${PAGE}.wxml:4`,
  'text-children': `${PAGE}.wxml:7`,
  'navigator-children': `${PAGE}.wxml:8`,
  'text-webview-attribute': `${PAGE}.wxml:9`,
  'image-crop-mode': `${PAGE}.wxml:10`,
  'web-role': `${PAGE}.wxml:11`,
  'aria-attribute': `${PAGE}.wxml:12`,
};

describe('a page with every known offender', () => {
  const findings = skylineFindings(pageWith('offenders'));
  const found = findings.map(at);

  test('the fixture has an offender for every rule', () => {
    expect(Object.keys(OFFENDERS).sort()).toEqual(SKYLINE_RULES.map((rule) => rule.id).sort());
  });

  test.each(Object.entries(OFFENDERS))('%s is reported at %s', (id, where) => {
    expect(found).toContain(`${id} ${where}`);
  });

  test('nothing else is reported', () => {
    const expected = new Set([
      ...Object.entries(OFFENDERS).map(([id, where]) => `${id} ${where}`),
      // Also unlisted: overflow-y and float are on no list of supported properties.
      `unlisted-property ${PAGE}.wxss:16`,
      `unlisted-property ${PAGE}.wxss:19`,
      // The imported stylesheet puts an ellipsis on a view of the page that imports it.
      `text-overflow-not-text ${SHARED}:2`,
    ]);
    expect(found.filter((entry) => !expected.has(entry))).toEqual([]);
    expect(found).toContain(`text-overflow-not-text ${SHARED}:2`);
  });

  test('a text-only style names the element it reaches, with its line', () => {
    const ellipsis = findings.filter((finding) => finding.rule.id === 'text-overflow-not-text');
    expect(ellipsis.map((finding) => finding.found)).toEqual([
      `text-overflow: ellipsis reaches <view> at ${PAGE}.wxml:5`,
      `text-overflow: ellipsis reaches <view> at ${PAGE}.wxml:13`,
    ]);
  });

  test('errors fail the check with file, line and column; warnings are printed only', () => {
    const check = checkSkyline(pageWith('offenders'));
    const errors = SKYLINE_RULES.filter((rule) => rule.severity === 'error').map((rule) => rule.id);
    expect(check.problems.map((problem) => problem.message.match(/\[([\w-]+)\]$/)?.[1])).toEqual(
      expect.arrayContaining(errors),
    );
    expect(check.problems).toContainEqual({
      file: `${PAGE}.wxss`,
      line: 26,
      column: 3,
      message: expect.stringMatching(/^white-space: pre-wrap — Skyline: only `normal` and `nowrap`.*\[white-space\]$/),
    });
    expect(check.warnings?.map((warning) => `${warning.file}:${warning.line}`)).toContain(`${PAGE}.wxss:12`);
    expect(check.problems.some((problem) => problem.message.endsWith('[z-index]'))).toBe(false);
  });
});

test('inline styles are read too, an expression standing for a value', () => {
  const root = project({
    [`${PAGE}.wxml`]: [
      '<view class="page">',
      '  <view class="bar" style="width: {{percent}}%; white-space: pre-wrap;" />',
      '  <view style="text-overflow: ellipsis; overflow: hidden;">{{title}}</view>',
      '  <text style="text-overflow: ellipsis; overflow: hidden;">{{title}}</text>',
      '  <view style="{{dynamic}}" />',
      '</view>',
      '',
    ].join('\n'),
  });
  expect(skylineFindings(root).map((finding) => `${at(finding)} ${finding.found}`)).toEqual([
    `white-space ${PAGE}.wxml:2 style="white-space: pre-wrap"`,
    `text-overflow-not-text ${PAGE}.wxml:3 style="text-overflow: ellipsis" on <view>`,
  ]);
});

test('the clean page, written the Skyline way, has no findings', () => {
  expect(skylineFindings(pageWith('clean')).map(at)).toEqual([]);
});

test('the fixture project and its miniprogram_npm are not checked outside the chat tool', () => {
  const root = project({
    'miniprogram/pages/home/index.wxss': '.home {\n  float: left;\n}\n',
    'packageChatTool/miniprogram_npm/weui/index.wxss': '.weui {\n  float: left;\n}\n',
  });
  expect(skylineFindings(root)).toEqual([]);
});

test('the real chat tool has no Skyline errors', () => {
  expect(checkSkyline(repoRoot).problems).toEqual([]);
});

test('docs/platform.md holds the rule table the check applies', () => {
  const docs = fs.readFileSync(path.join(repoRoot, 'docs/platform.md'), 'utf8');
  const section = docs.slice(docs.indexOf('\n## Skyline\n'));
  // To regenerate: npx tsx -e "console.log(require('./scripts/checks/skyline-rules').skylineRulesTable())"
  expect(section).toContain(skylineRulesTable());
});

describe('the WXML tree', () => {
  test('gives every element and attribute its line and column', () => {
    const elements = allElements(
      parseWxml(
        [
          '<!-- <view role="x"> in a comment -->',
          "<view class=\"a {{b > c ? 'd' : ''}}\" data-x='<text>'>{{ a < b }}",
          '  <text',
          '    space="nbsp"',
          '  >x</text>',
          '  <wxs module="m">var lt = 1 < 2; </wxs>',
          '  <input value="{{v}}" disabled />',
          '</view>',
        ].join('\n'),
      ),
    );
    expect(elements.map((element) => [element.tag, element.line, element.column, element.parent?.tag])).toEqual([
      ['view', 2, 1, undefined],
      ['text', 3, 3, 'view'],
      ['wxs', 6, 3, 'view'],
      ['input', 7, 3, 'view'],
    ]);
    expect(elements[0]!.attributes).toEqual([
      { name: 'class', value: "a {{b > c ? 'd' : ''}}", line: 2, column: 7 },
      { name: 'data-x', value: '<text>', line: 2, column: 38 },
    ]);
    expect(elements[1]!.attributes).toEqual([{ name: 'space', value: 'nbsp', line: 4, column: 5 }]);
    expect(elements[3]!.attributes.map((attribute) => [attribute.name, attribute.value])).toEqual([
      ['value', '{{v}}'],
      ['disabled', null],
    ]);
  });
});
