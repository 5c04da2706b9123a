import { TmplGroup } from 'glass-easel-template-compiler';
import { createTemplateCache, type TemplateInput } from '../../../simulator/build/templates';
import type { ProjectFiles } from '../../../simulator/build/app-json';

const files = (map: Record<string, string>): ProjectFiles => ({ read: (f) => map[f] ?? null });

const page = (path: string, usingTags: string[] = []): TemplateInput => ({ path, usingTags: new Set(usingTags) });

/** Compiles once with a cache of its own, as a first build does. */
function compileOnce(map: Record<string, string>, inputs: TemplateInput[]) {
  const cache = createTemplateCache();
  try {
    return cache.compile(files(map), inputs);
  } finally {
    cache.dispose();
  }
}

type Group = Record<string, ((name: string) => unknown) & { _: Record<string, () => unknown> }>;

/**
 * The group the runtime gets (groupsCode evaluated): each template path with the source of every template it
 * defines. The compiler lists the paths in no fixed order, so two groups are compared this way, not as text.
 */
function templatesOf(groupsCode: string): Record<string, Record<string, string>> {
  const group = new Function(`return ${groupsCode}`)() as Group;
  return Object.fromEntries(
    Object.entries(group).map(([path, tmpl]) => [
      path,
      Object.fromEntries(Object.entries(tmpl._).map(([name, fn]) => [name, fn.toString()])),
    ]),
  );
}

describe('template compilation', () => {
  test('follows import, include and wxs (also wxs require) into one template group', () => {
    const out = compileOnce(
      {
        'p/index.wxml':
          '<import src="./tpl.wxml"/><include src="/shared/head"/><wxs module="f" src="../utils/f.wxs"/><template is="row" data="{{x: f.double(2)}}"/>',
        'p/tpl.wxml': '<template name="row"><text>{{x}}</text></template>',
        'shared/head.wxml': '<view>head</view>',
        'utils/f.wxs':
          'var g = require("./g.wxs"); module.exports = { double: function (n) { return g.times(n, 2); } };',
        'utils/g.wxs': 'module.exports = { times: function (a, b) { return a * b; } };',
      },
      [page('p/index')],
    );
    expect(out.files.sort()).toEqual(['p/index.wxml', 'p/tpl.wxml', 'shared/head.wxml', 'utils/f.wxs', 'utils/g.wxs']);
    expect(Object.keys(templatesOf(out.groupsCode))).toEqual(
      expect.arrayContaining(['p/index', 'p/tpl', 'shared/head']),
    );
  });

  test('a WXML syntax error names the file and its line', () => {
    expect(() =>
      compileOnce({ 'p/index.wxml': '<view>\n  <text>{{ a + }}</text>\n</view>' }, [page('p/index')]),
    ).toThrow(/^p\/index\.wxml:2:\d+ wxml: /);
  });

  test('a missing import names the template that imports it', () => {
    expect(() => compileOnce({ 'p/index.wxml': '<import src="./gone.wxml"/>' }, [page('p/index')])).toThrow(
      'p/index.wxml:1:1 wxml: template not found: p/gone.wxml',
    );
  });
});

