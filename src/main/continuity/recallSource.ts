import type { Storage } from '../storage/storage'
import type { Keyword } from './recallQuery'

/** A candidate message for recall, before session and message checks. */
export interface RecallHit {
  sessionId: string
  messageId: string
  createdAt: string
  /** How well it matches the keywords, in (0, 1]; the best candidate of a query has 1 or near. */
  relevance: number
}

export interface RecallCandidateOptions {
  /** Hits wanted (the caller still filters some out). */
  limit: number
  includeArchived: boolean
  /** Sessions whose messages must not be returned (the current one at least). */
  excluded: ReadonlySet<string>
}

/** Where recall finds candidates: any Storage (below) or a faster backend-specific index. */
export interface RecallSource {
  candidates(keywords: readonly Keyword[], options: RecallCandidateOptions): Promise<RecallHit[]>
}

export const RRF_K = 5

/**
 * Works over any Storage. Storage.search ANDs its terms, so each keyword is searched on its
 * own (bm25 order) and the lists are fused:
 *   weight_t  = ln(1 + perTermLimit / n_t)      n_t = hits returned for t (rarer terms weigh more)
 *   relevance = Σ_t weight_t / (RRF_K + rank_t)  /  Σ_t weight_t / RRF_K
 * so a message near the top of several lists wins. Cost: one search per keyword.
 */
export function storageRecallSource(
  storage: Pick<Storage, 'search'>,
  perTermLimit = 50,
): RecallSource {
  return {
    async candidates(keywords, { limit, includeArchived, excluded }) {
      const lists = await Promise.all(
        keywords.map((k) => storage.search(k.term, { limit: perTermLimit, includeArchived })),
      )
      const scores = new Map<string, RecallHit>()
      let maxTotal = 0
      for (const list of lists) {
        if (list.length === 0) continue
        const weight = Math.log(1 + perTermLimit / list.length)
        maxTotal += weight / RRF_K
        list
          .filter((hit) => !excluded.has(hit.sessionId))
          .forEach((hit, rank) => {
            const entry = scores.get(hit.messageId) ?? {
              sessionId: hit.sessionId,
              messageId: hit.messageId,
              createdAt: hit.createdAt,
              relevance: 0,
            }
            entry.relevance += weight / (RRF_K + rank)
            scores.set(hit.messageId, entry)
          })
      }
      const hits = [...scores.values()]
      for (const hit of hits) hit.relevance = maxTotal > 0 ? hit.relevance / maxTotal : 0
      return hits.sort((a, b) => b.relevance - a.relevance).slice(0, limit)
    },
  }
}
