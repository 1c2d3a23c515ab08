'use strict'
/**
 * V8 code cache for the built CLI's own files (out/main). Node 20 compiles every CommonJS file
 * from source on every start; V8 can instead load a snapshot of already compiled code
 * (`cachedData`). Taken at the end of a run, the snapshot also holds the functions that run
 * compiled lazily, so the next start parses and compiles far less of the ~0.5 MB of bundle a
 * command loads (docs/architecture.md#cli-start-up).
 *
 * An optimisation only: a cache file that is missing, stale, corrupt, made by another Node or
 * with other V8 flags, or a cache folder that cannot be written, costs a normal compile — never a
 * failure and never wrong code. Cache files are named by a hash of the exact source (plus Node's
 * version and the architecture), because V8's own check compares little more than the source's
 * length: a rebuilt file gets a new name instead of someone else's compiled code.
 *
 * The cache lives inside the build output it belongs to (out/main/.code-cache): whoever could
 * replace a cache file could replace the code itself, so it adds nothing to trust, and
 * `npm run build` (which empties out/) removes it with the build it was made for.
 */
const crypto = require('node:crypto')
const fs = require('node:fs')
const path = require('node:path')
const vm = require('node:vm')
const Module = require('node:module')

/** Compiles CommonJS files under `codeDir` with code kept in `cacheDir`; other files as usual. */
function installCodeCache({ codeDir, cacheDir }) {
  const root = path.resolve(codeDir) + path.sep
  /** Scripts compiled without a usable cache: their snapshot is written at exit. */
  const toWrite = []
  const compile = Module.prototype._compile
  Module.prototype._compile = function (content, filename) {
    // A file with `import(` (even in a comment) compiles as usual: a vm.Script without Node's
    // module loader behind it could not run a dynamic import (the bundle turns ours into require).
    if (!filename.startsWith(root) || !filename.endsWith('.js') || content.includes('import(')) return compile.call(this, content, filename)
    const key = crypto.createHash('sha256').update(`${process.version} ${process.arch}\n`).update(content).digest('hex').slice(0, 32)
    const cacheFile = path.join(cacheDir, `${path.basename(filename)}.${key}.v8`)
    const cachedData = readOrNull(cacheFile)
    const script = new vm.Script(Module.wrap(content), { filename, ...(cachedData ? { cachedData } : {}) })
    if (!cachedData || script.cachedDataRejected) toWrite.push({ script, cacheFile })
    const wrapper = script.runInThisContext({ displayErrors: true })
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename))
  }
  process.once('exit', () => {
    for (const { script, cacheFile } of toWrite) writeQuietly(cacheFile, () => script.createCachedData())
  })
}

/** The `require` a module gets from Node (resolution relative to the module, shared module cache). */
function requireFor(mod) {
  const req = (id) => mod.require(id)
  req.resolve = (request, options) => Module._resolveFilename(request, mod, false, options)
  req.main = require.main
  req.cache = Module._cache
  return req
}

function readOrNull(file) {
  try {
    return fs.readFileSync(file)
  } catch {
    return null
  }
}

/** Temp file + rename: a start running at the same time never reads half a cache file. */
function writeQuietly(file, bytes) {
  const temp = `${file}.${process.pid}.tmp`
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 })
    fs.writeFileSync(temp, bytes(), { mode: 0o600 })
    fs.renameSync(temp, file)
  } catch {
    // Read-only install, full disk, no permission: the next start compiles from source again.
    try {
      fs.rmSync(temp, { force: true })
    } catch {
      // Nothing more to do.
    }
  }
}

module.exports = { installCodeCache }
