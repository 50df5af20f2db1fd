import type { Identity, MemorySettings, MemoryUse, MemoryUsed } from '../../shared/continuity'
import { z } from 'zod'
import { ContextSourceUseSchema } from '../../shared/domain'
import type { Message } from '../../shared/domain'
import type { SessionApi } from '../services/contracts'
import type { Storage } from '../storage/storage'
import type { ContinuityApi } from './continuityLog'
import { openContinuityLog } from './continuityLog'
import { createContinuityRecorder } from './continuityRecorder'
import type { ContinuityRecorder } from './continuityRecorder'
import { IdentityStore } from './identity'
import { readMemorySettings, setMemorySettings } from './memorySettings'
import type { MemorySettingsPatch } from './memorySettings'
import { isTemporarySession } from './temporaryChat'
import type { TemporaryChats } from './temporaryChats'

/** What a host reaches as `mirror.continuity` (routes, CLI). */
export interface MirrorContinuity {
  readonly log: ContinuityApi
  readonly recorder: ContinuityRecorder
  readonly temporary: TemporaryChats
  identity(): Identity
  renameIdentity(displayName: string): Identity
  memorySettings(sessionId: string): Promise<MemorySettings>
  setMemorySettings(sessionId: string, patch: MemorySettingsPatch): Promise<MemorySettings>
  /** The vault memories and recalled messages this session's replies used, newest first. */
  memoryUsed(sessionId: string): Promise<MemoryUsed>
}

export interface ContinuityParts {
  log: ContinuityApi
  identity: IdentityStore
  recorder: ContinuityRecorder
}

/** Opens `<dir>/continuity.db` and `<dir>/identity.json` (dir: paths.appFilesDir). */
export function openContinuityParts(
  dir: string,
  log: ContinuityApi = openContinuityLog(dir),
): ContinuityParts {
  return { log, identity: new IdentityStore(dir), recorder: createContinuityRecorder(log) }
}

const PAGE = 500
const UsesSchema = z.array(ContextSourceUseSchema)

/** Oldest first. Pages arrive newest first, so they are joined once at the end. */
async function everyMessage(sessions: SessionApi, id: string): Promise<Message[]> {
  const pages: Message[][] = []
  let before: string | null = null
  for (;;) {
    const page = await sessions.messages(id, { limit: PAGE, before })
    pages.push(page.items)
    if (!page.hasOlder || page.items.length === 0) return pages.reverse().flat()
    before = page.items[0]!.id
  }
}

/** Each use once (kind + id), counting replies, the latest reply first. */
export function collectUses(messages: readonly Message[]): MemoryUse[] {
  const uses = new Map<string, MemoryUse>()
  for (const message of messages) {
    if (message.role !== 'assistant') continue
    // Metadata comes from storage (maybe an import): only well-formed uses count.
    const parsed = UsesSchema.safeParse(message.metadata.contextSources ?? [])
    for (const use of parsed.success ? parsed.data : []) {
      const key = `${use.kind}\u0000${use.id}`
      const seen = uses.get(key)
      uses.set(key, {
        ...use,
        uses: (seen?.uses ?? 0) + 1,
        replyId: message.id,
        lastUsedAt: message.createdAt,
      })
    }
  }
  return [...uses.values()].sort((a, b) => (a.lastUsedAt < b.lastUsedAt ? 1 : -1))
}

export function createMirrorContinuity(
  parts: ContinuityParts,
  deps: {
    sessions: SessionApi
    storage: Pick<Storage, 'updateSession'>
    temporary: TemporaryChats
  },
): MirrorContinuity {
  const { sessions, temporary } = deps
  return {
    log: parts.log,
    recorder: parts.recorder,
    temporary,
    identity: () => parts.identity.get(),
    renameIdentity: (displayName) => parts.identity.rename(displayName),
    memorySettings: async (id) => readMemorySettings(await sessions.get(id)),
    setMemorySettings: async (id, patch) => {
      // A temporary chat keeps its switches in its own memory store.
      const storage = temporary.get(id)?.storage ?? deps.storage
      return (await setMemorySettings({ sessions, storage }, id, patch)).settings
    },
    memoryUsed: async (id) => {
      const session = await sessions.get(id)
      return {
        settings: readMemorySettings(session),
        items: collectUses(await everyMessage(sessions, id)),
        temporary: isTemporarySession(session),
      }
    },
  }
}
