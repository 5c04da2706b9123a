// The fast checks on a minimal good project and on one broken thing at a time.
import { checkChatToolRules, runtimeImports } from '../../scripts/checks/chat-tool-rules';
import { checkLint } from '../../scripts/checks/lint';
import type { CheckResult } from '../../scripts/checks/result';
import { checkTypes } from '../../scripts/checks/types';
import { checkWxml } from '../../scripts/checks/wxml';
import { appJson, fixtureProjects, lintConfigFiles } from './fixture-project';

const project = fixtureProjects();

const messages = (check: CheckResult) =>
  check.problems.map((p) => `${p.file}${p.line ? `:${p.line}` : ''} ${p.message}`);

describe('the good project passes', () => {
  const root = project();
  test('chat-tool rules', () => {
    expect(checkChatToolRules(root).problems).toEqual([]);
  });
  test('wxml', () => {
    const check = checkWxml(root);
    expect(check.problems).toEqual([]);
    expect(check.info).toEqual(['3 WXML files']);
  });
  test('types', () => {
    expect(checkTypes(root).problems).toEqual([]);
  });
});

describe('malformed app.json', () => {
  test('is reported against app.json with the parser message', () => {
    const root = project({ 'app.json': '{ "pages": ["miniprogram/pages/home/index"], }' });
    expect(messages(checkChatToolRules(root))).toEqual([
      expect.stringMatching(/^app\.json app\.json is not valid JSON: .+/),
    ]);
  });
});

describe('chat-tool rules', () => {
  const withApp = (change: (app: typeof appJson) => unknown) =>
    checkChatToolRules(project({ 'app.json': JSON.stringify(change(structuredClone(appJson))) }));

  test('exactly one chatTools entry', () => {
    expect(messages(withApp((app) => ({ ...app, chatTools: [] })))).toEqual([
      'app.json chatTools must have exactly one entry (has 0)',
    ]);
    expect(messages(withApp((app) => ({ ...app, chatTools: [...app.chatTools, ...app.chatTools] })))).toEqual([
      'app.json chatTools must have exactly one entry (has 2)',
    ]);
  });

  test('independent, glass-easel, skyline, entry file, entry page', () => {
    const problems = messages(
      withApp((app) => {
        const [sub] = app.subPackages;
        Object.assign(sub!, {
          independent: false,
          componentFramework: 'exparser',
          renderer: 'webview',
          entry: 'main.js',
        });
        app.chatTools[0]!.entryPagePath = 'pages/missing/index';
        return app;
      }),
    );
    expect(problems).toEqual([
      'app.json subpackage packageChatTool must be "independent": true',
      'app.json subpackage packageChatTool must use "componentFramework": "glass-easel"',
      'app.json subpackage packageChatTool must use "renderer": "skyline"',
      'app.json entry file packageChatTool/main.js or packageChatTool/main.ts does not exist',
      'app.json chatTools entryPagePath "pages/missing/index" is not one of packageChatTool\'s pages',
    ]);
  });

  test('the chat tool root must be a subpackage', () => {
    expect(messages(withApp((app) => ({ ...app, subPackages: [] })))).toEqual([
      'app.json chatTools root "packageChatTool" is not a subpackage root',
    ]);
  });

  test('pages must use custom navigation', () => {
    const root = project({ 'packageChatTool/pages/entry/index.json': '{ "usingComponents": {} }' });
    expect(messages(checkChatToolRules(root))).toEqual([
      'packageChatTool/pages/entry/index.json Skyline pages need "navigationStyle": "custom"',
    ]);
  });
});

