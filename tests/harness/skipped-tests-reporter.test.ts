import path from 'node:path';

type Write = (text: string) => void;
type Reporter = new (
  globalConfig: unknown,
  options: unknown,
  context: unknown,
  write: Write,
) => { onRunComplete(contexts: unknown, results: unknown): void };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const SkippedTestsReporter = require(path.join(__dirname, 'skipped-tests-reporter.js')) as Reporter;

function run(statuses: string[][]): string {
  let output = '';
  const reporter = new SkippedTestsReporter({}, {}, {}, (text) => {
    output += text;
  });
  const testResults = statuses.map((file, f) => ({
    testResults: file.map((status, t) => ({ status, fullName: `file ${f} test ${t} (${status})` })),
  }));
  reporter.onRunComplete(new Set(), { testResults });
  return output;
}

test('names every skipped test, with the reason its title gives, at the end of the run', () => {
  expect(run([['passed', 'pending'], ['pending'], ['failed', 'todo']])).toBe(
    '\nSkipped tests (3):\n' +
      '  - file 0 test 1 (pending)\n' +
      '  - file 1 test 0 (pending)\n' +
      '  - file 2 test 1 (todo)\n',
  );
});

test('prints nothing when no test was skipped', () => {
  expect(run([['passed'], ['failed']])).toBe('');
});
