import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import { IsoDateSchema } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import { MemoryScopeSchema, MemorySourceSchema } from '../../shared/memory'
import type { Memory, MemoryScope, MemorySource } from '../../shared/memory'
import type { VaultEntry, VaultEntryOptions, VaultValue } from '../../shared/vault'

/** A memory accepted or written in ActiveMirror is the vault entry `memory:<id>`. */
export const MEMORY_KEY_PREFIX = 'memory:'
/** An older vault entry marked "Use in conversations" is the global memory `vault:<key>`. */
export const VAULT_ID_PREFIX = 'vault:'
export const MAX_HISTORY = 10

/** The parts of the vault memories are kept in (VaultService). */
export interface MemoryVault {
  readonly unlocked: boolean
  list(): Promise<VaultEntry[]>
  get(key: string): Promise<VaultEntry | null>
  set(key: string, value: VaultValue, options?: VaultEntryOptions): Promise<VaultEntry>
  setQuietly(key: string, value: VaultValue, options?: VaultEntryOptions): Promise<VaultEntry>
  delete(key: string): Promise<boolean>
}

const HistorySchema = z.array(z.object({ text: z.string(), replacedAt: IsoDateSchema }))

/** What a memory's vault entry holds besides its text (`metadata.memory`). */
const StoredMemorySchema = z.object({
  scope: MemoryScopeSchema,
  source: MemorySourceSchema.optional(),
  lastUsedAt: IsoDateSchema.optional(),
  history: HistorySchema.optional(),
})
type StoredMemory = z.infer<typeof StoredMemorySchema>

const valueText = (value: VaultValue): string =>
  typeof value === 'string' ? value : JSON.stringify(value)

/** A memory as the vault entry shows it; null for entries that are not memories. */
export function entryToMemory(entry: VaultEntry): Memory | null {
  const base = {
    text: valueText(entry.value),
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
  }
  if (entry.category !== 'memory') {
    if (!entry.useInConversations) return null
    return { id: `${VAULT_ID_PREFIX}${entry.key}`, ...base, scope: { kind: 'global' } }
  }
  if (!entry.key.startsWith(MEMORY_KEY_PREFIX)) return null
  const stored = StoredMemorySchema.safeParse(entry.metadata['memory'])
  const meta: StoredMemory = stored.success ? stored.data : { scope: { kind: 'global' } }
  return {
    id: entry.key.slice(MEMORY_KEY_PREFIX.length),
    ...base,
    scope: meta.scope,
    ...(meta.source && { source: meta.source }),
    ...(meta.lastUsedAt && { lastUsedAt: meta.lastUsedAt }),
    ...(meta.history && meta.history.length > 0 && { history: meta.history }),
  }
}

export function keyOf(id: string): string {
  return id.startsWith(VAULT_ID_PREFIX)
    ? id.slice(VAULT_ID_PREFIX.length)
    : `${MEMORY_KEY_PREFIX}${id}`
}

export const sameScope = (a: MemoryScope, b: MemoryScope): boolean =>
  a.kind === b.kind && (a.kind === 'global' || (b.kind !== 'global' && a.id === b.id))

/** Whether a memory may join a model's context (unticking "Use in conversations" stops it). */
export const isActive = (entry: VaultEntry): boolean => entry.useInConversations

function notFound(id: string): MirrorError {
  return new MirrorError('NOT_FOUND', `There is no memory ${id}.`, { id })
}

/** Memories kept as vault entries (encrypted, in backups, in the vault's own list). */
export class MemoryBook {
  constructor(private readonly vault: MemoryVault) {}

  /** Every memory with its entry, newest first. */
  async entries(): Promise<Array<{ memory: Memory; entry: VaultEntry }>> {
    const found: Array<{ memory: Memory; entry: VaultEntry }> = []
    for (const entry of await this.vault.list()) {
      const memory = entryToMemory(entry)
      if (memory) found.push({ memory, entry })
    }
    return found.sort((a, b) => b.memory.updatedAt.localeCompare(a.memory.updatedAt))
  }

  async list(scope?: MemoryScope): Promise<Memory[]> {
    const all = (await this.entries()).map((e) => e.memory)
    return scope ? all.filter((m) => sameScope(m.scope, scope)) : all
  }

  private async entry(id: string): Promise<VaultEntry> {
    const entry = await this.vault.get(keyOf(id))
    if (!entry || !entryToMemory(entry)) throw notFound(id)
    return entry
  }

  async get(id: string): Promise<Memory> {
    return entryToMemory(await this.entry(id))!
  }

  async add(input: {
    text: string
    scope?: MemoryScope
    source?: MemorySource
    id?: string
  }): Promise<Memory> {
    const id = input.id ?? `mem_${randomUUID()}`
    const stored: StoredMemory = {
      scope: input.scope ?? { kind: 'global' },
      ...(input.source && { source: input.source }),
    }
    const entry = await this.vault.set(`${MEMORY_KEY_PREFIX}${id}`, input.text, {
      category: 'memory',
      useInConversations: true,
      metadata: { memory: stored },
    })
    return entryToMemory(entry)!
  }

  /**
   * New text (the old one is kept in `history`) and/or scope; the id stays. An older vault
   * entry keeps its place in the vault, so it stays global.
   */
  async update(
    id: string,
    change: { text?: string; scope?: MemoryScope },
    at: Date,
  ): Promise<Memory> {
    const entry = await this.entry(id)
    const memory = entryToMemory(entry)!
    if (entry.category !== 'memory') {
      if (change.scope && change.scope.kind !== 'global') {
        throw new MirrorError(
          'VALIDATION_FAILED',
          'This memory is a vault entry; it stays global. Add a new memory for a narrower scope.',
        )
      }
      if (change.text === undefined) return memory
      return entryToMemory(await this.vault.set(entry.key, change.text))!
    }
    const stored = StoredMemorySchema.safeParse(entry.metadata['memory'])
    const meta: StoredMemory = stored.success ? stored.data : { scope: memory.scope }
    const textChanged = change.text !== undefined && change.text !== memory.text
    const history = textChanged
      ? [{ text: memory.text, replacedAt: at.toISOString() }, ...(meta.history ?? [])].slice(
          0,
          MAX_HISTORY,
        )
      : meta.history
    const next: StoredMemory = {
      ...meta,
      scope: change.scope ?? meta.scope,
      ...(history && { history }),
    }
    const saved = await this.vault.set(entry.key, change.text ?? memory.text, {
      metadata: { ...entry.metadata, memory: next },
    })
    return entryToMemory(saved)!
  }

  async delete(id: string): Promise<boolean> {
    const entry = await this.vault.get(keyOf(id))
    if (!entry || !entryToMemory(entry)) return false
    return this.vault.delete(entry.key)
  }

  /** Notes that these memories went into a model's context (quietly: not a user change). */
  async markUsed(entries: readonly VaultEntry[], at: Date): Promise<void> {
    for (const given of entries) {
      if (given.category !== 'memory') continue
      // Read again: the user may have edited or deleted it since the turn read it, and a
      // stale copy must never be written back.
      const entry = await this.vault.get(given.key)
      if (!entry) continue
      const stored = StoredMemorySchema.safeParse(entry.metadata['memory'])
      if (!stored.success) continue
      await this.vault.setQuietly(entry.key, entry.value, {
        metadata: { ...entry.metadata, memory: { ...stored.data, lastUsedAt: at.toISOString() } },
      })
    }
  }
}
