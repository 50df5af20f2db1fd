import { join } from 'node:path'
import { MirrorError } from '../../../shared/errors'
import type { StorageProblem } from '../storage'
import { INDEX_FILE, isSafeSessionId, parseIndex, sessionFileName } from './sdkFormat'
import type { IndexFile } from './sdkFormat'
import { parseSessionFile } from './sdkMapping'
import type { SessionRecord } from './sdkMapping'
import { readSidecar, sidecarIds } from './sessionSidecar'
import { errorCode } from '../../fs/storeFs'
import type { StoreFs } from '../../fs/storeFs'

export interface StoreState {
  /** index.json as last read or written; null while the folder has none. */
  index: IndexFile | null
  /** FileStamp key of index.json when it was last read or written. */
  indexStamp: string | null
  /** Set when index.json is unreadable: the whole store is then refused. */
  indexProblem: StorageProblem | null
  records: Map<string, SessionRecord>
  /** Sessions listed in the index whose files cannot be used, by id. Never written. */
  corrupt: Map<string, StorageProblem>
  /** The stamp of each unusable file when it was judged, so a rewritten one is read again. */
  corruptStamps: Map<string, string | null>
  problems: StorageProblem[]
  /** Session files on disk that index.json does not list and that cannot be listed again. */
  unlisted: StorageProblem[]
  /** Message id -> session id, over every loaded session. */
  messageSession: Map<string, string>
}

const READ_BATCH = 16

export type IndexRead =
  | { kind: 'ok'; index: IndexFile; stamp: string | null }
  | { kind: 'missing' }
  | { kind: 'corrupt'; problem: StorageProblem }

export async function readIndex(fs: StoreFs, dir: string): Promise<IndexRead> {
  let text: string
  let stamp: string | null
  try {
    stamp = (await fs.stamp(join(dir, INDEX_FILE)))?.key ?? null
    text = await fs.readFile(join(dir, INDEX_FILE))
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { kind: 'missing' }
    throw new MirrorError(
      'STORAGE_UNAVAILABLE',
      `Could not read ${INDEX_FILE} (${errorCode(error) ?? 'read failed'}).`,
      { file: INDEX_FILE },
    )
  }
  const parsed = parseIndex(text)
  if (!parsed.ok)
    return { kind: 'corrupt', problem: { location: INDEX_FILE, reason: parsed.reason } }
  return { kind: 'ok', index: parsed.value, stamp }
}

export type SessionRead =
  { ok: true; record: SessionRecord } | { ok: false; reason: string; stamp: string | null }

/** The SDK rewrites files in place: a read may catch one half-written. Read again this soon. */
const TORN_READ_RETRY_MS = 25

/**
 * Reads `<id>.json` (and its sidecar when `hasSidecar`). The stamp is taken before the read, so
 * a rewrite in between makes the stamp look old (a harmless re-read later), never the reverse.
 */
export async function readSessionFile(
  fs: StoreFs,
  dir: string,
  id: string,
  hasSidecar = true,
): Promise<SessionRead> {
  const first = await readSessionFileOnce(fs, dir, id, hasSidecar)
  if (first.ok || first.stamp === null) return first
  await new Promise((resolve) => setTimeout(resolve, TORN_READ_RETRY_MS))
  const stamp = (await fs.stamp(join(dir, sessionFileName(id))).catch(() => null))?.key ?? null
  return stamp === first.stamp ? first : readSessionFileOnce(fs, dir, id, hasSidecar)
}

async function readSessionFileOnce(
  fs: StoreFs,
  dir: string,
  id: string,
  hasSidecar: boolean,
): Promise<SessionRead> {
  let text: string
  let stamp: string | null = null
  try {
    stamp = (await fs.stamp(join(dir, sessionFileName(id))))?.key ?? null
    text = await fs.readFile(join(dir, sessionFileName(id)))
  } catch (error) {
    const code = errorCode(error)
    return {
      ok: false,
      stamp,
      reason:
        code === 'ENOENT'
          ? `listed in ${INDEX_FILE} but the file is missing`
          : `could not be read (${code ?? 'read failed'})`,
    }
  }
  const sidecar = hasSidecar ? await readSidecar(fs, dir, id).catch(() => null) : null
  const parsed = parseSessionFile(text, id, sidecar, stamp)
  return parsed.ok ? { ok: true, record: parsed.value } : { ...parsed, stamp }
}

