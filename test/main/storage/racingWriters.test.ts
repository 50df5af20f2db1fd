import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openJsonStorage } from '../../../src/main/storage/json/jsonStorage'
import { openSqliteStorage } from '../../../src/main/storage/sqlite/sqliteStorage'
import type { Storage } from '../../../src/main/storage/storage'
import { runWorkersTogether } from '../helpers/workersTogether'
import { makeSession } from './helpers/fixtures'

const worker = fileURLToPath(new URL('./helpers/racingWriterWorker.ts', import.meta.url))
const WRITERS = ['a', 'b', 'c']
const PER_WRITER = 30

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-racing-'))
})
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true })
})

const open = (kind: string, store: string): Promise<Storage> =>
  kind === 'json' ? openJsonStorage(store) : openSqliteStorage(path.join(store, 'activemirror.db'))

interface Ack {
  what: string
  id: string
  value: string
}

function parseAcks(stdout: string): Ack[] {
  return stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [, what, id, value] = /^ack (\S+) (\S+) (.*)$/.exec(line)!
      return { what: what!, id: id!, value: JSON.parse(value!) as string }
    })
}

describe.each(['json', 'sqlite'])('racing writers on one %s store', (kind) => {
  it('three processes with the store open lose none of the writes they acknowledged', async () => {
    const store = path.join(dir, 'store')
    fs.mkdirSync(store)
    const setup = await open(kind, store)
    const session = makeSession({ id: 'shared-session', title: 'shared' })
    await setup.createSession(session)
    await setup.close()

    const outputs = await runWorkersTogether(worker, dir, WRITERS, (tag) => [
      kind,
      store,
      session.id,
      String(PER_WRITER),
      tag,
    ])

    const reopened = await open(kind, store)
    const messages = (await reopened.listMessages(session.id, { limit: 1000 })).items
    const byId = new Map(messages.map((m) => [m.id, m]))
    const expected = new Map<string, string>()
    let lost = 0
    for (const ack of outputs.flatMap(parseAcks)) {
      if (ack.what === 'rename') continue
      expected.set(ack.id, ack.value)
    }
    for (const [id, content] of expected) if (byId.get(id)?.content !== content) lost++
    expect(lost).toBe(0)
    expect(expected.size).toBe(WRITERS.length * PER_WRITER)
    expect(messages).toHaveLength(WRITERS.length * PER_WRITER)
    // Each writer's own messages stay in the order it wrote them.
    for (const tag of WRITERS) {
      const own = messages.filter((m) => m.id.startsWith(`msg_${tag}_`)).map((m) => m.id)
      expect(own).toEqual(Array.from({ length: PER_WRITER }, (_, i) => `msg_${tag}_${i}`))
    }
    const patterns = messages.filter((m) => m.pattern === 'creative')
    expect(patterns).toHaveLength(WRITERS.length * Math.ceil(PER_WRITER / 3))
    const renamed = await reopened.getSession(session.id)
    expect(renamed.title).toMatch(/^renamed by [abc] at \d+$/)
    expect(renamed.messageCount).toBe(WRITERS.length * PER_WRITER)
    expect(await reopened.problems()).toEqual([])
    await reopened.close()
  }, 120_000)
})
