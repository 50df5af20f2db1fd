import type { ContextSourceUse } from '../../shared/domain'
import type { VaultEntry } from '../../shared/vault'
import type { ContextContribution, ContextSource } from '../services/contextSources'

/** Keeps a large vault from crowding the conversation out of the model's context. */
export const MEMORY_CHAR_BUDGET = 8000

const INTRO =
  'The user keeps these notes in their encrypted vault and chose to share them with you. ' +
  'Use them when they help; do not recite them unprompted.'

export function categoryLabel(category: string): string {
  return category.charAt(0).toUpperCase() + category.slice(1)
}

function valueText(entry: VaultEntry): string {
  return typeof entry.value === 'string' ? entry.value : JSON.stringify(entry.value)
}

/** The label a reply's chip shows: the entry's category and key, never its value. */
export function memoryUse(entry: VaultEntry): ContextSourceUse {
  return { kind: 'memory', id: entry.key, label: `${categoryLabel(entry.category)}: ${entry.key}` }
}

/**
 * Vault entries marked "Use in conversations" join the system prompt while the vault is unlocked
 * (memoriesForContext() is empty while locked). Entries are taken most recently updated first
 * until the budget is spent; only those given to the model are reported as used.
 */
export function vaultMemorySource(
  vault: { memoriesForContext(): Promise<VaultEntry[]> },
  budget = MEMORY_CHAR_BUDGET,
): ContextSource {
  return {
    id: 'vault-memories',
    async contribute(): Promise<ContextContribution | null> {
      const entries = [...(await vault.memoriesForContext())].sort((a, b) =>
        b.updatedAt.localeCompare(a.updatedAt),
      )
      const lines: string[] = []
      const used: ContextSourceUse[] = []
      let size = 0
      for (const entry of entries) {
        const line = `- [${categoryLabel(entry.category)}] ${entry.key}: ${valueText(entry)}`
        if (size + line.length > budget) continue
        size += line.length
        lines.push(line)
        used.push(memoryUse(entry))
      }
      if (lines.length === 0) return null
      return { systemText: `${INTRO}\n${lines.join('\n')}`, used }
    },
  }
}
