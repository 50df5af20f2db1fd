import { spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  countPlainAttachmentFiles,
  decryptAttachmentFiles,
  encryptAttachmentFiles,
} from '../../../src/main/attachments/blobConversion'
import { BlobStore } from '../../../src/main/attachments/blobStore'
import { attachmentsAtRest } from '../../../src/main/vault/attachmentsAtRest'
import { attachmentSealer } from '../../../src/main/vault/sealedAttachments'
import { runTsChild } from '../helpers/tsChild'
import { tempDir } from '../storage/helpers/tempDb'
import { filesContaining } from '../vault/helpers/mirrorFixture'
import { attachmentBytes } from './helpers/blobFixtures'

const worker = fileURLToPath(new URL('./helpers/blobConvertWorker.ts', import.meta.url))
const key = randomBytes(32)
const keyHex = key.toString('hex')
const cipher = attachmentsAtRest(key)
const COUNT = 12

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir('amos-blob-rest-'))
})
afterEach(() => cleanup())

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')
const names = (): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((n) => path.basename(n))
/** Every file's id, hex and bytes leaks: none may show while the history is encrypted. */
function leaks(count: number): string[] {
  const found: string[] = []
  for (let i = 0; i < count; i++) {
    const bytes = attachmentBytes(i)
    if (filesContaining(dir, `QUOKKA-${i}-MARKER`).length > 0) found.push(`bytes ${i}`)
    if (names().some((n) => n.includes(sha(bytes)))) found.push(`id ${i} in a name`)
  }
  return found
}

/** Reads each of the `count` files back as the app would in `mode`. */
async function expectAllReadable(count: number, encrypted: boolean): Promise<void> {
  const store = new BlobStore(dir, () => (encrypted ? cipher : null))
  for (let i = 0; i < count; i++) {
    const bytes = attachmentBytes(i)
    expect(await store.read(sha(bytes))).toEqual(bytes)
    expect(await store.has(sha(bytes))).toBe(true)
  }
}

describe('attachment files while the history is encrypted', () => {
  it('are written encrypted under a keyed name and read back transparently', async () => {
    const store = new BlobStore(dir, () => cipher)
    const bytes = attachmentBytes(0)
    const id = await store.putPlain(bytes)
    expect(id).toBe(sha(bytes))
    expect(await store.putPlain(bytes)).toBe(id)
    expect(names()).toEqual([expect.stringMatching(/^[0-9a-f]{2}$/), cipher.nameOf(id)])
    expect(leaks(1)).toEqual([])
    expect(await store.read(id)).toEqual(bytes)
    expect(await store.list()).toEqual([id])
    await store.remove([id])
    expect(await store.has(id)).toBe(false)
  })

  it('another key neither finds nor opens them (the name and the content are keyed)', async () => {
    const id = await new BlobStore(dir, () => cipher).putPlain(attachmentBytes(1))
    const other = attachmentsAtRest(randomBytes(32))
    await expect(new BlobStore(dir, () => other).read(id)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    })
    const file = path.join(dir, cipher.nameOf(id).slice(4, 6), cipher.nameOf(id))
    expect(() => other.open(cipher.nameOf(id), fs.readFileSync(file))).toThrow(
      expect.objectContaining({ code: 'STORAGE_CORRUPT' }) as Error,
    )
  })

  it('enable encrypts existing plain files, leaves sealed ones, removes leftovers; disable undoes it', async () => {
    const plain = new BlobStore(dir)
    for (let i = 0; i < COUNT; i++) await plain.putPlain(attachmentBytes(i))
    const sealer = attachmentSealer(() => key)
    const sealedId = await plain.putSealed(Buffer.from('sensitive OTTER bytes'), sealer)
    const sealedFile = fs.readFileSync(plain.pathOf(sealedId))
    // A plain write a kill interrupted: its temporary file holds plaintext.
    const shard = path.dirname(plain.pathOf(sha(attachmentBytes(0))))
    fs.writeFileSync(path.join(shard, 'ab.123.cafe.tmp'), attachmentBytes(COUNT))
    expect(leaks(COUNT + 1).length).toBeGreaterThan(COUNT)
    expect(await countPlainAttachmentFiles(dir)).toBe(COUNT)

    expect(await encryptAttachmentFiles(dir, cipher)).toBe(COUNT)
    expect(leaks(COUNT + 1)).toEqual([])
    expect(await countPlainAttachmentFiles(dir)).toBe(0)
    expect(fs.readFileSync(plain.pathOf(sealedId))).toEqual(sealedFile)
    await expectAllReadable(COUNT, true)
    // The plain-only view (no key) finds none of them.
    await expect(plain.read(sha(attachmentBytes(0)))).rejects.toMatchObject({ code: 'NOT_FOUND' })
    // Running it again changes nothing.
    expect(await encryptAttachmentFiles(dir, cipher)).toBe(0)

    expect(await decryptAttachmentFiles(dir, cipher)).toBe(COUNT)
    expect(names().filter((n) => n.startsWith('enc-'))).toEqual([])
    await expectAllReadable(COUNT, false)
    expect(fs.readFileSync(plain.pathOf(sealedId))).toEqual(sealedFile)
  })

  it('a damaged encrypted file stops disable with STORAGE_CORRUPT, before the key could go', async () => {
    const store = new BlobStore(dir, () => cipher)
    const id = await store.putPlain(attachmentBytes(2))
    const file = path.join(dir, cipher.nameOf(id).slice(4, 6), cipher.nameOf(id))
    const bytes = fs.readFileSync(file)
    bytes[bytes.length - 1]! ^= 1
    fs.writeFileSync(file, bytes)
    await expect(decryptAttachmentFiles(dir, cipher)).rejects.toMatchObject({
      code: 'STORAGE_CORRUPT',
    })
    await expect(store.read(id)).rejects.toMatchObject({ code: 'STORAGE_CORRUPT' })
  })
})

