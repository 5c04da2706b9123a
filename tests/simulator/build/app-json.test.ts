import { walkApp, type ProjectFiles } from '../../../simulator/build/app-json';
import { BuildError } from '../../../simulator/build/errors';

function project(files: Record<string, unknown>): ProjectFiles {
  return {
    read: (file) => {
      const value = files[file];
      if (value === undefined) return null;
      return typeof value === 'string' ? value : JSON.stringify(value);
    },
  };
}

const base = {
  'app.json': {
    pages: ['pages/home/index'],
    usingComponents: { 'global-badge': '/components/badge/index' },
    subPackages: [
      { root: 'tool', pages: ['pages/entry/index'], independent: true, entry: 'entry.js', renderer: 'skyline' },
    ],
    chatTools: [{ root: 'tool', entryPagePath: 'pages/entry/index' }],
  },
  'app.ts': 'App({})',
  'pages/home/index.json': { usingComponents: { card: '../../components/card/index' } },
  'pages/home/index.ts': '',
  'pages/home/index.wxml': '<card/>',
  'components/card/index.json': { component: true },
  'components/card/index.ts': '',
  'components/badge/index.json': { component: true },
  'components/badge/index.js': '',
  'tool/entry.ts': '',
  'tool/pages/entry/index.json': {
    usingComponents: { 'mp-dialog': 'weui-miniprogram/dialog/dialog', list: '/tool/components/list' },
  },
  'tool/pages/entry/index.ts': '',
  'tool/miniprogram_npm/weui-miniprogram/dialog/dialog.json': { component: true },
  'tool/miniprogram_npm/weui-miniprogram/dialog/dialog.js': '',
  'tool/components/list/index.json': { component: true },
  'tool/components/list/index.ts': '',
};

describe('app.json walk', () => {
  test('finds pages of every package and the components they use, resolving relative, absolute, npm and folder paths', () => {
    const graph = walkApp(project(base));
    expect(graph.pages).toEqual(['pages/home/index', 'tool/pages/entry/index']);
    expect([...graph.components.keys()].sort()).toEqual([
      'components/badge/index',
      'components/card/index',
      'pages/home/index',
      'tool/components/list/index',
      'tool/miniprogram_npm/weui-miniprogram/dialog/dialog',
      'tool/pages/entry/index',
    ]);
    expect(graph.components.get('pages/home/index')!.config.usingComponents).toEqual({
      'global-badge': '/components/badge/index',
      card: '/components/card/index',
    });
    expect(graph.components.get('tool/pages/entry/index')!.config.usingComponents).toEqual({
      'mp-dialog': '/tool/miniprogram_npm/weui-miniprogram/dialog/dialog',
      list: '/tool/components/list/index',
    });
  });

  test('an independent subpackage does not see app.json global components, and runs its entry file', () => {
    const graph = walkApp(project(base));
    const entry = graph.components.get('tool/pages/entry/index')!;
    expect(entry.packageRoot).toBe('tool');
    expect(entry.config.usingComponents).not.toHaveProperty('global-badge');
    expect(graph.subpackages[0]).toMatchObject({
      root: 'tool',
      independent: true,
      entry: 'tool/entry.ts',
      renderer: 'skyline',
    });
    expect(graph.chatTool).toEqual({ root: 'tool', entryPage: 'tool/pages/entry/index' });
  });

  test('lists the files a component could have, so creating its first style sheet rebuilds', () => {
    const graph = walkApp(project(base));
    expect(graph.files).toEqual(expect.arrayContaining(['components/card/index.wxss', 'components/card/index.wxml']));
  });

  test('lists every file read so the watcher knows what to rebuild for', () => {
    const graph = walkApp(project(base));
    expect(graph.files).toEqual(
      expect.arrayContaining([
        'app.json',
        'app.ts',
        'pages/home/index.wxml',
        'components/badge/index.js',
        'tool/entry.ts',
      ]),
    );
  });

  test('a missing component names the json that asked for it', () => {
    const files = { ...base, 'pages/home/index.json': { usingComponents: { ghost: './ghost' } } };
    expect(() => walkApp(project(files))).toThrow('usingComponents "ghost": cannot find ./ghost');
  });

  test('a JSON syntax error names the file and line', () => {
    const files = { ...base, 'pages/home/index.json': '{\n  "usingComponents": {,\n}' };
    try {
      walkApp(project(files));
      throw new Error('no error');
    } catch (err) {
      expect(err).toBeInstanceOf(BuildError);
      expect((err as BuildError).info()).toMatchObject({ kind: 'json', file: 'pages/home/index.json', line: 2 });
    }
  });
});
