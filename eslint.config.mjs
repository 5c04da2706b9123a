// Lint rules: typescript-eslint's recommended set, strict about `any` (allowed only in the one SDK adapter,
// kit/server/sdk.ts, named below).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      '**/miniprogram_npm/',
      'kit/miniprogram_dist/',
      'cloudfunctions/*/index.js',
      'examples/*/cloudfunctions/*/index.js',
      'artifacts/',
      'coverage/',
      '.simulator/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // The main-package launcher runs on clients too old for the chat tool, so its compiled code must parse as
    // ES5 (`npm run check`, "engines", scripts/checks/engines.ts): `var` is its only declaration and, with no
    // arrow functions, a callback reaches the page through an alias of `this`.
    files: ['app.ts', 'miniprogram/**/*.ts'],
    rules: { 'no-var': 'off', 'prefer-const': 'off', '@typescript-eslint/no-this-alias': 'off' },
  },
  {
    // wx-server-sdk's typings are loose; its one adapter casts them to the kit's ports.
    files: ['kit/server/sdk.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
);
