import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { FuseConfig } from '@electron/fuses'
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { FuseState, SENTINEL } from '@electron/fuses/dist/constants'
import { findAndReadConfig } from 'app-builder-lib/out/util/config/load'
import type { Configuration } from 'electron-builder'
import { LinuxPackager } from 'electron-builder'
import { afterAll, describe, expect, it } from 'vitest'
import { ELECTRON_FUSES } from '../../../scripts/packaging/electronFuses'

type FuseOptions = NonNullable<Configuration['electronFuses']>

/**
 * The translation electron-builder runs on `electronFuses` before it calls flipFuses (a private
 * method of its packager, called here so the test goes through the same code as packaging).
 */
function packagerFuseConfig(fuses: FuseOptions): Promise<FuseConfig> {
  const packager = LinuxPackager.prototype as unknown as {
    generateFuseConfig(this: null, options: FuseOptions): Promise<FuseConfig>
  }
  return packager.generateFuseConfig.call(null, fuses)
}

const repoRoot = resolve(import.meta.dirname, '../../..')
const ON = FuseState.ENABLE
const OFF = FuseState.DISABLE

/**
 * A stand-in for the Electron executable: junk, the fuse sentinel, wire version 1, the wire
 * length, one state byte per fuse, more junk. Nine fuses, as in recent Electron (the ninth is
 * one @electron/fuses 1.8 has no name for, and must be left alone). States are Electron's defaults.
 */
function fakeElectron(): { bytes: Buffer; wireAt: number } {
  const defaults = [ON, OFF, ON, ON, OFF, OFF, OFF, ON, ON]
  const head = Buffer.from('\x7fELF fake electron binary '.repeat(40), 'latin1')
  const tail = Buffer.from(' more code after the wire '.repeat(40), 'latin1')
  const wire = Buffer.from([1, defaults.length, ...defaults])
  const bytes = Buffer.concat([head, Buffer.from(SENTINEL, 'latin1'), wire, tail])
  return { bytes, wireAt: head.length + SENTINEL.length }
}

describe('Electron fuses (packaging)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'amos-fuses-'))
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('turns off every way to run the app as plain Node and turns on the integrity checks', () => {
    expect(ELECTRON_FUSES).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    })
  })

  it('is what electron-builder loads from the repository (electron-builder.ts, not a stale yml)', async () => {
    const found = await findAndReadConfig({
      projectDir: repoRoot,
      configFilename: 'electron-builder',
      packageKey: 'build',
      packageMetadata: null,
    })
    expect(found?.configFile).toBe(join(repoRoot, 'electron-builder.ts'))
    const config = found?.result as Configuration
    expect(config.electronFuses).toEqual(ELECTRON_FUSES)
    // onlyLoadAppFromAsar would leave a non-asar app unable to start.
    expect(config.asar).toBe(true)
    // The integrity fuse checks against the hashes electron-builder embeds unless this is set.
    expect(config.disableAsarIntegrity).toBeUndefined()
  })

  it('flips a binary as configured, through electron-builder’s own fuse step', async () => {
    const { bytes, wireAt } = fakeElectron()
    const file = join(dir, 'activemirror')
    writeFileSync(file, bytes)
    const fuseConfig = await packagerFuseConfig(ELECTRON_FUSES)
    expect(fuseConfig.version).toBe(FuseVersion.V1)
    await flipFuses(file, fuseConfig)

    const wire = await getCurrentFuseWire(file)
    expect(wire[FuseV1Options.RunAsNode]).toBe(OFF)
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF)
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF)
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON)
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON)
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON)
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF)
    // Not configured: keeps Electron's default.
    expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF)

    const after = readFileSync(file)
    expect(after.length).toBe(bytes.length)
    expect(after[wireAt + 2 + 8]).toBe(ON)
    // Only the wire changed: everything around it is byte for byte the same.
    expect(after.subarray(0, wireAt + 2)).toEqual(bytes.subarray(0, wireAt + 2))
    expect(after.subarray(wireAt + 2 + 9)).toEqual(bytes.subarray(wireAt + 2 + 9))
  })
})
