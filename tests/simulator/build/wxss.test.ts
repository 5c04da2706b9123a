import { BuildError } from '../../../simulator/build/errors';
import { createWxssCache, rpxToVw, transformWxss } from '../../../simulator/build/wxss';

const files: Record<string, string> = {
  'pkg/common.wxss': '@import "./base.wxss";\n.shared { margin: 10rpx; }',
  'pkg/base.wxss': '.base { color: red; }',
  'styles/root.wxss': '.root { padding: 0; }',
};
const readFile = (file: string): string => {
  const text = files[file];
  if (text === undefined) throw new Error(`missing ${file}`);
  return text;
};

describe('WXSS transform', () => {
  test('rpx becomes vw with 750rpx as the full width', () => {
    expect(rpxToVw('750rpx')).toBe('100vw');
    expect(rpxToVw('10rpx 20rpx -7.5rpx .75rpx')).toBe('1.33333vw 2.66667vw -1vw 0.1vw');
    expect(rpxToVw('1px solid #rpx')).toBe('1px solid #rpx');
  });

  test('scopes classes, renames built-in tags and page, converts :host', () => {
    const { css } = transformWxss({
      file: 'pkg/a/index.wxss',
      source: 'view.title > text, page .x:not(.y) {} :host { display: flex; } :host(.on) .z {} image[mode] {}',
      scope: 's3',
      readFile,
    });
    expect(css).toContain('wx-view.s3--title > wx-text, wx-page .s3--x:not(.s3--y) {}');
    expect(css).toContain('[wx-host="s3"] { display: flex; }');
    expect(css).toContain('[wx-host="s3"].s3--on .s3--z {}');
    expect(css).toContain('wx-image[mode] {}');
  });

  test('shared styles (no scope) keep class names', () => {
    const { css } = transformWxss({ file: 'app.wxss', source: '.a .b { width: 375rpx; }', scope: undefined, readFile });
    expect(css).toBe('.a .b { width: 50vw; }');
  });

  test("a shared page's rules reach its own subtree only, without adding specificity", () => {
    const { css } = transformWxss({
      file: 'pkg/page.wxss',
      source: 'page { color: red; } .a .b, view.c > .d {} page .x {} @media (prefers-color-scheme: dark) { .y {} }',
      scope: undefined,
      sharedPage: 'pkg/pages/x/index',
      readFile,
    });
    const page = '[data-route="pkg/pages/x/index"]';
    expect(css).toContain(`wx-page:where(${page}) { color: red; }`);
    expect(css).toContain(`:where(wx-page${page}) .a .b, :where(wx-page${page}) wx-view.c > .d {}`);
    expect(css).toContain(`wx-page:where(${page}) .x {}`);
    expect(css).toContain(`html[data-theme="dark"] :where(wx-page${page}) .y {}`);
  });

  test('@import is inlined recursively, relative or from the root, and reported as a dependency', () => {
    const out = transformWxss({
      file: 'pkg/page.wxss',
      source: '@import "common.wxss";\n@import "/styles/root.wxss";\n.own {}',
      scope: 'p',
      readFile,
    });
    expect(out.css).toContain('.p--base { color: red; }');
    expect(out.css).toContain('.p--shared { margin: 1.33333vw; }');
    expect(out.css).toContain('.p--root { padding: 0; }');
    expect(out.css).not.toContain('@import');
    expect(out.files.sort()).toEqual(['pkg/base.wxss', 'pkg/common.wxss', 'pkg/page.wxss', 'styles/root.wxss']);
  });

  test('keyframe steps are not treated as selectors', () => {
    const { css } = transformWxss({
      file: 'a.wxss',
      source: '@keyframes k { from { width: 0rpx } 50% { width: 75rpx } }',
      scope: 's',
      readFile,
    });
    expect(css).toContain('from { width: 0vw }');
    expect(css).toContain('50% { width: 10vw }');
  });

  test('a syntax error names the file and line', () => {
    const run = (): unknown =>
      transformWxss({ file: 'pkg/bad.wxss', source: '.a { color: red; }\n.b { color: blue;', scope: 's', readFile });
    expect(run).toThrow(BuildError);
    try {
      run();
    } catch (err) {
      expect((err as BuildError).info()).toMatchObject({ kind: 'wxss', file: 'pkg/bad.wxss', line: 2 });
    }
  });

  test('a missing @import names the importing file and line', () => {
    try {
      transformWxss({ file: 'pkg/x.wxss', source: '\n@import "nope.wxss";', scope: 's', readFile });
      throw new Error('no error');
    } catch (err) {
      expect((err as BuildError).info()).toMatchObject({
        file: 'pkg/x.wxss',
        line: 2,
        message: '@import not found: pkg/nope.wxss',
      });
    }
  });

  test('prefers-color-scheme follows the simulated theme through html[data-theme]', () => {
    const { css } = transformWxss({
      file: 'a.wxss',
      source:
        '@media (prefers-color-scheme: dark) { .a, page { color: #fff; } }\n@media screen and (prefers-color-scheme: light) { .b { color: #000; } }',
      scope: 's',
      readFile,
    });
    expect(css).toContain('html[data-theme="dark"] .s--a, html[data-theme="dark"] wx-page { color: #fff; }');
    expect(css).not.toContain('prefers-color-scheme');
    expect(css).toContain('@media screen {');
    expect(css).toContain('html[data-theme="light"] .s--b { color: #000; }');
  });
});

