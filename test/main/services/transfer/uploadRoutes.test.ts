import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../../src/main/ipc/handlers'
import type { RequestContext } from '../../../../src/main/ipc/requestContext'
import type { Router } from '../../../../src/main/ipc/router'
import { createRouter } from '../../../../src/main/ipc/router'
import { createMirror } from '../../../../src/main/mirror'
import type { Mirror } from '../../../../src/main/mirrorApi'
import type { EventName, EventPayload } from '../../../../src/shared/events'
import { events } from '../../../../src/shared/events'
import type { Result } from '../../../../src/shared/result'
import { UPLOAD_CHUNK_BYTES } from '../../../../src/shared/routes'
import { FIXTURES, fixture, tempDir } from './helpers'
import { writeConversations } from './generateChatGpt'

let dir: string
let mirror: Mirror
let router: Router<null>
let seen: Array<[EventName, unknown]>
let dragged: string[]

const plainCtx = (): RequestContext => ({
  emit: (event, payload) => {
    // Every event must match its schema, as the renderer will parse it.
    events[event].parse(payload)
    seen.push([event, payload])
  },
})

async function call(route: string, input: unknown, ctx = plainCtx()): Promise<Result<unknown>> {
  return router.dispatch(null, route, input, ctx)
}

async function ok<T>(route: string, input: unknown, ctx?: RequestContext): Promise<T> {
  const result = await call(route, input, ctx)
  if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
  return result.data as T
}

function doneEvent(uploadId: string): Promise<EventPayload<'import.done'>> {
  return new Promise((resolve) => {
    const timer = setInterval(() => {
      const done = seen.find(
        ([e, p]) => e === 'import.done' && (p as { uploadId: string }).uploadId === uploadId,
      )
      if (done) {
        clearInterval(timer)
        resolve(done[1] as EventPayload<'import.done'>)
      }
    }, 10)
  })
}

/** The renderer's side of a chunked upload. */
async function upload(name: string, bytes: Buffer): Promise<string> {
  const { uploadId } = await ok<{ uploadId: string }>('import.begin', { name, size: bytes.length })
  for (let i = 0, index = 0; i < bytes.length; i += UPLOAD_CHUNK_BYTES, index++) {
    const data = bytes.subarray(i, i + UPLOAD_CHUNK_BYTES).toString('base64')
    await ok('import.chunk', { uploadId, index, data })
  }
  return uploadId
}

beforeEach(async () => {
  dir = tempDir()
  seen = []
  dragged = []
  // A JSON store: the app's own files (uploads, drag files) must stay out of its top level.
  mirror = await createMirror({ dataDir: dir, storage: 'json' })
  router = createRouter({
    handlers: createHandlers(mirror, { host: 'browser', version: '0.0.0' }),
    isTrustedSender: () => true,
    validateOutput: true,
  })
})

afterEach(async () => {
  await mirror.close()
  rmSync(dir, { recursive: true, force: true })
})

const uploadsDir = () => path.join(dir, '.activemirror', 'imports')

