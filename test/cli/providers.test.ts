import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createKeytarStore } from '../../src/main/keychain/keytarStore'
import type { Message, Session } from '../../src/shared/domain'
import type { ProviderInfo } from '../../src/shared/routeGroups/providers'
import { startLoopback } from '../main/llm/servers/loopback'
import type { LoopbackServer } from '../main/llm/servers/loopback'
import { openAiWire } from '../main/llm/servers/wires'
import { amos, amosBin, amosJson, errorLine, removeDir, tempDir } from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

// The CLI, in process or spawned, uses the D-Bus session of scripts/with-keyring.sh; keys go to a
// private keychain service so a developer's own keychain is never touched.
const service = `ActiveMirror-cli-test-${randomUUID()}`
const env = { AMOS_KEYCHAIN_SERVICE: service }
const secrets = createKeytarStore(service)
const KEY = 'sk-cli-test-7a9c1e3b5d7f9a1c'

let dir: string
let server: LoopbackServer

beforeAll(async () => {
  dir = tempDir('amos-cli-providers-')
  server = await startLoopback(openAiWire, [
    { type: 'stream', texts: ['Streamed', ' over', ' loopback'], usage: { input: 9, output: 3 } },
  ])
})
afterAll(async () => {
  await server.close()
  for (const id of ['oa', 'lm']) await secrets.delete(`provider:${id}`).catch(() => false)
  removeDir(dir)
})

const run = (args: string[], input?: string) =>
  amos(['--data-dir', dir, ...args], { env, ...(input !== undefined ? { input } : {}) })
const runJson = <T>(args: string[], input?: string) =>
  amosJson<T>(['--data-dir', dir, ...args], { env, ...(input !== undefined ? { input } : {}) })

