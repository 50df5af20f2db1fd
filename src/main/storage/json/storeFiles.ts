import { join } from 'node:path'
import type { Message, Session } from '../../../shared/domain'
import type { MessageTree } from '../messageTree'
import { MirrorError } from '../../../shared/errors'
import type { StorageProblem } from '../storage'
import { writeJsonAtomic } from '../../fs/atomicWrite'
import type { StoreFs } from '../../fs/storeFs'
import { INDEX_FILE, indexToFile, sessionFileName } from './sdkFormat'
import { messageToSdk, recordAfterWrite, sessionToFile } from './sdkMapping'
import type { SessionRecord } from './sdkMapping'
import { sidecarFor, syncSidecar } from './sessionSidecar'
import type { Sidecar } from './sessionSidecar'
import { treeSidecar } from './sidecarTree'
import { reconcileIndex } from './storeMaintenance'
import { addSession, dropSession, loadListed, readIndex, readSessionFile } from './storeLoader'
import type { StoreState } from './storeLoader'

/**
 * The JSON store's folder as it is on disk now, and the cache of it (docs/json-store.md): reads
 * a file again when its stamp changed, writes files and keeps the cache in step. Callers
 * serialise calls (JsonStorage's queue, and the folder lock for anything that writes).
 */
export class StoreFiles {
  constructor(
    readonly dir: string,
    readonly state: StoreState,
    readonly fs: StoreFs,
    private readonly now: () => Date,
  ) {}

  assertIndexUsable(): void {
    const problem = this.state.indexProblem
    if (problem) {
      throw new MirrorError(
        'STORAGE_CORRUPT',
        `${INDEX_FILE} in the JSON store cannot be read (${problem.reason}); nothing was changed.`,
        { file: INDEX_FILE },
      )
    }
  }

  corruptError(problem: StorageProblem): MirrorError {
    return new MirrorError(
      'STORAGE_CORRUPT',
      `${problem.location} in the JSON store cannot be used (${problem.reason}); it is left as it is.`,
      { file: problem.location },
    )
  }

  notFound(id: string): MirrorError {
    return new MirrorError('NOT_FOUND', `No session with id ${id}.`, { id })
  }

  /**
   * Re-reads index.json if another program rewrote it: sessions it added are loaded, ones it
   * dropped are forgotten, and (under the lock) files it lost are listed again.
   */
  async syncIndex(underLock = true): Promise<void> {
    this.assertIndexUsable()
    const stamp = (await this.fs.stamp(join(this.dir, INDEX_FILE)))?.key ?? null
    if (stamp === this.state.indexStamp) return
    const read = await readIndex(this.fs, this.dir)
    if (read.kind === 'corrupt') {
      this.state.indexProblem = read.problem
      this.state.problems.unshift(read.problem)
      this.assertIndexUsable()
    }
    const listed = read.kind === 'ok' ? read.index.sessions : []
    this.state.index = read.kind === 'ok' ? read.index : null
    this.state.indexStamp = read.kind === 'ok' ? read.stamp : null
    const keep = new Set(listed)
    for (const id of [...this.state.records.keys(), ...this.state.corrupt.keys()]) {
      if (!keep.has(id)) dropSession(this.state, id)
    }
    await loadListed(this.fs, this.dir, this.state, listed)
    if (underLock) await this.reconcile(listed)
  }

  async reconcile(listed: readonly string[]): Promise<void> {
    const result = await reconcileIndex(this.fs, this.dir, this.state, listed)
    this.state.unlisted = result.problems
    const changed =
      result.sessions.length !== listed.length || result.sessions.some((id, i) => id !== listed[i])
    if (!changed) return
    await this.writeIndex(result.sessions)
    const kept = new Set(result.sessions)
    for (const id of listed) if (!kept.has(id)) dropSession(this.state, id)
  }

  /**
   * The session as it is on disk now: re-read when its file changed since we last saw it (an
   * unusable file too: another program may have repaired or finished writing it).
   */
  async current(id: string): Promise<SessionRecord> {
    const cached = this.state.records.get(id)
    const problem = this.state.corrupt.get(id)
    if (!cached && !problem) throw this.notFound(id)
    const stamp = (await this.fs.stamp(join(this.dir, sessionFileName(id))))?.key ?? null
    if (cached && stamp !== null && stamp === cached.stamp) return cached
    if (problem && stamp === this.state.corruptStamps.get(id)) throw this.corruptError(problem)
    dropSession(this.state, id)
    if (stamp === null) throw this.notFound(id)
    const found = addSession(this.state, id, await readSessionFile(this.fs, this.dir, id))
    if (found) throw this.corruptError(found)
    return this.state.records.get(id)!
  }

  async writeIndex(sessions: string[]): Promise<void> {
    const file = indexToFile(this.state.index?.raw ?? null, sessions, this.now())
    await writeJsonAtomic(this.fs, this.dir, INDEX_FILE, file)
    this.state.index = { raw: file, sessions: file.sessions as string[] }
    this.state.indexStamp = (await this.fs.stamp(join(this.dir, INDEX_FILE)))?.key ?? null
  }

  listed(): string[] {
    return this.state.index?.sessions ?? []
  }

  /**
   * Writes the session: its current path to the session file, the other versions to the
   * sidecar. The sidecar goes first and, while versions move onto the path, still holds them
   * until the session file does, so no moment on disk (or crash) loses one.
   */
  async writeSession(
    session: Session,
    tree: MessageTree,
    base: SessionRecord | null,
  ): Promise<SessionRecord> {
    const path = tree.path()
    const next = {
      session: {
        ...session,
        messageCount: tree.size,
        currentLeafId: path.at(-1)?.id ?? null,
        pinned: session.pinned ?? false,
        folderId: session.folderId ?? null,
      },
      messages: [...tree.all()],
      choices: tree.choices(),
      strays: base?.strays ?? [],
    }
    const rawMessages = base?.rawMessages ?? new Map()
    const file = sessionToFile(
      {
        session: next.session,
        raw: base?.raw ?? null,
        rawMessages,
        unreadable: base?.unreadable ?? [],
      },
      path,
    )
    const toSdk = (m: Message) => messageToSdk(m, rawMessages.get(m.id) ?? null)
    const sidecar = sidecarFor(next.session, treeSidecar(tree, toSdk, next.strays))
    const previous = base?.sidecar ?? null
    const interim = withMovedVersions(sidecar, previous, new Set(path.map((m) => m.id)))
    await syncSidecar(this.fs, this.dir, session.id, previous, interim)
    const fileName = sessionFileName(session.id)
    await writeJsonAtomic(this.fs, this.dir, fileName, file)
    const stamp = (await this.fs.stamp(join(this.dir, fileName)))?.key ?? null
    await syncSidecar(this.fs, this.dir, session.id, interim, sidecar)
    const record = recordAfterWrite(next, file, sidecar, stamp, base)
    if (base) for (const m of base.messages) this.state.messageSession.delete(m.id)
    this.state.records.set(session.id, record)
    for (const m of next.messages) this.state.messageSession.set(m.id, session.id)
    return record
  }
}

/** `next` plus the versions of `previous` that the new path takes out of the sidecar. */
function withMovedVersions(
  next: Sidecar | null,
  previous: Sidecar | null,
  path: ReadonlySet<string>,
): Sidecar | null {
  const moved = (previous?.tree?.messages ?? []).filter(
    (m) => typeof m === 'object' && m !== null && path.has((m as { id?: unknown }).id as string),
  )
  if (moved.length === 0) return next
  const tree = next?.tree ?? { messages: [] }
  return { ...next, tree: { ...tree, messages: [...tree.messages, ...moved] } }
}