describe('chunked upload routes', () => {
  it('streams an uploaded ChatGPT export with progress, then reports and removes the file', async () => {
    const work = tempDir()
    const file = path.join(work, 'conversations.json')
    const count = await writeConversations(file, 1.5 * 1024 * 1024)
    const bytes = readFileSync(file)
    rmSync(work, { recursive: true, force: true })

    const uploadId = await upload('conversations.json', bytes)
    expect(readdirSync(uploadsDir())).toEqual([`${uploadId}.part`])
    expect(await ok('import.commit', { uploadId })).toEqual({ uploadId })
    const done = await doneEvent(uploadId)
    expect(done.report.failed).toEqual([])
    expect(done.report.imported).toHaveLength(count)
    const progress = seen
      .filter(([e]) => e === 'import.progress')
      .map(([, p]) => p as EventPayload<'import.progress'>)
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.at(-1)).toEqual({
      uploadId,
      bytesRead: bytes.length,
      total: bytes.length,
      sessionsImported: count,
    })
    expect(readdirSync(uploadsDir())).toEqual([])
    // The JSON store's top level holds the index and one file per session, nothing else.
    expect(
      readdirSync(dir)
        .filter((n) => !n.endsWith('.json'))
        .sort(),
    ).toEqual(['.activemirror'])
  })

  it('binary-safe: a zip upload imports, a binary file fails with its name', async () => {
    const { zipBuffer } = await import('./zipHelpers')
    const zip = await zipBuffer([
      { name: 'a.json', content: fixture('js-sdk-session.json').content },
    ])
    const zipId = await upload('sessions.zip', zip)
    await ok('import.commit', { uploadId: zipId })
    expect((await doneEvent(zipId)).report.imported.map((r) => r.file)).toEqual([
      'sessions.zip/a.json',
    ])

    const png = readFileSync(path.join(FIXTURES, 'bad/binary.png'))
    const pngId = await upload('photo.png', png)
    await ok('import.commit', { uploadId: pngId })
    expect((await doneEvent(pngId)).report.failed).toEqual([
      {
        file: 'photo.png',
        code: 'IMPORT_UNSUPPORTED_FORMAT',
        reason: expect.stringContaining('binary'),
      },
    ])
  })

  it('refuses chunks out of order, more bytes than announced and an early commit', async () => {
    const { uploadId } = await ok<{ uploadId: string }>('import.begin', {
      name: 'x.json',
      size: 10,
    })
    const outOfOrder = await call('import.chunk', { uploadId, index: 1, data: 'AAAA' })
    expect(outOfOrder).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    await ok('import.chunk', { uploadId, index: 0, data: Buffer.from('{"a":').toString('base64') })
    const early = await call('import.commit', { uploadId })
    expect(early).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('5 of 10 bytes') },
    })
    const tooMuch = await call('import.chunk', {
      uploadId,
      index: 1,
      data: Buffer.from('123456').toString('base64'),
    })
    expect(tooMuch).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    // That upload is gone with its file.
    expect(readdirSync(uploadsDir())).toEqual([])
    const gone = await call('import.chunk', { uploadId, index: 1, data: '' })
    expect(gone).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })

  it('cancel before commit drops the file; cancel during the import keeps whole sessions only', async () => {
    const { uploadId: early } = await ok<{ uploadId: string }>('import.begin', {
      name: 'a',
      size: 4,
    })
    expect(await ok('import.cancel', { uploadId: early })).toEqual({ cancelled: true })
    expect(readdirSync(uploadsDir())).toEqual([])

    const work = tempDir()
    const file = path.join(work, 'conversations.json')
    const count = await writeConversations(file, 6 * 1024 * 1024)
    const uploadId = await upload('conversations.json', readFileSync(file))
    rmSync(work, { recursive: true, force: true })
    await ok('import.commit', { uploadId })
    expect(await ok('import.cancel', { uploadId })).toEqual({ cancelled: true })
    const { report } = await doneEvent(uploadId)
    expect(report.cancelled).toBe(true)
    expect(report.imported.length).toBeLessThan(count)
    for (const { sessionId } of report.imported) {
      const session = await mirror.sessions.get(sessionId)
      expect((await mirror.sessions.messages(sessionId, { limit: 500 })).items).toHaveLength(
        session.messageCount,
      )
    }
    expect((await mirror.sessions.list({ limit: 500 })).items).toHaveLength(report.imported.length)
    expect(readdirSync(uploadsDir())).toEqual([])
  })
})

describe('export routes', () => {
  it('sessions.exportAll returns a zip with every session', async () => {
    await mirror.transfer.importFiles([
      fixture('native-session.json'),
      fixture('js-sdk-session.json'),
    ])
    const archive = await ok<{ base64: string; sessionCount: number; fileName: string }>(
      'sessions.exportAll',
      {},
    )
    expect(archive.sessionCount).toBe(2)
    expect(archive.fileName).toMatch(/^ActiveMirror sessions \d{4}-\d{2}-\d{2}\.zip$/)
    expect(Buffer.from(archive.base64, 'base64').subarray(0, 2).toString()).toBe('PK')
  })

  it('sessions.startDrag is NOT_SUPPORTED without a native drag, and drags a real file with one', async () => {
    await mirror.transfer.importFiles([fixture('native-session.json')])
    const id = 'session_1731578400000_nat1ve001'
    const refused = await call('sessions.startDrag', { id, format: 'markdown' })
    expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_SUPPORTED' } })

    const ctx = { ...plainCtx(), startDrag: (file: string) => dragged.push(file) }
    const result = await ok<{ fileName: string }>(
      'sessions.startDrag',
      { id, format: 'markdown' },
      ctx,
    )
    expect(result.fileName).toBe('Native a walk through the garden.md')
    expect(dragged).toHaveLength(1)
    expect(path.basename(dragged[0]!)).toBe(result.fileName)
    expect(dragged[0]!.startsWith(path.join(dir, '.activemirror', 'drag'))).toBe(true)
    expect(existsSync(dragged[0]!)).toBe(true)
    const exported = await mirror.transfer.exportSession(id, 'markdown')
    expect(readFileSync(dragged[0]!, 'utf8')).toBe(exported.content)
  })
})
