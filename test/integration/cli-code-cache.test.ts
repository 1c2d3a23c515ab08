/**
 * The CLI launcher's V8 code cache (bin/code-cache.js) in real Node child processes: whatever
 * state the cache is in, the code that runs is the code on disk, and nothing is printed.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'

const CODE_CACHE = path.resolve(import.meta.dirname, '../../bin/code-cache.js')

let dir = ''
let codeDir = ''
let cacheDir = ''
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'))
  codeDir = path.join(dir, 'out')
  cacheDir = path.join(codeDir, '.code-cache')
  fs.mkdirSync(codeDir)
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/** A module that requires a sibling, as the bundle's chunks do; `n` decides what it prints. */
function writeModules(n: number): void {
  fs.writeFileSync(path.join(codeDir, 'part.js'), `exports.value = () => ${n} * 2\n`)
  fs.writeFileSync(path.join(codeDir, 'main.js'), `const part = require('./part.js')\nconsole.log('value', part.value(), __filename === ${JSON.stringify(path.join(codeDir, 'main.js'))})\n`)
}

/** Runs main.js under the cache as bin/secpaid-desk.js does; returns stdout, fails on stderr. */
function run(): string {
  const script = `require(${JSON.stringify(CODE_CACHE)}).installCodeCache({ codeDir: ${JSON.stringify(codeDir)}, cacheDir: ${JSON.stringify(cacheDir)} }); require(${JSON.stringify(path.join(codeDir, 'main.js'))})`
  const out = execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  return out
}

const cacheFiles = (): string[] => (fs.existsSync(cacheDir) ? fs.readdirSync(cacheDir).sort() : [])

it('the first run writes a cache per file, the next runs use it and print the same', () => {
  writeModules(21)
  expect(run()).toBe('value 42 true\n')
  const files = cacheFiles()
  expect(files).toHaveLength(2)
  const written = files.map((f) => fs.statSync(path.join(cacheDir, f)).mtimeMs)
  expect(run()).toBe('value 42 true\n')
  // Used, not rewritten.
  expect(cacheFiles()).toEqual(files)
  expect(files.map((f) => fs.statSync(path.join(cacheDir, f)).mtimeMs)).toEqual(written)
})

it('a rebuilt file of the very same length runs as rebuilt, never from the old cache', () => {
  writeModules(21)
  expect(run()).toBe('value 42 true\n')
  writeModules(34)
  expect(run()).toBe('value 68 true\n')
  expect(run()).toBe('value 68 true\n')
})

it('a corrupt cache file costs a compile: the output is right and the file is replaced', () => {
  writeModules(21)
  run()
  for (const f of cacheFiles()) fs.writeFileSync(path.join(cacheDir, f), 'not a code cache')
  expect(run()).toBe('value 42 true\n')
  for (const f of cacheFiles()) expect(fs.readFileSync(path.join(cacheDir, f), 'utf8')).not.toBe('not a code cache')
})

it('a cache folder that cannot be written changes nothing but speed', () => {
  writeModules(21)
  fs.writeFileSync(cacheDir, 'a file where the folder would be')
  expect(run()).toBe('value 42 true\n')
  expect(fs.readFileSync(cacheDir, 'utf8')).toBe('a file where the folder would be')
})

it('files outside the code folder and files with a dynamic import load as usual', () => {
  writeModules(21)
  fs.writeFileSync(path.join(codeDir, 'main.js'), `import('node:os').then((os) => console.log('dynamic', typeof os.hostname))\n`)
  expect(run()).toBe('dynamic function\n')
  expect(cacheFiles()).toEqual([])
})
