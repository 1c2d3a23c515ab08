#!/usr/bin/env node
// Headless SecPaid Desk: runs the built main-process services in plain Node ≥ 20.19.
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const built = join(__dirname, '..', 'out', 'main')
const entry = join(built, 'cli.js')
if (!existsSync(entry)) {
  console.error('secpaid-desk: not built yet. Run `npm run build` in the SecPaid Desk folder first.')
  process.exit(1)
}
// Every command starts a fresh Node: compiled code from the previous run saves most of the compile.
require('./code-cache').installCodeCache({ codeDir: built, cacheDir: join(built, '.code-cache') })
require(entry)
