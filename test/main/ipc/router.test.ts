import { describe, expect, it } from 'vitest'
import { MirrorError } from '../../../src/shared/errors'
import type { EventName } from '../../../src/shared/events'
import { createRouter } from '../../../src/main/ipc/router'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import { createDeferredEmitter } from '../../../src/main/ipc/requestContext'
import { handlerTable } from './handlerTable'

interface Sender {
  trusted: boolean
}
const trusted: Sender = { trusted: true }
const stranger: Sender = { trusted: false }

function recordingCtx(): RequestContext & { seen: Array<[EventName, unknown]> } {
  const seen: Array<[EventName, unknown]> = []
  return { seen, emit: (event, payload) => seen.push([event, payload]) }
}

const session = {
  id: 's1',
  title: 'Hello',
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  messageCount: 0,
  archived: false,
  metadata: {},
}

function setup(options: { validateOutput?: boolean } = {}) {
  const calls: Array<{ route: string; input: unknown }> = []
  const internal: unknown[] = []
  const handlers = handlerTable({
    'sessions.create': async (input) => {
      calls.push({ route: 'sessions.create', input })
      return { ...session, title: input.title ?? 'New session' }
    },
    'sessions.get': async (input) => {
      calls.push({ route: 'sessions.get', input })
      throw new MirrorError('NOT_FOUND', `Session ${input.id} not found.`, { id: input.id })
    },
    'sessions.delete': async () => {
      const error = new Error("ENOENT: no such file or directory, open '/home/alice/.config/x.db'")
      error.stack = `${error.message}\n    at Object.openSync (node:fs:573:18)\n    at /home/alice/app/x.ts:1:1`
      throw error
    },
    'chat.cancel': async (input, ctx) => {
      calls.push({ route: 'chat.cancel', input })
      ctx.emit('chat.delta', { requestId: input.requestId, sessionId: 's1', text: 'hi' })
      return { cancelled: true }
    },
    // Deliberately wrong output, to check validateOutput.
    'sessions.archive': async () => ({ ...session, archived: 'yes' }) as never,
  })
  const router = createRouter<Sender>({
    handlers,
    isTrustedSender: (sender) => sender.trusted,
    validateOutput: options.validateOutput,
    onInternalError: (_route, error) => internal.push(error),
  })
  return { router, calls, internal }
}

