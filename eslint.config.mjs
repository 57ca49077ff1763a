// The linter: typescript-eslint's recommended rules, plus the boundaries between layers
// (docs/architecture.md): the core knows no Node and no connection; only the Node host and the CLI
// touch the file system. Type-aware rules are left out so that `npm run lint` stays a few seconds.
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.bench/**', 'test-results/**', 'test/fixtures/**', 'test/extension/workspace/**', 'examples/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_` marks a parameter an interface requires but this implementation does not read.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'The core runs without Node: take what you need from the host (WorkspaceHost) instead.' })),
            { name: 'vscode-languageserver', message: 'The core takes protocol types from vscode-languageserver-protocol and never a connection.' },
            { name: 'vscode', message: 'The core does not know the editor.' },
          ],
          patterns: [
            { group: ['vscode-languageserver/*'], message: 'The core never imports the connection.' },
            { group: ['**/node/*', '**/lsp/*', '**/server', '**/cli', '**/client/**'], message: 'The core does not import the host, the server, the CLI or the client.' },
          ],
        },
      ],
    },
  },
  {
    // Node scripts and tests run with Node's globals; CommonJS shims are allowed there.
    files: ['**/*.mjs', '**/*.js', 'bin/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
