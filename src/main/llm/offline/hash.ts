/** FNV-1a, 32 bit: a stable seed so the same conversation always gets the same reply. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

/** Picks one item deterministically; `salt` lets one seed drive several independent choices. */
export function pick<T>(items: readonly T[], seed: number, salt: number): T {
  if (items.length === 0) throw new Error('pick() needs at least one item')
  const mixed = fnv1a(`${seed}:${salt}`)
  return items[mixed % items.length]!
}
