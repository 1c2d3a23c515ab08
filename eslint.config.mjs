import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off'
    }
  },
  {
    // The CLI launcher is plain CommonJS on purpose (runs on any Node ≥ 20.19 without a loader).
    files: ['bin/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    // The shell contract test's electron stand-in is CommonJS because it is loaded with --require.
    files: ['test/contract/**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } }
  },
  {
    // Only the thin Electron shell may import electron; services must stay plain Node (DESIGN §3).
    files: [
      'src/main/services/**/*.ts',
      'src/main/simulator/**/*.ts',
      'src/shared/**/*.ts',
      // The shell's plain modules, unit-tested in Node; Electron objects are passed to the others.
      'src/main/shell/app-protocol.ts',
      'src/main/shell/main-log.ts',
      'src/main/shell/crash-handling.ts'
    ],
    rules: {
      'no-restricted-imports': ['error', { paths: ['electron'] }]
    }
  }
)
