import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { contractChecksOn } from '../../../src/main/host/browserHost'
import type { RunningHost } from '../../../src/main/host/hostServer'
import { startHostServer } from '../../../src/main/host/hostServer'
import type { EventSink } from '../../../src/main/ipc/requestContext'
import type { EventName, EventPayload } from '../../../src/shared/events'
import { handlerTable } from '../ipc/handlerTable'
import { TestClient } from './wsClient'

/** A payload the events table refuses, sent past the type checker on purpose. */
function bad<E extends EventName>(payload: unknown): EventPayload<E> {
  return payload as EventPayload<E>
}

describe('the browser host checks the contract', () => {
  let root: string
  let host: RunningHost | null = null
  let client: TestClient | null = null

  async function start(validateOutput: boolean) {
    root = mkdtempSync(join(tmpdir(), 'amos-host-contract-'))
    const internal: Array<[string, unknown]> = []
    const violations: Error[] = []
    let broadcast: EventSink = () => {}
    host = await startHostServer({
      port: 0,
      staticDir: root,
      validateOutput,
      onInternalError: (route, error) => internal.push([route, error]),
      onEventViolation: (error) => violations.push(error),
      subscribe: (sink) => {
        broadcast = sink
        return () => {}
      },
      handlers: handlerTable({
        // An archived flag that is not a boolean: a half-valid session.
        'sessions.archive': async (input) =>
          ({ id: input.id, archived: 'yes' }) as unknown as never,
        'sessions.create': async (_input, ctx) => {
          ctx.emit('chat.delta', bad<'chat.delta'>({ requestId: 'r1', sessionId: 's1', text: 42 }))
          ctx.emit('chat.delta', { requestId: 'r1', sessionId: 's1', text: 'fine' })
          return {
            id: 's1',
            title: 'New',
            createdAt: '2025-01-01T00:00:00.000Z',
            updatedAt: '2025-01-01T00:00:00.000Z',
            messageCount: 0,
            archived: false,
            metadata: {},
          }
        },
      }),
    })
    client = await TestClient.connect(host.port, host.token)
    return {
      internal,
      violations,
      broadcast: (...args: Parameters<EventSink>) => broadcast(...args),
    }
  }

  afterEach(async () => {
    client?.close()
    await host?.close()
    host = null
    client = null
    rmSync(root, { recursive: true, force: true })
  })

  it('answers a route output that fails its schema with INTERNAL, and reports it', async () => {
    const { internal } = await start(true)
    const result = await client!.request('sessions.archive', { id: 's1' })
    expect(result).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: expect.any(String) as string },
    })
    expect(JSON.stringify(result)).not.toContain('yes')
    expect(internal).toHaveLength(1)
    expect(String(internal[0]?.[1])).toMatch(/sessions\.archive does not match its schema/)
  })

  it('drops and reports an event that fails its schema; valid ones still arrive', async () => {
    const { violations, broadcast } = await start(true)
    const created = await client!.request('sessions.create', {})
    expect(created.ok).toBe(true)
    await client!.waitFor((f) => f.event === 'chat.delta')
    broadcast('vault.locked', { reason: 'bored' })
    broadcast('vault.locked', { reason: 'idle' })
    await client!.waitFor((f) => f.event === 'vault.locked')
    expect(client!.events('chat.delta').map((f) => f.payload)).toEqual([
      { requestId: 'r1', sessionId: 's1', text: 'fine' },
    ])
    expect(client!.events('vault.locked').map((f) => f.payload)).toEqual([{ reason: 'idle' }])
    expect(violations.map((e) => e.message)).toEqual([
      expect.stringMatching(/chat\.delta does not match its schema: text/),
      expect.stringMatching(/vault\.locked does not match its schema: reason/),
    ])
  })

  it('sends events unchecked when the checks are off (a production build)', async () => {
    const { violations } = await start(false)
    await client!.request('sessions.create', {})
    await client!.waitFor((f) => f.event === 'chat.delta' && f.payload !== undefined)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(client!.events('chat.delta')).toHaveLength(2)
    expect(violations).toEqual([])
  })

  it('is on unless NODE_ENV=production', () => {
    expect(contractChecksOn({})).toBe(true)
    expect(contractChecksOn({ NODE_ENV: 'test' })).toBe(true)
    expect(contractChecksOn({ NODE_ENV: 'development' })).toBe(true)
    expect(contractChecksOn({ NODE_ENV: 'production' })).toBe(false)
  })
})
