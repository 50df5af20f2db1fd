import { writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Worker } from 'node:worker_threads'
import { describe, expect, it, vi } from 'vitest'
import type { ImportPathsOptions } from '../../../../src/main/services/transfer/transferService'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { openSqliteStorage } from '../../../../src/main/storage/sqlite/sqliteStorage'
import { pngBytes } from '../../attachments/fixtures'
import { attachmentMirror, sha256 } from '../../attachments/helpers'
import { conversation } from './generateChatGpt'
import { snapshot, tempDirs } from './helpers'
import { zipBuffer } from './zipHelpers'

vi.setConfig({ testTimeout: 60_000 })

const dir = tempDirs()

/** A conversations.json of these items (JSON texts, so a test can break one on purpose). */
function listFile(items: string[], name = 'conversations.json'): string {
  const file = path.join(dir(), name)
  writeFileSync(file, `[${items.join(',\n')}]\n`)
  return file
}

const generated = (from: number, count: number, turns = 3, textBytes = 200): string[] =>
  Array.from({ length: count }, (_, i) => JSON.stringify(conversation(from + i, turns, textBytes)))

interface Outcome {
  report: Awaited<ReturnType<TransferService['importPaths']>>
  stored: Awaited<ReturnType<typeof snapshot>>
  workers: Worker[]
}

/** Imports `file` into a fresh SQLite store, on the worker (`minBytes` 0) or on this thread. */
async function importInto(
  file: string,
  onWorker: boolean,
  options: ImportPathsOptions = {},
): Promise<Outcome> {
  const storage = await openSqliteStorage(path.join(dir(), 'mirror.db'))
  const transfer = new TransferService({ storage })
  const workers: Worker[] = []
  try {
    const report = await transfer.importPaths([file], {
      ...options,
      limits: {
        ...options.limits,
        parseWorkerMinBytes: onWorker ? 0 : Number.MAX_SAFE_INTEGER,
      },
      parseWorker: { ...options.parseWorker, onStart: (worker) => workers.push(worker) },
    })
    return { report, stored: await snapshot(storage), workers }
  } finally {
    await storage.close()
  }
}

/** The same file both ways: identical reports and stored sessions, and the worker did run. */
async function bothWays(file: string): Promise<Outcome> {
  const inThread = await importInto(file, false)
  const onWorker = await importInto(file, true)
  expect(inThread.workers).toHaveLength(0)
  expect(onWorker.workers).toHaveLength(1)
  // The thread is gone once the import returns.
  expect(onWorker.workers[0]!.threadId).toBe(-1)
  expect(onWorker.report).toEqual(inThread.report)
  expect(onWorker.stored).toEqual(inThread.stored)
  return onWorker
}

const emptyConversation = JSON.stringify({
  title: 'Nothing visible',
  create_time: 1700000000,
  conversation_id: 'empty-1',
  mapping: { root: { id: 'root', parent: null, children: [], message: null } },
})

const orphanConversation = JSON.stringify({
  title: 'Lost parent',
  create_time: 1700000000,
  conversation_id: 'orphan-1',
  mapping: {
    a: { id: 'a', parent: 'missing', children: ['b'], message: null },
    b: { id: 'b', parent: 'a', children: ['a'], message: null },
  },
})

const badFieldConversation = JSON.stringify({
  title: 'Bad time',
  create_time: 'yesterday',
  conversation_id: 'bad-time-1',
  mapping: {},
})