describe('router', () => {
  it('calls the handler with the parsed input and wraps its result', async () => {
    const { router, calls } = setup()
    const result = await router.dispatch(
      trusted,
      'sessions.create',
      { title: '  Trip  ' },
      recordingCtx(),
    )
    expect(result).toEqual({ ok: true, data: { ...session, title: 'Trip' } })
    // zod trimmed the title before the handler saw it
    expect(calls).toEqual([{ route: 'sessions.create', input: { title: 'Trip' } }])
  })

  it('answers UNKNOWN_ROUTE for a route that is not in the table', async () => {
    const { router, calls } = setup()
    const result = await router.dispatch(trusted, 'sessions.nuke', {}, recordingCtx())
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } })
    expect(calls).toEqual([])
  })

  it.each([
    '__proto__',
    'constructor',
    'toString',
    'hasOwnProperty',
    'valueOf',
    '__defineGetter__',
  ])('does not resolve the prototype name %s as a route', async (name) => {
    const { router } = setup()
    const result = await router.dispatch(trusted, name, {}, recordingCtx())
    expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } })
  })

  it.each([42, null, undefined, { toString: () => 'sessions.create' }, ['sessions.create']])(
    'refuses a non-string route name %s',
    async (name) => {
      const { router, calls } = setup()
      const result = await router.dispatch(trusted, name, {}, recordingCtx())
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ROUTE' } })
      expect(calls).toEqual([])
    },
  )

  it.each([
    ['a wrong type', { title: 5 }],
    ['an extra key', { title: 'ok', admin: true }],
    ['a string', 'title'],
    ['null', null],
    ['an array', [{ title: 'x' }]],
    ['an empty title', { title: '   ' }],
  ])('answers VALIDATION_FAILED for %s without calling the handler', async (_label, input) => {
    const { router, calls } = setup()
    const result = await router.dispatch(trusted, 'sessions.create', input, recordingCtx())
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } })
    expect(calls).toEqual([])
  })

  it('names the offending field in a validation message', async () => {
    const { router } = setup()
    const result = await router.dispatch(trusted, 'sessions.get', { id: 7 }, recordingCtx())
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.message).toContain('id')
  })

  it('rejects an untrusted sender before looking at the route, the input or the handler', async () => {
    const { router, calls } = setup()
    const ctx = recordingCtx()
    for (const [route, input] of [
      ['sessions.create', { title: 'ok' }],
      ['nope', {}],
      ['sessions.create', 'garbage'],
      ['chat.cancel', { requestId: 'r1' }],
    ] as const) {
      const result = await router.dispatch(stranger, route, input, ctx)
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
    }
    expect(calls).toEqual([])
    expect(ctx.seen).toEqual([])
  })

  it('treats a sender guard that throws as a refusal', async () => {
    const router = createRouter<Sender>({
      handlers: handlerTable({}),
      isTrustedSender: () => {
        throw new Error('frame destroyed')
      },
    })
    const result = await router.dispatch(trusted, 'sessions.list', {}, recordingCtx())
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } })
  })

  it('turns a plain thrown Error into INTERNAL with no stack, path or original message', async () => {
    const { router, internal } = setup()
    const result = await router.dispatch(trusted, 'sessions.delete', { id: 's1' }, recordingCtx())
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error.code).toBe('INTERNAL')
    expect(result.error.data).toBeUndefined()
    const text = JSON.stringify(result)
    for (const leak of ['/home/alice', 'ENOENT', 'node:fs', '    at ', 'x.ts']) {
      expect(text).not.toContain(leak)
    }
    // The original still reaches the host's log hook.
    expect(internal).toHaveLength(1)
    expect(String(internal[0])).toContain('ENOENT')
  })

  it('passes a MirrorError through with its code, message and data', async () => {
    const { router } = setup()
    const result = await router.dispatch(trusted, 'sessions.get', { id: 'zz' }, recordingCtx())
    expect(result).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Session zz not found.', data: { id: 'zz' } },
    })
  })

  it('gives handlers an emit that reaches the request context', async () => {
    const { router } = setup()
    const ctx = recordingCtx()
    const result = await router.dispatch(trusted, 'chat.cancel', { requestId: 'r1' }, ctx)
    expect(result).toEqual({ ok: true, data: { cancelled: true } })
    expect(ctx.seen).toEqual([['chat.delta', { requestId: 'r1', sessionId: 's1', text: 'hi' }]])
  })

  it('checks outputs against the route schema when asked', async () => {
    const loose = await setup().router.dispatch(
      trusted,
      'sessions.archive',
      { id: 's1' },
      recordingCtx(),
    )
    expect(loose.ok).toBe(true)
    const strict = setup({ validateOutput: true })
    const checked = await strict.router.dispatch(
      trusted,
      'sessions.archive',
      { id: 's1' },
      recordingCtx(),
    )
    expect(checked).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
    expect(strict.internal).toHaveLength(1)
    const good = await strict.router.dispatch(trusted, 'sessions.create', {}, recordingCtx())
    expect(good.ok).toBe(true)
  })
})

describe('deferred emitter', () => {
  it('holds events until opened, then delivers them in order and later ones at once', () => {
    const seen: unknown[] = []
    const emitter = createDeferredEmitter((event, payload) => seen.push([event, payload]))
    emitter.emit('chat.delta', { requestId: 'r', sessionId: 's', text: 'a' })
    emitter.emit('chat.delta', { requestId: 'r', sessionId: 's', text: 'b' })
    expect(seen).toEqual([])
    emitter.open()
    expect(seen.map((entry) => (entry as [string, { text: string }])[1].text)).toEqual(['a', 'b'])
    emitter.emit('chat.delta', { requestId: 'r', sessionId: 's', text: 'c' })
    expect(seen).toHaveLength(3)
  })
})