describe('amos providers', () => {
  it('lists the offline engine as the default before anything is added', async () => {
    const list = await runJson<ProviderInfo[]>(['providers', 'list'])
    expect(list.map((p) => [p.id, p.isDefault])).toEqual([['offline', true]])
    const text = await run(['providers', 'list'])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/\*\s+offline\s+offline\s+reflective-offline-1/)
  })

  it('adds providers with defaults and prints one JSON object', async () => {
    const oa = await runJson<ProviderInfo>(['providers', 'add', 'oa', '--type', 'openai'])
    expect(oa).toMatchObject({
      id: 'oa',
      type: 'openai',
      model: 'gpt-4o-mini',
      hasKey: false,
      keyRequired: true,
      isDefault: false,
      embeddingModel: 'text-embedding-3-small',
      configuredEmbeddingModel: null,
    })
    const lm = await runJson<ProviderInfo>([
      'providers',
      'add',
      'lm',
      '--type',
      'openai-compatible',
      '--base-url',
      `${server.url}/v1/`,
      '--model',
      'qwen2.5',
      '--embedding-model',
      'bge-small',
    ])
    expect(lm).toMatchObject({ id: 'lm', baseUrl: `${server.url}/v1`, model: 'qwen2.5' })
    const stored = JSON.parse(readFileSync(path.join(dir, 'providers.json'), 'utf8')) as {
      providers: Array<{ id: string; embeddingModel?: string }>
    }
    expect(stored.providers.map((p) => p.id)).toEqual(['oa', 'lm'])
    expect(stored.providers.map((p) => p.embeddingModel)).toEqual([undefined, 'bge-small'])
    const listed = await runJson<ProviderInfo[]>(['providers', 'list'])
    expect(listed.map((p) => [p.id, p.embeddingModel])).toEqual([
      ['offline', null],
      ['oa', 'text-embedding-3-small'],
      ['lm', 'bge-small'],
    ])
  })

  it('fails with usage errors for missing or bad options, changing nothing', async () => {
    const before = readFileSync(path.join(dir, 'providers.json'), 'utf8')
    const [noType, badType, noModel, dup] = await Promise.all([
      run(['providers', 'add', 'x']),
      run(['providers', 'add', 'x', '--type', 'gemini']),
      run(['providers', 'add', 'x', '--type', 'openai-compatible', '--base-url', server.url]),
      run(['providers', 'add', 'oa', '--type', 'openai']),
    ])
    for (const r of [noType, badType, noModel]) {
      expect(r.code).toBe(2)
      expect(errorLine(r)).toMatch(/^USAGE: /)
    }
    expect(dup.code).toBe(1)
    expect(errorLine(dup)).toMatch(/^VALIDATION_FAILED: .*already exists/)
    expect(readFileSync(path.join(dir, 'providers.json'), 'utf8')).toBe(before)
  })

  it('set-key reads the key from stdin, stores it in the keychain and never prints it', async () => {
    // Through the real bin: the key arrives on a process's stdin pipe.
    const r = await amosBin(['--data-dir', dir, 'providers', 'set-key', 'oa'], {
      env,
      input: `${KEY}\n`,
    })
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('Key stored in the OS keychain for oa.\n')
    expect(r.stdout + r.stderr).not.toContain(KEY)
    expect(await secrets.get('provider:oa')).toBe(KEY)
    expect(readFileSync(path.join(dir, 'providers.json'), 'utf8')).not.toContain(KEY)
    const list = await runJson<ProviderInfo[]>(['providers', 'list'])
    expect(list.find((p) => p.id === 'oa')!.hasKey).toBe(true)
    expect(JSON.stringify(list)).not.toContain(KEY)
    // A key on the command line is refused: there is no argument for it.
    const argv = await run(['providers', 'set-key', 'oa', KEY])
    expect(argv.code).toBe(2)
  })

  it('refuses to store a key without a keychain, and says so', async () => {
    const r = await amosBin(['--data-dir', dir, 'providers', 'set-key', 'lm'], {
      env: { ...env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/amos-no-bus' },
      input: `${KEY}\n`,
    })
    expect(r.code).toBe(1)
    expect(errorLine(r)).toMatch(/^KEYCHAIN_UNAVAILABLE: .*not stored/)
    expect(r.stderr).not.toContain(KEY)
    expect(await secrets.get('provider:lm')).toBeNull()
    expect(readFileSync(path.join(dir, 'providers.json'), 'utf8')).not.toContain(KEY)
  })

  it('use makes a provider the default; send --provider streams from it', async () => {
    const chosen = await runJson<ProviderInfo>(['providers', 'use', 'lm'])
    expect(chosen).toMatchObject({ id: 'lm', isDefault: true })
    await runJson(['providers', 'use', 'offline'])
    const session = await runJson<Session>(['sessions', 'create', 'Providers'])
    // Through the real bin: the compiled CLI carries the provider SDK.
    const r = await amosBin(
      ['--data-dir', dir, 'send', session.id, 'Hello there', '--provider', 'lm'],
      {
        env,
      },
    )
    expect(r.code, r.stderr).toBe(0)
    expect(r.stdout).toBe('Streamed over loopback\n')
    const shown = await runJson<Session & { messages: Message[] }>(['sessions', 'show', session.id])
    expect(shown.messages[1]).toMatchObject({
      role: 'assistant',
      content: 'Streamed over loopback',
      provider: 'lm',
      model: 'qwen2.5',
    })
    expect(server.requests.at(-1)!.path).toBe('/v1/chat/completions')
  })

  it('remove deletes the provider and its key', async () => {
    const r = await runJson<{ id: string; removed: boolean }>(['providers', 'remove', 'oa'])
    expect(r).toEqual({ id: 'oa', removed: true })
    expect(await secrets.get('provider:oa')).toBeNull()
    const again = await run(['providers', 'remove', 'oa'])
    expect(again.code).toBe(1)
    expect(errorLine(again)).toMatch(/^PROVIDER_NOT_CONFIGURED: /)
  })

  it('documents the subcommands in --help', async () => {
    const r = await run(['providers', '--help'])
    expect(r.code).toBe(0)
    for (const sub of ['list', 'add ID', 'set-key ID', 'use ID', 'remove ID', 'test ID']) {
      expect(r.stdout).toContain(`  providers ${sub}`)
    }
    const add = await run(['providers', 'add', '--help'])
    expect(add.stdout).toContain('Usage: amos providers add ID --type')
    expect(add.stdout).toContain('--base-url <URL>')
  })
})
