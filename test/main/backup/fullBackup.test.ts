import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { readBackupRecords } from '../../../src/main/backup/backupReader'
import type { Mirror } from '../../../src/main/mirrorApi'
import { isMirrorError } from '../../../src/shared/errors'
import {
  hashDir,
  message,
  newSession,
  openMirror,
  PASSWORD,
  SECRET,
  seed,
  snapshot,
  tempDir,
} from './helpers/backupFixture'

const open: Mirror[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const m of open.splice(0)) await m.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function fresh(
  prefix: string,
  storage: 'sqlite' | 'json' = 'sqlite',
): Promise<{ dir: string; mirror: Mirror }> {
  const dir = tempDir(prefix)
  dirs.push(dir)
  const mirror = await openMirror(dir, storage)
  open.push(mirror)
  return { dir, mirror }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    return isMirrorError(error) ? error.code : `untyped: ${String(error)}`
  }
  return 'no error'
}

describe('full backup: create and restore', () => {
  it('round trip into an empty data dir gives back everything, and the log verbatim', async () => {
    const source = await fresh('amos-bk-src-')
    await seed(source.mirror)
    const out = tempDir('amos-bk-out-')
    dirs.push(out)
    const created = await source.mirror.backup.create({ folder: out })
    expect(path.dirname(created.file)).toBe(out)
    expect(created.counts).toMatchObject({ sessions: 2, messages: 5, folders: 1 })

    const target = await fresh('amos-bk-dst-')
    const preview = await target.mirror.backup.preview(created.file, PASSWORD)
    expect(preview).toMatchObject({
      target: 'empty',
      sessions: { total: 2, new: 2, present: 0 },
      messages: { total: 5, new: 5, present: 0 },
      vaultEntries: { total: 1, new: 1, present: 0 },
    })
    expect(preview.logEntries.total).toBeGreaterThan(0)
    await target.mirror.backup.restore(created.file, PASSWORD)

    expect(target.mirror.vault.unlocked).toBe(true)
    const want = await snapshot(source.mirror)
    const got = await snapshot(target.mirror)
    expect(got).toEqual(want)
    // The sensitive message comes back readable (its vault record came with it) …
    const m3 = got.trees['session-a']!.find((m) => m.id === 'm3')!
    expect(m3.content).toBe(SECRET.sensitive)
    // … and the identity and the log, entry for entry.
    expect(target.mirror.continuity.identity()).toEqual(source.mirror.continuity.identity())
    const srcLog = await source.mirror.continuity.log.entriesAfter(0, 500)
    const dstLog = await target.mirror.continuity.log.entriesAfter(0, srcLog.length)
    expect(dstLog).toEqual(srcLog)
    expect((await target.mirror.continuity.log.verify()).ok).toBe(true)
  })

  it('moves everything between backends: a JSON store into SQLite and back', async () => {
    const source = await fresh('amos-bk-json-', 'json')
    await seed(source.mirror)
    const out = tempDir('amos-bk-out-')
    dirs.push(out)
    const first = await source.mirror.backup.create({ folder: out })
    const sqlite = await fresh('amos-bk-json-sqlite-')
    await sqlite.mirror.backup.restore(first.file, PASSWORD)
    expect(await snapshot(sqlite.mirror)).toEqual(await snapshot(source.mirror))
    const second = await sqlite.mirror.backup.create({ folder: out })
    const json = await fresh('amos-bk-json-again-', 'json')
    await json.mirror.backup.restore(second.file, PASSWORD)
    expect(await snapshot(json.mirror)).toEqual(await snapshot(source.mirror))
  })

  it('holds no message text, title, vault value or instruction in plaintext', async () => {
    const source = await fresh('amos-bk-plain-')
    await seed(source.mirror)
    const out = tempDir('amos-bk-out-')
    dirs.push(out)
    const { file } = await source.mirror.backup.create({ folder: out })
    const bytes = fs.readFileSync(file)
    for (const needle of Object.values(SECRET)) {
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false)
      expect(bytes.includes(Buffer.from(needle, 'utf16le'))).toBe(false)
    }
  })

  it('streams: a long session is sealed in many frames, not one', async () => {
    const source = await fresh('amos-bk-frames-')
    await source.mirror.vault.init(PASSWORD)
    const s = newSession('long', 'Long')
    await source.mirror.storage.createSession(s)
    let parent: string | null = null
    for (let i = 0; i < 1500; i++) {
      const id = `long-${i}`
      await source.mirror.storage.appendMessage(
        message(s, id, `message ${i} ${'x'.repeat(200)}`, parent),
      )
      parent = id
    }
    const out = tempDir('amos-bk-out-')
    dirs.push(out)
    const { file, counts } = await source.mirror.backup.create({ folder: out })
    expect(counts.messages).toBe(1500)
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n')
    // 1500 × ~300 bytes at 64 KiB a frame: several frames, each far smaller than the whole.
    expect(lines.length).toBeGreaterThan(5)
    for (const line of lines) expect(line.length).toBeLessThan(200 * 1024)
    const target = await fresh('amos-bk-frames-dst-')
    await target.mirror.backup.restore(file, PASSWORD)
    const page = await target.mirror.storage.listMessages('long', { limit: 500 })
    expect(page.items.at(-1)!.id).toBe('long-1499')
    expect((await target.mirror.storage.getSession('long')).messageCount).toBe(1500)
  })

  it('merges into a data dir with overlapping ids without losing anything on either side', async () => {
    const source = await fresh('amos-bk-merge-src-')
    await seed(source.mirror)
    const out = tempDir('amos-bk-out-')
    dirs.push(out)
    const first = await source.mirror.backup.create({ folder: out })

    // The target starts as a restore of the first backup, then lives its own life.
    const target = await fresh('amos-bk-merge-dst-')
    await target.mirror.backup.restore(first.file, PASSWORD)
    const a = await target.mirror.storage.getSession('session-a')
    await target.mirror.storage.updateSession('session-a', { title: 'Renamed here' })
    await target.mirror.storage.appendMessage(message(a, 'mine-1', 'written in the target', 'm3'))
    await target.mirror.storage.createSession(newSession('session-t', 'Only in target'))
    await target.mirror.vault.set('goal', 'newer value in target', { category: 'goals' })

    // Meanwhile the source grows too.
    const srcA = await source.mirror.storage.getSession('session-a')
    await source.mirror.storage.appendMessage(message(srcA, 'src-1', 'written in the source', 'm3'))
    await source.mirror.storage.createSession(newSession('session-s', 'Only in source'))
    await source.mirror.vault.set('habit', 'walk daily', { category: 'goals' })
    const second = await source.mirror.backup.create({ folder: out })

    const preview = await target.mirror.backup.preview(second.file, PASSWORD)
    expect(preview).toMatchObject({
      target: 'merge',
      sessions: { total: 3, new: 1, present: 2 },
      messages: { total: 6, new: 1, present: 5 },
      vaultEntries: { total: 2, new: 1, present: 1 },
    })
    await target.mirror.backup.restore(second.file, PASSWORD)

    const ids = (await target.mirror.storage.listSessions({ archived: 'all' })).items.map(
      (s) => s.id,
    )
    expect(ids.sort()).toEqual(['session-a', 'session-b', 'session-s', 'session-t'])
    const tree = (await target.mirror.storage.listTree('session-a')).items.map((m) => m.id)
    expect(tree.sort()).toEqual(['m1', 'm2', 'm2b', 'm3', 'mine-1', 'src-1'].sort())
    // Existing records win: the title given here and the newer vault value stay.
    expect((await target.mirror.storage.getSession('session-a')).title).toBe('Renamed here')
    expect((await target.mirror.vault.get('goal'))!.value).toBe('newer value in target')
    expect((await target.mirror.vault.get('habit'))!.value).toBe('walk daily')
    expect((await target.mirror.storage.getMessage('m3')).content).toBe(SECRET.sensitive)
    expect((await target.mirror.continuity.log.verify()).ok).toBe(true)

    // Restoring the same backup again adds nothing.
    const again = await target.mirror.backup.preview(second.file, PASSWORD)
    expect(again.sessions.new + again.messages.new + again.vaultEntries.new).toBe(0)
    expect(again.logEntries.new).toBe(0)
  })
})

