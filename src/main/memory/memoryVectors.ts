import { createHash } from 'node:crypto'
import { fusedOrder, lexicalOrder } from '../continuity/semantic/hybridRank'
import { within } from '../continuity/semantic/within'
import type { Embedder } from '../llm/embeddings/embedder'

/** Ranks memory lines for a query: the memory source's order when they do not all fit. */
export interface MemoryRanker {
  order(texts: readonly string[], query: string): Promise<number[]>
  /** `query` may soon be asked (the composer's draft): start what order() will need. */
  prepare?(query: string): void
}

export interface MemoryVectorsOptions {
  /** The embedder allowed to see memory (memoryEmbedder); null: keywords only. */
  embedder(): Embedder | null
  /** The lines of the memories a turn may get, as the prompt quotes them (vault unlocked). */
  texts(): Promise<string[]>
  /**
   * The query's vector if it is back within the turn's budget, else null. Shared with recall
   * (SemanticRecall.queryVector), so one turn's message is embedded once.
   */
  queryVector(embedder: Embedder, text: string): Promise<Float32Array | null>
  /** Cosine floor, as recall (default 0.5). */
  minSimilarity?: number
  /** Texts per embedding request (default 16). */
  batchSize?: number
  /** A request not back by then is given up (default 30 s); its texts wait for the next fill. */
  timeoutMs?: number
}

const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex')

/**
 * Memory vectors kept in memory only — memories are sealed in the vault, so their vectors are
 * never written anywhere — keyed by embedder and the hash of the text. Filled in the
 * background (fill), never during a turn; cleared when the vault locks (clear). A turn over
 * the budget ranks by keywords fused with meaning when the vectors are at hand, else by
 * keywords alone, exactly as without an embedder.
 */
export class MemoryVectors implements MemoryRanker {
  private readonly vectors = new Map<string, Float32Array>()
  private filling: Promise<void> | null = null
  private again = false
  /** Bumped by clear(): a fill started before a lock drops what it gets back. */
  private generation = 0

  constructor(private readonly options: MemoryVectorsOptions) {}

  /** How many vectors are held (for tests and diagnostics). */
  get size(): number {
    return this.vectors.size
  }

  clear(): void {
    this.generation++
    this.vectors.clear()
  }

  /** Embeds the memories that have no vector yet, in bounded batches; errors are ignored. */
  fill(): Promise<void> {
    if (this.filling) {
      this.again = true
      return this.filling
    }
    this.filling = this.fillOnce()
      .catch(() => undefined)
      .finally(() => {
        this.filling = null
        if (this.again) {
          this.again = false
          void this.fill()
        }
      })
    return this.filling
  }

  private async fillOnce(): Promise<void> {
    const embedder = this.options.embedder()
    if (!embedder) return
    const generation = this.generation
    const missing = [...new Set(await this.options.texts())].filter(
      (text) => !this.vectors.has(this.idOf(embedder, text)),
    )
    const size = this.options.batchSize ?? 16
    for (let at = 0; at < missing.length; at += size) {
      const batch = missing.slice(at, at + size)
      const got = await within(
        embedder.embed(batch).catch(() => null),
        this.options.timeoutMs ?? 30_000,
      )
      if (generation !== this.generation) return
      if (!got || got.length !== batch.length) return
      batch.forEach((text, i) => this.vectors.set(this.idOf(embedder, text), got[i]!))
    }
  }

  prepare(query: string): void {
    const embedder = this.options.embedder()
    if (embedder) void this.options.queryVector(embedder, query).catch(() => null)
  }

  async order(texts: readonly string[], query: string): Promise<number[]> {
    const lexical = lexicalOrder(texts, query)
    const embedder = this.options.embedder()
    if (!embedder) return lexical
    const held = texts.map((text) => this.vectors.get(this.idOf(embedder, text)))
    // Missing ones are embedded for later turns; this one does not wait for them.
    if (held.some((v) => !v)) void this.fill()
    if (held.every((v) => !v)) return lexical
    const queryVector = await this.options.queryVector(embedder, query).catch(() => null)
    if (!queryVector) return lexical
    return fusedOrder(lexical, queryVector, held, this.options.minSimilarity)
  }

  private idOf(embedder: Embedder, text: string): string {
    return `${embedder.key}\u0000${hashOf(text)}`
  }
}
