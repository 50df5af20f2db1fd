import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import type { Message, Session } from '../src/shared/domain'
import { recall } from '../src/main/continuity/recall'
import { SemanticRecall } from '../src/main/continuity/semantic/semanticRecall'
import { VectorIndexer } from '../src/main/continuity/semantic/vectorIndexer'
import { openSqliteStorage } from '../src/main/storage/sqlite/sqliteStorage'
import { openSqliteVectorStore } from '../src/main/storage/sqlite/vectors/sqliteVectorStore'
import {
  wordVectorEmbedder,
  loadWordVectors,
  startWordVectorServer,
  words,
} from './wordVectorServer'

/**
 * Recall quality on the project's fixed set (bench/recall-set/): sessions on distinct topics and
 * questions that ask for one of them in other words. recall@5 = the share of questions whose
 * session is among the first five sessions recall returns (one snippet per session), lexical
 * (bm25 over keywords, as without embeddings) and hybrid (the same fused with vector similarity
 * from the offline word-vector model, bench/wordVectorServer.ts), through the app's own recall,
 * SQLite storage, vector store and background indexer.
 */

const SET_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'recall-set')

const SessionsSchema = z.array(
  z.object({ id: z.string(), title: z.string(), messages: z.array(z.string()).min(1) }),
)
const QuestionsSchema = z.array(z.object({ expect: z.string(), question: z.string() }))

export function loadRecallSet(): {
  sessions: z.infer<typeof SessionsSchema>
  questions: z.infer<typeof QuestionsSchema>
} {
  const read = (name: string): unknown =>
    JSON.parse(fs.readFileSync(path.join(SET_DIR, name), 'utf8'))
  return {
    sessions: SessionsSchema.parse(read('sessions.json')),
    questions: QuestionsSchema.parse(read('questions.json')),
  }
}

export interface QuestionResult {
  question: string
  expect: string
  lexical: string[]
  hybrid: string[]
}

export interface RecallQuality {
  questions: number
  lexicalAt5: number
  hybridAt5: number
  results: QuestionResult[]
  /** Texts the indexer sent to the embedding server, and requests it made. */
  embeddedTexts: number
  embeddingRequests: number
}

const AT = '2026-01-01T00:00:00.000Z'

function sessionOf(id: string, title: string, count: number): Session {
  return {
    id,
    title,
    createdAt: AT,
    updatedAt: AT,
    messageCount: count,
    archived: false,
    metadata: {},
  } as Session
}

function messageOf(sessionId: string, index: number, content: string): Message {
  return {
    id: `${sessionId}_m${index}`,
    sessionId,
    role: index % 2 === 0 ? 'user' : 'assistant',
    content,
    createdAt: AT,
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  } as Message
}

export async function measureRecallQuality(dir: string): Promise<RecallQuality> {
  const set = loadRecallSet()
  const texts = [
    ...set.sessions.flatMap((s) => [s.title, ...s.messages]),
    ...set.questions.map((q) => q.question),
  ]
  const vectors = loadWordVectors(texts.flatMap(words))
  const server = await startWordVectorServer(vectors)
  const storage = await openSqliteStorage(path.join(dir, 'activemirror.db'))
  const store = openSqliteVectorStore(path.join(dir, 'vectors.db'))
  try {
    for (const s of set.sessions) {
      await storage.importSession(
        sessionOf(s.id, s.title, s.messages.length),
        s.messages.map((text, i) => messageOf(s.id, i, text)),
      )
    }
    const embedder = wordVectorEmbedder(server)
    const indexer = new VectorIndexer({
      storage,
      vectors: async () => store,
      embedder: () => embedder,
      pauseMs: 0,
    })
    await indexer.run()
    const semantic = new SemanticRecall({ vectors: async () => store, embedder: () => embedder })
    const base = { storage, limit: 5, maxPerSession: 1, tokenBudget: 100_000, now: new Date(AT) }
    const results: QuestionResult[] = []
    for (const q of set.questions) {
      const lexical = await recall({ ...base, query: q.question })
      const hybrid = await recall({
        ...base,
        query: q.question,
        semantic: { recall: semantic, waitMs: 30_000 },
      })
      results.push({
        question: q.question,
        expect: q.expect,
        lexical: lexical.snippets.map((s) => s.sessionId),
        hybrid: hybrid.snippets.map((s) => s.sessionId),
      })
    }
    const at5 = (pick: (r: QuestionResult) => string[]): number =>
      results.filter((r) => pick(r).slice(0, 5).includes(r.expect)).length / results.length
    return {
      questions: results.length,
      lexicalAt5: at5((r) => r.lexical),
      hybridAt5: at5((r) => r.hybrid),
      results,
      embeddedTexts: server.requests.reduce((n, r) => n + r.input.length, 0),
      embeddingRequests: server.requests.length,
    }
  } finally {
    await store.close()
    await storage.close()
    await server.close()
  }
}
