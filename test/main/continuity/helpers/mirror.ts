import path from 'node:path'
import { MIN_ITERATIONS } from '../../../../src/main/crypto/kdf'
import type { SecretStore } from '../../../../src/main/keychain/secretStore'
import type { CreateMirrorOptions, Mirror } from '../../../../src/main/mirrorApi'
import type { StorageKind } from '../../../../src/main/storage/storage'
import type { ChatOutcome } from '../../../../src/main/services/contracts'
import type { Pattern } from '../../../../src/shared/domain'
import { tempMirror } from '../../helpers/tempMirror'
import type { TempMirror } from '../../helpers/tempMirror'

/** API keys in memory: these tests are about continuity, not the OS keychain. */
export function memorySecrets(): SecretStore {
  const values = new Map<string, string>()
  return {
    service: 'memory',
    get: async (account) => values.get(account) ?? null,
    set: async (account, secret) => void values.set(account, secret),
    delete: async (account) => values.delete(account),
    available: async () => true,
  }
}

export type ContinuityMirror = TempMirror

/** A real mirror (SQLite by default) on a temp data dir (keys in memory, minimum vault KDF). */
export function continuityMirror(
  storage: StorageKind = 'sqlite',
  extra: Pick<CreateMirrorOptions, 'contextSourceBudgetMs' | 'memoryQuietMs'> = {},
): Promise<ContinuityMirror> {
  const secrets = memorySecrets()
  return tempMirror('amos-continuity-mirror-', (dir) => ({
    ...extra,
    storage,
    vault: {
      keychainService: `ActiveMirror-test-${path.basename(dir)}`,
      iterations: MIN_ITERATIONS,
    },
    providerSettings: {
      secrets,
      callOptions: { idleTimeoutMs: 5_000, retry: { maxRetries: 0 } },
    },
  }))
}

/** Sends a message and waits for the whole reply. */
export async function say(
  mirror: Mirror,
  sessionId: string,
  text: string,
  pattern: Pattern = 'exploratory',
): Promise<ChatOutcome & { userMessageId: string }> {
  const sent = await mirror.chat.send({ sessionId, text, pattern, uncertainty: 'none' })
  const outcome = await sent.completion
  return { ...outcome, userMessageId: sent.userMessage.id }
}
