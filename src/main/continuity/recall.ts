import type { Message, RecallMatch, Role, Session } from '../../shared/domain'
import { isMirrorError } from '../../shared/errors'
import type { Storage } from '../storage/storage'
import { isRecallable } from './memorySettings'
import { extractKeywords } from './recallQuery'
import type { Keyword } from './recallQuery'
import { storageRecallSource } from './recallSource'
import type { RecallSource } from './recallSource'
import { hybridRecallSource } from './semantic/semanticRecall'
import type { SemanticRecall } from './semantic/semanticRecall'
import { isTemporarySession } from './temporaryChat'

/**
 * Recall: the most relevant messages of OTHER sessions for the user's new message, within a
 * token budget (docs/continuity.md). A RecallSource ranks candidates by relevance in (0, 1]
 * (bm25-based); recall then weighs in recency and checks each candidate's session and message:
 *
 *   recency = 0.5 ^ (ageDays / HALF_LIFE_DAYS)          (1 today, 0.5 after 30 days)
 *   score   = relevance × (1 + RECENCY_WEIGHT × recency)
 *
 * so recency breaks near-ties (at most × 1.2) but never beats a clearly better match: a message
 * matching more of the keywords outranks a newer one matching fewer.
 */

export const HALF_LIFE_DAYS = 30
export const RECENCY_WEIGHT = 0.2
const DAY_MS = 86_400_000
/** Per-snippet overhead in the prompt (numbering, title, date), in estimated tokens. */
const SNIPPET_OVERHEAD_TOKENS = 12
/** Candidates asked for per round (session + message reads) while filling `limit`. */
const MAX_CANDIDATES = 40
/**
 * Searches per recall: when a round ends short of `limit` because whole sessions were turned
 * away (excluded from recall, or already holding maxPerSession snippets), the next round
 * searches again without them, so one big excluded session cannot hide all the others.
 */
const MAX_ROUNDS = 3

export interface RecallOptions {
  storage: Pick<Storage, 'search' | 'getSession' | 'getMessage'>
  /** The user's new message. */
  query: string
  /** The session being answered: never recalled into itself. */
  excludeSessionId?: string | null
  /** More sessions to leave out (e.g. the caller's own exclusions). */
  excludedSessionIds?: Iterable<string>
  /** Most snippets returned (default 5). */
  limit?: number
  /** Estimated tokens (chars / 4) all snippets may take together (default 600). */
  tokenBudget?: number
  /** Recall from archived sessions too (default false). */
  includeArchived?: boolean
  /** At most this many snippets from one session (default 2). */
  maxPerSession?: number
  /** Longest snippet text in characters (default 600); longer messages are cut around a match. */
  maxSnippetChars?: number
  /** Keywords searched (default 6). */
  maxKeywords?: number
  /** Where candidates come from; default: storageRecallSource(storage) (any backend). */
  source?: RecallSource
  /**
   * Vector similarity fused with the lexical ranking (docs/continuity.md, "Semantic recall"),
   * waiting at most `waitMs` for the query's embedding; without it, recall is lexical only.
   */
  semantic?: { recall: SemanticRecall; waitMs: number }
  now?: Date
}

export interface RecalledSnippet {
  sessionId: string
  sessionTitle: string
  messageId: string
  role: Role
  createdAt: string
  text: string
  score: number
  /** Found by keywords, by meaning (vector similarity) or both. */
  match: RecallMatch
}

export interface RecallResult {
  snippets: RecalledSnippet[]
  /** The words searched, for showing "why" in the memory panel. */
  keywords: string[]
  /** Estimated tokens the snippets take, overhead included. */
  tokens: number
}

export const estimateTokens = (text: string): number => Math.ceil(text.length / 4)

export function recencyFactor(createdAt: string, now: Date): number {
  const age = (now.getTime() - Date.parse(createdAt)) / DAY_MS
  if (!Number.isFinite(age)) return 0
  return 0.5 ** (Math.max(0, age) / HALF_LIFE_DAYS)
}

/** The whole message when short; otherwise a window around the first keyword found. */
export function excerpt(content: string, keywords: readonly Keyword[], maxChars: number): string {
  const text = content.replace(/\s+/g, ' ').trim()
  if (text.length <= maxChars) return text
  const lower = text.toLowerCase()
  const found = keywords.map((k) => lower.indexOf(k.term.replace(/\*$/, ''))).filter((i) => i >= 0)
  const at = found.length > 0 ? Math.min(...found) : 0
  let start = Math.max(0, at - Math.floor(maxChars / 3))
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space >= 0 && space < at ? space + 1 : start
  }
  const end = Math.min(text.length, start + maxChars - 2)
  return `${start > 0 ? '…' : ''}${text.slice(start, end).trim()}${end < text.length ? '…' : ''}`
}

