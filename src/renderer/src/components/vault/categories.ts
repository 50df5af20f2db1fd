import type { VaultCategory } from '../../../../shared/vault'

/** "goals" → "Goals" (the same label the reply chips use). */
export function categoryLabel(category: VaultCategory | string): string {
  return category.charAt(0).toUpperCase() + category.slice(1)
}
