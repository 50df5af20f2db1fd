import { describe, expect, it } from 'vitest'
import type { ChatProvider } from '../../../src/main/llm/provider'
import { OfflineEngine } from '../../../src/main/llm/offlineEngine'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { expectMirrorError } from '../storage/helpers/fixtures'

const fake = (id: string): ChatProvider => ({
  id,
  kind: 'openai-compatible',
  label: `Fake ${id}`,
  defaultModel: 'm',
  async *stream() {
    yield { type: 'text', text: id }
  },
})

describe('ProviderRegistry', () => {
  it('always holds the offline engine as the default', () => {
    const registry = new ProviderRegistry()
    const offline = registry.defaultProvider()
    expect(offline).toBeInstanceOf(OfflineEngine)
    expect(offline).toMatchObject({
      id: 'offline',
      kind: 'offline',
      defaultModel: 'reflective-offline-1',
    })
    expect(offline.label).toMatch(/not an AI model/)
    expect(registry.list().map((p) => p.id)).toEqual(['offline'])
  })

  it('keeps a given offline engine instead of adding another', () => {
    const engine = new OfflineEngine({ delayMs: 0 })
    const registry = new ProviderRegistry([engine])
    expect(registry.get('offline')).toBe(engine)
    expect(registry.list()).toHaveLength(1)
  })

  it('registers, switches the default and falls back when it is removed', () => {
    const registry = new ProviderRegistry([fake('local')], 'local')
    expect(registry.defaultProvider().id).toBe('local')
    registry.register(fake('other'))
    registry.setDefault('other')
    expect(registry.defaultProvider().id).toBe('other')
    expect(registry.unregister('other')).toBe(true)
    expect(registry.defaultProvider().id).toBe('offline')
    expect(registry.unregister('offline')).toBe(false)
    expect(registry.has('offline')).toBe(true)
  })

  it('answers PROVIDER_NOT_CONFIGURED for unknown ids, including prototype names', async () => {
    const registry = new ProviderRegistry()
    for (const id of ['openai', '__proto__', 'constructor', 'toString']) {
      await expectMirrorError(
        Promise.resolve().then(() => registry.get(id)),
        'PROVIDER_NOT_CONFIGURED',
      )
    }
    expect(() => registry.setDefault('nope')).toThrowError(/No provider/)
    expect(registry.defaultProvider().id).toBe('offline')
    expect(() => new ProviderRegistry([], 'missing')).toThrowError(/No provider/)
  })
})
