import type { ProviderRegistry } from '../llm/providerRegistry'
import type { ProviderChange } from '../services/providerSettingsService'
import type { AppendableType, ContinuityApi } from './continuityLog'
import type { ContinuityData, TreeEventType } from './continuityTypes'

/**
 * The events the storage decorator cannot see (exports, provider and vault changes), recorded by
 * whoever makes them. Never throws: a change that happened stays done even when the log is busy
 * (the failure goes to `onLogError`, a process warning by default).
 */
export interface ContinuityRecorder {
  /** A session exported (subject: its id), or every session (`sessionId` null, format `zip`). */
  exported(sessionId: string | null, format: string, messageCount?: number): Promise<void>
  providerChanged(from: string | null, to: string, model?: string): Promise<void>
  vaultEntryChanged(change: ContinuityData<'vault.entryChanged'>): Promise<void>
  vaultRestored(report: ContinuityData<'vault.restored'>): Promise<void>
  /** A memory accepted, rejected, edited, deleted, added or imported (docs/memory.md). */
  memoryChanged(change: ContinuityData<'memory.changed'>): Promise<void>
  /** An edit, regeneration, delete, undo, version switch or branch (subject: the session). */
  treeChanged<T extends TreeEventType>(
    type: T,
    sessionId: string,
    data: ContinuityData<T>,
  ): Promise<void>
}

export type LogErrorHandler = (error: unknown, type: AppendableType) => void

function warn(error: unknown, type: AppendableType): void {
  const reason = error instanceof Error ? error.message : String(error)
  process.emitWarning(`The continuity log could not record ${type}: ${reason}`, 'ContinuityWarning')
}

export function createContinuityRecorder(
  log: Pick<ContinuityApi, 'append'>,
  onLogError: LogErrorHandler = warn,
): ContinuityRecorder {
  const record = async <T extends AppendableType>(
    type: T,
    subject: string | null,
    data: ContinuityData<T>,
  ): Promise<void> => {
    try {
      await log.append(type, subject, data)
    } catch (error) {
      onLogError(error, type)
    }
  }
  return {
    exported: (sessionId, format, messageCount) =>
      record(
        'export',
        sessionId,
        messageCount === undefined ? { format } : { format, messageCount },
      ),
    providerChanged: (from, to, model) =>
      record('provider.changed', null, model === undefined ? { from, to } : { from, to, model }),
    vaultEntryChanged: (change) => record('vault.entryChanged', null, change),
    vaultRestored: (report) => record('vault.restored', null, report),
    memoryChanged: (change) => record('memory.changed', null, change),
    treeChanged: (type, sessionId, data) => record(type, sessionId, data),
  }
}

/**
 * ProviderSettings' onChange hook: after any settings change, logs `provider.changed
 * { from, to, model }` when the default provider (or its model) is now a different one. Keys
 * and providers that do not answer by default are settings, not a change of who answers.
 */
export function providerChangeListener(
  recorder: ContinuityRecorder,
  registry: Pick<ProviderRegistry, 'defaultProvider'>,
): (change: ProviderChange) => void {
  const defaultNow = (): { id: string; model: string } | null => {
    try {
      const provider = registry.defaultProvider()
      return { id: provider.id, model: provider.defaultModel }
    } catch {
      return null
    }
  }
  let current = defaultNow()
  return () => {
    const next = defaultNow()
    if (!next || (next.id === current?.id && next.model === current.model)) return
    void recorder.providerChanged(current?.id ?? null, next.id, next.model)
    current = next
  }
}
