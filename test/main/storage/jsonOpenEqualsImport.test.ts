import { afterEach, beforeEach, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { MemoryStorage } from '../../../src/main/storage/memory/memoryStorage'
import { TransferService } from '../../../src/main/services/transfer/transferService'
import type { Message, Session } from '../../../src/shared/domain'
import { FIXTURE_DIR, tempStore } from './jsonStoreHelpers'

let dir: string
let cleanup: () => void
beforeEach(() => {
  ;({ dir, cleanup } = tempStore(true))
})
afterEach(() => cleanup())

const FIELDS = ['id', 'role', 'content', 'pattern', 'uncertainty', 'provider', 'model'] as const
const pick = (m: Message) => Object.fromEntries(FIELDS.map((f) => [f, m[f]]))
const sessionView = (s: Session) => ({ id: s.id, title: s.title, userId: s.metadata.userId })

it('opening an SDK folder and importing its files give the same sessions and messages', async () => {
  const opened = await openJsonStorage(dir)
  const imported = new MemoryStorage()
  const report = await new TransferService({ storage: imported }).importPaths([FIXTURE_DIR])
  expect(report.failed).toEqual([])

  const openedSessions = (await opened.listSessions({ archived: 'all' })).items
  const importedSessions = (await imported.listSessions({ archived: 'all' })).items
  expect(importedSessions.map(sessionView).sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    openedSessions.map(sessionView).sort((a, b) => a.id.localeCompare(b.id)),
  )
  // The fixture has a userId other than the SDK default and messages with metadata.model.
  expect(openedSessions.some((s) => typeof s.metadata.userId === 'string')).toBe(true)
  let withModel = 0
  for (const s of openedSessions) {
    const a = (await opened.listMessages(s.id)).items
    const b = (await imported.listMessages(s.id)).items
    expect(b.map(pick)).toEqual(a.map(pick))
    withModel += a.filter((m) => m.model !== null || m.pattern !== null).length
  }
  expect(withModel).toBeGreaterThan(0)
  await opened.close()
}, 30_000)
