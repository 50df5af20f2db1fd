import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it, vi } from 'vitest'
import type { Session } from '../../src/shared/domain'
import { createMirror } from '../../src/main/mirror'
import {
  amos,
  amosBin,
  amosJson,
  dataDirs,
  errorLine,
  FIXTURES,
  folderBytes,
} from './helpers/runCli'

vi.setConfig({ testTimeout: 90_000 })

const dataDir = dataDirs()

describe('--storage json', () => {
  it('messages `amos send` wrote survive the next write of an app that has the folder open', async () => {
    const dir = dataDir()
    const app = await createMirror({ dataDir: dir, storage: 'json' })
    try {
      const session = await app.sessions.create({ title: 'Shared' })
      for (const text of ['First from the CLI', 'Second from the CLI']) {
        const sent = await amosBin([
          '--storage',
          'json',
          '--data-dir',
          dir,
          'send',
          session.id,
          text,
        ])
        expect(sent.code, sent.stderr).toBe(0)
      }
      // The app's next writes (a rename, an archive) start from the file, not from its cache.
      await app.sessions.rename(session.id, 'Shared, renamed in the app')
      await app.sessions.archive(session.id)
      const contents = (await app.sessions.messages(session.id)).items.map((m) => m.content)
      expect(contents.filter((c) => c.endsWith('from the CLI'))).toEqual([
        'First from the CLI',
        'Second from the CLI',
      ])
      expect(contents).toHaveLength(4)
    } finally {
      await app.close()
    }
    const name = readdirSync(dir).find((n) => n.startsWith('session_'))!
    const file = JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as {
      title: string
      archived: boolean
      messages: Array<{ content: string }>
    }
    expect(file).toMatchObject({ title: 'Shared, renamed in the app', archived: true })
    expect(file.messages).toHaveLength(4)
  })

  it('writes the ActiveMirrorOS SDK layout at the top of the data dir', async () => {
    const dir = dataDir()
    const s = await amosJson<Session>([
      'sessions',
      'create',
      'Portable',
      '--storage',
      'json',
      '--data-dir',
      dir,
    ])
    await amos(['--storage', 'json', '--data-dir', dir, 'send', s.id, 'A note for the SDK'])

    const index = JSON.parse(readFileSync(path.join(dir, 'index.json'), 'utf8')) as {
      sessions: string[]
    }
    expect(index.sessions).toEqual([s.id])
    const file = JSON.parse(readFileSync(path.join(dir, `${s.id}.json`), 'utf8')) as {
      id: string
      title: string
      messages: Array<{ role: string; content: string; timestamp: string }>
    }
    expect(file).toMatchObject({ id: s.id, title: 'Portable' })
    expect(file.messages.map((m) => m.role)).toEqual(['user', 'assistant'])
    expect(file.messages[0]!.content).toBe('A note for the SDK')
    expect(existsSync(path.join(dir, 'activemirror.db'))).toBe(false)
    // Only SDK files (and the app's hidden subfolder) at the top level.
    for (const name of readdirSync(dir))
      expect(name).toMatch(/^(index\.json|session_\S+\.json|\.activemirror)$/)
  })

  it('opens an SDK folder as JSON storage even without --storage', async () => {
    const dir = dataDir()
    const s = await amosJson<Session>([
      '--storage',
      'json',
      '--data-dir',
      dir,
      'sessions',
      'create',
      'Found',
    ])
    const list = await amosJson<Session[]>(['--data-dir', dir, 'sessions', 'list'])
    expect(list.map((x) => x.id)).toEqual([s.id])
    expect(existsSync(path.join(dir, 'activemirror.db'))).toBe(false)
  })

  it('leaves the folder byte-for-byte unchanged when an import fails', async () => {
    const dir = dataDir()
    await amosJson([
      '--storage',
      'json',
      '--data-dir',
      dir,
      'import',
      path.join(FIXTURES, 'js-sdk-session.json'),
    ])
    const before = folderBytes(dir)
    const r = await amos([
      '--storage',
      'json',
      '--data-dir',
      dir,
      'import',
      path.join(FIXTURES, 'bad/bad-role.json'),
    ])
    expect(r.code).toBe(1)
    expect(errorLine(r)).toMatch(/^IMPORT_INVALID: /)
    expect(folderBytes(dir)).toEqual(before)
  })
})

describe('a corrupt store', () => {
  it('names a corrupt session file of a JSON store, keeps listing the rest and leaves the file', async () => {
    const dir = dataDir()
    const json = ['--storage', 'json', '--data-dir', dir]
    const [good, bad] = await Promise.all([
      amosJson<Session>([...json, 'sessions', 'create', 'Good']),
      amosJson<Session>([...json, 'sessions', 'create', 'Bad']),
    ])
    const badFile = path.join(dir, `${bad.id}.json`)
    writeFileSync(badFile, '{"id": "trunc')
    const before = folderBytes(dir)
    const [list, show] = await Promise.all([
      amos([...json, 'sessions', 'list', '--json']),
      amos([...json, 'sessions', 'show', bad.id]),
    ])
    expect(list.code).toBe(1)
    expect((JSON.parse(list.stdout) as Session[]).map((s) => s.id)).toEqual([good.id])
    expect(errorLine(list)).toMatch(new RegExp(`^STORAGE_CORRUPT: ${bad.id}\\.json: `))
    expect(show.code).toBe(1)
    expect(errorLine(show)).toMatch(/^STORAGE_CORRUPT: .*\.json/)
    expect(folderBytes(dir)).toEqual(before)
  })

  it('reports a corrupt database as STORAGE_CORRUPT and leaves the file as it was', async () => {
    const dir = dataDir()
    const db = path.join(dir, 'activemirror.db')
    const garbage = Buffer.from('This is not a database. '.repeat(200))
    writeFileSync(db, garbage)
    const results = await Promise.all([
      amos(['--data-dir', dir, 'sessions', 'list']),
      amos(['--data-dir', dir, 'sessions', 'create', 'Never stored']),
      amos(['--data-dir', dir, 'import', path.join(FIXTURES, 'js-sdk-session.json')]),
    ])
    for (const r of results) {
      expect(r.code).toBe(1)
      expect(errorLine(r)).toMatch(/^STORAGE_CORRUPT: /)
      expect(r.stderr).not.toMatch(/\bat \S+:\d+/)
    }
    expect(readFileSync(db).equals(garbage)).toBe(true)
    expect(readdirSync(dir)).toEqual(['activemirror.db'])
  })
})
