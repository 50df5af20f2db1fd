import path from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  BATCH_MAX_CHARS,
  BATCH_MIN_CHARS,
  BATCH_START_CHARS,
  BATCH_TARGET_MS,
  BatchBudget,
} from '../../../../src/main/services/transfer/import/batchBudget'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import type { SessionImport } from '../../../../src/main/storage/storage'
import { importSessionsOf } from '../../../../src/main/storage/storage'
import { writeConversations } from './generateChatGpt'
import { tempDirs } from './helpers'

const dir = tempDirs()

describe('the import batch budget', () => {
  it('shrinks to what a slow write would have written in the target time', () => {
    const budget = new BatchBudget()
    expect(budget.chars).toBe(BATCH_START_CHARS)
    budget.observe(200_000, BATCH_TARGET_MS * 8)
    expect(budget.chars).toBe(25_000)
    budget.observe(25_000, 10_000)
    expect(budget.chars).toBe(BATCH_MIN_CHARS)
  })

  it('grows back at most twofold a step, up to its maximum, when writes are quick', () => {
    const budget = new BatchBudget()
    budget.observe(200_000, BATCH_TARGET_MS * 8)
    budget.observe(25_000, 1)
    expect(budget.chars).toBe(50_000)
    for (let i = 0; i < 10; i++) budget.observe(budget.chars, 1)
    expect(budget.chars).toBe(BATCH_MAX_CHARS)
    budget.observe(0, 5_000)
    expect(budget.chars).toBe(BATCH_MAX_CHARS)
  })

  it('makes an import on a slow store write smaller batches, so each holds the store briefly', async () => {
    const file = path.join(dir(), 'conversations.json')
    const conversations = await writeConversations(file, 400_000, 4)
    const storage = new MemoryStorage()
    // A store that takes 6× the target for every batch, however small: a machine under load.
    const slow = Object.assign(Object.create(storage) as MemoryStorage, {
      importSessions: async (batch: SessionImport[]) => {
        await new Promise((resolve) => setTimeout(resolve, BATCH_TARGET_MS * 6))
        return importSessionsOf(storage, batch)
      },
    })
    const writes: number[] = []
    const report = await new TransferService({ storage: slow, workDir: dir() }).importFile(
      file,
      'conversations.json',
      { onWrite: (w) => writes.push(w.messages) },
    )
    expect(report.failed).toEqual([])
    expect(report.imported).toHaveLength(conversations)
    expect(writes.length).toBeGreaterThan(2)
    // The first batch fills the starting budget; once timed, batches are about a sixth of it.
    const later = writes.slice(1, -1)
    expect(Math.max(...later)).toBeLessThan(writes[0]! / 3)
    expect((await storage.listSessions({ limit: 1000 })).items).toHaveLength(conversations)
  }, 60_000)
})