describe('ChatGPT lists read on the worker thread', () => {
  it('a good export of several batches gives the same report and sessions as on this thread', async () => {
    // 200 conversations of 6 messages: several worker batches and several 64 KB chunks.
    const file = listFile(generated(0, 200))
    const { report, stored } = await bothWays(file)
    expect(report.failed).toEqual([])
    expect(report.imported).toHaveLength(200)
    expect(stored.reduce((n, s) => n + s.messages.length, 0)).toBe(1200)
  })

  it('a conversation the mapper cannot read fails alone, an empty one is skipped', async () => {
    const file = listFile([
      ...generated(0, 40),
      badFieldConversation,
      orphanConversation,
      emptyConversation,
      ...generated(40, 40),
    ])
    const { report } = await bothWays(file)
    expect(report.imported).toHaveLength(80)
    const invalid = (reason: RegExp) => ({
      file,
      code: 'IMPORT_INVALID',
      reason: expect.stringMatching(reason),
    })
    expect(report.failed).toEqual([
      invalid(/^conversation 41 "Bad time" \(bad-time-1\): .*create_time/),
      invalid(/^conversation 42 "Lost parent" \(orphan-1\)/),
    ])
    expect(report.skipped).toEqual([
      {
        file,
        sessionId: 'chatgpt-empty-1',
        reason: 'conversation 43 "Nothing visible" (empty-1) has no visible messages',
      },
    ])
  })

  it('a file cut off mid-way keeps the conversations before the cut and names their count', async () => {
    const whole = `[${generated(0, 60).join(',')}]`
    const file = path.join(dir(), 'cut.json')
    // Cut inside conversation 51 (1-based), past the first 64 KB chunk.
    const cut = whole.indexOf(JSON.stringify(conversation(50, 3, 200)).slice(0, 40)) + 30
    writeFileSync(file, whole.slice(0, cut))
    const { report, stored } = await bothWays(file)
    expect(report.imported).toHaveLength(50)
    expect(stored).toHaveLength(50)
    expect(report.failed).toEqual([
      {
        file,
        code: 'IMPORT_INVALID',
        reason: expect.stringMatching(
          /^the JSON is malformed or truncated after 50 conversations \(/,
        ),
      },
    ])
  })

  it('malformed JSON inside a conversation stops the list there, as on this thread', async () => {
    const file = listFile([...generated(0, 30), '{"title": tru}', ...generated(30, 5)])
    const { report } = await bothWays(file)
    expect(report.imported).toHaveLength(30)
    expect(report.failed).toEqual([
      {
        file,
        code: 'IMPORT_INVALID',
        reason: expect.stringMatching(/^the JSON is malformed or truncated after 30 conversations/),
      },
    ])
  })

  it('a zip entry that breaks while it is read keeps the conversations before, as on this thread', async () => {
    const json = `[${generated(0, 60).join(',')}]`
    const zip = await zipBuffer([{ name: 'conversations.json', content: json }])
    // The central directory says the entry unpacks to half its size: yauzl stops the stream there.
    const central = zip.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]))
    zip.writeUInt32LE(Math.floor(Buffer.byteLength(json) / 2), central + 24)
    const file = path.join(dir(), 'export.zip')
    writeFileSync(file, zip)
    const { report, stored } = await bothWays(file)
    expect(report.failed).toEqual([
      {
        file: `${file}/conversations.json`,
        code: 'IMPORT_INVALID',
        reason: expect.stringMatching(
          /^the JSON is malformed or truncated after \d+ conversations \(too many bytes in the stream/,
        ),
      },
    ])
    expect(report.imported.length).toBeGreaterThan(20)
    expect(stored).toHaveLength(report.imported.length)
  })

  it('refuses a JSON list that is not a ChatGPT export', async () => {
    const file = listFile(['{"id": "x", "messages": []}', '{"id": "y"}'], 'list.json')
    const { report, stored } = await bothWays(file)
    expect(report.failed).toEqual([
      {
        file,
        code: 'IMPORT_UNSUPPORTED_FORMAT',
        reason:
          'a JSON list that is not a ChatGPT conversations.json (its first item has no "mapping")',
      },
    ])
    expect(stored).toEqual([])
  })

  it('cancelling mid-import stops the worker and leaves only whole sessions', async () => {
    const file = listFile(generated(0, 1500, 2, 100))
    const controller = new AbortController()
    const outcome = await importInto(file, true, {
      signal: controller.signal,
      limits: { importBatchMessages: 100 },
      // The first batch written: the worker is still reading the file.
      onWrite: () => controller.abort(),
    })
    expect(outcome.workers).toHaveLength(1)
    expect(outcome.workers[0]!.threadId).toBe(-1)
    expect(outcome.report.cancelled).toBe(true)
    expect(outcome.report.imported.length).toBeGreaterThan(0)
    expect(outcome.report.imported.length).toBeLessThan(1500)
    expect(outcome.stored.map((s) => s.session.id).sort()).toEqual(
      outcome.report.imported.map((i) => i.sessionId).sort(),
    )
    for (const { session, messages } of outcome.stored) {
      expect(messages).toHaveLength(4)
      expect(session.messageCount).toBe(4)
    }
  })
})

