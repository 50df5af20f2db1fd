import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  DISPLAY_NAME_MAX,
  IDENTITY_FILE_NAME,
  IdentitySchema,
  IdentityStore,
} from '../../../src/main/continuity/identity'
import { MirrorError } from '../../../src/shared/errors'
import { steppingClock, tempDir } from './helpers/temp'

let dir: string
let cleanup: () => void
beforeEach(() => ({ dir, cleanup } = tempDir()))
afterEach(() => cleanup())

const file = (): string => path.join(dir, IDENTITY_FILE_NAME)

async function expectCode(fn: () => unknown, code: string): Promise<MirrorError> {
  try {
    await fn()
  } catch (error) {
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe(code)
    return error as MirrorError
  }
  throw new Error(`expected ${code}`)
}

describe('IdentityStore', () => {
  it('creates identity.json on first get, then returns the same identity', () => {
    const store = new IdentityStore(dir, {
      clock: steppingClock('2025-05-05T05:05:05.000Z'),
      userName: () => 'ada',
      hostName: () => 'ada-laptop',
    })
    expect(fs.existsSync(file())).toBe(false)
    const first = store.get()
    expect(first).toMatchObject({
      displayName: 'ada',
      deviceName: 'ada-laptop',
      createdAt: '2025-05-05T05:05:05.000Z',
    })
    expect(IdentitySchema.parse(JSON.parse(fs.readFileSync(file(), 'utf8')))).toEqual(first)
    // A second store (another process) reads the same one back.
    expect(new IdentityStore(dir, { userName: () => 'someone else' }).get()).toEqual(first)
    // No temp files left behind.
    expect(fs.readdirSync(dir)).toEqual([IDENTITY_FILE_NAME])
  })

  it('falls back to "Me" when the user name is unavailable or blank', () => {
    const throwing = new IdentityStore(dir, {
      userName: () => {
        throw new Error('no passwd entry')
      },
    })
    expect(throwing.get().displayName).toBe('Me')
    const { dir: other, cleanup: done } = tempDir()
    try {
      expect(new IdentityStore(other, { userName: () => ' \n ' }).get().displayName).toBe('Me')
    } finally {
      done()
    }
  })

  it('creates the folder when it does not exist yet', () => {
    const nested = path.join(dir, 'a', 'b')
    const identity = new IdentityStore(nested).get()
    expect(fs.existsSync(path.join(nested, IDENTITY_FILE_NAME))).toBe(true)
    expect(identity.id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('renames, trimming, and keeps id, createdAt and device', () => {
    const store = new IdentityStore(dir, { userName: () => 'ada' })
    const before = store.get()
    const after = store.rename('  Ada Lovelace  ')
    expect(after).toEqual({ ...before, displayName: 'Ada Lovelace' })
    expect(new IdentityStore(dir).get()).toEqual(after)
    const emoji = '🌱'.repeat(DISPLAY_NAME_MAX)
    expect(store.rename(emoji).displayName).toBe(emoji)
  })

  it('rejects empty, too long and non-text names without changing the file', async () => {
    const store = new IdentityStore(dir, { userName: () => 'ada' })
    store.get()
    const bytes = fs.readFileSync(file())
    await expectCode(() => store.rename(''), 'VALIDATION_FAILED')
    await expectCode(() => store.rename('   '), 'VALIDATION_FAILED')
    await expectCode(() => store.rename('x'.repeat(DISPLAY_NAME_MAX + 1)), 'VALIDATION_FAILED')
    await expectCode(() => store.rename(42), 'VALIDATION_FAILED')
    expect(fs.readFileSync(file())).toEqual(bytes)
  })

  it.each([
    ['not JSON', '{ this is not json'],
    ['a wrong shape', JSON.stringify({ id: 'nope', displayName: '' })],
    ['an array', '[]'],
  ])('reports %s as STORAGE_CORRUPT naming the file and never overwrites it', async (_, text) => {
    fs.writeFileSync(file(), text)
    const store = new IdentityStore(dir)
    const error = await expectCode(() => store.get(), 'STORAGE_CORRUPT')
    expect(error.message).toContain(file())
    expect(error.data).toEqual({ file: file() })
    await expectCode(() => store.rename('New name'), 'STORAGE_CORRUPT')
    expect(fs.readFileSync(file(), 'utf8')).toBe(text)
  })
})
