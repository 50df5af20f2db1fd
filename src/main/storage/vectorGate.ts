import type { VectorStore } from './vectorStore'

export interface VectorGate {
  /** The store to use now; null while it cannot be opened (encrypted history, vault locked). */
  get(): Promise<VectorStore | null>
  close(): Promise<void>
}

/**
 * Opens the vector store on first use with the history's key of the moment, and again when that
 * key changes (history encrypted or decrypted since): the store itself then starts afresh in the
 * new form. `keyOf` throws while the key cannot be had (vault locked): no store until it can.
 */
export function createVectorGate(
  open: (key: Buffer | undefined) => Promise<VectorStore>,
  keyOf: () => Buffer | undefined,
): VectorGate {
  let current: { store: VectorStore; key: Buffer | undefined } | null = null
  const sameKey = (a: Buffer | undefined, b: Buffer | undefined): boolean =>
    a === undefined || b === undefined ? a === b : a.equals(b)
  const close = async (): Promise<void> => {
    const open = current
    current = null
    await open?.store.close()
  }
  return {
    async get() {
      let key: Buffer | undefined
      try {
        key = keyOf()
      } catch {
        await close()
        return null
      }
      if (current && sameKey(current.key, key)) return current.store
      await close()
      current = { store: await open(key), key: key ? Buffer.from(key) : undefined }
      return current.store
    },
    close,
  }
}
