import type { RecallMatch } from '../../../shared/domain'
import type { Embedder } from '../../llm/embeddings/embedder'
import type { VectorStore } from '../../storage/vectorStore'
import type { RecallCandidateOptions, RecallHit, RecallSource } from '../recallSource'
import { fuseRanks } from './fuseRanks'
import { within } from './within'

export interface SemanticRecallOptions {
  vectors(): Promise<VectorStore | null>
  embedder(): Embedder | null
  /**
   * Cosine floor: a message less similar than this is no candidate, so a question about
   * nothing ever discussed does not pull in the nearest unrelated message. Default 0.5.
   */
  minSimilarity?: number
}

/** Query vectors kept (drafts embedded ahead are found again when the message is sent). */
const CACHED_QUERIES = 32

/**
 * Candidates by meaning: the query embedded by the embedder allowed to see memory, compared with
 * the stored message vectors of the same model. Null, never an error, whenever vectors cannot
 * help: no embedder, none of its vectors stored yet, or the query's vector not back in time.
 */
export class SemanticRecall {
  private readonly queries = new Map<string, Promise<Float32Array | null>>()
  private readonly minSimilarity: number

  constructor(private readonly options: SemanticRecallOptions) {
    this.minSimilarity = options.minSimilarity ?? 0.5
  }

  /** The query's vector if it is ready within `waitMs`; it keeps coming for the next ask. */
  async queryVector(
    embedder: Embedder,
    text: string,
    waitMs: number,
  ): Promise<Float32Array | null> {
    const id = `${embedder.key}\u0000${text}`
    let vector = this.queries.get(id)
    if (!vector) {
      vector = embedder.embed([text]).then(
        ([v]) => v ?? null,
        () => {
          this.queries.delete(id)
          return null
        },
      )
      this.queries.set(id, vector)
      if (this.queries.size > CACHED_QUERIES) this.queries.delete(this.queries.keys().next().value!)
    }
    return within(vector, waitMs)
  }

  async candidates(
    query: string,
    options: Pick<RecallCandidateOptions, 'limit' | 'excluded'>,
    waitMs: number,
  ): Promise<RecallHit[] | null> {
    const embedder = this.options.embedder()
    if (!embedder) return null
    const store = await this.options.vectors()
    if (!store || (await store.space())?.key !== embedder.key) return null
    const vector = await this.queryVector(embedder, query, waitMs)
    if (!vector) return null
    const hits = await store.nearest(vector, {
      limit: options.limit,
      excludeSessionIds: options.excluded,
    })
    return hits
      .filter((hit) => hit.similarity >= this.minSimilarity)
      .map((hit) => ({
        sessionId: hit.sessionId,
        messageId: hit.messageId,
        createdAt: hit.createdAt,
        relevance: hit.similarity,
        match: 'meaning' as const,
      }))
  }
}

function matchOf(words: boolean, meaning: boolean): RecallMatch {
  if (words && meaning) return 'both'
  return meaning ? 'meaning' : 'keywords'
}

/**
 * Lexical candidates fused with semantic ones (fuseRanks); relevance = fused score / best.
 * Without semantic candidates the lexical ones come back untouched: recall is exactly lexical.
 */
export function hybridRecallSource(
  lexical: RecallSource,
  semantic: SemanticRecall,
  query: string,
  waitMs: number,
): RecallSource {
  return {
    async candidates(keywords, options) {
      const [words, meaning] = await Promise.all([
        lexical.candidates(keywords, options),
        semantic.candidates(query, options, waitMs).catch(() => null),
      ])
      if (!meaning || meaning.length === 0) return words
      const byId = new Map<string, RecallHit>()
      for (const hit of [...meaning, ...words]) byId.set(hit.messageId, hit)
      const byWords = new Set(words.map((h) => h.messageId))
      const byMeaning = new Set(meaning.map((h) => h.messageId))
      const fused = fuseRanks([[...byWords], [...byMeaning]])
      const best = Math.max(...fused.values())
      return [...fused.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, options.limit)
        .map(([id, score]) => ({
          ...byId.get(id)!,
          relevance: score / best,
          match: matchOf(byWords.has(id), byMeaning.has(id)),
        }))
    },
  }
}
