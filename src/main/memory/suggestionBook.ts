import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { MemorySuggestionSchema } from '../../shared/memory'
import type { MemorySuggestion } from '../../shared/memory'
import type { MemoryVault } from './memoryBook'
import { memoryFingerprint } from './memoryText'

/**
 * The vault entry that holds the suggestions waiting for review and the fingerprints of those
 * decided (accepted, perhaps edited, or rejected), so none is suggested twice: both say
 * something private, so they stay encrypted with the rest.
 */
export const SUGGESTIONS_KEY = 'memory-suggestions'
// Kept out of the vault's own list and counts (vaultEntries.ts INTERNAL_ENTRY_KEYS).

/** Decided fingerprints kept: enough for years of reviews, small enough to read on each call. */
export const MAX_DECIDED = 5000

const StateSchema = z.object({
  pending: z.array(MemorySuggestionSchema),
  decided: z.array(z.string()),
})
export type SuggestionState = z.infer<typeof StateSchema>

const EMPTY: SuggestionState = { pending: [], decided: [] }

export class SuggestionBook {
  constructor(private readonly vault: MemoryVault) {}

  async read(): Promise<SuggestionState> {
    const entry = await this.vault.get(SUGGESTIONS_KEY)
    const parsed = StateSchema.safeParse(entry?.value)
    return parsed.success ? parsed.data : { ...EMPTY }
  }

  async write(state: SuggestionState): Promise<void> {
    const value = { pending: state.pending, decided: state.decided.slice(-MAX_DECIDED) }
    await this.vault.setQuietly(SUGGESTIONS_KEY, value, {
      category: 'memory',
      useInConversations: false,
    })
  }

  async pending(): Promise<MemorySuggestion[]> {
    return (await this.read()).pending
  }

  /**
   * Takes a suggestion out of the list (accepted or rejected) and notes its fingerprint;
   * NOT_FOUND when it is not waiting.
   */
  async take(id: string): Promise<{ suggestion: MemorySuggestion; pending: number }> {
    const state = await this.read()
    const suggestion = state.pending.find((s) => s.id === id)
    if (!suggestion) {
      throw new MirrorError('NOT_FOUND', `There is no memory suggestion ${id}.`, { id })
    }
    const pending = state.pending.filter((s) => s.id !== id)
    await this.write({ pending, decided: [...state.decided, memoryFingerprint(suggestion.text)] })
    return { suggestion, pending: pending.length }
  }
}
