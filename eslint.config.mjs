import { readdirSync } from 'node:fs'
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import importX from 'eslint-plugin-import-x'

// Renderer feature folders: each may use components/, api/, i18n/, @shared and the router, and
// another feature only through that feature's index.ts (its public surface), never its internals.
// Read from disk so a new feature folder is bounded from its first commit.
const featureRoot = './src/renderer/src/features'
const FEATURES = readdirSync(featureRoot, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
const featureBoundaries = FEATURES.map((feature) => ({
  target: `${featureRoot}/${feature}`,
  from: featureRoot,
  except: [`./${feature}`, ...FEATURES.filter((f) => f !== feature).map((f) => `./${f}/index.ts`)],
  message: 'Import another feature only through its index.ts.'
}))

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
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.tsx', '.json'] } } },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            ...featureBoundaries,
            { target: featureRoot, from: './src/renderer/src/app', except: ['./router.ts'], message: 'Features do not reach into the app shell (the router excepted).' }
          ]
        }
      ]
    }
  },
  {
    // Main and shared code: no import cycles either.
    files: ['src/main/**/*.ts', 'src/shared/**/*.ts', 'src/preload/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver': { node: { extensions: ['.ts', '.json'] } } },
    rules: { 'import-x/no-cycle': 'error' }
  },
  {
    // Only the thin Electron shell may import electron; services must stay plain Node (docs/architecture.md#layers).
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
