import { classify } from '../../../simulator/server/watch';

describe('what an edit rebuilds', () => {
  test('pages, styles and templates rebuild the app', () => {
    expect(classify('packageChatTool/pages/task/index.wxss')).toEqual(['app']);
    expect(classify('miniprogram/pages/launcher/index.ts')).toEqual(['app']);
    expect(classify('app.json')).toEqual(['app']);
  });

  test('cloud function code reloads the function; the shared domain does both', () => {
    expect(classify('cloudfunctions/groupTask/src/actions.ts')).toEqual(['function']);
    expect(classify('packageChatTool/core/view.ts')).toEqual(['app', 'function']);
  });

  test('tooling, tests, generated bundles and databases are ignored', () => {
    for (const file of [
      'node_modules/x/index.js',
      'tests/e2e/a.test.ts',
      'cloudfunctions/groupTask/index.js',
      '.simulator/tasks.sqlite',
      'docs/a.md',
      'simulator/cli.ts',
      'packageChatTool/images/a.png',
    ]) {
      expect(classify(file)).toEqual([]);
    }
  });
});
