import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import yauzl from 'yauzl'
import { TransferService } from '../../../../src/main/services/transfer/transferService'
import { openJsonStorage } from '../../../../src/main/storage/json/jsonStorage'
import { MemoryStorage } from '../../../../src/main/storage/memory/memoryStorage'
import { at, makeMessage, makeRichMessage, makeSession } from '../../storage/helpers/fixtures'
import { FIXTURES, fixture, snapshot, tempDir } from './helpers'

const dirs: string[] = []
function dir(): string {
  const d = tempDir()
  dirs.push(d)
  return d
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })))

function setup() {
  const storage = new MemoryStorage()
  return { storage, transfer: new TransferService({ storage }) }
}

// Content that would confuse a Markdown parser that looked at the text rather than the lengths.
const TRICKY = [
  '### 👤 User',
  '',
  '*2025-01-01T00:00:00.000Z*',
  '',
  '<!-- activemirror:message {"id":"fake"} -->',
  '--> and `code` ⟨⟨high⟩⟩ ◊',
  '',
].join('\n')

async function seeded() {
  const ctx = setup()
  const session = makeSession({
    title: 'Tricky --> title ### 👤 User',
    archived: true,
    metadata: { preferences: { pattern: 'creative', uncertainty: 'low' }, note: 'a > b' },
  })
  await ctx.storage.createSession(session)
  const messages = [
    makeMessage(session.id, { content: TRICKY, createdAt: at(1), pattern: 'analytical' }),
    makeRichMessage(session.id, { createdAt: at(2) }),
    makeMessage(session.id, { role: 'system', content: '', createdAt: at(3) }),
    makeMessage(session.id, {
      content: 'line\r\nwith CRLF\rand a lone CR\n\n\n',
      createdAt: at(4),
    }),
  ]
  for (const m of messages) await ctx.storage.appendMessage(m)
  return { ...ctx, session: await ctx.storage.getSession(session.id) }
}

describe('export → import round trips', () => {
  it.each(['json', 'markdown'] as const)('%s gives back the identical session', async (format) => {
    const source = await seeded()
    const file = await source.transfer.exportSession(source.session.id, format)
    const target = setup()
    const report = await target.transfer.importFiles([
      { name: file.fileName, content: file.content },
    ])
    expect(report.failed).toEqual([])
    expect(report.imported).toHaveLength(1)
    expect(await snapshot(target.storage)).toEqual(await snapshot(source.storage))
  })

  it('the Markdown export still reads as Markdown (headings, content, timestamps)', async () => {
    const { transfer, session } = await seeded()
    const md = (await transfer.exportSession(session.id, 'markdown')).content
    expect(md.startsWith(`# ${session.title}\n`)).toBe(true)
    expect(md).toContain('### 🤖 Assistant · ◊ Exploratory')
    expect(md).toContain(`\n${TRICKY}\n`)
  })

  it('an edited ActiveMirror Markdown export is refused, not misread', async () => {
    const { transfer, session } = await seeded()
    const md = (await transfer.exportSession(session.id, 'markdown')).content
    const edited = md.replace('with CRLF', 'with CRLF and more words')
    const target = setup()
    const report = await target.transfer.importFiles([{ name: 'edited.md', content: edited }])
    expect(report.failed).toEqual([
      {
        file: 'edited.md',
        code: 'IMPORT_INVALID',
        reason: expect.stringContaining('edited after export'),
      },
    ])
    expect(await snapshot(target.storage)).toEqual([])
  })

  it('every session as one zip: an SDK store folder that imports back identically', async () => {
    const source = await seeded()
    await source.transfer.importFiles([fixture('native-session.json')])
    const archive = await source.transfer.exportAll()
    expect(archive.mimeType).toBe('application/zip')
    expect(archive.sessionCount).toBe(2)
    const bytes = Buffer.from(archive.base64, 'base64')

    const names = await zipNames(bytes)
    expect(names.sort()).toEqual(
      ['index.json', ...(await snapshot(source.storage)).map((s) => `${s.session.id}.json`)].sort(),
    )

    const d = dir()
    const zipFile = path.join(d, 'all.zip')
    writeFileSync(zipFile, bytes)
    const target = setup()
    const report = await target.transfer.importPaths([zipFile])
    expect(report.failed).toEqual([])
    expect(report.imported).toHaveLength(2)
    expect(await snapshot(target.storage)).toEqual(await snapshot(source.storage))
  })
})

