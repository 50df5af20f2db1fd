import fs from 'node:fs'
import { afterEach, describe, expect, it } from 'vitest'
import type { Mirror } from '../../../src/main/mirrorApi'
import { openMirror, PASSWORD, tempDir } from '../backup/helpers/backupFixture'
import { say } from '../continuity/helpers/mirror'

const open: Mirror[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const m of open.splice(0)) await m.close()
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

async function fresh(prefix: string): Promise<Mirror> {
  const dir = tempDir(prefix)
  dirs.push(dir)
  const mirror = await openMirror(dir)
  open.push(mirror)
  return mirror
}

describe('memories in the full encrypted backup', () => {
  it('come back with their scopes, the waiting suggestions and the rejected ones', async () => {
    const source = await fresh('amos-mem-bk-src-')
    await source.vault.init(PASSWORD)
    const session = await source.sessions.create({ title: 'Plans' })
    await say(source, session.id, 'My name is Ada. I prefer tea. I want to learn Go')
    const drafted = (await source.memory.suggest(session.id)).suggestions
    const [name, tea] = drafted
    await source.memory.accept(name!.id, { scope: { kind: 'session', id: session.id } })
    await source.memory.reject(tea!.id)
    await source.memory.add('Lives in Porto')
    const out = tempDir('amos-mem-bk-out-')
    dirs.push(out)
    const created = await source.backup.create({ folder: out })
    // Sealed: no memory text in the file.
    const bytes = fs.readFileSync(created.file, 'utf8')
    for (const secret of ['Ada', 'Porto', 'learn Go']) expect(bytes).not.toContain(secret)

    const target = await fresh('amos-mem-bk-dst-')
    await target.backup.restore(created.file, PASSWORD)
    expect(await target.memory.list()).toEqual(await source.memory.list())
    expect(
      (await target.memory.list({ kind: 'session', id: session.id })).map((m) => m.text),
    ).toEqual(['Name is Ada'])
    expect((await target.memory.suggestions()).map((s) => s.text)).toEqual(['Wants to learn Go'])
    // The rejected one stays rejected after the restore.
    expect((await target.memory.suggest(session.id)).suggestions).toEqual([])
  })
})

describe('"Send memories only to local models" in the full backup', () => {
  it('comes back switched off into a new data dir, and never overrides a data dir that has its own', async () => {
    const source = await fresh('amos-mem-bk-switch-src-')
    await source.vault.init(PASSWORD)
    await source.memory.setPrivacy({ localOnly: false })
    const out = tempDir('amos-mem-bk-switch-out-')
    dirs.push(out)
    const created = await source.backup.create({ folder: out })

    const target = await fresh('amos-mem-bk-switch-dst-')
    expect((await target.memory.privacy()).localOnly).toBe(true)
    await target.backup.restore(created.file, PASSWORD)
    expect((await target.memory.privacy()).localOnly).toBe(false)

    const own = await fresh('amos-mem-bk-switch-own-')
    await own.memory.setPrivacy({ localOnly: true })
    await own.backup.restore(created.file, PASSWORD)
    expect((await own.memory.privacy()).localOnly).toBe(true)
  })
})

describe('the suggestions entry in the vault', () => {
  it('is kept out of the vault list, search and counts', async () => {
    const mirror = await fresh('amos-mem-hidden-')
    await mirror.vault.init(PASSWORD)
    const session = await mirror.sessions.create({ title: 'Plans' })
    await say(mirror, session.id, 'I prefer tea')
    expect((await mirror.memory.suggest(session.id)).pending).toBe(1)
    await mirror.memory.add('Lives in Porto')
    expect((await mirror.vault.list()).map((e) => e.category)).toEqual(['memory'])
    expect(await mirror.vault.search('tea')).toEqual([])
    expect((await mirror.vault.stats()).byCategory.memory).toBe(1)
    expect(await mirror.vault.get('memory-suggestions')).not.toBeNull()
  })
})
