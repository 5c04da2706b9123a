// Unit, component and integration tests live under tests/, mirroring the source tree.
// Type checking is `npm run check` (tsc); here TypeScript is only transpiled, per file
// (ts-jest does that because tsconfig.json sets isolatedModules).
// One jest run holds two projects: every test under the readings the environment picks (WECHAT_READINGS, default
// `documented`), and the app's backend, page and e2e tests again under `alternate`: the WeChat emulator then plays
// the other reading of every point WeChat's documents leave open (emulator/readings.ts). Each test file's line
// names its readings. With WECHAT_READINGS set, only the first project runs, under those readings.
const readings = process.env.WECHAT_READINGS;

/** The folders whose tests run under both readings: the backend, the pages, the emulator and the e2e flows. */
const READINGS_FOLDERS = ['cloudfunctions', 'local', 'emulator', 'packageChatTool', 'miniprogram', 'examples', 'e2e'];

/** @type {import('jest').Config} */
const project = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The kit by its package name, as the chat tool imports it (WeChat resolves it through miniprogram_npm).
  moduleNameMapper: { '^chat-tool-kit$': '<rootDir>/kit/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/packageChatTool/miniprogram_npm/', '<rootDir>/kit/miniprogram_dist/'],
};

/** @type {import('jest').Config} */
module.exports = {
  reporters: ['default', '<rootDir>/tests/harness/skipped-tests-reporter.js'],
  // A hang guard, not a speed check: a test shares the cores with another file and its browser or compiler, and
  // jest's 5 s default failed CPU-heavy tests of the offline database on a loaded machine (one at a time, too).
  // A global option: jest ignores it inside a project.
  testTimeout: 20_000,
  // jest's default, one worker fewer than the cores, is a single worker on 2 cores: the files ran one at a time.
  // Many files mostly wait (on compiler child processes, the browser, simulated latency), so one per core.
  maxWorkers: '100%',
  projects: [
    {
      ...project,
      displayName: `WeChat readings: ${readings ?? 'documented'}`,
      testMatch: ['<rootDir>/tests/**/*.test.ts'],
    },
    ...(readings
      ? []
      : [
          {
            ...project,
            displayName: 'WeChat readings: alternate',
            testMatch: READINGS_FOLDERS.map((folder) => `<rootDir>/tests/${folder}/**/*.test.ts`),
            setupFiles: ['<rootDir>/tests/harness/alternate-readings.ts'],
          },
        ]),
  ],
};
