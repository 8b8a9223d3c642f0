// Lint with type information: the rules that catch real bugs here (a promise nobody awaits, a switch that misses
// a new status) need the type checker. Formatting is Prettier's job; eslint-config-prettier turns off what clashes.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/** Relative imports that climb out of a shared folder into the top-level daemon/. */
const daemonInternals = {
  regex: '^(\\.\\./)+daemon(/|$)',
  message:
    'Only daemon/ (and tests, bench, scripts) may import daemon internals; move what is shared to protocol/, client/, config/ or domain/.',
};
/** Webviews run in a browser sandbox: protocol types and domain rules only. */
const webviewForbidden = {
  regex: '^(\\.\\./)+(daemon|client|config|extension)(/|$)',
  message: 'Webview code runs in the browser: import protocol/ types and domain/ only.',
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.editor-lab/**',
      '.vutf-test/**',
      'test/lint/fixtures/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test's describe/it return promises the runner itself awaits.
        {
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'],
            },
          ],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['extension/**/*.ts', 'protocol/**/*.ts', 'client/**/*.ts', 'config/**/*.ts', 'domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [daemonInternals] }] },
  },
  {
    files: ['webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [webviewForbidden] }] },
  },
  prettier,
);
