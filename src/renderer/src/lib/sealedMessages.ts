import type { Message } from '../../../shared/domain'

/** Shown while the vault is locked (by main, or masked here): content '' and `locked`. */
export function isLockedPlaceholder(message: Message): boolean {
  return message.sensitive && message.metadata.locked === true
}

/** A sensitive message main could not decrypt: content '' and `vaultDamaged` (the reason). */
export function isDamagedPlaceholder(message: Message): boolean {
  return message.sensitive && typeof message.metadata.vaultDamaged === 'string'
}

/**
 * What the renderer keeps once the vault locks: no sensitive text at all. Messages that arrived
 * as answers to chat.send are not marked sealed (main sealed only its stored copy), so every
 * sensitive message is masked; unlocking reads them back from main.
 */
export function maskSealed(items: Message[]): Message[] {
  if (!items.some((m) => m.sensitive && !m.id.startsWith('local:'))) return items
  return items.map((m) =>
    m.sensitive && !m.id.startsWith('local:')
      ? { ...m, content: '', metadata: { ...m.metadata, locked: true } }
      : m,
  )
}

/** Puts fresh copies (from main, after unlocking) in place of the cached ones with the same id. */
export function replaceByIds(items: Message[], fresh: readonly Message[]): Message[] {
  const byId = new Map(fresh.map((m) => [m.id, m]))
  return items.map((m) => byId.get(m.id) ?? m)
}
