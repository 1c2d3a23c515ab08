#!/usr/bin/env node
// Headless SecPaid Desk: runs the built main-process services in plain Node ≥ 20.19.
const { existsSync } = require('node:fs')
const { join } = require('node:path')
const entry = join(__dirname, '..', 'out', 'main', 'cli.js')
if (!existsSync(entry)) {
  console.error('secpaid-desk: not built yet. Run `npm run build` in the SecPaid Desk folder first.')
  process.exit(1)
}
require(entry)
