// @vitest-environment node
import { describe, expect, it } from 'vitest'
import { hostSocketUrl } from '../../../src/renderer/src/bridge/token'
import { WS_PATH, readHostFrame } from '../../../src/shared/hostSocket'

describe('host → page frames (shared wire protocol)', () => {
  it('reads responses and events, and nothing else', () => {
    const ok = { id: 3, result: { ok: true, data: { a: 1 } } }
    expect(readHostFrame(JSON.stringify(ok))).toEqual(ok)
    const failed = {
      id: null,
      result: { ok: false, error: { code: 'VALIDATION_FAILED', message: 'x' } },
    }
    expect(readHostFrame(JSON.stringify(failed))).toEqual(failed)
    const event = { event: 'vault.locked', payload: { reason: 'idle' } }
    expect(readHostFrame(JSON.stringify(event))).toEqual(event)
    for (const bad of [
      'not json',
      '42',
      'null',
      JSON.stringify({ id: 1, result: { ok: false, error: { code: 'INTERNAL' } } }),
      JSON.stringify({ id: 1, result: { ok: true } }),
      JSON.stringify({ id: {}, result: { ok: true, data: 1 } }),
    ]) {
      expect(readHostFrame(bad)).toBeNull()
    }
    expect(readHostFrame(new Uint8Array([123, 125]))).toBeNull()
  })

  it('the page opens the path the host serves', () => {
    expect(new URL(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:7377' })).pathname).toBe(
      WS_PATH,
    )
  })
})
