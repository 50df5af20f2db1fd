import type { Embedder } from '../../llm/embeddings/embedder'
import { normalizeToken } from '../../storage/textSearch'
import { extractKeywords } from '../recallQuery'
import { cosine, fuseRanks } from './fuseRanks'
import { within } from './within'

export interface RankOptions {
  /** The embedder allowed to see these texts (memoryEmbedder); none: lexical only. */
  embedder?: Embedder | null
  /** Longest wait for the embeddings (default 2 s); later, the ranking is lexical. */
  waitMs?: number
  /** Cosine floor for the vector ranking (default 0.5, as recall). */
  minSimilarity?: number
}

const WORD = /[\p{L}\p{N}_]+/gu

/** Texts holding at least one of the query's keywords, most keywords first (ties: given order). */
export function lexicalOrder(texts: readonly string[], query: string): number[] {
  const keywords = extractKeywords(query, 12)
  if (keywords.length === 0) return []
  const counts = texts.map((text) => {
    const tokens = new Set([...text.matchAll(WORD)].map((m) => normalizeToken(m[0])))
    return keywords.filter(({ term }) =>
      term.endsWith('*')
        ? [...tokens].some((t) => t.startsWith(term.slice(0, -1)))
        : tokens.has(term),
    ).length
  })
  return counts
    .map((count, index) => ({ count, index }))
    .filter((c) => c.count > 0)
    .sort((a, b) => b.count - a.count || a.index - b.index)
    .map((c) => c.index)
}

/**
 * rank(texts, query) for memory selection: the indices of `texts` that match the query, best
 * first — by keywords alone without an embedder (or when it fails or is slow), else the keyword
 * order fused with cosine similarity (fuseRanks). Texts matching neither are left out. The
 * vectors live only in memory for this call: nothing about the texts is written anywhere.
 */
export async function rankTexts(
  texts: readonly string[],
  query: string,
  options: RankOptions = {},
): Promise<number[]> {
  const lexical = lexicalOrder(texts, query)
  const { embedder } = options
  if (!embedder || texts.length === 0) return lexical
  const vectors = await within(
    embedder.embed([query, ...texts]).catch(() => null),
    options.waitMs ?? 2_000,
  )
  if (!vectors || vectors.length !== texts.length + 1) return lexical
  const [queryVector, ...textVectors] = vectors
  return fusedOrder(lexical, queryVector!, textVectors, options.minSimilarity)
}

/**
 * `lexical` (indices of texts) fused with the texts' cosine order against `queryVector`: texts
 * below the floor (default 0.5, as recall) or without a vector count for their keywords alone.
 */
export function fusedOrder(
  lexical: readonly number[],
  queryVector: Float32Array,
  textVectors: ReadonlyArray<Float32Array | undefined>,
  minSimilarity = 0.5,
): number[] {
  const semantic = textVectors
    .map((v, index) => ({ index, similarity: v ? cosine(queryVector, v) : -1 }))
    .filter((s) => s.similarity >= minSimilarity)
    .sort((a, b) => b.similarity - a.similarity)
    .map((s) => s.index)
  const fused = fuseRanks([lexical.map(String), semantic.map(String)])
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1] || Number(a[0]) - Number(b[0]))
    .map(([index]) => Number(index))
}
