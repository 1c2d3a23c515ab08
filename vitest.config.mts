import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  // src/shared, imported as @shared/… (same mapping as electron.vite.config.ts and the tsconfigs).
  resolve: { alias: { '@shared': resolve(import.meta.dirname, 'src/shared') } },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts', 'test/contract/**/*.test.ts'],
    environment: 'node',
    // One PostgreSQL cluster per run, started only if a team test asks for it (test/support/postgres-server.ts).
    globalSetup: ['test/support/postgres-server.ts'],
    // The JSON report feeds scripts/test-summary.mjs (one closing "N passed, N failed" line for CI);
    // scripts/audit-security.mjs points it elsewhere so its run does not replace the suite's report.
    reporters: ['default', ['json', { outputFile: process.env['VITEST_JSON_REPORT'] ?? 'test-results/vitest.json' }]],
    // Integration tests start real loopback servers and a real keychain; give them room.
    testTimeout: 30_000,
    hookTimeout: 30_000,
    server: {
      deps: {
        // electron-store imports `electron`; inline it so tests can alias it away (docs/architecture.md#testing).
        inline: ['electron-store']
      }
    }
  }
})
