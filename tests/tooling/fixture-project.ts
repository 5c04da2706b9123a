// A minimal, valid chat-tool project written to a temp dir, for running the checks on good and broken
// input. Tests pass `changes` (path → new content, or null to delete) to break one thing at a time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '../..');

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export const appJson = {
  pages: ['miniprogram/pages/home/index'],
  subPackages: [
    {
      root: 'packageChatTool',
      name: 'chatTool',
      pages: ['pages/entry/index'],
      independent: true,
      entry: 'entry.js',
      componentFramework: 'glass-easel',
      renderer: 'skyline',
    },
  ],
  chatTools: [{ root: 'packageChatTool', entryPagePath: 'pages/entry/index', desc: 'fixture tool', scopes: [] }],
  rendererOptions: { skyline: { defaultDisplayBlock: true, defaultContentBox: true, disableABTest: true } },
  lazyCodeLoading: 'requiredComponents',
  sitemapLocation: 'sitemap.json',
};

const ignored = ['node_modules', 'tests', 'typings', 'docs'].map((value) => ({ type: 'folder', value }));
const ignoredFiles = ['tsconfig.json', 'tsconfig.node.json', 'budget.json', 'eslint.config.mjs', '.prettierrc.json'];

export const baseFiles: Record<string, string> = {
  'project.config.json': json({
    appid: 'touristappid',
    compileType: 'miniprogram',
    miniprogramRoot: '',
    libVersion: '3.7.12',
    setting: {
      useCompilerPlugins: ['typescript'],
      es6: false,
      enhance: false,
      minified: true,
      ignoreUploadUnusedFiles: true,
    },
    packOptions: {
      ignore: [
        ...ignored,
        ...ignoredFiles.map((value) => ({ type: 'file', value })),
        { type: 'glob', value: '**/*.md' },
      ],
      include: [],
    },
  }),
  'app.json': json(appJson),
  'app.ts': 'App({});\n',
  'sitemap.json': json({ rules: [{ action: 'allow', page: '*' }] }),
  'budget.json': json({ chatTool: { maxKB: 120 } }),
  'tsconfig.json': json({
    compilerOptions: {
      target: 'ES2020',
      module: 'CommonJS',
      lib: ['ES2020'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['miniprogram-api-typings'],
    },
    include: ['app.ts', 'miniprogram/**/*.ts', 'packageChatTool/**/*.ts'],
  }),
  'tsconfig.node.json': json({ extends: './tsconfig.json', include: ['app.ts', 'miniprogram/**/*.ts'] }),
  'miniprogram/shared.ts': 'export interface Greeting {\n  text: string;\n}\n',
  'miniprogram/pages/home/index.ts': "Component({ data: { text: 'home' } });\n",
  'miniprogram/pages/home/index.wxml': '<view class="home">{{text}}</view>\n',
  'miniprogram/pages/home/index.json': json({ usingComponents: {} }),
  'packageChatTool/entry.ts': "console.log('chat tool starts');\n",
  'packageChatTool/util/format.ts': 'export const shout = (text: string): string => text.toUpperCase();\n',
  'packageChatTool/pages/entry/index.ts': [
    "import type { Greeting } from '../../../miniprogram/shared';",
    "import { shout } from '../../util/format';",
    '',
    "const greeting: Greeting = { text: shout('hello') };",
    'Component({ data: { greeting: greeting.text } });',
    '',
  ].join('\n'),
  'packageChatTool/pages/entry/index.wxml': '<view class="entry"><badge />{{greeting}}</view>\n',
  'packageChatTool/pages/entry/index.wxss': '@import "../../styles/base.wxss";\n.entry {\n  padding: 16rpx;\n}\n',
  'packageChatTool/pages/entry/index.json': json({
    navigationStyle: 'custom',
    usingComponents: { badge: '../../components/badge/index' },
  }),
  'packageChatTool/styles/base.wxss': 'view {\n  box-sizing: border-box;\n}\n',
  'packageChatTool/components/badge/index.ts': 'Component({});\n',
  'packageChatTool/components/badge/index.wxml': '<text class="badge">!</text>\n',
  'packageChatTool/components/badge/index.json': json({ component: true, usingComponents: {} }),
  'tests/fixture.test.ts': "test('not packaged', () => undefined);\n",
  'docs/readme.md': '# not packaged\n',
};

/** Writes the project (with `changes` applied) to a fresh temp dir and returns its path. */
export function writeProject(changes: Record<string, string | null> = {}): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'chat-tool-project-'));
  const files = { ...baseFiles, ...changes };
  for (const [file, content] of Object.entries(files)) {
    if (content === null) continue;
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), content);
  }
  // Type definitions, eslint and the compilers resolve from the project, as in the real repository.
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return root;
}

export function removeProject(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/** For one test file: a `project(changes)` that writes fixture projects, all removed after its tests. */
export function fixtureProjects(): (changes?: Record<string, string | null>) => string {
  const roots: string[] = [];
  afterAll(() => roots.forEach(removeProject));
  return (changes = {}) => {
    const root = writeProject(changes);
    roots.push(root);
    return root;
  };
}

/** The repository's own lint configuration, to lint a fixture project as the real one is linted. */
export function lintConfigFiles(): Record<string, string> {
  return Object.fromEntries(
    ['eslint.config.mjs', '.prettierrc.json'].map((file) => [file, fs.readFileSync(path.join(repoRoot, file), 'utf8')]),
  );
}

/** Formats a fixture project with the repository's Prettier settings (its files are written unformatted). */
export function formatProject(root: string): void {
  const prettier = path.join(repoRoot, 'node_modules/prettier/bin/prettier.cjs');
  execFileSync(process.execPath, [prettier, '--write', '.'], { cwd: root, stdio: 'ignore' });
}
