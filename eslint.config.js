import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Lint is syntax-level (no type information) so it stays fast; `npm run typecheck` does the types.
// The dependency rules of docs/ARCHITECTURE.md are enforced here.
export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'server/drizzle/**', 'bench/results/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unsafe-function-type': 'off',
      'no-control-regex': 'off',
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    files: ['core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'fs', 'path', 'os', 'child_process', 'net', 'http'], message: 'core is pure: no I/O' }, { group: ['@fitdesk/*', '../../server/*', '../../contracts/*'], message: 'core imports nothing of ours' }] }],
      'no-restricted-globals': ['error', { name: 'process', message: 'core is pure' }, { name: 'Buffer', message: 'core is pure' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core takes `now` from its caller' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core is deterministic' },
      ],
    },
  },
  {
    files: ['contracts/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ regex: '^(?!zod$|\\./)', message: 'contracts imports only zod' }] }] },
  },
  {
    files: ['server/src/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['../*/*.repo.js', '../*/*.repo'], message: 'features talk through *.service.ts, not another feature’s repo' }] }],
    },
  },
);
