import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// I/O libraries that must never reach the pure domain: the rules of the product stay testable without them.
const ioModules = [
  'typeorm',
  'typeorm/*',
  'pg',
  'pg-boss',
  'botbuilder',
  'botbuilder-*',
  'restify',
  'restify-*',
  '@electric-sql/*',
  'node:*',
  'fs',
  'http',
  'https',
  'net',
  'child_process',
  'undici',
  'pino',
];

// The Bot Framework SDK stays in bot/src/teams, so moving to its successor is a one-folder change.
const botFrameworkModules = ['botbuilder', 'botbuilder-*', 'botframework-*'];

export default tseslint.config(
  {
    ignores: [
      '.tmp/**',
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'appPackage/build/**',
      'coverage/**',
      'test-artifacts/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
    },
  },
  {
    files: ['bot/src/**/*.ts'],
    ignores: ['bot/src/db/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'typeorm', message: 'Only bot/src/db imports TypeORM.' }],
          patterns: [{ group: botFrameworkModules, message: 'Only bot/src/teams imports botbuilder.' }],
        },
      ],
    },
  },
  {
    files: ['bot/src/teams/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'typeorm', message: 'Only bot/src/db imports TypeORM.' }] },
      ],
    },
  },
  {
    files: ['bot/src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ioModules, message: 'bot/src/domain is pure: no I/O imports.' }] },
      ],
      'no-restricted-globals': ['error', { name: 'fetch', message: 'bot/src/domain is pure: no network.' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Use the injected now.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected now.',
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'bench/**', '**/*.test.ts', '**/test/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Tool configuration that the tool loads as CommonJS (.dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
);
