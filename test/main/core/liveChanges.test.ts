import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { CoreClient } from '../../../src/main/core/coreClient'
import { startCoreClient } from '../../../src/main/core/coreClient'
import type { StorageKind } from '../../../src/main/mirrorApi'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { EventPayload } from '../../../src/shared/events'
import { parseEvent } from '../../../src/shared/events'
import { amosBin } from '../../cli/helpers/runCli'

type Change = EventPayload<'sessions.changed'>

const dirs: string[] = []
const clients: CoreClient[] = []

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()))
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** The app's core in its worker, as the hosts start it, with every sessions.changed it sends. */
async function openApp(dataDir: string, storage: StorageKind) {
  const client = await startCoreClient({
    config: { dataDir, storage, host: 'browser', version: 'test', validateOutput: true },
  })
  clients.push(client)
  const changes: Array<{ at: number; change: Change; except?: RequestContext }> = []
  client.onBroadcast((event, payload, except) => {
    if (event === 'sessions.changed') {
      changes.push({ at: Date.now(), change: parseEvent('sessions.changed', payload), except })
    }
  })
  return { client, changes }
}

/** `amos …` as its own process on the same data dir; resolves with the time it exited. */
async function cli(dataDir: string, storage: StorageKind, ...args: string[]) {
  const result = await amosBin([...args, '--data-dir', dataDir, '--storage', storage, '--json'])
  if (result.code !== 0) throw new Error(`amos ${args.join(' ')}: ${result.stderr}`)
  return { exitedAt: Date.now(), output: JSON.parse(result.stdout) as { id: string } }
}

/** Waits for a change naming `id` after `since`; returns how long after `since` it came. */
async function changeFor(
  changes: Array<{ at: number; change: Change }>,
  id: string,
  since: number,
): Promise<number> {
  const deadline = since + 3_000
  for (;;) {
    const hit = changes.find(
      ({ at, change }) => at >= since - 1_000 && (change.all || change.sessionIds.includes(id)),
    )
    if (hit) return Math.max(0, hit.at - since)
    if (Date.now() > deadline) throw new Error(`No sessions.changed for ${id}.`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

describe.each(['sqlite', 'json'] as const)('live changes from the CLI (%s)', (storage) => {
  it('the open core reports create, rename, archive, a new message and delete within 1 s', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amos-live-'))
    dirs.push(dataDir)
    // The store exists before the app opens it, as when the user starts both on one folder.
    const first = await cli(dataDir, storage, 'sessions', 'create', 'Before the app')
    const { changes } = await openApp(dataDir, storage)
    // Listening starts the watch; let one look pass so the baseline is the store as it is now.
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(changes).toEqual([])

    const created = await cli(dataDir, storage, 'sessions', 'create', 'From the CLI')
    const id = created.output.id
    const delays: Record<string, number> = {}
    delays.create = await changeFor(changes, id, created.exitedAt)
    changes.length = 0
    const renamed = await cli(dataDir, storage, 'sessions', 'rename', id, 'Renamed by the CLI')
    delays.rename = await changeFor(changes, id, renamed.exitedAt)
    changes.length = 0
    const sent = await cli(dataDir, storage, 'send', id, 'Hello from another process')
    delays.message = await changeFor(changes, id, sent.exitedAt)
    changes.length = 0
    const archived = await cli(dataDir, storage, 'sessions', 'archive', id)
    delays.archive = await changeFor(changes, id, archived.exitedAt)
    changes.length = 0
    const deleted = await cli(dataDir, storage, 'sessions', 'delete', first.output.id)
    delays.delete = await changeFor(changes, first.output.id, deleted.exitedAt)

    for (const [kind, delay] of Object.entries(delays)) {
      expect(delay, `${kind} reported after ${delay} ms`).toBeLessThan(1_000)
    }
    // Nothing but the sessions the CLI touched is named.
    expect(changes.every(({ change }) => !change.all)).toBe(true)
  }, 120_000)

  it("reports its own writes to every window but the one that asked, a reply's too", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'amos-live-'))
    dirs.push(dataDir)
    const { client, changes } = await openApp(dataDir, storage)
    await new Promise((resolve) => setTimeout(resolve, 400))
    const asking: RequestContext = { emit: () => {}, origin: {} }
    const made = await client.dispatch('sessions.create', { title: 'Mine' }, asking)
    if (!made.ok) throw new Error(made.error.message)
    const { id } = made.data as { id: string }
    await expect.poll(() => changes.length).toBe(1)
    expect(changes[0]!.change).toEqual({ sessionIds: [id], all: false })
    expect(changes[0]!.except).toBe(asking)

    // chat.send answers at once; the reply is stored later, and is still the asker's own write.
    changes.length = 0
    const done = new Promise<void>((resolve) => {
      asking.emit = (event) => event === 'chat.done' && resolve()
    })
    const sent = await client.dispatch(
      'chat.send',
      { sessionId: id, text: 'Hello', pattern: 'exploratory', uncertainty: 'low' },
      asking,
    )
    if (!sent.ok) throw new Error(sent.error.message)
    await done
    await expect.poll(() => changes.length, { timeout: 2_000 }).toBeGreaterThan(0)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(changes.every((c) => c.except === asking && c.change.sessionIds.includes(id))).toBe(true)

    // A write no window asked for (the File menu's import) reaches every window.
    changes.length = 0
    const file = join(process.cwd(), 'test/fixtures/import/python-sdk-session.md')
    const report = await client.command('importPaths', [file])
    expect(report.imported).toHaveLength(1)
    await expect.poll(() => changes.length).toBe(1)
    expect(changes[0]!.except).toBeUndefined()
    expect(changes[0]!.change.sessionIds).toHaveLength(1)
  }, 60_000)
})
