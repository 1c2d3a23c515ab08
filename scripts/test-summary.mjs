// Adds up the Vitest and Playwright JSON reports of the last `npm test` into one closing line:
// "Tests: N passed, N failed, N skipped". Skipped tests are listed by name so none hides.
import { existsSync, readFileSync } from 'node:fs'

let passed = 0
let failed = 0
const skipped = []

if (existsSync('test-results/vitest.json')) {
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'))
  for (const file of v.testResults ?? []) {
    for (const t of file.assertionResults ?? []) {
      if (t.status === 'passed') passed++
      else if (t.status === 'failed') failed++
      else skipped.push(`vitest: ${t.fullName}`)
    }
  }
} else {
  console.log('test-summary: no Vitest report found')
  failed++
}

function walk(suite) {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests ?? []) {
      const status = test.status // expected | unexpected | flaky | skipped
      if (status === 'expected' || status === 'flaky') passed++
      else if (status === 'skipped') skipped.push(`playwright: ${spec.title}`)
      else failed++
    }
  }
  for (const child of suite.suites ?? []) walk(child)
}
if (existsSync('test-results/playwright.json')) {
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'))
  for (const suite of p.suites ?? []) walk(suite)
} else {
  console.log('test-summary: no Playwright report found')
  failed++
}

for (const name of skipped) console.log(`skipped: ${name}`)
console.log(`Tests: ${passed} passed, ${failed} failed, ${skipped.length} skipped`)
process.exit(failed > 0 ? 1 : 0)
