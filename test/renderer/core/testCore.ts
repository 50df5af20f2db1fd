import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Message, Session } from '../../../src/shared/domain'
import { MIN_ITERATIONS } from '../../../src/main/crypto/kdf'
import { createMirror } from '../../../src/main/mirror'
import type { Mirror, StorageKind } from '../../../src/main/mirrorApi'
import { startLoopback } from '../../main/llm/servers/loopback'
import type { LoopbackServer, Reply } from '../../main/llm/servers/loopback'
import { ollamaWire } from '../../main/llm/servers/wires'
import { CORE_RESTARTED, CORE_UNAVAILABLE, FaultyBridge } from './faultyBridge'
import { InProcessBridge } from './inProcessBridge'

export interface TestCore {
  mirror: Mirror
  /** The renderer's bridge: the real router over `mirror`, with fault injection on top. */
  bridge: FaultyBridge
  dir: string
  /** Seeds a stored session (archived when asked). */
  addSession(title: string, options?: { archived?: boolean }): Promise<Session>
  /** Seeds a stored message with exactly this content (no provider involved). */
  addMessage(
    sessionId: string,
    role: Message['role'],
    content: string,
    patch?: Partial<Message>,
  ): Promise<Message>
  /**
   * Sets up the vault with `password`; then, as asked, remembers the key in the (private)
   * keychain and locks it again.
   */
  setUpVault(password: string, options?: { remember?: boolean; locked?: boolean }): Promise<void>
  /** Sends a sensitive message through main (sealed in the vault) and waits for its reply. */
  sendSensitive(sessionId: string, text: string): Promise<void>
  /** What main holds now: a session by id (null once deleted), and how many there are. */
  storedSession(id: string): Promise<Session | null>
  sessionCount(): Promise<number>
  /**
   * Makes an Ollama-speaking HTTP server on 127.0.0.1 the default provider, answering `replies`
   * in order (streams with gaps, cuts, stalls; see test/main/llm/servers/loopback.ts).
   */
  useLoopbackProvider(replies: Reply[]): Promise<LoopbackServer>
  /**
   * As when the core's worker stops and the host restarts it: requests in flight fail with
   * CORE_RESTARTED, the old core's streams and broadcasts never reach the window again, the
   * vault is locked (without a vault.locked event) and every window gets core.restarted.
   * Stored data stays, as a restarted worker reopens the same files.
   */
  restartCore(reason: string): void
  /** As when the core stopped too often: core.stopped, then every request fails. */
  stopCore(reason: string): void
  close(): Promise<void>
}

/** Short provider timeouts and retries, so a failing stream ends in milliseconds. */
const CALL_OPTIONS = {
  connectTimeoutMs: 2_000,
  idleTimeoutMs: 5_000,
  retry: { maxRetries: 0, baseDelayMs: 20, maxRetryAfterMs: 1_000 },
}

/**
 * A real mirror on memory storage (a temp data dir for its other files; `storage` picks a disk
 * backend where another process's changes matter), a private keychain service so tests never
 * touch the user's, and the minimum KDF so unlocking is quick.
 */
export async function startTestCore(storage: StorageKind = 'memory'): Promise<TestCore> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-renderer-'))
  const keychainService = `ActiveMirror-renderer-test-${randomUUID()}`
  const mirror = await createMirror({
    dataDir: dir,
    storage,
    vault: { keychainService, iterations: MIN_ITERATIONS },
    providerSettings: { keychainService, callOptions: CALL_OPTIONS },
  })
  const inner = new InProcessBridge(mirror)
  const inners = [inner]
  const servers: LoopbackServer[] = []
  // Seeds get distinct, increasing times in the past hour: their order is certain, and anything
  // the app itself creates during the test is newer than all of them.
  let clock = Date.now() - 3_600_000
  const tick = () => new Date((clock += 1000)).toISOString()

  const bridge = new FaultyBridge(inner)

  return {
    mirror,
    bridge,
    dir,
    async addSession(title, options = {}) {
      const at = tick()
      const session: Session = {
        id: `ses_${randomUUID()}`,
        title,
        createdAt: at,
        updatedAt: at,
        messageCount: 0,
        archived: options.archived ?? false,
        metadata: {},
      }
      await mirror.storage.createSession(session)
      return session
    },
    async addMessage(sessionId, role, content, patch = {}) {
      const assistant = role === 'assistant'
      const message: Message = {
        id: `msg_${randomUUID()}`,
        sessionId,
        role,
        content,
        createdAt: tick(),
        pattern: assistant ? 'exploratory' : null,
        uncertainty: null,
        sensitive: false,
        status: 'complete',
        provider: assistant ? 'offline' : null,
        model: assistant ? 'mirror-1' : null,
        metadata: {},
        ...patch,
      }
      await mirror.storage.appendMessage(message)
      return message
    },
    async setUpVault(password, options = {}) {
      await mirror.vault.init(password)
      if (options.remember) await mirror.vault.remember(true)
      if (options.locked) mirror.vault.lock('manual')
    },
    async sendSensitive(sessionId, text) {
      const input = { sessionId, text, pattern: 'exploratory', uncertainty: 'none' } as const
      const sent = await mirror.chat.send({ ...input, sensitive: true })
      await sent.completion
    },
    async storedSession(id) {
      return mirror.sessions.get(id).catch((error: { code?: string }) => {
        if (error.code === 'NOT_FOUND') return null
        throw error
      })
    },
    async sessionCount() {
      return (await mirror.sessions.list({ archived: 'all', limit: 200 })).items.length
    },
    async useLoopbackProvider(replies) {
      const server = await startLoopback(ollamaWire, replies)
      servers.push(server)
      await mirror.providerSettings.add({
        id: 'loopback',
        type: 'ollama',
        baseUrl: server.url,
        model: 'llama3.2',
      })
      await mirror.providerSettings.setDefault('loopback')
      return server
    },
    restartCore(reason) {
      bridge.coreCrashed(CORE_RESTARTED)
      // The key lived in the stopped worker; the new one starts locked and says nothing.
      mirror.vault.lock('system')
      const next = new InProcessBridge(mirror)
      inners.push(next)
      bridge.restartedWith(next, reason)
    },
    stopCore(reason) {
      bridge.coreCrashed(CORE_UNAVAILABLE)
      bridge.gaveUp(reason)
    },
    async close() {
      for (const each of inners) each.close()
      await Promise.all(servers.map((server) => server.close()))
      await mirror.close()
      fs.rmSync(dir, { recursive: true, force: true })
      const internalErrors = inners.flatMap((each) => each.internalErrors)
      if (internalErrors.length > 0) {
        const [first] = internalErrors
        throw new Error(`INTERNAL error in ${first?.route}: ${String(first?.error)}`)
      }
    },
  }
}
