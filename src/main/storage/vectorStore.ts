import { MirrorError } from '../../shared/errors'

/**
 * Where semantic recall keeps message embeddings (docs/continuity.md, "Semantic recall").
 * Vectors are derived data: a store may be emptied at any time (a new embedding model, a key
 * that no longer opens it) and the indexer embeds the messages again.
 */

/** The embedding model the stored vectors come from: only vectors of one space are compared. */
export interface VectorSpace {
  /** Embedder key: provider kind, base URL and model. */
  key: string
  dimension: number
}

export interface VectorEntry {
  messageId: string
  sessionId: string
  createdAt: string
  vector: Float32Array
}

export interface VectorHit {
  messageId: string
  sessionId: string
  createdAt: string
  /** Cosine similarity to the query, in [-1, 1]. */
  similarity: number
}

export interface NearestOptions {
  limit: number
  excludeSessionIds?: ReadonlySet<string>
}

export interface VectorStore {
  /** The space the stored vectors belong to; null before the first vector. */
  space(): Promise<VectorSpace | null>
  /** Drops every vector and indexing mark and starts over in `space`. */
  reset(space: VectorSpace): Promise<void>
  /** Adds or replaces vectors; each must have the space's dimension. */
  put(entries: readonly VectorEntry[]): Promise<void>
  /** The message ids of one session that have a vector. */
  messageIdsOf(sessionId: string): Promise<Set<string>>
  /** Forgets vectors (deleted messages, a session no longer recallable). */
  remove(messageIds: readonly string[]): Promise<void>
  /** Every session id that has vectors or an indexing mark. */
  sessionIds(): Promise<Set<string>>
  /** Forgets a session: its vectors and its mark. */
  removeSession(sessionId: string): Promise<void>
  /** The indexer's mark (what the session looked like) when it was last indexed in full, or null. */
  indexedThrough(sessionId: string): Promise<string | null>
  markIndexed(sessionId: string, mark: string): Promise<void>
  /** The most similar messages first, from the sessions not excluded. */
  nearest(vector: Float32Array, options: NearestOptions): Promise<VectorHit[]>
  close(): Promise<void>
}

/** VALIDATION_FAILED unless the store has a space and every vector has its dimension. */
export function checkVectors(entries: readonly VectorEntry[], dimension: number | null): void {
  if (dimension === null) {
    throw new MirrorError('VALIDATION_FAILED', 'The vector store has no embedding model yet.')
  }
  const wrong = entries.find((e) => e.vector.length !== dimension)
  if (wrong) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `Vector of ${wrong.vector.length} dimensions for a store of ${dimension}.`,
      { messageId: wrong.messageId },
    )
  }
}
