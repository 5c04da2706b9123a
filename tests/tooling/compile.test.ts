// The offline miniprogram-ci compile, the packaged file list and the size budget, on fixture projects.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { checkBudget, largestFiles, subpackageBytes } from '../../scripts/checks/budget';
import { CACHE_DIR, checkCompile, compileKey, compileOffline, type Compiled } from '../../scripts/checks/compile';
import { checkPackagedFiles, unexpectedFiles, unpackagedReferences } from '../../scripts/checks/packaged-files';
import { runChecks } from '../../scripts/checks';
import { formatProblem } from '../../scripts/checks/result';
import { baseFiles, fixtureProjects, formatProject, lintConfigFiles } from './fixture-project';

jest.setTimeout(180_000);

const project = fixtureProjects();

function succeeded(compiled: Compiled): Compiled & { ok: true } {
  if (!compiled.ok) throw new Error(`compile failed: ${compiled.message}`);
  return compiled;
}

function files(compiled: Compiled): Record<string, number> {
  return succeeded(compiled).files;
}

describe('a good project', () => {
  let root: string;
  let compiled: Compiled;
  beforeAll(async () => {
    root = project();
    compiled = await compileOffline(root);
  });

  test('compiles offline and packages only app files', () => {
    expect(checkCompile(compiled).problems).toEqual([]);
    const list = Object.keys(files(compiled));
    expect(list).toEqual(expect.arrayContaining(['app.js', 'app.json', 'packageChatTool/pages/entry/index.js']));
    const check = checkPackagedFiles(root, succeeded(compiled));
    expect(check.problems).toEqual([]);
    expect(check.info).toEqual([`${list.length} files in the package`]);
  });

  test('the compiled files are kept beside their sizes, in a cache entry named by the content compiled', async () => {
    if (!compiled.ok) throw new Error(compiled.message);
    for (const [file, bytes] of Object.entries(compiled.files)) {
      expect([file, fs.statSync(path.join(compiled.dir, file)).size]).toEqual([file, bytes]);
    }
    expect(compiled.dir).toBe(path.join(CACHE_DIR, compileKey(root), 'files'));
    // The same content again is the cached compile; a fresh copy of the project has the same key.
    expect(await compileOffline(root)).toEqual(compiled);
    expect(compileKey(project())).toBe(compileKey(root));
  });

  test('the cache key follows what the compile reads, not what it never reads', () => {
    const key = compileKey(root);
    const edited = project({ 'packageChatTool/util/format.ts': 'export const shout = (text: string) => text;\n' });
    expect(compileKey(edited)).not.toBe(key);
    const configured = project({
      'project.config.json': baseFiles['project.config.json']!.replace('"minified": true', '"minified": false'),
    });
    expect(compileKey(configured)).not.toBe(key);
    // tests/ is in packOptions.ignore: nothing in it reaches the package.
    expect(compileKey(project({ 'tests/another.test.ts': "test('x', () => undefined);\n" }))).toBe(key);
  });

  test('the subpackage size is the sum of its compiled files and is printed', () => {
    const bytes = subpackageBytes(files(compiled), 'packageChatTool');
    expect(bytes).toBeGreaterThan(0);
    const check = checkBudget(root, files(compiled));
    expect(check.problems).toEqual([]);
    expect(check.info[0]).toMatch(
      /^packageChatTool: \d+\.\d KiB \(\d+ bytes\) as upload sends it, of the 120 KiB budget \(platform limit 500 KiB\)$/,
    );
  });

  test('the largest compiled files of the subpackage are listed, heaviest first', () => {
    const sizes = {
      'packageChatTool/a.js': 2048,
      'packageChatTool/b.wxml': 512,
      'packageChatTool/c.js': 4096,
      'x.js': 9999,
    };
    expect(largestFiles(sizes, 'packageChatTool', 2)).toBe('c.js 4.0 KiB, a.js 2.0 KiB');
    expect(checkBudget(root, files(compiled)).info[1]).toMatch(/^largest: \S+ \d+\.\d KiB/);
  });

  test('a subpackage over budget fails, naming budget.json', () => {
    fs.writeFileSync(path.join(root, 'budget.json'), JSON.stringify({ chatTool: { maxKB: 0.1 } }));
    const check = checkBudget(root, files(compiled));
    expect(check.problems).toEqual([
      { file: 'packageChatTool', message: expect.stringMatching(/KiB is over the 0\.1 KiB budget in budget\.json$/) },
    ]);
  });

  test('a budget above the platform limit is refused', () => {
    fs.writeFileSync(path.join(root, 'budget.json'), JSON.stringify({ chatTool: { maxKB: 600 } }));
    expect(checkBudget(root, files(compiled)).problems).toEqual([
      { file: 'budget.json', message: 'budget.json: chatTool.maxKB must be a number in (0, 500]' },
    ]);
  });
});

test('files that packOptions.ignore forgot are reported', async () => {
  // With the unused-file filter off (a user may turn it off), only packOptions.ignore keeps tooling out.
  const config = JSON.parse(baseFiles['project.config.json']!) as {
    setting: Record<string, unknown>;
    packOptions: { ignore: { value: string }[] };
  };
  config.setting.ignoreUploadUnusedFiles = false;
  config.packOptions.ignore = config.packOptions.ignore.filter(
    ({ value }) => !['tests', 'tsconfig.json'].includes(value),
  );
  const root = project({ 'project.config.json': JSON.stringify(config) });
  const check = checkPackagedFiles(root, succeeded(await compileOffline(root)));
  expect(check.problems.map((problem) => problem.file).sort()).toEqual(['tests/fixture.test.js', 'tsconfig.json']);
});

