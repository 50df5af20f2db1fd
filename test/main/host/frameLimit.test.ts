import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningHost } from '../../../src/main/host/hostServer'
import { startHostServer } from '../../../src/main/host/hostServer'
import { CLOSE_FRAME_TOO_LARGE, MAX_FRAME_BYTES } from '../../../src/shared/hostSocket'
import {
  FRAME_ENVELOPE_BYTES,
  SMALL_TEXT_BYTES,
  UPLOAD_CHUNK_BYTES,
} from '../../../src/shared/hostSocket'
import { handlerTable } from '../ipc/handlerTable'
import { TestClient } from './wsClient'

const MiB = 1024 * 1024

/** Resolves with the close code the host sent, and how long after `start` it came. */
function closed(client: TestClient, start: number): Promise<{ code: number; ms: number }> {
  return new Promise((resolve) => {
    client.socket.once('close', (code) => resolve({ code, ms: Date.now() - start }))
  })
}

describe('browser host frame limit', () => {
  let root: string
  let host: RunningHost
  const received: number[] = []

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'amos-frames-'))
    writeFileSync(join(root, 'index.html'), '<!doctype html>')
    host = await startHostServer({
      port: 0,
      staticDir: root,
      handlers: handlerTable({
        'import.chunk': async (input) => {
          const bytes = Buffer.from(input.data, 'base64').length
          received.push(bytes)
          return { received: bytes }
        },
        'import.files': async (input) => ({
          imported: input.files.map((f, i) => ({ file: f.name, sessionId: `s${i}`, title: 't' })),
          skipped: [],
          failed: [],
        }),
      }),
    })
  })

  afterAll(async () => {
    await host.close()
    rmSync(root, { recursive: true, force: true })
  })

  it('is sized from the upload constants: a full chunk and a worst-case small text file fit', async () => {
    const client = await TestClient.connect(host.port, host.token)
    const data = Buffer.alloc(UPLOAD_CHUNK_BYTES, 0xab).toString('base64')
    const chunk = await client.request('import.chunk', {
      uploadId: 'upload_x',
      index: 0,
      data,
    })
    expect(chunk).toEqual({ ok: true, data: { received: UPLOAD_CHUNK_BYTES } })
    // Control characters are escaped as \u00XX: the largest a small text file gets on the wire.
    const content = '\u0001'.repeat(SMALL_TEXT_BYTES)
    const frame = JSON.stringify({
      id: 99,
      route: 'import.files',
      input: { files: [{ name: 'n'.repeat(500), content }] },
    })
    expect(Buffer.byteLength(frame)).toBeGreaterThan(6 * MiB)
    expect(Buffer.byteLength(frame)).toBeLessThanOrEqual(MAX_FRAME_BYTES)
    client.sendRaw(frame)
    const answer = await client.waitFor((f) => f.id === 99)
    expect(answer.result).toMatchObject({ ok: true })
    client.close()
  })

  it('reads a frame of exactly the limit and closes on one byte more', async () => {
    const client = await TestClient.connect(host.port, host.token)
    client.sendRaw('x'.repeat(MAX_FRAME_BYTES))
    const junk = await client.waitFor((f) => f.id === null)
    expect(junk.result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    const close = closed(client, Date.now())
    client.sendRaw('x'.repeat(MAX_FRAME_BYTES + 1))
    expect((await close).code).toBe(CLOSE_FRAME_TOO_LARGE)
  })

  it('refuses a 50 MB frame from its header without blocking other sockets', async () => {
    const bystander = await TestClient.connect(host.port, host.token)
    const sender = await TestClient.connect(host.port, host.token)
    const huge = JSON.stringify({
      id: 1,
      route: 'import.files',
      input: { files: [{ name: 'big.json', content: 'a'.repeat(50 * MiB) }] },
    })
    const start = Date.now()
    const close = closed(sender, start)
    sender.sendRaw(huge)
    // Answered while the big frame is being refused, not 2.5 s later.
    const answer = await bystander.request('import.chunk', {
      uploadId: 'upload_y',
      index: 0,
      data: 'AAAA',
    })
    expect(answer).toEqual({ ok: true, data: { received: 3 } })
    const { code, ms } = await close
    expect(code).toBe(CLOSE_FRAME_TOO_LARGE)
    expect(ms).toBeLessThan(2000)
    // The host is fine: a new connection works.
    const again = await TestClient.connect(host.port, host.token)
    expect(
      (await again.request('import.chunk', { uploadId: 'upload_z', index: 0, data: 'AAAA' })).ok,
    ).toBe(true)
    again.close()
    bystander.close()
  })

  it('reads a full import.files batch the renderer packs (budget + envelope)', async () => {
    const budget = MAX_FRAME_BYTES - FRAME_ENVELOPE_BYTES
    // The renderer counts each entry with its comma; the files fill the budget exactly.
    const file = (name: string, size: number) => ({ name, content: 'a'.repeat(size) })
    const first = file('a.md', 0)
    const overhead = Buffer.byteLength(JSON.stringify(first)) + 1
    const files = [file('a.md', budget - 2 * overhead), file('b.md', 0)]
    const frame = JSON.stringify({ id: 7, route: 'import.files', input: { files } })
    expect(Buffer.byteLength(frame)).toBeGreaterThan(budget - 100)
    const client = await TestClient.connect(host.port, host.token)
    client.sendRaw(frame)
    expect((await client.waitFor((f) => f.id === 7)).result).toMatchObject({ ok: true })
    client.close()
  })
})
