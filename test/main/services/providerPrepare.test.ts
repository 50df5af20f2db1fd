import { describe, expect, it } from 'vitest'
import { ProviderRegistry } from '../../../src/main/llm/providerRegistry'
import { ConfiguredProvider } from '../../../src/main/llm/providers/configuredProvider'
import { ContextInspector } from '../../../src/main/services/contextInspector'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { makeSession } from '../storage/helpers/fixtures'

function provider(getApiKey: () => Promise<string | null>): ConfiguredProvider {
  return new ConfiguredProvider(
    {
      id: 'cloud',
      type: 'openai',
      label: 'Cloud',
      baseUrl: 'http://127.0.0.1:9/v1',
      model: 'gpt-4o-mini',
    },
    { getApiKey },
  )
}

describe('getting a provider ready while the user types', () => {
  it('prepare() reads the API key ahead of the request, and never throws', async () => {
    let reads = 0
    provider(async () => {
      reads++
      return 'sk-ready-000000000000000000'
    }).prepare()
    provider(async () => {
      reads++
      throw new Error('no Secret Service')
    }).prepare()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(reads).toBe(2)
  })

  it("the composer's context estimate prepares the session's provider", async () => {
    let reads = 0
    const storage = new MemoryStorage()
    const session = makeSession()
    await storage.createSession(session)
    const inspector = new ContextInspector({
      storage,
      providers: new ProviderRegistry(
        [
          provider(async () => {
            reads++
            return 'sk-ready-000000000000000000'
          }),
        ],
        'cloud',
      ),
      reflective: new ReflectiveService(),
    })
    await inspector.estimate({
      sessionId: session.id,
      text: 'A draft',
      pattern: 'exploratory',
      uncertainty: 'none',
    })
    expect(reads).toBe(1)
  })
})
