import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { BlobStore } from '../../../src/main/attachments/blobStore'
import { attachmentsAtRest } from '../../../src/main/vault/attachmentsAtRest'
import { attachmentSealer } from '../../../src/main/vault/sealedAttachments'
import { isMirrorError } from '../../../src/shared/errors'
import { tempDir } from '../storage/helpers/tempDb'
import { filesUnder } from './helpers'
import { pngBytes } from './fixtures'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempDir('amos-blob-backup-'))
})
afterEach(() => cleanup())

const sha = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

it('what a backup copies: plain bytes (decrypted at rest), sealed files as stored', async () => {
  const cipher = attachmentsAtRest(randomBytes(32))
  const dek = randomBytes(32)
  const sealer = attachmentSealer(() => dek)
  const source = new BlobStore(path.join(dir, 'source'), () => cipher)
  const png = pngBytes(61)
  const secret = Buffer.from('sealed backup secret 9e1f')
  const plainId = await source.putPlain(png)
  const sealedId = await source.putSealed(secret, sealer)
  // At rest the plain file is an `enc-` file; the backup gets its bytes.
  expect(filesUnder(source.dir).some((f) => f.includes(plainId))).toBe(false)
  expect(await source.readStored(plainId)).toEqual(png)
  const sealedFile = await source.readStored(sealedId)
  expect(sealedFile.includes(secret)).toBe(false)

  // Restored where the history is not encrypted: a plain file again; the sealed one as it was.
  const target = new BlobStore(path.join(dir, 'target'))
  await target.putStored(plainId, await source.readStored(plainId))
  await target.putStored(sealedId, sealedFile)
  expect(fs.readFileSync(target.pathOf(plainId))).toEqual(png)
  expect(fs.readFileSync(target.pathOf(sealedId))).toEqual(sealedFile)
  expect(await target.read(sealedId, () => sealer)).toEqual(secret)
  expect(sha(png)).toBe(plainId)

  // Bytes that do not hash to their id are refused, and nothing is written.
  const other = new BlobStore(path.join(dir, 'other'))
  const refused = await other.putStored(plainId, Buffer.from('not the png')).catch((e) => e)
  expect(isMirrorError(refused) && refused.code).toBe('BACKUP_CORRUPT')
  expect(filesUnder(other.dir)).toEqual([])
})
