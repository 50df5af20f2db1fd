import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Router } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { RouteOutput } from '../../../src/shared/routes'
import { pdfBytes } from '../attachments/fixtures'
import { checkedRouter, routeCalls } from '../helpers/checkedRouter'

let dir: string
let mirror: Mirror
let router: Router<null>
const { call, fails } = routeCalls(() => router)

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'amos-attach-routes-'))
  mirror = await createMirror({ dataDir: dir, storage: 'sqlite' })
  router = checkedRouter(mirror)
})
afterEach(async () => {
  await mirror.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Stages `bytes` the way the renderer does: begin, base64 chunks in order, finish. */
async function upload(name: string, bytes: Buffer) {
  const { stagedId, chunkBytes } = await call('attachments.begin', { name, size: bytes.length })
  for (let i = 0, at = 0; at < bytes.length; i++, at += chunkBytes) {
    const data = bytes.subarray(at, at + chunkBytes).toString('base64')
    await call('attachments.chunk', { stagedId, index: i, data })
  }
  return call('attachments.finish', { stagedId })
}

it('stages a file in chunks, sends it, and reads it back in chunks', async () => {
  // A PDF of several chunks (an unused stream pads it past 2.5 MiB).
  const pdf = pdfBytes('Chunked figures', 2_600_000)
  const staged = await upload('big.pdf', pdf)
  expect(staged).toMatchObject({
    name: 'big.pdf',
    mimeType: 'application/pdf',
    kind: 'pdf',
    size: pdf.length,
  })
  const session = await call('sessions.create', { title: 'Docs' })
  const sent = await call('chat.send', {
    sessionId: session.id,
    text: '',
    pattern: 'analytical',
    uncertainty: 'none',
    attachments: [staged.stagedId],
  })
  const [ref] = sent.userMessage.attachments!
  expect(ref).toMatchObject({ name: 'big.pdf', size: pdf.length })

  const parts: Buffer[] = []
  for (let offset: number | null = 0; offset !== null;) {
    const chunk: RouteOutput<'attachments.read'> = await call('attachments.read', {
      id: ref!.id,
      offset,
    })
    parts.push(Buffer.from(chunk.data, 'base64'))
    offset = chunk.nextOffset
  }
  expect(Buffer.concat(parts).equals(pdf)).toBe(true)
  expect((await call('attachments.pdfText', { id: ref!.id })).text).toContain('Chunked figures')
  // A staged file is used once: sending it again is NOT_FOUND, nothing half-written.
  expect(
    await fails('chat.send', {
      sessionId: session.id,
      text: 'again',
      pattern: 'analytical',
      uncertainty: 'none',
      attachments: [staged.stagedId],
    }),
  ).toBe('NOT_FOUND')
})

it('refuses bad uploads with typed errors', async () => {
  expect(await fails('attachments.begin', { name: 'huge.pdf', size: 60 * 1024 * 1024 })).toBe(
    'ATTACHMENT_TOO_LARGE',
  )
  const { stagedId } = await call('attachments.begin', { name: 'x.gif', size: 4 })
  expect(await fails('attachments.chunk', { stagedId, index: 1, data: 'AAAA' })).toBe(
    'VALIDATION_FAILED',
  )
  await call('attachments.chunk', {
    stagedId,
    index: 0,
    data: Buffer.from([0, 0, 0, 0]).toString('base64'),
  })
  expect(await fails('attachments.finish', { stagedId })).toBe('ATTACHMENT_TYPE_UNSUPPORTED')
  expect(await fails('attachments.finish', { stagedId })).toBe('NOT_FOUND')

  const ok = await upload('a.txt', Buffer.from('hello'))
  expect(await call('attachments.discard', { stagedId: ok.stagedId })).toEqual({ discarded: true })
  expect(await fails('attachments.finish', { stagedId: ok.stagedId })).toBe('NOT_FOUND')
  expect(await fails('attachments.read', { id: 'not-an-id' })).toBe('VALIDATION_FAILED')
  expect(await fails('attachments.read', { id: 'b'.repeat(64) })).toBe('NOT_FOUND')
})
