import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, it, vi } from 'vitest'
import { readBackupRecords } from '../../../src/main/backup/backupReader'
import { pngBytes } from '../attachments/fixtures'
import { attachmentMirror, blobFiles, filesUnder, sendFiles } from '../attachments/helpers'
import type { TempMirror } from '../helpers/tempMirror'

vi.setConfig({ testTimeout: 60_000 })

const PASSWORD = 'Backup-Attachments-Password-5k!'
const MARKER = 'sealed-attachment-marker-c0ffee-91d2'

const open: TempMirror[] = []
afterEach(async () => {
  for (const fx of open.splice(0)) await fx.cleanup()
})

async function fresh(): Promise<TempMirror> {
  const fx = await attachmentMirror()
  open.push(fx)
  return fx
}

function contains(file: string, secret: Buffer): boolean {
  const data = fs.readFileSync(file)
  return [secret, Buffer.from(secret.toString('base64')), Buffer.from(secret.toString('hex'))].some(
    (form) => data.includes(form),
  )
}

it('a full backup carries the attachment files, plain and sealed, and restore puts them back', async () => {
  const source = await fresh()
  const { mirror } = source
  await mirror.vault.init(PASSWORD)
  const session = await mirror.sessions.create({ title: 'Files to keep' })
  const png = pngBytes(11)
  const secret = Buffer.from(`${MARKER}\nonly in the sealed file\n`)
  const plain = await sendFiles(mirror, session.id, 'a picture', { 'garden.png': png })
  const sensitive = await sendFiles(
    mirror,
    session.id,
    'a private note',
    { 'note.txt': secret },
    { sensitive: true },
  )
  const sealedId = sensitive.attachments![0]!.id
  expect(sealedId.startsWith('sealed-')).toBe(true)

  const out = path.join(source.dir, 'backups')
  fs.mkdirSync(out)
  const created = await mirror.backup.create({ folder: out })
  expect(created.counts.attachments).toBe(2)
  // The sealed file stays sealed inside the backup's frames: no plaintext in any form.
  expect(contains(created.file, secret)).toBe(false)
  const records = []
  for await (const r of readBackupRecords(created.file, PASSWORD)) {
    if (r.type === 'attachment') records.push(r)
  }
  const sealedRecord = records.find((r) => r.id === sealedId)!
  expect(Buffer.from(sealedRecord.data, 'base64').includes(Buffer.from(MARKER))).toBe(false)

  const target = await fresh()
  const preview = await target.mirror.backup.preview(created.file, PASSWORD)
  expect(preview.attachments).toEqual({ total: 2, new: 2, present: 0 })
  expect(blobFiles(target.dir)).toEqual([])
  await target.mirror.backup.restore(created.file, PASSWORD)
  expect(blobFiles(target.dir)).toEqual(blobFiles(source.dir))
  for (const file of blobFiles(target.dir)) {
    expect(fs.readFileSync(path.join(target.dir, 'attachments', file))).toEqual(
      fs.readFileSync(path.join(source.dir, 'attachments', file)),
    )
  }
  // The restored data dir reads the same bytes, through the restored vault for the sealed one.
  const pngId = plain.attachments![0]!.id
  expect(await target.mirror.attachments.read(pngId)).toEqual(png)
  expect(await target.mirror.attachments.read(sealedId)).toEqual(secret)
  const restored = await target.mirror.storage.getMessage(sensitive.id)
  expect(restored.attachments).toEqual(sensitive.attachments)
  for (const file of filesUnder(target.dir)) {
    expect(contains(path.join(target.dir, file), secret), file).toBe(false)
  }

  // Again: everything is already here.
  const again = await target.mirror.backup.preview(created.file, PASSWORD)
  expect(again.attachments).toEqual({ total: 2, new: 0, present: 2 })
})
