// Unit, component and integration tests live under tests/, mirroring the source tree.
// Type checking is `npm run check` (tsc); here TypeScript is only transpiled, per file
// (ts-jest does that because tsconfig.json sets isolatedModules).
// `npm test` runs the app's backend, page and e2e tests a second time with WECHAT_READINGS=alternate: the WeChat
// emulator then plays the other reading of every point WeChat's documents leave open (emulator/readings.ts), and
// each test file's line names the readings.
const readings = process.env.WECHAT_READINGS;

/** @type {import('jest').Config} */
module.exports = {
  ...(readings ? { displayName: `WeChat readings: ${readings}` } : {}),
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  reporters: ['default', '<rootDir>/tests/harness/skipped-tests-reporter.js'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  // The kit by its package name, as the chat tool imports it (WeChat resolves it through miniprogram_npm).
  moduleNameMapper: { '^chat-tool-kit$': '<rootDir>/kit/index.ts' },
  modulePathIgnorePatterns: ['<rootDir>/packageChatTool/miniprogram_npm/', '<rootDir>/kit/miniprogram_dist/'],
};
