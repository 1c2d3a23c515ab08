import { defineConfig } from '@playwright/test'

// End-to-end tests drive the built app through test/e2e/harness.ts (Electron when a binary exists,
// else Debian's Chromium + the real main-process core). One worker: each test starts its own
// simulator and app, and the machines here have 2 cores.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/playwright',
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/playwright.json' }]],
  use: { trace: 'off' }
})
