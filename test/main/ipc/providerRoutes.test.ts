import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createKeytarStore } from '../../../src/main/keychain/keytarStore'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { Result } from '../../../src/shared/result'
import type { RouteName, RouteOutput } from '../../../src/shared/routes'
import { routes } from '../../../src/shared/routes'
import { checkedRouter } from '../helpers/checkedRouter'

const service = `ActiveMirror-test-${randomUUID()}`
const secrets = createKeytarStore(service)
const KEY = 'sk-route-test-5e7a9c1b3d5f7a9c'

/** The providers.* and context routes through the real router, output validation on. */
describe('provider routes', () => {
  let dir: string
  let mirror: Mirror
  let router: Router<null>
  const ctx: RequestContext = { emit: () => undefined }
  const added: string[] = []

  function dispatch(route: RouteName, input: unknown): Promise<Result<unknown>> {
    return router.dispatch(null, route, input, ctx)
  }

  async function call<K extends RouteName>(route: K, input: unknown): Promise<RouteOutput<K>> {
    const result = await dispatch(route, input)
    if (!result.ok) throw new Error(`${route}: ${result.error.code} ${result.error.message}`)
    return routes[route].output.parse(result.data) as RouteOutput<K>
  }

  async function failure(route: RouteName, input: unknown): Promise<string> {
    const result = await dispatch(route, input)
    expect(result.ok).toBe(false)
    const text = JSON.stringify(result)
    expect(text).not.toContain(KEY)
    return result.ok ? '' : result.error.code
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-provider-routes-'))
    mirror = await createMirror({
      dataDir: dir,
      storage: 'sqlite',
      providerSettings: { keychainService: service },
    })
    router = checkedRouter(mirror)
  })

  afterEach(async () => {
    await mirror.close()
    for (const id of added.splice(0)) await secrets.delete(`provider:${id}`).catch(() => false)
    rmSync(dir, { recursive: true, force: true })
  })

  it('rejects malformed input before anything is written', async () => {
    const inputs: Array<[RouteName, unknown]> = [
      ['providers.add', { id: 'oa', type: 'openai', model: 'gpt-4o', apiKey: KEY }],
      ['providers.add', { id: 'oa', type: 'gemini', model: 'x' }],
      ['providers.add', { id: 'oa', type: 'openai' }],
      ['providers.update', { id: 'oa', patch: { apiKey: KEY } }],
      ['providers.setKey', { id: 'oa', key: '' }],
      ['providers.setKey', { id: 'oa', key: 'k'.repeat(5_000) }],
      ['providers.setKey', { id: 'oa' }],
      ['providers.setDefault', {}],
      ['chat.context', { sessionId: 's' }],
      ['chat.contextEstimate', { sessionId: 's', text: 'x', pattern: 'odd', uncertainty: 'none' }],
    ]
    for (const [route, input] of inputs) {
      expect(await failure(route, input), route).toBe('VALIDATION_FAILED')
    }
    expect(existsSync(join(dir, 'providers.json'))).toBe(false)
  })

  it('takes the key in setKey only and never sends it back', async () => {
    const id = `oa-${randomUUID().slice(0, 6)}`
    added.push(id)
    const info = await call('providers.add', { id, type: 'openai', model: 'gpt-4o-mini' })
    expect(info.hasKey).toBe(false)
    const withKey = await call('providers.setKey', { id, key: KEY })
    expect(withKey).toMatchObject({ id, hasKey: true })
    const list = await call('providers.list', {})
    for (const result of [withKey, list]) expect(JSON.stringify(result)).not.toContain(KEY)
    expect(readFileSync(join(dir, 'providers.json'), 'utf8')).not.toContain(KEY)
    expect(await secrets.get(`provider:${id}`)).toBe(KEY)
    expect((await call('providers.clearKey', { id })).hasKey).toBe(false)
    expect(await call('providers.remove', { id })).toEqual({ removed: true })
    expect(await failure('providers.setKey', { id, key: KEY })).toBe('PROVIDER_NOT_CONFIGURED')
  })

  it('app.info reports the default provider; offline only for the offline engine', async () => {
    expect((await call('app.info', {})).provider).toMatchObject({ id: 'offline', offline: true })
    const id = `lm-${randomUUID().slice(0, 6)}`
    await call('providers.add', {
      id,
      type: 'openai-compatible',
      label: 'Local LM',
      model: 'qwen',
      baseUrl: 'http://127.0.0.1:9/v1',
    })
    const list = await call('providers.setDefault', { id })
    expect(list.defaultProviderId).toBe(id)
    expect((await call('app.info', {})).provider).toEqual({
      id,
      label: 'Local LM',
      model: 'qwen',
      offline: false,
    })
    await call('providers.setDefault', { id: null })
    expect((await call('app.info', {})).provider.offline).toBe(true)
  })

  it('chat.send with an unknown provider fails and stores nothing', async () => {
    const session = await call('sessions.create', { title: 'x' })
    expect(
      await failure('chat.send', {
        sessionId: session.id,
        text: 'hello',
        pattern: 'creative',
        uncertainty: 'none',
        providerId: 'nowhere',
      }),
    ).toBe('PROVIDER_NOT_CONFIGURED')
    expect((await call('sessions.get', { id: session.id })).messageCount).toBe(0)
  })

  it('chat.context answers for a reply and refuses a user message', async () => {
    const session = await call('sessions.create', { title: 'x' })
    const sent = await mirror.chat.send({
      sessionId: session.id,
      text: 'A thought about the sea',
      pattern: 'creative',
      uncertainty: 'low',
    })
    const { message } = await sent.completion
    const view = await call('chat.context', { sessionId: session.id, messageId: message!.id })
    expect(view.provider).toBe('offline')
    expect(view.messages.map((m) => m.id)).toEqual([sent.userMessage.id])
    expect(view.tokens!.used).toBe(message!.metadata.context!.tokens.used)
    expect(
      await failure('chat.context', { sessionId: session.id, messageId: sent.userMessage.id }),
    ).toBe('NOT_FOUND')
    const estimate = await call('chat.contextEstimate', {
      sessionId: session.id,
      text: 'next',
      pattern: 'creative',
      uncertainty: 'low',
    })
    expect(estimate.used).toBeGreaterThan(view.tokens!.used)
  })
})
