// Jest's default reporter says only "1 skipped" for a file whose tests are all skipped, and drops what that file
// printed. This reporter names every skipped test at the end of the run, so the reason a skipped test carries in its
// title (e.g. the real-CloudBase contract without credentials) reaches `npm test`'s output.
class SkippedTestsReporter {
  constructor(_globalConfig, _options, _context, write = (text) => process.stdout.write(text)) {
    this.write = write;
  }

  onRunComplete(_contexts, results) {
    const skipped = results.testResults.flatMap((file) =>
      file.testResults
        .filter((test) => test.status === 'pending' || test.status === 'todo')
        .map((test) => test.fullName),
    );
    if (skipped.length === 0) return;
    this.write(`\nSkipped tests (${skipped.length}):\n${skipped.map((name) => `  - ${name}\n`).join('')}`);
  }
}

module.exports = SkippedTestsReporter;