async function readOrNull<T>(read: () => Promise<T>): Promise<T | null> {
  try {
    return await read()
  } catch (error) {
    // Deleted between the search and the read: not a failure of recall.
    if (isMirrorError(error) && error.code === 'NOT_FOUND') return null
    throw error
  }
}

export async function recall(options: RecallOptions): Promise<RecallResult> {
  const limit = options.limit ?? 5
  const tokenBudget = options.tokenBudget ?? 600
  const maxPerSession = options.maxPerSession ?? 2
  const maxSnippetChars = options.maxSnippetChars ?? 600
  const includeArchived = options.includeArchived ?? false
  const now = options.now ?? new Date()
  const { storage } = options

  const keywords = extractKeywords(options.query, options.maxKeywords ?? 6)
  const empty: RecallResult = { snippets: [], keywords: keywords.map((k) => k.word), tokens: 0 }
  if (keywords.length === 0 || limit < 1 || tokenBudget < 1) return empty

  const excluded = new Set(options.excludedSessionIds ?? [])
  if (options.excludeSessionId) excluded.add(options.excludeSessionId)

  const lexical = options.source ?? storageRecallSource(storage)
  const source = options.semantic
    ? hybridRecallSource(lexical, options.semantic.recall, options.query, options.semantic.waitMs)
    : lexical
  const sessions = new Map<string, Session | null>()
  const perSession = new Map<string, number>()
  const seen = new Set<string>()
  const snippets: RecalledSnippet[] = []
  let tokens = 0
  // Later rounds only find what ranked below every hit of the rounds before.
  let ceiling = 1
  for (let round = 0; round < MAX_ROUNDS && snippets.length < limit; round++) {
    const hits = await source.candidates(keywords, {
      limit: MAX_CANDIDATES,
      includeArchived,
      excluded,
    })
    const candidates = hits
      .filter((hit) => !excluded.has(hit.sessionId) && !seen.has(hit.messageId))
      .map((hit) => ({
        hit,
        score: ceiling * hit.relevance * (1 + RECENCY_WEIGHT * recencyFactor(hit.createdAt, now)),
      }))
      .sort((a, b) => b.score - a.score || (a.hit.createdAt < b.hit.createdAt ? 1 : -1))
    let turnedAway = 0
    for (const { hit, score } of candidates) {
      seen.add(hit.messageId)
      if (snippets.length >= limit) break
      if ((perSession.get(hit.sessionId) ?? 0) >= maxPerSession) continue
      if (!sessions.has(hit.sessionId)) {
        sessions.set(hit.sessionId, await readOrNull(() => storage.getSession(hit.sessionId)))
      }
      const session = sessions.get(hit.sessionId)
      const usable =
        session &&
        isRecallable(session) &&
        !isTemporarySession(session) &&
        (includeArchived || !session.archived)
      if (!usable) {
        if (!excluded.has(hit.sessionId)) turnedAway++
        excluded.add(hit.sessionId)
        continue
      }
      const message: Message | null = await readOrNull(() => storage.getMessage(hit.messageId))
      // Search never returns sensitive messages; this is the second lock on the same door.
      if (!message || message.sensitive || message.sessionId !== session.id) continue
      const text = excerpt(message.content, keywords, maxSnippetChars)
      if (text.length === 0) continue
      const cost = estimateTokens(text) + estimateTokens(session.title) + SNIPPET_OVERHEAD_TOKENS
      if (tokens + cost > tokenBudget) continue
      tokens += cost
      const count = (perSession.get(hit.sessionId) ?? 0) + 1
      perSession.set(hit.sessionId, count)
      if (count >= maxPerSession) {
        excluded.add(hit.sessionId)
        turnedAway++
      }
      snippets.push({
        sessionId: session.id,
        sessionTitle: session.title,
        messageId: message.id,
        role: message.role,
        createdAt: message.createdAt,
        text,
        score,
        match: hit.match ?? 'keywords',
      })
    }
    if (hits.length < MAX_CANDIDATES || turnedAway === 0) break
    ceiling *= Math.min(...hits.map((hit) => hit.relevance))
  }
  snippets.sort((a, b) => b.score - a.score)
  return { ...empty, snippets, tokens }
}