/** Reads index.json and every session it lists. Problems are collected, never repaired. */
export async function loadStore(fs: StoreFs, dir: string): Promise<StoreState> {
  try {
    await fs.mkdirp(dir)
  } catch (error) {
    throw new MirrorError(
      'STORAGE_UNAVAILABLE',
      `Could not create the JSON store folder (${errorCode(error) ?? 'mkdir failed'}).`,
    )
  }
  const state: StoreState = {
    index: null,
    indexStamp: null,
    indexProblem: null,
    records: new Map(),
    corrupt: new Map(),
    corruptStamps: new Map(),
    problems: [],
    unlisted: [],
    messageSession: new Map(),
  }
  const index = await readIndex(fs, dir)
  if (index.kind === 'corrupt') {
    state.indexProblem = index.problem
    state.problems.push(index.problem)
    return state
  }
  if (index.kind === 'missing') return state
  state.index = index.index
  state.indexStamp = index.stamp
  await loadListed(fs, dir, state, index.index.sessions)
  return state
}

/** Reads the sessions `ids` names that are not loaded yet (all of them on open). */
export async function loadListed(
  fs: StoreFs,
  dir: string,
  state: StoreState,
  listed: readonly string[],
): Promise<void> {
  const ids: string[] = []
  for (const id of new Set(listed)) {
    if (state.records.has(id) || state.corrupt.has(id)) continue
    if (isSafeSessionId(id)) ids.push(id)
    else {
      state.problems.push({
        location: INDEX_FILE,
        reason: `lists ${JSON.stringify(id)}, which is not a usable file name; skipped`,
      })
    }
  }
  const withSidecar = ids.length > 0 ? await sidecarIds(fs, dir) : new Set<string>()
  for (let i = 0; i < ids.length; i += READ_BATCH) {
    const batch = ids.slice(i, i + READ_BATCH)
    const results = await Promise.all(
      batch.map((id) => readSessionFile(fs, dir, id, withSidecar.has(id))),
    )
    batch.forEach((id, j) => addSession(state, id, results[j]!))
  }
}

/** Forgets a session (deleted, unlisted or rewritten by another program). */
export function dropSession(state: StoreState, id: string): void {
  const record = state.records.get(id)
  if (record) for (const m of record.messages) state.messageSession.delete(m.id)
  state.records.delete(id)
  state.corrupt.delete(id)
  state.corruptStamps.delete(id)
  state.problems = state.problems.filter((p) => p.location !== sessionFileName(id))
}

/**
 * Why `record` cannot join the store, if a message id of it is another session's: message ids
 * are unique across the store, and a copied file would break that.
 */
export function messageClash(state: StoreState, id: string, record: SessionRecord): string | null {
  for (const m of record.messages) {
    const owner = state.messageSession.get(m.id)
    if (owner !== undefined && owner !== id) {
      return `message id "${m.id}" also appears in ${sessionFileName(owner)}`
    }
  }
  return null
}

/** Adds a loaded session, or records why it cannot be used. Returns the problem, if any. */
export function addSession(
  state: StoreState,
  id: string,
  result: SessionRead,
): StorageProblem | null {
  let reason: string
  let stamp: string | null
  if (result.ok) {
    const clash = messageClash(state, id, result.record)
    if (!clash) {
      state.records.set(id, result.record)
      for (const m of result.record.messages) state.messageSession.set(m.id, id)
      // Damaged messages are reported; the rest of the session is served.
      for (const reason of result.record.damage) {
        state.problems.push({ location: sessionFileName(id), reason })
      }
      return null
    }
    reason = clash
    stamp = result.record.stamp
  } else {
    reason = result.reason
    stamp = result.stamp
  }
  const problem = { location: sessionFileName(id), reason }
  state.corrupt.set(id, problem)
  state.corruptStamps.set(id, stamp)
  state.problems.push(problem)
  return problem
}
