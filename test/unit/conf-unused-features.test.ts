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
  it('main aliases exactly the modules conf imports for them', () => {
    const imports = [...confSource.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1])
    const aliased = Object.keys((config as { main: { resolve: { alias: Record<string, string> } } }).main.resolve.alias).filter((k) => !k.startsWith('@'))
    for (const name of aliased) expect(imports).toContain(name)
    expect(aliased.sort()).toEqual(['ajv-formats', 'ajv/dist/2020.js', 'semver'])
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
    const options = jsonFileStoreOptions({ cwd: '/x', name: 'meta' }) as Record<string, unknown>
    for (const key of ['schema', 'ajvOptions', 'rootSchema', 'migrations', 'projectVersion']) expect(options).not.toHaveProperty(key)
  })
})
