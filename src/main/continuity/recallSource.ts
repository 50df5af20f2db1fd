import type { RecallMatch } from '../../shared/domain'
import type { Storage } from '../storage/storage'
import type { Keyword } from './recallQuery'

/** A candidate message for recall, before session and message checks. */
export interface RecallHit {
  sessionId: string
  messageId: string
  createdAt: string
  /** How well it matches the keywords, in (0, 1]; the best candidate of a query has 1. */
  relevance: number
  /** How it was found; a source that does not say is taken as keywords. */
  match?: RecallMatch
}

export interface RecallCandidateOptions {
  /** Hits wanted (the caller still filters some out). */
  limit: number
  includeArchived: boolean
  /** Sessions whose messages must not be returned (the current one at least). */
  excluded: ReadonlySet<string>
}

/** Where recall finds candidates (tests may pass their own). */
export interface RecallSource {
  candidates(keywords: readonly Keyword[], options: RecallCandidateOptions): Promise<RecallHit[]>
}

/**
 * Candidates from any Storage in ONE search: the keywords ORed (`anyTerms`), ranked by bm25 —
 * which already weighs rare terms and messages matching several keywords — with excluded
 * sessions left out by the backend before its limit. relevance = score / best score.
 * On SQLite the FTS5 query ranks and limits before any join and drops keywords common to a
 * large share of messages (storage/anyTerms.ts), which keeps it fast on big stores.
 */
export function storageRecallSource(storage: Pick<Storage, 'search'>): RecallSource {
  return {
    async candidates(keywords, { limit, includeArchived, excluded }) {
      if (keywords.length === 0 || limit < 1) return []
      const hits = await storage.search(keywords.map((k) => k.term).join(' '), {
        anyTerms: true,
        limit,
        includeArchived,
        excludeSessionIds: [...excluded],
      })
      const best = hits[0]?.score ?? 0
      return hits.map((hit) => ({
        sessionId: hit.sessionId,
        messageId: hit.messageId,
        createdAt: hit.createdAt,
        relevance: best > 0 ? hit.score / best : 1,
        match: 'keywords' as const,
      }))
    },
  }
}
