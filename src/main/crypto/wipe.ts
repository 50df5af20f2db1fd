/** Overwrites key material with zeros. Accepts nullish so callers can wipe in `finally` blocks. */
export function wipe(...buffers: ReadonlyArray<Buffer | Uint8Array | null | undefined>): void {
  for (const buffer of buffers) buffer?.fill(0)
}

/**
 * A private copy of `source` in its own zero-filled allocation. Small Buffers from
 * `Buffer.from`/`concat` may share Node's pool; a key kept for long gets its own memory so wiping
 * it leaves no copy in a pool slab.
 */
export function privateCopy(source: Uint8Array): Buffer {
  const copy = Buffer.alloc(source.length)
  copy.set(source)
  return copy
}
