// Unit, component and integration tests live under tests/, mirroring the source tree.
// Type checking is `npm run check` (tsc); here TypeScript is only transpiled, per file
// (ts-jest does that because tsconfig.json sets isolatedModules).
/** @type {import('jest').Config} */
module.exports = {
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.node.json' }],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  modulePathIgnorePatterns: ['<rootDir>/packageChatTool/miniprogram_npm/'],
};
