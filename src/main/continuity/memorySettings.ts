import { MemorySettingsPatchSchema } from '../../shared/continuity'
import type { MemorySettings, MemorySettingsPatch } from '../../shared/continuity'
import type { Session } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import type { Storage } from '../storage/storage'

export { MemorySettingsPatchSchema, MemorySettingsSchema } from '../../shared/continuity'
export type { MemorySettings, MemorySettingsPatch } from '../../shared/continuity'

export const DEFAULT_MEMORY_SETTINGS: MemorySettings = {
  recall: true,
  useMemory: true,
  excludeFromRecall: false,
}

/** Reads the switches; a missing or malformed field falls back to its default, field by field. */
export function readMemorySettings(session: Pick<Session, 'metadata'>): MemorySettings {
  const raw = session.metadata.memory
  const stored = raw !== null && typeof raw === 'object' ? (raw as Record<string, unknown>) : {}
  const pick = (key: keyof MemorySettings): boolean => {
    const value = stored[key]
    return typeof value === 'boolean' ? value : DEFAULT_MEMORY_SETTINGS[key]
  }
  return {
    recall: pick('recall'),
    useMemory: pick('useMemory'),
    excludeFromRecall: pick('excludeFromRecall'),
  }
}

/** Whether context assembly for this session should add recalled snippets. */
export const shouldRecallInto = (session: Pick<Session, 'metadata'>): boolean => {
  const settings = readMemorySettings(session)
  return settings.useMemory && settings.recall
}

/** Whether context assembly for this session may add vault memories. */
export const shouldUseVaultMemories = (session: Pick<Session, 'metadata'>): boolean =>
  readMemorySettings(session).useMemory

/** Whether this session's messages may be recalled into other sessions. */
export const isRecallable = (session: Pick<Session, 'metadata'>): boolean =>
  !readMemorySettings(session).excludeFromRecall

export interface MemorySettingsDeps {
  sessions: { get(id: string): Promise<Session> }
  storage: Pick<Storage, 'updateSession'>
}

/**
 * Merges `patch` into the session's switches. Other metadata keys are kept; `updatedAt` is left
 * as it was (a setting is not activity and must not reorder the session list). Bad input throws
 * VALIDATION_FAILED before anything is written.
 */
export async function setMemorySettings(
  deps: MemorySettingsDeps,
  sessionId: string,
  patch: MemorySettingsPatch,
): Promise<{ session: Session; settings: MemorySettings }> {
  const parsed = MemorySettingsPatchSchema.safeParse(patch)
  if (!parsed.success) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      'Memory settings are recall, useMemory and excludeFromRecall, each true or false.',
    )
  }
  const session = await deps.sessions.get(sessionId)
  const settings: MemorySettings = { ...readMemorySettings(session), ...parsed.data }
  const updated = await deps.storage.updateSession(sessionId, {
    metadata: { ...session.metadata, memory: settings },
    updatedAt: session.updatedAt,
  })
  return { session: updated, settings }
}