test('malformed app.json fails the compile, naming app.json', async () => {
  const root = project({ 'app.json': '{ "pages": [' });
  const check = checkCompile(await compileOffline(root));
  expect(check.problems).toHaveLength(1);
  expect(check.problems[0]!.file).toBe('app.json');
});

test('the allow-list: sources, docs, tooling and stray root files are not app files', () => {
  const appFiles = [
    'app.js',
    'project.config.json',
    '@babel/runtime/helpers/typeof.js',
    'miniprogram/pages/launcher/index.js',
    'packageChatTool/miniprogram_npm/weui-miniprogram/dialog/dialog.wxml',
  ];
  const strayFiles = [
    'packageChatTool/pages/entry/index.ts',
    'README.md',
    'package.json',
    'scripts/check.js',
    'simulator/runtime.js',
    'packageChatTool/notes.txt',
  ];
  const problems = unexpectedFiles([...appFiles, ...strayFiles], ['miniprogram', 'packageChatTool']);
  expect(problems.map((problem) => problem.file)).toEqual(strayFiles);
});

describe('images a packaged file names', () => {
  const weui = 'packageChatTool/miniprogram_npm/weui-miniprogram';
  const icon = `${weui}/_assets/loading-icon.1d274d77.svg`;

  test('each must be packaged: absolute from the root, or relative to the file', () => {
    const texts = {
      'packageChatTool/view/routes.js': 'exports.CARD_IMAGE="/packageChatTool/assets/card.png"',
      'packageChatTool/pages/entry/index.wxss': '.logo{background:url(../../assets/logo.png)}',
      'packageChatTool/pages/entry/index.wxml': '<image src="./empty.svg"/><image src="{{item.avatar}}"/>',
    };
    const packaged = new Set([...Object.keys(texts), 'packageChatTool/assets/card.png']);
    expect(unpackagedReferences(texts, packaged).map(({ file, message }) => `${file}: ${message}`)).toEqual([
      'packageChatTool/pages/entry/index.wxss: loads ../../assets/logo.png, which is not in the package: keep it out of packOptions.ignore',
      'packageChatTool/pages/entry/index.wxml: loads ./empty.svg, which is not in the package: keep it out of packOptions.ignore',
    ]);
    const all = new Set([...packaged, 'packageChatTool/assets/logo.png', 'packageChatTool/pages/entry/empty.svg']);
    expect(unpackagedReferences(texts, all)).toEqual([]);
  });

  test('remote images and data: URIs are not files of the package', () => {
    const texts = {
      'packageChatTool/a.wxss':
        ".a{background:url('https://example.com/a.png')}.b{background:url(//cdn.example.com/b.png)}",
      'packageChatTool/b.wxss': `.c{mask-image:url("data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg'%3E")}`,
    };
    expect(unpackagedReferences(texts, new Set(Object.keys(texts)))).toEqual([]);
  });

  test("weui's loading component, if a page ever used it, fails the check: packOptions.ignore leaves its icon out", () => {
    const root = path.resolve(__dirname, '../..');
    const ignored = (
      JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
        packOptions: { ignore: { type: string; value: string }[] };
      }
    ).packOptions.ignore;
    expect(ignored).toContainEqual({ type: 'folder', value: `${weui}/_assets` });
    const loading = `${weui}/loading/loading.wxml`;
    const texts = { [loading]: fs.readFileSync(path.join(root, loading), 'utf8') };
    const problems = unpackagedReferences(texts, new Set(Object.keys(texts)));
    expect(problems.map(({ file }) => file)).toEqual([loading]);
    expect(problems[0]!.message).toMatch(/^loads \/_assets\/loading-icon\.\w+\.svg, which is not in the package/);
    expect(fs.existsSync(path.join(root, icon))).toBe(true);
  });
});

test('runChecks on a good project: every check runs and passes', async () => {
  const root = project(lintConfigFiles());
  formatProject(root);
  const reported: string[] = [];
  const results = await runChecks(root, (check) => reported.push(check.name));
  expect(results.flatMap((check) => check.problems.map(formatProblem))).toEqual([]);
  expect(reported).toEqual([
    'chat-tool rules',
    'wxml (glass-easel-template-compiler)',
    'skyline',
    'types (tsc --noEmit)',
    'lint (eslint, prettier)',
    'emulator imports',
    'platform-neutral domain',
    'citations',
    'miniprogram-ci offline compile',
    'packaged file list',
    'engines (compiled syntax)',
    'kit exports',
    'chat-tool size budget',
  ]);
});

test('npm run check fails loudly: exit code 1, the file named, the failed checks listed', () => {
  const root = project({
    ...lintConfigFiles(),
    'packageChatTool/components/badge/index.wxml': '<text>{{count</text>\n',
    'packageChatTool/styles/base.wxss': 'view {\n  position: fixed;\n}\n',
  });
  formatProject(root);
  const cli = path.resolve(__dirname, '../../scripts/check.ts');
  const tsx = createRequire(__filename).resolve('tsx/cli');
  const run = spawnSync(process.execPath, [tsx, cli, root], { encoding: 'utf8', timeout: 170_000 });
  expect(run.status).toBe(1);
  expect(run.stdout).toMatch(/✖ wxml \(glass-easel-template-compiler\)/);
  expect(run.stdout).toMatch(/ {4}packageChatTool\/components\/badge\/index\.wxml:1:\d+: /);
  expect(run.stdout).toMatch(
    /✔ skyline — .*\n {4}warning: packageChatTool\/styles\/base\.wxss:2:3: position: fixed — /,
  );
  expect(run.stdout).toMatch(/✔ chat-tool size budget — packageChatTool: \d+\.\d KiB/);
  expect(run.stderr).toMatch(/check FAILED \(wxml \(glass-easel-template-compiler\)\)/);
});
