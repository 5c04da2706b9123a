import { isSourceEdit, planReload, type LoadedProject } from '../../../simulator/server/watch';

/** A project as the dev server last read it: the app build and one function that loads a shared domain file. */
const project: LoadedProject = {
  app: { files: new Set(['app.json', 'pages/a/index.wxss', 'shared/domain.ts']), ok: true },
  functions: [
    {
      name: 'signup',
      dir: 'cloudfunctions/signup',
      files: new Set(['cloudfunctions/signup/src/local.ts', 'shared/domain.ts']),
    },
    { name: 'poll', dir: 'cloudfunctions/poll', files: new Set(['cloudfunctions/poll/src/local.ts']) },
  ],
  functionsFolder: 'cloudfunctions',
  runnerFolders: ['emulator', 'local'],
};

const plan = (...files: string[]) => planReload(files, project);

describe('what an edit rebuilds', () => {
  test('files the last build read rebuild the app', () => {
    expect(plan('pages/a/index.wxss')).toEqual({ app: true, functions: [], rediscover: false, runner: false });
    expect(plan('app.json').app).toBe(true);
    expect(plan('pages/b/unused.ts').app).toBe(false);
  });

  test('after a failed build, any source edit rebuilds the app', () => {
    expect(planReload(['pages/b/unused.ts'], { ...project, app: { ...project.app, ok: false } }).app).toBe(true);
  });

  test('a file a function loaded, or any file of its folder, reloads that function only; a shared one does both', () => {
    expect(plan('cloudfunctions/signup/src/local.ts')).toEqual({
      app: false,
      functions: ['signup'],
      rediscover: false,
      runner: false,
    });
    expect(plan('cloudfunctions/poll/config.json').functions).toEqual(['poll']);
    expect(plan('cloudfunctions/poll/src/new-file.ts').functions).toEqual(['poll']);
    expect(plan('shared/domain.ts')).toEqual({ app: true, functions: ['signup'], rediscover: false, runner: false });
  });

  test('a file under cloudfunctions/ in no known function looks for functions again', () => {
    expect(plan('cloudfunctions/carpool/src/local.ts')).toMatchObject({ functions: [], rediscover: true });
  });

  test("the runner's own folders start it over", () => {
    expect(plan('emulator/wechat.ts').runner).toBe(true);
    expect(plan('local/index.ts').runner).toBe(true);
    expect(planReload(['local/index.ts'], { ...project, runnerFolders: [] }).runner).toBe(false);
  });

  test('tooling, tests, generated bundles and databases are ignored', () => {
    for (const file of [
      'node_modules/x/index.js',
      'tests/e2e/a.test.ts',
      'cloudfunctions/signup/index.js',
      '.simulator/database.sqlite',
      'docs/a.md',
      'simulator/cli.ts',
      'pages/a/a.png',
    ]) {
      expect(isSourceEdit(file)).toBe(false);
      expect(plan(file)).toEqual({ app: false, functions: [], rediscover: false, runner: false });
    }
  });
});