describe('the template cache (createTemplateCache)', () => {
  let project: Record<string, string>;
  let cache: ReturnType<typeof createTemplateCache>;
  let addTmpl: jest.SpyInstance;
  let addScript: jest.SpyInstance;
  /** Two pages include one header; the first also imports a template and uses a wxs module. */
  const pages = [page('pages/a/index'), page('pages/b/index')];
  const compile = () => cache.compile(files(project), pages);
  const compiled = (): string[] => addTmpl.mock.calls.map(([path]) => path as string);

  beforeEach(() => {
    project = {
      'pages/a/index.wxml':
        '<import src="/shared/row.wxml"/><include src="/shared/head.wxml"/><wxs module="f" src="/shared/f.wxs"/><template is="row" data="{{x: f.twice(1)}}"/>',
      'pages/b/index.wxml': '<include src="../../shared/head.wxml"/><view>b</view>',
      'shared/head.wxml': '<view>head one</view>',
      'shared/row.wxml': '<template name="row"><text>row one {{x}}</text></template>',
      'shared/f.wxs': 'module.exports = { twice: function (n) { return n * 2; } };',
    };
    cache = createTemplateCache();
    addTmpl = jest.spyOn(TmplGroup.prototype, 'addTmpl');
    addScript = jest.spyOn(TmplGroup.prototype, 'addScript');
  });

  afterEach(() => {
    cache.dispose();
    jest.restoreAllMocks();
  });

  test('an unchanged project compiles nothing again and gives the same group', () => {
    const first = compile();
    expect(compiled().sort()).toEqual(['pages/a/index', 'pages/b/index', 'shared/head', 'shared/row']);
    addTmpl.mockClear();
    addScript.mockClear();
    const again = compile();
    expect(addTmpl).not.toHaveBeenCalled();
    expect(addScript).not.toHaveBeenCalled();
    expect(again).toEqual(first);
  });

  test('an edit to a template two pages include compiles that file alone, and both pages get its new text', () => {
    compile();
    addTmpl.mockClear();
    project['shared/head.wxml'] = '<view>head two</view>';
    const out = compile();
    expect(compiled()).toEqual(['shared/head']);
    const group = templatesOf(out.groupsCode);
    expect(group['shared/head']!['']).toContain('head two');
    // Each page reaches the header through the group at run time (G["shared/head"]), so it shows the new text.
    expect(group['pages/a/index']!['']).toContain('G["shared/head"]');
    expect(group['pages/b/index']!['']).toContain('G["shared/head"]');
    expect(group).toEqual(templatesOf(compileOnce(project, pages).groupsCode));
  });

  test('an edit to an imported template compiles that file alone; the group equals a fresh build', () => {
    compile();
    addTmpl.mockClear();
    project['shared/row.wxml'] = '<template name="row"><text>row two {{x}}</text></template>';
    const out = compile();
    expect(compiled()).toEqual(['shared/row']);
    expect(templatesOf(out.groupsCode)['shared/row']!.row).toContain('row two');
    expect(templatesOf(out.groupsCode)).toEqual(templatesOf(compileOnce(project, pages).groupsCode));
  });

  test('an edit to a wxs module compiles that module alone', () => {
    compile();
    addTmpl.mockClear();
    addScript.mockClear();
    project['shared/f.wxs'] = 'module.exports = { twice: function (n) { return n + n; } };';
    const out = compile();
    expect(addTmpl).not.toHaveBeenCalled();
    expect(addScript.mock.calls).toEqual([['shared/f', project['shared/f.wxs']]]);
    expect(out.groupsCode).toContain('n + n');
    expect(out.groupsCode).not.toContain('n * 2');
  });

  test('other usingComponents tags compile the template again (the rename differs)', () => {
    compile();
    addTmpl.mockClear();
    const out = cache.compile(files(project), [page('pages/a/index'), page('pages/b/index', ['view'])]);
    expect(compiled()).toEqual(['pages/b/index']);
    expect(templatesOf(out.groupsCode)['pages/b/index']!['']).toContain('"view"');
  });

  test('a deleted template is an error naming its includer; once no page includes it, it leaves the group', () => {
    compile();
    delete project['shared/head.wxml'];
    expect(compile).toThrow('pages/a/index.wxml:1:1 wxml: template not found: shared/head.wxml');
    project['pages/a/index.wxml'] = '<view>a</view>';
    project['pages/b/index.wxml'] = '<view>b</view>';
    const out = compile();
    expect(Object.keys(templatesOf(out.groupsCode)).sort()).toEqual(['pages/a/index', 'pages/b/index']);
    expect(out.groupsCode).not.toContain('shared/f');
    expect(out.files.sort()).toEqual(['pages/a/index.wxml', 'pages/b/index.wxml']);
  });

  test('a page gone from the app leaves the group; it holds one entry per file through many edits', () => {
    compile();
    for (let i = 0; i < 20; i += 1) {
      project['shared/head.wxml'] = `<view>head ${i}</view>`;
      compile();
    }
    const out = cache.compile(files(project), [page('pages/b/index')]);
    expect(Object.keys(templatesOf(out.groupsCode)).sort()).toEqual(['pages/b/index', 'shared/head']);
    expect(out.groupsCode.match(/G\["shared\/head"\]=/g)).toHaveLength(1);
  });

  test('a template with an error is not kept: the same text fails again; undoing the edit brings the old one back', () => {
    compile();
    const original = project['shared/head.wxml']!;
    project['shared/head.wxml'] = '<view>{{ 1 + }}</view>';
    expect(compile).toThrow(/^shared\/head\.wxml:1:\d+ wxml: /);
    expect(compile).toThrow(/^shared\/head\.wxml:1:\d+ wxml: /);
    project['shared/head.wxml'] = original;
    compile();
    // Another edit makes the group generate its code again: the header in it is the one restored.
    project['pages/b/index.wxml'] = '<include src="../../shared/head.wxml"/><view>b two</view>';
    const out = compile();
    expect(templatesOf(out.groupsCode)['shared/head']!['']).toContain('head one');
    expect(templatesOf(out.groupsCode)).toEqual(templatesOf(compileOnce(project, pages).groupsCode));
  });
});
