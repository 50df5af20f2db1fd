import { randomUUID } from 'node:crypto'
import type { Session } from '../../shared/domain'
import type {
  Memory,
  MemoryImportReport,
  MemoryPrivacy,
  MemoryScope,
  MemorySuggestion,
  SuggestReport,
} from '../../shared/memory'
import type { ContinuityRecorder } from '../continuity/continuityRecorder'
import { shouldUseVaultMemories } from '../continuity/memorySettings'
import { isTemporarySession } from '../continuity/temporaryChat'
import type { Clock } from '../services/ids'
import { MemoryBook } from './memoryBook'
import type { MemoryVault } from './memoryBook'
import type { DraftResult } from './memoryDrafting'
import type { MemoryPrivacySettings } from './memoryPrivacy'
import { memoryFingerprint, sameSubject } from './memoryText'
import { exportMemories, importMemories } from './memoryTransfer'
import { SuggestionBook } from './suggestionBook'

export interface MemoryServiceDeps {
  vault: MemoryVault
  clock: Clock
  /** Sessions as the routes see them (temporary chats included, so they can be refused). */
  sessions: { get(id: string): Promise<Session> }
  /** Drafts candidate memories from a session (memoryDrafting.ts). */
  draft(session: Session): Promise<DraftResult>
  privacy: Pick<MemoryPrivacySettings, 'get' | 'set'>
  recorder: Pick<ContinuityRecorder, 'memoryChanged'>
}

export type MemoryChangeListener = (change: { pending: number }) => void

/**
 * Memory that learns with consent (docs/memory.md): memories kept in the vault, suggestions
 * drafted from sessions that wait for the user's review, export and import. The continuity log
 * gets ids and counts of every decision, never text.
 */
export class MemoryService {
  readonly book: MemoryBook
  private readonly suggestionBook: SuggestionBook
  private readonly listeners = new Set<MemoryChangeListener>()

  constructor(private readonly deps: MemoryServiceDeps) {
    this.book = new MemoryBook(deps.vault)
    this.suggestionBook = new SuggestionBook(deps.vault)
  }

  /** `memory.changed` for every window: the count of waiting suggestions. */
  on(_event: 'changed', listener: MemoryChangeListener): () => void {
    this.listeners.add(listener)
    return () => void this.listeners.delete(listener)
  }

  private changed(pending: number): void {
    for (const listener of [...this.listeners]) {
      try {
        listener({ pending })
      } catch {
        // A window that went away must not undo the change.
      }
    }
  }

  private async changedNow(): Promise<void> {
    this.changed((await this.suggestionBook.pending()).length)
  }

  list(scope?: MemoryScope): Promise<Memory[]> {
    return this.book.list(scope)
  }

  async add(text: string, scope?: MemoryScope): Promise<Memory> {
    const memory = await this.book.add({ text, ...(scope && { scope }) })
    await this.deps.recorder.memoryChanged({ action: 'added', memoryId: memory.id, count: 1 })
    await this.changedNow()
    return memory
  }

  async update(id: string, change: { text?: string; scope?: MemoryScope }): Promise<Memory> {
    const memory = await this.book.update(id, change, this.deps.clock.now())
    await this.deps.recorder.memoryChanged({ action: 'edited', memoryId: memory.id, count: 1 })
    await this.changedNow()
    return memory
  }

  async delete(id: string): Promise<boolean> {
    const deleted = await this.book.delete(id)
    if (deleted) {
      await this.deps.recorder.memoryChanged({ action: 'deleted', memoryId: id, count: 1 })
      await this.changedNow()
    }
    return deleted
  }

  suggestions(): Promise<MemorySuggestion[]> {
    return this.suggestionBook.pending()
  }

  async pendingCount(): Promise<number> {
    return (await this.suggestionBook.pending()).length
  }

