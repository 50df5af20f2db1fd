import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, expect, it, vi } from 'vitest'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import type { Router } from '../../../../src/main/ipc/router'
import { createRouter } from '../../../../src/main/ipc/router'
import { SENSITIVE_PLACEHOLDER } from '../../../../src/main/services/transfer/transferService'
import type { Session } from '../../../../src/shared/domain'
import type { Result } from '../../../../src/shared/result'
import type { SessionZipArchive } from '../../../../src/shared/routes'
import { pdfBytes, pngBytes } from '../../attachments/fixtures'
import { attachmentMirror, sendFiles, sha256 } from '../../attachments/helpers'
import type { TempMirror } from '../../helpers/tempMirror'
import { readZip } from './zipRead'

vi.setConfig({ testTimeout: 60_000 })

let fx: TempMirror
let router: Router<null>
let session: Session
const png = pngBytes(3)
const pdf = pdfBytes('Route figures')

beforeEach(async () => {
  fx = await attachmentMirror()
  router = createRouter({
    handlers: createHandlers(fx.mirror, { host: 'browser', version: '0.0.0' }),
    isTrustedSender: () => true,
    validateOutput: true,
  })
  session = await fx.mirror.sessions.create({ title: 'Zip me' })
  await sendFiles(fx.mirror, session.id, 'Two files', { 'shot.png': png, 'report.pdf': pdf })
})

afterEach(async () => {
  await fx.cleanup()
})

function call(input: unknown): Promise<Result<unknown>> {
  return router.dispatch(null, 'sessions.exportZip', input, { emit: () => undefined })
}

async function archive(input: unknown): Promise<SessionZipArchive> {
  const result = await call(input)
  if (!result.ok) throw new Error(`${result.error.code} ${result.error.message}`)
  return result.data as SessionZipArchive
}

/** The archive's entries, read back from a real file as a user's unzip would. */
async function entriesOf(zip: SessionZipArchive): Promise<Map<string, Buffer>> {
  const file = path.join(fx.dir, `check-${Date.now()}.zip`)
  fs.writeFileSync(file, Buffer.from(zip.base64, 'base64'))
  return readZip(file)
}

it('sessions.exportZip (json) holds the session file and attachments/<id>-<name> with the same bytes', async () => {
  const zip = await archive({ id: session.id, format: 'json' })
  expect(zip).toMatchObject({
    fileName: 'Zip me.zip',
    mimeType: 'application/zip',
    sessionCount: 1,
    attachments: 2,
    missingAttachments: [],
    sensitiveMessages: 0,
  })
  const entries = await entriesOf(zip)
  expect([...entries.keys()].sort()).toEqual(
    [
      'Zip me.json',
      `attachments/${sha256(png)}-shot.png`,
      `attachments/${sha256(pdf)}-report.pdf`,
    ].sort(),
  )
  expect(entries.get(`attachments/${sha256(png)}-shot.png`)).toEqual(png)
  expect(entries.get(`attachments/${sha256(pdf)}-report.pdf`)).toEqual(pdf)
  const json = JSON.parse(entries.get('Zip me.json')!.toString('utf8')) as {
    messages: Array<{ attachments?: Array<{ file: string }> }>
  }
  expect(json.messages.flatMap((m) => m.attachments ?? []).map((a) => a.file)).toEqual([
    `attachments/${sha256(png)}-shot.png`,
    `attachments/${sha256(pdf)}-report.pdf`,
  ])
})

it('sessions.exportZip (markdown) holds the Markdown, linking the files it carries', async () => {
  const zip = await archive({ id: session.id, format: 'markdown' })
  expect(zip.fileName).toBe('Zip me (Markdown).zip')
  const entries = await entriesOf(zip)
  const markdown = entries.get('Zip me.md')!.toString('utf8')
  expect(markdown).toContain(`(attachments/${sha256(png)}-shot.png)`)
  expect(entries.get(`attachments/${sha256(pdf)}-report.pdf`)).toEqual(pdf)
})

it('refuses a bad format, an extra key and an unknown session with typed errors', async () => {
  expect(await call({ id: session.id, format: 'zip' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED' },
  })
  expect(await call({ id: session.id, format: 'json', out: '/tmp/x.zip' })).toMatchObject({
    ok: false,
    error: { code: 'VALIDATION_FAILED' },
  })
  expect(await call({ id: 'session_1_nosuchone', format: 'json' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND' },
  })
})

it('a session over the limit is refused with EXPORT_TOO_LARGE naming the CLI command', async () => {
  // Judged from the stored sizes before any byte is read…
  const files = png.length + pdf.length
  await expect(
    fx.mirror.transfer.exportSessionZip(session.id, 'json', {}, files - 1),
  ).rejects.toMatchObject({
    code: 'EXPORT_TOO_LARGE',
    data: { size: files, limit: files - 1 },
    message: expect.stringContaining(`amos export ${session.id} --format zip --out FILE.zip`),
  })
  // …and from the zip itself, whose session file and headers come on top of the files.
  await expect(
    fx.mirror.transfer.exportSessionZip(session.id, 'markdown', {}, files + 10),
  ).rejects.toMatchObject({
    code: 'EXPORT_TOO_LARGE',
    message: expect.stringContaining('--format markdown-zip'),
  })
})

it('a sensitive message travels as a placeholder without its files unless asked for', async () => {
  await fx.mirror.vault.init('correct horse battery staple')
  await sendFiles(
    fx.mirror,
    session.id,
    'Private',
    { 'secret.png': pngBytes(9) },
    {
      sensitive: true,
    },
  )
  const zip = await archive({ id: session.id, format: 'json' })
  // The message and the reply to it (a reply to a sensitive message is sensitive too).
  expect(zip.sensitiveMessages).toBe(2)
  const entries = await entriesOf(zip)
  expect([...entries.keys()].some((name) => name.endsWith('-secret.png'))).toBe(false)
  expect(entries.get('Zip me.json')!.toString('utf8')).toContain(SENSITIVE_PLACEHOLDER)

  const full = await archive({ id: session.id, format: 'json', includeSensitive: true })
  expect(full.attachments).toBe(3)
  const all = await entriesOf(full)
  const secret = [...all.keys()].find((name) => name.endsWith('-secret.png'))!
  expect(all.get(secret)).toEqual(pngBytes(9))
})
