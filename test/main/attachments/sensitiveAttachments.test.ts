import fs from 'node:fs'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import type { StorageKind } from '../../../src/main/storage/storage'
import { MirrorError } from '../../../src/shared/errors'
import type { TempMirror } from '../helpers/tempMirror'
import { pngBytes } from './fixtures'
import { attachmentMirror, filesUnder, stage } from './helpers'

const PASSWORD = 'correct horse battery staple'
const MARKER = 'plaintext-marker-7f3a9c1e-only-in-the-file'
const NAME = 'divorce-draft-5b2e81.txt'

let fx: TempMirror
afterEach(async () => {
  await fx.cleanup()
})

/** Every place the secret bytes could show up in a file, raw or encoded. */
function leaks(dir: string, secrets: Buffer[]): string[] {
  const found: string[] = []
  for (const file of filesUnder(dir)) {
    const data = fs.readFileSync(path.join(dir, file))
    for (const secret of secrets) {
      const forms = [
        secret,
        Buffer.from(secret.toString('base64')),
        Buffer.from(secret.toString('hex')),
      ]
      if (forms.some((form) => data.includes(form))) found.push(file)
    }
  }
  return found
}

it.each<StorageKind>(['sqlite', 'json'])(
  'a sensitive message’s files are sealed: no plaintext anywhere in the data dir (%s)',
  async (kind) => {
    fx = await attachmentMirror(kind)
    const { mirror } = fx
    await mirror.vault.init(PASSWORD)
    const session = await mirror.sessions.create({ title: 'Private' })
    const text = Buffer.from(`${MARKER}\nsecond line of the private note\n`)
    const image = pngBytes(42)
    const { userMessage, completion } = await mirror.chat.send({
      sessionId: session.id,
      text: 'about these',
      pattern: 'exploratory',
      uncertainty: 'none',
      sensitive: true,
      attachments: [stage(mirror, NAME, text), stage(mirror, 'private.png', image)],
    })
    await completion
    const ids = userMessage.attachments!.map((a) => a.id)
    expect(ids.every((id) => id.startsWith('sealed-'))).toBe(true)
    expect(await mirror.attachments.read(ids[0]!)).toEqual(text)
    expect(await mirror.attachments.read(ids[1]!)).toEqual(image)

    // WAL and journal files included: nothing is checkpointed away before the scan.
    const files = filesUnder(fx.dir)
    if (kind === 'sqlite') expect(files).toContain('activemirror.db-wal')
    expect(leaks(fx.dir, [Buffer.from(MARKER), image.subarray(8), Buffer.from(NAME)])).toEqual([])
    // The names are in the vault record: they read back while it is open.
    const stored = await mirror.storage.getMessage(userMessage.id)
    expect(stored.attachments).toEqual(userMessage.attachments)

    mirror.vault.lock()
    // Locked: the ids stay (clean-up needs them), the names wait for the vault.
    expect((await mirror.storage.getMessage(userMessage.id)).attachments).toEqual(
      ids.map((id) => ({ id, name: 'sealed', mimeType: 'application/octet-stream', size: 0 })),
    )
    const locked = await mirror.attachments.read(ids[0]!).catch((e: unknown) => e)
    expect((locked as MirrorError).code).toBe('VAULT_LOCKED')
    // A locked vault stops a sensitive send before any byte is written.
    const before = filesUnder(fx.dir).filter((f) => f.includes('attachments'))
    const refused = await mirror.chat
      .send({
        sessionId: session.id,
        text: 'more',
        pattern: 'exploratory',
        uncertainty: 'none',
        sensitive: true,
        attachments: [stage(mirror, 'other.png', pngBytes(43))],
      })
      .catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(MirrorError)
    expect((refused as MirrorError).code).toBe('VAULT_LOCKED')
    expect(filesUnder(fx.dir).filter((f) => f.includes('attachments'))).toEqual(before)

    // The scan does find a file that is stored in the clear (a message that is not sensitive).
    const control = Buffer.from('control-marker-stored-in-the-clear')
    const plain = await mirror.chat.send({
      sessionId: session.id,
      text: 'not private',
      pattern: 'exploratory',
      uncertainty: 'none',
      attachments: [stage(mirror, 'plain.txt', control)],
    })
    await plain.completion
    expect(leaks(fx.dir, [control]).length).toBeGreaterThan(0)
  },
)

it('with the history encrypted, every file is sealed, not only a sensitive message’s', async () => {
  fx = await attachmentMirror('sqlite')
  const { mirror } = fx
  await mirror.vault.init(PASSWORD)
  await mirror.encryption.enable()
  const session = await mirror.sessions.create({ title: 'Encrypted' })
  const text = Buffer.from(`${MARKER}\nordinary, not sensitive\n`)
  const { userMessage, completion } = await mirror.chat.send({
    sessionId: session.id,
    text: 'plain message',
    pattern: 'exploratory',
    uncertainty: 'none',
    attachments: [stage(mirror, 'ordinary.txt', text)],
  })
  await completion
  const [ref] = userMessage.attachments!
  expect(ref!.id.startsWith('sealed-')).toBe(true)
  expect(await mirror.attachments.read(ref!.id)).toEqual(text)
  expect(leaks(fx.dir, [Buffer.from(MARKER)])).toEqual([])
})
