import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractKeywords, stem } from '../../../src/main/continuity/recallQuery'
import { loadRecallSet, measureRecallQuality } from '../../../bench/recallQuality'
import type { RecallQuality } from '../../../bench/recallQuality'
import { tempDir } from './helpers/temp'

/**
 * The recall set's questions ask for a session in other words, so keywords alone rarely find
 * it; the word-vector embedder (real vectors, offline, over the OpenAI-compatible wire) must.
 */
describe('semantic recall quality on the recall set', () => {
  let quality: RecallQuality
  let cleanup: () => void

  beforeAll(async () => {
    const temp = tempDir('amos-recall-quality-')
    cleanup = temp.cleanup
    quality = await measureRecallQuality(temp.dir)
  }, 180_000)
  afterAll(() => cleanup())

  it('is a fixed set: 40–60 sessions, 30–40 questions, none sharing a keyword with its session', () => {
    const set = loadRecallSet()
    expect(set.sessions.length).toBeGreaterThanOrEqual(40)
    expect(set.sessions.length).toBeLessThanOrEqual(60)
    expect(set.questions.length).toBeGreaterThanOrEqual(30)
    expect(set.questions.length).toBeLessThanOrEqual(40)
    for (const q of set.questions) {
      const session = set.sessions.find((s) => s.id === q.expect)!
      expect(session, q.expect).toBeDefined()
      const roots = extractKeywords([session.title, ...session.messages].join(' '), 1000).map((k) =>
        stem(k.word),
      )
      const shared = extractKeywords(q.question, 1000)
        .map((k) => stem(k.word))
        .filter((w) => roots.some((r) => r.startsWith(w) || w.startsWith(r)))
      expect(shared, q.question).toEqual([])
    }
  })

  it('hybrid recall@5 beats lexical recall@5', () => {
    expect(quality.questions).toBe(loadRecallSet().questions.length)
    expect(quality.hybridAt5).toBeGreaterThan(quality.lexicalAt5)
    // Far better, not a tie broken by luck: at least 25 of the 36 questions find their session.
    expect(quality.hybridAt5).toBeGreaterThanOrEqual(0.7)
  })

  it('the indexer embedded every message through the embeddings endpoint, in batches', () => {
    const set = loadRecallSet()
    const messages = set.sessions.reduce((n, s) => n + s.messages.length, 0)
    // Each message once, each question once (lexical recall embeds nothing).
    expect(quality.embeddedTexts).toBe(messages + set.questions.length)
    expect(quality.embeddingRequests).toBeLessThan(quality.embeddedTexts)
  })
})
