import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createRouter } from '../../../src/main/ipc/router'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror } from '../../../src/main/mirrorApi'
import type { Message } from '../../../src/shared/domain'
import { ErrorInfoSchema, StoredErrorSchema } from '../../../src/shared/errorInfo'
import { parseEvent } from '../../../src/shared/events'
import { ConnectionTestSchema } from '../../../src/shared/routeGroups/providers'
import { ImportReportSchema } from '../../../src/shared/routes'

describe('the one error envelope', () => {
  it('accepts the known codes only, wherever an error crosses', () => {
    expect(ErrorInfoSchema.safeParse({ code: 'NOT_FOUND', message: 'gone' }).success).toBe(true)
    expect(ErrorInfoSchema.safeParse({ code: 'NOT_A_CODE', message: 'x' }).success).toBe(false)
    const failedImport = { file: 'a.json', code: 'IMPORT_FAILED', reason: 'x' }
    expect(
      ImportReportSchema.safeParse({ imported: [], skipped: [], failed: [failedImport] }).success,
    ).toBe(false)
    expect(
      ConnectionTestSchema.safeParse({ ok: false, error: { code: 'OOPS', message: 'x' } }).success,
    ).toBe(false)
    expect(() =>
      parseEvent('chat.error', {
        requestId: 'r',
        sessionId: 's',
        error: { code: 'OOPS', message: 'x' },
        message: null,
      }),
    ).toThrow(/chat\.error.*error\.code/)
  })

  it('reads a stored error with a code this version does not know as INTERNAL', () => {
    expect(StoredErrorSchema.parse({ code: 'RETIRED_CODE', message: 'It failed.' })).toEqual({
      code: 'INTERNAL',
      message: 'It failed.',
    })
    expect(StoredErrorSchema.parse({ code: 'PROVIDER_TIMEOUT', message: 'Slow.' }).code).toBe(
      'PROVIDER_TIMEOUT',
    )
  })
})

describe('a failed reply stored by another version', () => {
  let dir: string
  let mirror: Mirror

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'amos-error-contract-'))
    mirror = await createMirror({ dataDir: dir, storage: 'sqlite' })
  })

  afterEach(async () => {
    await mirror.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('stays readable through the checked route, and what is stored is not changed', async () => {
    const session = await mirror.sessions.create({ title: 'Old data' })
    const old = {
      id: 'msg_old',
      sessionId: session.id,
      role: 'assistant',
      content: 'Partial answer',
      createdAt: '2024-01-01T00:00:00.000Z',
      pattern: null,
      uncertainty: null,
      sensitive: false,
      status: 'failed',
      provider: 'ollama',
      model: 'llama3',
      metadata: { error: { code: 'RETIRED_CODE', message: 'The model went away.' } },
    } as unknown as Message
    await mirror.storage.appendMessage(old)

    const internal: unknown[] = []
    const router = createRouter<null>({
      handlers: createHandlers(mirror, { host: 'browser', version: '1.0.0' }),
      isTrustedSender: () => true,
      validateOutput: true,
      onInternalError: (_route, error) => internal.push(error),
    })
    const result = await router.dispatch(
      null,
      'sessions.messages',
      { id: session.id },
      {
        emit: () => {},
      },
    )
    expect(internal).toEqual([])
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const page = result.data as { items: Message[] }
    expect(page.items[0]?.content).toBe('Partial answer')
    expect(page.items[0]?.metadata.error).toEqual({
      code: 'INTERNAL',
      message: 'The model went away.',
    })
    const stored = await mirror.storage.listMessages(session.id)
    expect(stored.items[0]?.metadata.error?.code).toBe('RETIRED_CODE')
  })
})
