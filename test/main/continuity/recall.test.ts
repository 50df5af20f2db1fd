import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { recall, estimateTokens } from '../../../src/main/continuity/recall'
import type { RecallOptions } from '../../../src/main/continuity/recall'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'
import type { Message } from '../../../src/shared/domain'
import { CORPUS_NOW, PLANTS, generateCorpus, plantedSessions, withCounts } from './helpers/corpus'
import { tempDir } from './helpers/temp'

const SESSIONS = 1_000

// Recall reads every backend through Storage.search (anyTerms + excludeSessionIds).
const backends: Array<[string, (dir: string) => Promise<Storage>]> = [
  ['memory storage', async () => new MemoryStorage()],
  ['sqlite storage', (dir) => openSqliteStorage(path.join(dir, 'activemirror.db'))],
  ['json storage', (dir) => openJsonStorage(dir)],
]

describe.each(backends)('recall over %s with 1 000 generated sessions', (_, open) => {
  let storage: Storage
  let cleanup: () => void
  const current = 'current_session'

  beforeAll(async () => {
    const temp = tempDir('amos-recall-')
    cleanup = temp.cleanup
    storage = await open(temp.dir)
    const generated = generateCorpus(SESSIONS - plantedSessions().length)
    for (const entry of [...generated, ...plantedSessions()].map(withCounts)) {
      await storage.importSession(entry.session, entry.messages)
    }
    // The session being answered already holds the new user message (ChatService stores it
    // before assembling context), so it matches every keyword: it must still never be recalled.
    await storage.importSession(
      {
        id: current,
        title: 'Today',
        createdAt: CORPUS_NOW.toISOString(),
        updatedAt: CORPUS_NOW.toISOString(),
        messageCount: PLANTS.length,
        archived: false,
        metadata: {},
      },
      PLANTS.map((p, i): Message => ({
        id: `current_m${i}`,
        sessionId: current,
        role: 'user',
        content: `${p.question} ${p.fact}`,
        createdAt: CORPUS_NOW.toISOString(),
        pattern: null,
        uncertainty: null,
        sensitive: false,
        status: 'complete',
        provider: null,
        model: null,
        metadata: {},
      })),
    )
  }, 120_000)
  afterAll(async () => {
    await storage.close()
    cleanup()
  })

  const ask = (query: string, options: Partial<RecallOptions> = {}) =>
    recall({
      storage,
      query,
      excludeSessionId: current,
      now: CORPUS_NOW,
      ...options,
    })

  it.each(PLANTS.map((p) => [p.id, p] as const))(
    'ranks the planted session first for %s',
    async (_, plant) => {
      const result = await ask(plant.question)
      expect(result.snippets.length).toBeGreaterThan(0)
      expect(result.snippets[0]).toMatchObject({
        sessionId: plant.id,
        text: plant.fact,
        role: 'user',
      })
      expect(result.snippets[0]!.sessionTitle).toMatch(/^Catch-up/)
      // Scores come out best first.
      const scores = result.snippets.map((s) => s.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
    },
  )

  it('never returns the current session or sensitive messages', async () => {
    for (const plant of PLANTS) {
      const result = await ask(plant.question, { limit: 20, tokenBudget: 10_000 })
      for (const s of result.snippets) {
        expect(s.sessionId).not.toBe(current)
        expect(s.sessionId).not.toBe('secret_biscuit')
      }
    }
    // Without the exclusion the current session would be the top hit: the exclusion is what works.
    const unexcluded = await ask(PLANTS[0]!.question, { excludeSessionId: null })
    expect(unexcluded.snippets[0]!.sessionId).toBe(current)
  })

  it('leaves out excluded sessions and falls back to the next best', async () => {
    const plant = PLANTS[0]!
    const result = await ask(plant.question, { excludedSessionIds: [plant.id] })
    expect(result.snippets.map((s) => s.sessionId)).not.toContain(plant.id)
    expect(result.snippets.length).toBeGreaterThan(0)
  })

  it('skips sessions excluded from recall in their metadata, and archived ones unless asked', async () => {
    const plant = PLANTS[1]!
    const original = await storage.getSession(plant.id)
    try {
      await storage.updateSession(plant.id, {
        metadata: { memory: { excludeFromRecall: true } },
        updatedAt: original.updatedAt,
      })
      expect((await ask(plant.question)).snippets.map((s) => s.sessionId)).not.toContain(plant.id)

      await storage.updateSession(plant.id, {
        metadata: {},
        archived: true,
        updatedAt: original.updatedAt,
      })
      expect((await ask(plant.question)).snippets.map((s) => s.sessionId)).not.toContain(plant.id)
      expect((await ask(plant.question, { includeArchived: true })).snippets[0]!.sessionId).toBe(
        plant.id,
      )
    } finally {
      await storage.updateSession(plant.id, {
        metadata: {},
        archived: false,
        updatedAt: original.updatedAt,
      })
    }
  })

  it('respects the token budget, the limit and the per-session cap', async () => {
    const query = 'guitar chords practice with the band in the studio'
    const wide = await ask(query, { limit: 20, tokenBudget: 100_000 })
    expect(wide.snippets.length).toBe(20)
    const perSession = new Map<string, number>()
    for (const s of wide.snippets)
      perSession.set(s.sessionId, (perSession.get(s.sessionId) ?? 0) + 1)
    expect(Math.max(...perSession.values())).toBeLessThanOrEqual(2)

    for (const budget of [40, 90, 200]) {
      const result = await ask(query, { limit: 20, tokenBudget: budget })
      expect(result.tokens).toBeLessThanOrEqual(budget)
      const estimated = result.snippets.reduce(
        (sum, s) => sum + estimateTokens(s.text) + estimateTokens(s.sessionTitle),
        0,
      )
      expect(estimated).toBeLessThanOrEqual(result.tokens)
      expect(result.snippets.length).toBeLessThan(wide.snippets.length)
    }
    expect((await ask(query, { tokenBudget: 5 })).snippets).toEqual([])
  })

  it('returns nothing for a message with no significant words', async () => {
    expect(await ask('ok, and what about it?')).toMatchObject({ snippets: [], keywords: [] })
  })
})