describe('files reaching outside the subpackage', () => {
  const page = 'packageChatTool/pages/entry/index';
  test.each([
    [
      'a usingComponents path',
      {
        [`${page}.json`]:
          '{ "navigationStyle": "custom", "usingComponents": { "x": "/miniprogram/pages/home/index" } }',
      },
      `${page}.json usingComponents "/miniprogram/pages/home/index" reaches outside packageChatTool/ (to miniprogram/pages/home/index)`,
    ],
    [
      'a value import',
      { [`${page}.ts`]: "import { shout } from '../../../miniprogram/shared';\nComponent({ data: { s: shout } });\n" },
      `${page}.ts:1 import "../../../miniprogram/shared" reaches outside packageChatTool/ (to miniprogram/shared)`,
    ],
    [
      'a require',
      { 'packageChatTool/entry.ts': "const config = require('../miniprogram/shared');\nconsole.log(config);\n" },
      'packageChatTool/entry.ts:1 import "../miniprogram/shared" reaches outside packageChatTool/ (to miniprogram/shared)',
    ],
    [
      'an npm package not packed into the subpackage',
      { 'packageChatTool/util/format.ts': "export { format } from 'date-fns';\n" },
      'packageChatTool/util/format.ts:1 import "date-fns" is not packed into packageChatTool/miniprogram_npm',
    ],
    [
      'a WXML import',
      { [`${page}.wxml`]: '<import src="/miniprogram/pages/home/index.wxml" />\n<view>{{greeting}}</view>\n' },
      `${page}.wxml WXML import/include "miniprogram/pages/home/index" reaches outside packageChatTool/`,
    ],
    [
      'a wxs src',
      { [`${page}.wxml`]: '<wxs module="m" src="../../../miniprogram/tools.wxs" />\n<view>{{greeting}}</view>\n' },
      `${page}.wxml wxs src "miniprogram/tools" reaches outside packageChatTool/`,
    ],
    [
      'a WXSS @import',
      { [`${page}.wxss`]: '@import "/app.wxss";\n.entry {\n  color: red;\n}\n' },
      `${page}.wxss:1 WXSS @import "/app.wxss" reaches outside packageChatTool/ (to app.wxss)`,
    ],
  ])('%s is caught and names the file', (_what, changes, expected) => {
    expect(messages(checkChatToolRules(project(changes)))).toEqual([expected]);
  });

  test('import type is erased at compile time, so it is allowed', () => {
    const source = [
      "import type { A } from '../outside/a';",
      "import { type B, type C } from '../outside/b';",
      "export type { D } from '../outside/d';",
      "import { e } from './inside';",
      "const f = import('../outside/f');",
    ].join('\n');
    expect(runtimeImports('x.ts', source)).toEqual([
      { specifier: './inside', line: 4 },
      { specifier: '../outside/f', line: 5 },
    ]);
  });
});

describe('WXML syntax errors', () => {
  test('are reported with file, line and column', () => {
    const root = project({
      'packageChatTool/components/badge/index.wxml': '<text class="badge">\n  {{count</text>\n',
    });
    const problems = messages(checkWxml(root));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatch(/^packageChatTool\/components\/badge\/index\.wxml:2 .*\(Fatal\)$/);
  });

  test('a missing end tag fails too', () => {
    const root = project({ 'miniprogram/pages/home/index.wxml': '<view class="home">\n<text>{{text}}\n</view>\n' });
    expect(messages(checkWxml(root))).toEqual([
      expect.stringMatching(/^miniprogram\/pages\/home\/index\.wxml:2 missing end tag/),
    ]);
  });
});

describe('type errors', () => {
  test('are reported with file and line', () => {
    const root = project({
      'packageChatTool/util/format.ts': 'export const shout = (text: string): number => text;\n',
    });
    const problems = messages(checkTypes(root));
    expect(problems).toContain(
      "packageChatTool/util/format.ts:1 TS2322 Type 'string' is not assignable to type 'number'. (tsconfig.json)",
    );
    // The caller that now receives a number is reported too.
    expect(problems).toContain(
      "packageChatTool/pages/entry/index.ts:4 TS2322 Type 'number' is not assignable to type 'string'. (tsconfig.json)",
    );
  });

  test("the simulator's browser code is checked when the project has it", () => {
    const root = project({
      'simulator/tsconfig.json': JSON.stringify({
        extends: '../tsconfig.json',
        compilerOptions: { lib: ['ES2022', 'DOM'], types: [] },
        include: ['runtime/**/*.ts'],
      }),
      'simulator/runtime/frame.ts': 'export const width: number = document.title;\n',
    });
    expect(messages(checkTypes(root))).toContain(
      "simulator/runtime/frame.ts:1 TS2322 Type 'string' is not assignable to type 'number'. (simulator/tsconfig.json)",
    );
  });

  test('a missing tsconfig is reported', () => {
    expect(messages(checkTypes(project({ 'tsconfig.node.json': null })))).toEqual(['tsconfig.node.json missing']);
  });
});

describe('lint', () => {
  test('eslint errors and unformatted files name the file', async () => {
    const root = project({
      ...lintConfigFiles(),
      'packageChatTool/util/format.ts': 'export const shout = (text: any): string => text.toUpperCase();\n',
      'miniprogram/shared.ts': 'export interface Greeting { text: string }\n',
    });
    const problems = messages(await checkLint(root));
    expect(problems).toContain(
      'packageChatTool/util/format.ts:1 Unexpected any. Specify a different type. (eslint @typescript-eslint/no-explicit-any)',
    );
    expect(problems).toContain('miniprogram/shared.ts not formatted (run `npm run format`)');
  }, 60_000);
});