describe('a worker that fails', () => {
  function script(source: string): { file: URL } {
    const file = path.join(dir(), 'worker.mjs')
    writeFileSync(file, source)
    return { file: new URL(`file://${file}`) }
  }

  it.each([
    ['throws as it starts', "throw new Error('broken build')"],
    [
      'exits while reading',
      "import { parentPort } from 'node:worker_threads'\nparentPort.once('message', () => process.exit(0))",
    ],
  ])(
    'one that %s fails its file with IMPORT_WORKER_FAILED; the next file imports',
    async (_, source) => {
      const big = listFile(generated(0, 40), 'big.json')
      const small = listFile(generated(100, 1), 'small.json')
      const storage = await openSqliteStorage(path.join(dir(), 'mirror.db'))
      try {
        const transfer = new TransferService({ storage })
        const report = await transfer.importPaths([big, small], {
          limits: { parseWorkerMinBytes: 10_000 },
          parseWorker: { script: script(source) },
        })
        expect(report.failed).toEqual([
          {
            file: big,
            code: 'IMPORT_WORKER_FAILED',
            reason: expect.stringMatching(/^the thread that reads large ChatGPT files stopped/),
          },
        ])
        expect(report.imported.map((i) => i.sessionId)).toEqual(['chatgpt-gen-100'])
      } finally {
        await storage.close()
      }
    },
  )
})

describe('a ChatGPT zip read on the worker', () => {
  const imagePart = (pointer: string) => ({
    content_type: 'image_asset_pointer',
    asset_pointer: pointer,
    size_bytes: 120,
  })
  const withImage = JSON.stringify({
    title: 'A robin',
    create_time: 1700100000,
    conversation_id: 'conv-robin',
    current_node: 'u1',
    mapping: {
      root: { id: 'root', parent: null, children: ['u1'], message: null },
      u1: {
        id: 'u1',
        parent: 'root',
        children: [],
        message: {
          id: 'u1',
          author: { role: 'user' },
          create_time: 1700100001,
          content: {
            content_type: 'multimodal_text',
            parts: [imagePart('file-service://file-AbC123'), 'What bird is this?'],
          },
          metadata: {},
        },
      },
    },
  })

  it('stores the image as an attachment and drops its placeholder, as on this thread', async () => {
    const robin = pngBytes(1)
    const zip = await zipBuffer([
      { name: 'conversations.json', content: `[${[...generated(0, 20), withImage].join(',')}]` },
      { name: 'file-AbC123-robin.png', content: robin },
    ])
    const results = []
    for (const onWorker of [false, true]) {
      const fx = await attachmentMirror()
      try {
        const file = path.join(fx.dir, 'export.zip')
        writeFileSync(file, zip)
        const workers: Worker[] = []
        const report = await fx.mirror.transfer.importPaths([file], {
          limits: { parseWorkerMinBytes: onWorker ? 0 : Number.MAX_SAFE_INTEGER },
          parseWorker: { onStart: (worker) => workers.push(worker) },
        })
        expect(workers).toHaveLength(onWorker ? 1 : 0)
        const [message] = (await fx.mirror.storage.listMessages('chatgpt-conv-robin')).items
        expect(message!.content).toBe('What bird is this?')
        expect(message!.attachments).toEqual([
          { id: sha256(robin), name: 'robin.png', mimeType: 'image/png', size: robin.length },
        ])
        results.push({ report: { ...report, imported: report.imported.length }, message })
      } finally {
        await fx.cleanup()
      }
    }
    expect(results[1]).toEqual(results[0])
  })
})