  /**
   * Drafts suggestions from a session now. Temporary chats and sessions with memory switched
   * off are never read. A draft already remembered, waiting or rejected is dropped; one about
   * the same subject as a memory becomes an update of it.
   */
  async suggest(sessionId: string): Promise<SuggestReport> {
    const session = await this.deps.sessions.get(sessionId)
    const state = await this.suggestionBook.read()
    const none = (skipped: 'temporary' | 'memoryOff'): SuggestReport => ({
      suggestions: [],
      drafter: 'none',
      skipped,
      pending: state.pending.length,
    })
    if (isTemporarySession(session)) return none('temporary')
    if (!shouldUseVaultMemories(session)) return none('memoryOff')
    const memories = await this.book.list()
    const { drafts, drafter } = await this.deps.draft(session)
    const seen = new Set([
      ...state.decided,
      ...state.pending.map((s) => memoryFingerprint(s.text)),
      ...memories.map((m) => memoryFingerprint(m.text)),
    ])
    const now = this.deps.clock.now().toISOString()
    const added: MemorySuggestion[] = []
    for (const draft of drafts) {
      const print = memoryFingerprint(draft.text)
      if (seen.has(print)) continue
      seen.add(print)
      const related = memories.find((m) => sameSubject(m.text, draft.text))
      added.push({
        id: `sug_${randomUUID()}`,
        text: draft.text,
        sessionId: session.id,
        messageIds: draft.messageIds,
        reason: draft.reason,
        drafter,
        ...(related && { updatesMemoryId: related.id, existingText: related.text }),
        createdAt: now,
      })
    }
    const pending = [...state.pending, ...added]
    if (added.length > 0) {
      await this.suggestionBook.write({ pending, decided: state.decided })
      this.changed(pending.length)
    }
    return { suggestions: added, drafter, pending: pending.length }
  }

  /**
   * Makes a suggestion a memory (with the user's edited text, in the scope they chose; global
   * by default). An update replaces the text of the memory it updates, which keeps its id.
   */
  async accept(id: string, choice: { text?: string; scope?: MemoryScope } = {}): Promise<Memory> {
    const suggestion = (await this.suggestionBook.pending()).find((s) => s.id === id)
    // take() reports NOT_FOUND for us when it is not waiting.
    if (!suggestion) await this.suggestionBook.take(id)
    const s = suggestion!
    const text = choice.text ?? s.text
    const target = s.updatesMemoryId
      ? await this.book.get(s.updatesMemoryId).catch(() => null)
      : null
    const memory = target
      ? await this.book.update(
          target.id,
          { text, ...(choice.scope && { scope: choice.scope }) },
          this.deps.clock.now(),
        )
      : await this.book.add({
          text,
          ...(choice.scope && { scope: choice.scope }),
          source: {
            sessionId: s.sessionId,
            ...(s.messageIds[0] !== undefined && { messageId: s.messageIds[0] }),
          },
        })
    const { pending } = await this.suggestionBook.take(id)
    await this.deps.recorder.memoryChanged({
      action: 'accepted',
      memoryId: memory.id,
      suggestionId: id,
      count: 1,
    })
    this.changed(pending)
    return memory
  }

  /** Drops a suggestion and remembers its fingerprint, so it is never suggested again. */
  async reject(id: string): Promise<{ pending: number }> {
    const { pending } = await this.suggestionBook.take(id)
    await this.deps.recorder.memoryChanged({ action: 'rejected', suggestionId: id, count: 1 })
    this.changed(pending)
    return { pending }
  }

  privacy(): Promise<MemoryPrivacy> {
    return this.deps.privacy.get()
  }

  setPrivacy(patch: Partial<MemoryPrivacy>): Promise<MemoryPrivacy> {
    return this.deps.privacy.set(patch)
  }

  async exportFile(): Promise<string> {
    return exportMemories(await this.book.list(), this.deps.clock.now())
  }

  async importFile(content: string): Promise<MemoryImportReport> {
    const report = await importMemories(this.book, content)
    if (report.added > 0) {
      await this.deps.recorder.memoryChanged({ action: 'imported', count: report.added })
      await this.changedNow()
    }
    return report
  }
}