describe('full backup: bad files change nothing', () => {
  async function setup() {
    const source = await fresh('amos-bk-bad-src-')
    await seed(source.mirror)
    const out = tempDir('amos-bk-out-')
    dirs.push(out)
    const { file } = await source.mirror.backup.create({ folder: out })
    const target = await fresh('amos-bk-bad-dst-')
    await target.mirror.vault.init(PASSWORD)
    await target.mirror.storage.createSession(newSession('keep-me', 'Keep me'))
    return { file, out, target }
  }

  /** Closed, the data dir is only its files (no WAL in flux); the hash is taken then. */
  async function settledHash(target: { dir: string; mirror: Mirror }, locked: boolean) {
    await target.mirror.close()
    open.splice(open.indexOf(target.mirror), 1)
    const hash = hashDir(target.dir)
    target.mirror = await openMirror(target.dir)
    open.push(target.mirror)
    if (!locked) await target.mirror.vault.unlock(PASSWORD)
    return hash
  }

  async function expectUnchanged(
    target: { dir: string; mirror: Mirror },
    file: string,
    password: string,
    code: string,
    locked = false,
  ) {
    // A restart with an unlock is the baseline: the attempts must add nothing to it.
    await settledHash(target, locked)
    const before = await settledHash(target, locked)
    expect(await codeOf(target.mirror.backup.preview(file, password))).toBe(code)
    expect(await codeOf(target.mirror.backup.restore(file, password))).toBe(code)
    expect(await settledHash(target, locked)).toBe(before)
  }

  it('a wrong password is VAULT_BAD_PASSWORD', async () => {
    const { file, target } = await setup()
    await expectUnchanged(target, file, 'not the password at all', 'VAULT_BAD_PASSWORD')
  })

  it('a file cut short, a flipped byte, a dropped frame are BACKUP_CORRUPT', async () => {
    const { file, out, target } = await setup()
    const text = fs.readFileSync(file, 'utf8')
    const lines = text.trimEnd().split('\n')
    const cut = path.join(out, 'cut.ambackup')
    fs.writeFileSync(cut, `${lines.slice(0, -1).join('\n')}\n`)
    await expectUnchanged(target, cut, PASSWORD, 'BACKUP_CORRUPT')

    const flipped = path.join(out, 'flipped.ambackup')
    const bytes = Buffer.from(text)
    const at = text.lastIndexOf('"ciphertext":"') + 20
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41
    fs.writeFileSync(flipped, bytes)
    await expectUnchanged(target, flipped, PASSWORD, 'BACKUP_CORRUPT')

    const halfLine = path.join(out, 'half.ambackup')
    fs.writeFileSync(halfLine, text.slice(0, text.length - 40))
    await expectUnchanged(target, halfLine, PASSWORD, 'BACKUP_CORRUPT')
  })

  it('a foreign file or a vault-only backup is BACKUP_UNRECOGNIZED', async () => {
    const { out, target } = await setup()
    const foreign = path.join(out, 'notes.txt')
    fs.writeFileSync(foreign, 'just some notes\n')
    await expectUnchanged(target, foreign, PASSWORD, 'BACKUP_UNRECOGNIZED')
    const vaultOnly = path.join(out, 'vault.json')
    fs.writeFileSync(vaultOnly, await target.mirror.vault.exportBackup())
    await expectUnchanged(target, vaultOnly, PASSWORD, 'BACKUP_UNRECOGNIZED')
  })

  it('merging into a locked vault is VAULT_LOCKED and writes nothing', async () => {
    const { file, target } = await setup()
    await expectUnchanged(target, file, PASSWORD, 'VAULT_LOCKED', true)
  })

  it('creating a backup needs the vault open', async () => {
    const { out, target } = await setup()
    target.mirror.vault.lock()
    expect(await codeOf(target.mirror.backup.create({ folder: out }))).toBe('VAULT_LOCKED')
    expect(fs.readdirSync(out).filter((n) => n.startsWith('.'))).toEqual([])
  })

  it('reading the records checks every frame: the reader names the file damaged', async () => {
    const { file, out } = await setup()
    const lines = fs.readFileSync(file, 'utf8').trimEnd().split('\n')
    const swapped = path.join(out, 'swapped.ambackup')
    if (lines.length > 3) [lines[1], lines[2]] = [lines[2]!, lines[1]!]
    else lines.splice(1, 1)
    fs.writeFileSync(swapped, `${lines.join('\n')}\n`)
    const read = async () => {
      for await (const _ of readBackupRecords(swapped, PASSWORD)) void _
    }
    expect(await codeOf(read())).toBe('BACKUP_CORRUPT')
  })
})