describe('the style cache of a builder', () => {
  const project: Record<string, string> = {
    'pages/a/index.wxss': '@import "../../theme.wxss";\n.a { width: 750rpx; }',
    'theme.wxss': '.t { color: red; }',
  };
  const readProject = (file: string): string => {
    const text = project[file];
    if (text === undefined) throw new Error(`not found: ${file}`);
    return text;
  };
  const input = () => ({
    file: 'pages/a/index.wxss',
    source: project['pages/a/index.wxss']!,
    scope: 's1' as string | undefined,
    readFile: readProject,
  });

  test('an unchanged sheet is not transformed again; the same output comes back', () => {
    const { transform } = createWxssCache();
    const first = transform(input());
    const again = transform(input());
    expect(again).toBe(first);
    expect(first).toEqual(transformWxss(input()));
  });

  test('an edit to the sheet or to a file it imports transforms it again', () => {
    const { transform } = createWxssCache();
    const first = transform(input());
    project['theme.wxss'] = '.t { color: blue; }';
    const afterImport = transform(input());
    expect(afterImport.css).toContain('blue');
    project['pages/a/index.wxss'] = '@import "../../theme.wxss";\n.a { width: 375rpx; }';
    const afterEdit = transform(input());
    expect(afterEdit.css).toContain('50vw');
    expect(afterEdit.css).not.toBe(first.css);
  });

  test('the same file under another scope is its own sheet', () => {
    const { transform } = createWxssCache();
    const scoped = transform(input());
    const shared = transform({ ...input(), scope: undefined });
    expect(shared.css).not.toBe(scoped.css);
  });

  test('a sheet no build transformed since the last forgetUnused is forgotten; the others are kept', () => {
    const cache = createWxssCache();
    const kept = cache.transform(input());
    const gone = cache.transform({ ...input(), scope: 's2' });
    cache.forgetUnused();
    // The next build: the sheet's component moved to scope s3, so s2 is not transformed any more.
    expect(cache.transform(input())).toBe(kept);
    cache.transform({ ...input(), scope: 's3' });
    cache.forgetUnused();
    expect(cache.transform(input())).toBe(kept);
    const again = cache.transform({ ...input(), scope: 's2' });
    expect(again).not.toBe(gone);
    expect(again).toEqual(gone);
  });

  test('an import that is gone is an error again, not the remembered sheet', () => {
    const { transform } = createWxssCache();
    transform(input());
    delete project['theme.wxss'];
    expect(() => transform(input())).toThrow(/theme\.wxss/);
  });
});