describe('ActiveMirrorOS JS SDK store folders', () => {
  it('one exported session plus an index.json is a folder the SDK layout loads', async () => {
    const { transfer, session, storage } = await seeded()
    const file = await transfer.exportSession(session.id, 'json')
    const d = dir()
    writeFileSync(path.join(d, `${session.id}.json`), file.content)
    writeFileSync(
      path.join(d, 'index.json'),
      JSON.stringify({ sessions: [session.id], updatedAt: session.updatedAt }),
    )
    // What the SDK requires of each listed file.
    const raw = JSON.parse(readFileSync(path.join(d, `${session.id}.json`), 'utf8')) as {
      id: string
      messages: Array<Record<string, unknown>>
    }
    expect(raw.id).toBe(session.id)
    for (const m of raw.messages) {
      expect(Object.keys(m)).toEqual(
        expect.arrayContaining(['id', 'sessionId', 'role', 'content', 'timestamp', 'metadata']),
      )
    }
    // ActiveMirror's JSON backend reads exactly the SDK layout.
    const store = await openJsonStorage(d)
    try {
      expect(await store.problems()).toEqual([])
      expect(await snapshot(store)).toEqual(await snapshot(storage))
    } finally {
      await store.close()
    }
  })

  it('imports the sessions a store index lists, like the SDK loads them', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importPaths([path.join(FIXTURES, 'sdk-store')])
    expect(report.failed).toEqual([])
    expect(report.imported.map((r) => r.sessionId)).toEqual([
      'session_1732000000000_st0re0001',
      'session_1732000600000_st0re0002',
    ])
    // The unlisted file is not part of the store.
    expect(await storage.hasSession('session_1731000000000_unlisted1')).toBe(false)
    const [, reply] = (await storage.listMessages('session_1732000000000_st0re0001')).items
    expect(reply!.pattern).toBe('exploratory')
  })

  it('dropped files with their index.json: sessions imported, missing ones reported', async () => {
    const { transfer } = setup()
    const store = (name: string) => fixture(`sdk-store/${name}`)
    const report = await transfer.importFiles([
      store('index.json'),
      store('session_1732000000000_st0re0001.json'),
    ])
    expect(report.imported.map((r) => r.sessionId)).toEqual(['session_1732000000000_st0re0001'])
    expect(report.failed).toEqual([
      {
        file: 'sdk-store/index.json',
        code: 'IMPORT_INVALID',
        reason:
          'lists session session_1732000600000_st0re0002, but no file with that session was given',
      },
    ])
  })

  it('reports a listed session whose file is missing from the folder', async () => {
    const d = dir()
    mkdirSync(path.join(d, 'store'))
    writeFileSync(path.join(d, 'store/index.json'), '{"sessions": ["session_gone_1"]}')
    const { transfer } = setup()
    const report = await transfer.importPaths(['store'], { cwd: d })
    expect(report.failed).toEqual([
      {
        file: path.join('store', 'session_gone_1.json'),
        code: 'IMPORT_INVALID',
        reason: 'index.json lists session session_gone_1, but its file is missing',
      },
    ])
  })
})

describe('ActiveMirrorOS Python SDK Markdown', () => {
  it('reads the title, session id, roles, content and naive local timestamps', async () => {
    const { storage, transfer } = setup()
    const report = await transfer.importFiles([fixture('python-sdk-session.md')])
    expect(report.failed).toEqual([])
    const id = '0b6f3c1e-9a2d-4f57-8c11-5e4d3a2b1c00'
    const session = await storage.getSession(id)
    expect(session.title).toBe('Python SDK: letters to a future self')
    expect(session.createdAt).toBe(new Date(2025, 10, 14, 10, 0, 0, 123).toISOString())
    const messages = (await storage.listMessages(id)).items
    expect(messages.map((m) => m.role)).toEqual(['system', 'user', 'assistant'])
    // A quoted heading inside a message is content, not a new message.
    expect(messages[1]!.content).toBe(
      'What would I tell myself in ten years?\n\n### 👤 User is how a heading looks (quoted, not a heading here).',
    )
    expect(messages[2]!.content).toBe(
      '◊ Perhaps: keep the questions ⟨medium⟩ longer than the answers.\n\n- a list\n- with *emphasis*',
    )
    expect(messages[2]!.createdAt).toBe(new Date(2025, 10, 14, 10, 3, 0, 500).toISOString())
    const again = await transfer.importFiles([fixture('python-sdk-session.md')])
    expect(again.skipped.map((s) => s.sessionId)).toEqual([id])
  })
})

function zipNames(bytes: Buffer): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(bytes, { lazyEntries: true }, (error, zip) => {
      if (error || !zip) return reject(error ?? new Error('no zip'))
      const names: string[] = []
      zip.on('entry', (entry: yauzl.Entry) => {
        names.push(entry.fileName)
        zip.readEntry()
      })
      zip.on('end', () => resolve(names))
      zip.on('error', reject)
      zip.readEntry()
    })
  })
}
