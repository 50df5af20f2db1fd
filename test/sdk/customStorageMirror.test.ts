import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openAuditedStorage } from '../../examples/custom-storage/auditedStorage'
import { createMirror, openStorage } from '../../src/sdk'
import type { Storage } from '../../src/sdk'
import { expectMirrorError } from '../main/storage/helpers/fixtures'
import { sdkMirrors } from './helpers/sdkTemp'

const mirrors = sdkMirrors()
afterEach(() => mirrors.cleanup())

describe('createMirror({ storage }) with a custom backend', () => {
  it('keeps sessions and messages in the given object and closes it with the mirror', async () => {
    const audit: string[] = []
    const storage = await openAuditedStorage(audit)
    let closed = 0
    const close = storage.close
    const counted: Storage = { ...storage, close: () => (closed++, close()) }
    const mirror = await createMirror({ dataDir: mirrors.dir(), storage: counted })
    expect(mirror.storageKind).toBe('custom')

    const session = await mirror.sessions.create({ title: 'Elsewhere' })
    const reply = await mirror.send({ sessionId: session.id, text: 'Where am I kept?' })
    const { message } = await reply.completion
    expect(audit).toEqual(expect.arrayContaining(['createSession', 'appendMessage']))
    // What the mirror wrote is in the custom store itself.
    expect((await storage.getSession(session.id)).title).toBe('Elsewhere')
    expect((await storage.listMessages(session.id)).items.map((m) => m.id)).toEqual([
      reply.userMessage.id,
      message?.id,
    ])
    // The SQLite file is never created for a custom backend.
    expect(existsSync(join(mirror.dataDir, 'activemirror.db'))).toBe(false)

    await mirror.close()
    expect(closed).toBe(1)
  })

  it('refuses an object that is not a Storage, naming what is missing, before touching disk', async () => {
    const dataDir = join(mirrors.dir(), 'untouched')
    const half = { kind: 'custom', getSession: async () => null } as unknown as Storage
    const error = await expectMirrorError(
      createMirror({ dataDir, storage: half }),
      'VALIDATION_FAILED',
    )
    expect(error.data?.['missing']).toEqual(expect.arrayContaining(['createSession', 'search']))
    expect(error.data?.['missing']).not.toContain('getSession')

    const inner = await openStorage('memory')
    const oddWatch = { ...bound(inner), kind: 'custom', watchChanges: 'yes' } as unknown as Storage
    await expectMirrorError(createMirror({ dataDir, storage: oddWatch }), 'VALIDATION_FAILED')
    const noKind = { ...bound(inner), kind: '' } as unknown as Storage
    await expectMirrorError(createMirror({ dataDir, storage: noKind }), 'VALIDATION_FAILED')
    expect(existsSync(dataDir)).toBe(false)
  })

  it('openStorage opens built-in backends to wrap, and needs a folder for the durable ones', async () => {
    await expectMirrorError(openStorage('sqlite'), 'VALIDATION_FAILED')
    await expectMirrorError(openStorage('redis' as 'memory'), 'VALIDATION_FAILED')
    const json = await openStorage('json', mirrors.dir())
    expect(json.kind).toBe('json')
    await json.close()
  })
})

/** The object's methods as own properties (a class instance's live on its prototype). */
function bound(storage: Storage): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(storage))) {
    const value = (storage as unknown as Record<string, unknown>)[name]
    if (name !== 'constructor' && typeof value === 'function') out[name] = value.bind(storage)
  }
  return out
}
