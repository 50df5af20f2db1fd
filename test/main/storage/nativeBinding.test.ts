import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase } from '../../../src/main/storage/sqlite/openDatabase'
import {
  electronNativeBinding,
  resolveNativeBinding,
  useNativeBinding,
} from '../../../src/main/sqlite/nativeBinding'

const nodeBuild = path.join(
  path.dirname(
    createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers/package.json'),
  ),
  'build',
  'Release',
  'better_sqlite3.node',
)

describe('better-sqlite3 native binding choice', () => {
  const dirs: string[] = []
  const tempDir = (): string => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-native-'))
    dirs.push(dir)
    return dir
  }
  afterEach(() => {
    useNativeBinding(undefined)
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  it('uses the Electron copy only inside Electron and only when it was built', () => {
    const root = tempDir()
    const electron = { ...process.versions, electron: '45.0.0' }
    expect(electronNativeBinding(root, process.versions)).toBeUndefined()
    expect(electronNativeBinding(root, electron)).toBeUndefined()
    const file = path.join(root, 'native', 'electron', 'better_sqlite3.node')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, '')
    expect(electronNativeBinding(root, electron)).toBe(file)
    expect(electronNativeBinding(root, process.versions)).toBeUndefined()
  })

  it('prefers an explicit binary over the process-wide one', () => {
    expect(resolveNativeBinding()).toBeUndefined()
    useNativeBinding('/process/wide.node')
    expect(resolveNativeBinding()).toBe('/process/wide.node')
    expect(resolveNativeBinding('/explicit.node')).toBe('/explicit.node')
  })

  it('hands the process-wide binary to every database it opens', () => {
    const dir = tempDir()
    useNativeBinding(nodeBuild)
    const db = openDatabase(path.join(dir, 'ok.db'))
    expect(db.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 })
    db.close()

    const bogus = path.join(dir, 'not-a-binary.node')
    fs.writeFileSync(bogus, 'not an addon')
    useNativeBinding(bogus)
    expect(() => openDatabase(path.join(dir, 'bad.db'))).toThrow()
  })
})
