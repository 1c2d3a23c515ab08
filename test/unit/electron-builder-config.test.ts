/**
 * The committed electron-builder.yml, checked without an Electron binary: it is valid for the
 * installed electron-builder, builds the installers we promise, and — the part that matters for
 * security — its fuse block, turned into a fuse config by electron-builder's own code, flips
 * exactly the intended fuses. The fuses are flipped in a stand-in file that carries Electron's
 * fuse sentinel and a wire with Electron's default states (the real binary cannot be had here).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { load } from 'js-yaml'
import { afterAll, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)
const config = load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any -- free-form YAML
// Electron's fuse sentinel and states, from @electron/fuses itself (its index does not re-export them).
const { SENTINEL, FuseState } = require('@electron/fuses/dist/constants') as {
  SENTINEL: string
  FuseState: { DISABLE: number; ENABLE: number }
}

const dirs: string[] = []
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'builder-config-'))
  dirs.push(dir)
  return dir
}

/** A file laid out like the fuse section of an Electron binary, with Electron's defaults. */
function fuseStandIn(): string {
  const defaults = [
    FuseState.ENABLE, // RunAsNode
    FuseState.DISABLE, // EnableCookieEncryption
    FuseState.ENABLE, // EnableNodeOptionsEnvironmentVariable
    FuseState.ENABLE, // EnableNodeCliInspectArguments
    FuseState.DISABLE, // EnableEmbeddedAsarIntegrityValidation
    FuseState.DISABLE, // OnlyLoadAppFromAsar
    FuseState.DISABLE, // LoadBrowserProcessSpecificV8Snapshot
    FuseState.ENABLE // GrantFileProtocolExtraPrivileges
  ]
  const file = join(tempDir(), 'electron-stand-in')
  writeFileSync(
    file,
    Buffer.concat([Buffer.alloc(4096, 0x90), Buffer.from(SENTINEL, 'ascii'), Buffer.from([Number(FuseVersion.V1), defaults.length, ...defaults]), Buffer.alloc(4096, 0x90)])
  )
  return file
}

describe('electron-builder.yml', () => {
  it('is valid for the installed electron-builder', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: { add(): void; isEnabled: boolean }): Promise<void>
    }
    await expect(validateConfiguration(config, { add: () => undefined, isEnabled: false })).resolves.toBeUndefined()
    // And the validator does reject nonsense (so the line above means something).
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNode: 'no' } }, { add: () => undefined, isEnabled: false })).rejects.toThrow(/does not match the API schema/)
  })

  it('builds NSIS (x64, arm64), dmg + zip (arm64, x64), AppImage + deb (x64); no file associations', () => {
    expect(config['productName']).toBe('SecPaid Desk')
    expect(config['appId']).toBe('com.secpaid.desk')
    expect(config['win'].target).toEqual([{ target: 'nsis', arch: ['x64', 'arm64'] }])
    expect(config['mac'].target).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] }
    ])
    expect(config['mac'].category).toBe('public.app-category.finance')
    expect(config['linux'].target).toEqual([
      { target: 'AppImage', arch: ['x64'] },
      { target: 'deb', arch: ['x64'] }
    ])
    expect(config['linux'].desktop.entry.Categories).toBe('Office;Finance;')
    expect(config).not.toHaveProperty('fileAssociations')
    expect(config).not.toHaveProperty('protocols')
  })

  it('keeps keytar out of the asar and rebuilds it for Electron', () => {
    expect(config['asar']).toBe(true)
    expect(config['asarUnpack']).toContain('node_modules/keytar/**')
    expect(config['npmRebuild']).toBe(true)
  })

  it('points at committed icons that exist', () => {
    for (const icon of [config['win'].icon, config['mac'].icon, 'resources/icon.png', 'resources/icons/256x256.png', 'resources/icons/512x512.png']) {
      expect(existsSync(join(ROOT, icon)), icon).toBe(true)
    }
    expect(readFileSync(join(ROOT, config['mac'].icon)).subarray(0, 4).toString('ascii')).toBe('icns')
    expect([...readFileSync(join(ROOT, config['win'].icon)).subarray(0, 4)]).toEqual([0, 0, 1, 0])
  })

  it('its fuses, applied the way electron-builder applies them, end up exactly as intended', async () => {
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: unknown): Promise<Parameters<typeof flipFuses>[1]> } }
    }
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig(config['electronFuses'])
    const binary = fuseStandIn()
    await flipFuses(binary, fuseConfig)
    const wire = await getCurrentFuseWire(binary)
    expect(wire.version).toBe(FuseVersion.V1)
    const expected: [FuseV1Options, number][] = [
      [FuseV1Options.RunAsNode, FuseState.DISABLE],
      [FuseV1Options.EnableCookieEncryption, FuseState.ENABLE],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, FuseState.DISABLE],
      [FuseV1Options.EnableNodeCliInspectArguments, FuseState.DISABLE],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, FuseState.ENABLE],
      [FuseV1Options.OnlyLoadAppFromAsar, FuseState.ENABLE],
      // Not configured: stays at Electron's default.
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot, FuseState.DISABLE],
      [FuseV1Options.GrantFileProtocolExtraPrivileges, FuseState.DISABLE]
    ]
    for (const [fuse, state] of expected) expect(wire[fuse], FuseV1Options[fuse]).toBe(state)
  })
})

describe('npm run dist without an Electron release at hand', () => {
  it('fails fast with one sentence and exit code 1', () => {
    const started = Date.now()
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/dist.mjs'), '--dir'], {
      cwd: ROOT,
      encoding: 'utf8',
      // An empty cache and a mirror that refuses connections: the situation of an offline machine.
      env: { ...process.env, ELECTRON_CACHE: tempDir(), ELECTRON_MIRROR: 'http://127.0.0.1:9/' }
    })
    expect(result.status).toBe(1)
    expect(result.stdout).toBe('')
    const lines = result.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^npm run dist needs the Electron \d+\.\d+\.\d+ release for \w+, which is neither in the Electron cache \(.+\) nor downloadable from this machine, so no installer can be built here — .+\.$/)
    expect(Date.now() - started).toBeLessThan(15_000)
  })
})
