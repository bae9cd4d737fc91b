// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/*
 * Import boundaries (issue 7). Each folder may import only what its job needs; the fixtures
 * in test/lint/fixtures/ break each rule once, and test/lint/boundaries.test.ts shows that
 * every rule fires. ESLint keeps only the last `no-restricted-imports` setting that applies
 * to a file, so each folder's setting lists all of its groups.
 */
const botbuilder = {
  group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/agents-*'],
  message:
    'botbuilder is imported in src/channels/botframework/ only, so that a move to the Microsoft 365 Agents SDK touches that folder alone.',
};
const impure = {
  group: [
    '**/channels/**',
    '**/server/**',
    '**/bot/**',
    '**/web/**',
    '**/turns/**',
    '**/state/**',
    'restify',
    'fs',
    'fs/*',
    'node:fs',
    'node:fs/*',
    'http',
    'https',
    'http2',
    'net',
    'node:http',
    'node:https',
    'node:http2',
    'node:net',
  ],
  message:
    'The engine and understanding are pure: no channels, server, web, state, file system or network.',
};
const engineFromContent = {
  group: ['**/engine/**', '**/turns/**', '**/channels/**', '**/server/**', '**/review/**'],
  message:
    'Content loading validates files and nothing else: it never imports the engine, turns, channels or the content check (src/review/).',
};
const restrict = (...patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const fixtures = 'test/lint/fixtures';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'dist/**',
      'test-artifacts/**',
      'public/vendor/**',
      'public/widget.js',
      'scratch/**',
      // Broken on purpose; test/lint/boundaries.test.ts lints them itself.
      `${fixtures}/**`,
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: {
      // Type-aware rules: a promise nobody handles can lose a reply or a state write.
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  { files: ['src/**/*.ts', `${fixtures}/server/**`], rules: restrict(botbuilder) },
  {
    files: [
      'src/engine/**/*.ts',
      'src/understanding/**/*.ts',
      `${fixtures}/engine/**`,
      `${fixtures}/understanding/**`,
    ],
    rules: restrict(botbuilder, impure),
  },
  {
    files: ['src/content/**/*.ts', `${fixtures}/content/**`],
    rules: restrict(botbuilder, engineFromContent),
  },
  {
    files: ['src/channels/botframework/**/*.ts', `${fixtures}/botframework/**`],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: [
      'src/cli/**',
      'bench/**',
      'test/eval/**',
      'scripts/**',
      'src/review/checkCli.ts',
      'src/content/writeJsonSchemas.ts',
      'src/content/buildUkPlaces.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs', '**/*.mjs', '**/*.js'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        window: 'readonly',
        document: 'readonly',
        navigator: 'readonly',
      },
    },
  },
);
