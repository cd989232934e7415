// Type-aware lint with three fences: the engine stays pure, everything outside it enters through
// src/engine/index.ts, and src never imports test code.
import tseslint from 'typescript-eslint';
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';

const IO_MODULES = [
  'fastify',
  'fastify/*',
  '@fastify/*',
  'graphql',
  'graphql/*',
  '@apollo/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'better-sqlite3',
  'node:*',
  'yaml',
  'prom-client',
];

/** What the command line must never load (start-up time, and no server, database or worker pool). */
const SERVER_MODULES = [
  'fastify',
  'fastify/*',
  '@fastify/*',
  '@apollo/*',
  '@as-integrations/*',
  '@escape.tech/*',
  'graphql',
  'graphql/*',
  'drizzle-orm',
  'drizzle-orm/*',
  'better-sqlite3',
  'pg',
  'pg/*',
  'piscina',
  'prom-client',
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      'node_modules/**',
      'migrations/**',
      'data/**',
      '.helpers/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
      // Without these import-x cannot parse the TypeScript it resolves to, and no-cycle finds nothing.
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'import-x/no-cycle': 'error',
      // One way into the engine: from outside src/engine, only its index. Unit tests of the engine's own
      // rules (test/unit/engine, mirroring src/engine) may reach the module they test.
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: [
                './src/!(engine)/**/*',
                './src/*.ts',
                './test/!(unit)/**/*',
                './test/unit/!(engine)/**/*',
                './bench/**/*',
                './scripts/**/*',
              ],
              from: './src/engine',
              except: ['./index.ts'],
              message: 'import the engine through src/engine/index.ts',
            },
          ],
        },
      ],
      // Fastify's plugin and hook APIs take async functions whether or not they await.
      '@typescript-eslint/require-await': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/test/**', '../test/*'], message: 'src must not import test code' }] },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IO_MODULES, message: 'src/engine is pure: no transport, storage or node:* imports' },
            { group: ['**/test/**'], message: 'src must not import test code' },
            {
              group: [
                '../../services/*',
                '../../http/*',
                '../../graphql/*',
                '../../db/*',
                '../../slack/*',
                '../../ingest/*',
              ],
              message: 'the engine does not depend on adapters',
            },
          ],
        },
      ],
    },
  },
  {
    // The command line starts fast and runs without a server: no server, storage or worker-pool code
    // (test/integration/cli/startup.test.ts also checks the whole module graph at run time).
    files: ['src/cli/**/*.ts', 'src/capture/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: SERVER_MODULES, message: 'the command line must not load server code' },
            { group: ['**/test/**'], message: 'src must not import test code' },
            {
              group: ['../http/*', '../graphql/*', '../db/*', '../slack/*', '../app.js', '../server.js'],
              message: 'the command line must not load server code',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  { files: ['*.js'], ...tseslint.configs.disableTypeChecked },
  {
    // Plain-JavaScript fixtures that node runs directly (stand-in kubectl, module hooks).
    files: ['test/fixtures/**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      parserOptions: { projectService: false, project: null },
      globals: { process: 'readonly' },
    },
  },
);
