/**
 * Main's bundles replace conf's schema and migration libraries with stand-ins
 * (src/main/services/storage/conf-unused-features.ts, aliased in electron.vite.config.ts). These
 * tests keep the stand-ins honest against the conf actually installed: everything conf takes from
 * those libraries exists on the stand-in and throws a clear error, and conf reaches it only when
 * a store is given a schema or migrations, which ours never are.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import unavailable, { Ajv2020 } from '../../src/main/services/storage/conf-unused-features'
import { jsonFileStoreOptions } from '../../src/main/services/storage/json-file-engine'
import config from '../../electron.vite.config'

const confSource = readFileSync(join(createRequire(__filename).resolve('conf').replace(/index\.js$/, ''), 'index.js'), 'utf8')

describe('conf without its schema and migration libraries', () => {
  it('main aliases exactly the modules conf imports for them, and nothing else of those packages', () => {
    const imports = [...confSource.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1] as string)
    const aliases = (config as { main: { resolve: { alias: { find: string | RegExp; replacement: string }[] } } }).main.resolve.alias
    const stands = aliases.filter((a) => a.replacement.endsWith('conf-unused-features.ts')).map((a) => a.find)
    expect(stands).toHaveLength(3)
    for (const name of ['ajv/dist/2020.js', 'ajv-formats', 'semver']) {
      expect(imports).toContain(name)
      expect(stands.filter((find) => (typeof find === 'string' ? find === name : find.test(name)))).toHaveLength(1)
    }
    // A sub-path (another package importing semver/functions/…) keeps the real module.
    for (const find of stands) expect(typeof find === 'string' ? false : find.test('semver/functions/eq.js')).toBe(false)
  })

  it('every semver function conf calls exists on the stand-in and throws a clear error', () => {
    const used = new Set([...confSource.matchAll(/\bsemver\.(\w+)\(/g)].map((m) => m[1] as string))
    expect(used.size).toBeGreaterThan(0)
    for (const fn of used) {
      const stand = (unavailable as unknown as Record<string, () => unknown>)[fn]
      expect(stand, `semver.${fn}`).toBeTypeOf('function')
      expect(() => stand?.()).toThrow(/not bundled in SecPaid Desk/)
    }
  })

  it('the schema validator and its formats throw a clear error when made', () => {
    expect(confSource).toMatch(/import \{ Ajv2020 as Ajv \} from 'ajv\/dist\/2020\.js';/)
    expect(confSource).toMatch(/const ajvFormats = ajvFormatsModule\.default;/)
    expect(() => new Ajv2020()).toThrow(/schema validation is not bundled/)
    expect(() => (unavailable as unknown as { default: () => unknown }).default()).toThrow(/not bundled/)
  })

  it('conf touches them only for a schema or migrations, which our store options never carry', () => {
    // conf builds its validator only under this guard, and migrates only when given migrations.
    expect(confSource).toMatch(/if \(!\(options\.schema \?\? options\.ajvOptions \?\? options\.rootSchema\)\) \{\s*return;/)
    expect(confSource).toMatch(/if \(options\.migrations\) \{/)
    // (ElectronStore adds a `projectVersion` of its own; conf reads it only to run migrations.)
    const options = jsonFileStoreOptions({ cwd: '/x', name: 'meta' }) as Record<string, unknown>
    for (const key of ['schema', 'ajvOptions', 'rootSchema', 'migrations']) expect(options).not.toHaveProperty(key)
  })
})