describe('a kill -9 while attachment files are converted', () => {
  /** After a crash: the next run of the same switch finishes, and every file reads back. */
  async function finishAndCheck(direction: 'enable' | 'disable'): Promise<void> {
    const encrypted = direction === 'enable'
    // Mid-way, each file reads back from whichever copy is there.
    await expectAllReadable(COUNT, true)
    if (encrypted) await encryptAttachmentFiles(dir, cipher)
    else await decryptAttachmentFiles(dir, cipher)
    await expectAllReadable(COUNT, encrypted)
    expect(names().filter((n) => n.endsWith('.tmp'))).toEqual([])
    if (encrypted) expect(leaks(COUNT)).toEqual([])
    else expect(names().filter((n) => n.startsWith('enc-'))).toEqual([])
  }

  for (const direction of ['enable', 'disable'] as const) {
    for (const at of ['written:0', 'removed:1', 'written:5', 'removed:11']) {
      it(`at "${at}" (${direction}) loses no file`, async () => {
        const run = await runTsChild(worker, [dir, keyHex, direction, String(COUNT), at])
        expect(run.code).toBeNull()
        expect(run.stdout).toContain(`acked ${COUNT}`)
        expect(run.stdout).not.toContain('converted')
        await finishAndCheck(direction)
      }, 60_000)
    }
  }

  it('at any moment, killed from outside on a timer, loses no file', async () => {
    for (const delayMs of [0, 2, 5, 10, 20, 40]) {
      fs.rmSync(dir, { recursive: true, force: true })
      fs.mkdirSync(dir)
      const acked = await new Promise<string>((resolve, reject) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', worker, dir, keyHex, 'enable', String(COUNT), 'none'],
          { stdio: ['ignore', 'pipe', 'pipe'] },
        )
        let out = ''
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          if (/acked \d+/.test(out)) setTimeout(() => child.kill('SIGKILL'), delayMs)
        })
        child.on('error', reject)
        child.on('close', () => resolve(out))
      })
      expect(acked).toContain(`acked ${COUNT}`)
      await finishAndCheck('enable')
    }
  }, 180_000)
})
