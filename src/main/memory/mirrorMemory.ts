import type { Session } from '../../shared/domain'
import type { ContinuityRecorder } from '../continuity/continuityRecorder'
import { gatedByMemorySettings } from '../continuity/recallContextSource'
import type { ProviderRegistry } from '../llm/provider'
import type { ContextSource } from '../services/contextSources'
import type { Clock } from '../services/ids'
import type { LocalWrites } from '../storage/localWrites'
import type { Storage } from '../storage/storage'
import type { VaultService } from '../vault/vaultService'
import { isActive, MemoryBook } from './memoryBook'
import type { MemoryVault } from './memoryBook'
import {
  localOnlyPolicy,
  localOnlyRecall,
  memoryContextSource,
  memoryLine,
} from './memoryContextSource'
import { draftMemories } from './memoryDrafting'
import { MemoryPrivacySettings } from './memoryPrivacy'
import { MemoryService } from './memoryService'
import { MemoryVectors } from './memoryVectors'
import type { MemoryRanker, MemoryVectorsOptions } from './memoryVectors'
import { QuietSuggester } from './quietSuggester'

export interface MemoryContextParts {
  /** "Send memories only to local models" (semantic recall's embedder reads it too). */
  privacy: MemoryPrivacySettings
  /** Memories, then `recall` from past sessions: both behind the local-only switch. */
  sources(recall: ContextSource, ranker?: MemoryRanker): ContextSource[]
  /** The memories' vectors (in memory only) for selection by meaning, on this vault. */
  vectors(deps: Omit<MemoryVectorsOptions, 'texts'>): MemoryVectors
}

/** What a turn may get from memory (docs/memory.md), built before the chat services. */
export function memoryContextParts(deps: {
  dir: string
  vault: MemoryVault
  clock: Clock
}): MemoryContextParts {
  const privacy = new MemoryPrivacySettings(deps.dir)
  const policy = localOnlyPolicy(privacy)
  const book = new MemoryBook(deps.vault)
  return {
    privacy,
    sources: (recall, ranker) => [
      gatedByMemorySettings(
        memoryContextSource({
          book,
          vault: deps.vault,
          policy,
          clock: deps.clock,
          ...(ranker && { ranker }),
        }),
      ),
      localOnlyRecall(recall, policy),
    ],
    vectors: (options) =>
      new MemoryVectors({
        ...options,
        texts: async () =>
          (await book.entries())
            .filter((e) => isActive(e.entry))
            .map((e) => memoryLine(e.memory, e.entry)),
      }),
  }
}

/**
 * Keeps `vectors` filled while the vault is open: after it unlocks and whenever an entry
 * changes; emptied when it locks (the vectors are as secret as the memories).
 */
export function followVault(
  vectors: Pick<MemoryVectors, 'fill' | 'clear'>,
  vault: { readonly unlocked: boolean; on: VaultService['on'] },
): void {
  const fill = () => void (vault.unlocked && vectors.fill())
  vault.on('unlocked', fill)
  vault.on('entryChanged', fill)
  vault.on('restored', fill)
  vault.on('locked', () => vectors.clear())
  fill()
}

export interface MirrorMemoryDeps {
  parts: MemoryContextParts
  vault: MemoryVault
  storage: Storage
  providers: ProviderRegistry
  clock: Clock
  sessions: { get(id: string): Promise<Session> }
  recorder: Pick<ContinuityRecorder, 'memoryChanged'>
  localWrites: Pick<LocalWrites, 'on'>
  /** See CreateMirrorOptions.memoryQuietMs. */
  quietMs?: number
}

/** The memory service, drafting on its own when a conversation goes quiet until `stop`. */
export function startMirrorMemory(deps: MirrorMemoryDeps): {
  memory: MemoryService
  stop(): void
} {
  const { parts, storage, providers } = deps
  const memory = new MemoryService({
    vault: deps.vault,
    clock: deps.clock,
    sessions: deps.sessions,
    draft: (session) => draftMemories({ storage, providers, privacy: parts.privacy }, session),
    privacy: parts.privacy,
    recorder: deps.recorder,
  })
  if (deps.quietMs === 0) return { memory, stop: () => undefined }
  const quiet = new QuietSuggester({
    suggest: (sessionId) => memory.suggest(sessionId),
    ready: () => deps.vault.unlocked,
    ...(deps.quietMs !== undefined && { quietMs: deps.quietMs }),
  })
  const off = deps.localWrites.on((write) => write.sessionIds.forEach((id) => quiet.activity(id)))
  return {
    memory,
    stop: () => {
      off()
      quiet.stop()
    },
  }
}
