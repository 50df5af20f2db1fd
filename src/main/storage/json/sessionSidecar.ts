import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { z } from 'zod'
import type { Session } from '../../../shared/domain'
import { writeJsonAtomic } from '../../fs/atomicWrite'
import { isJsonObject, parseJsonObject } from './sdkFormat'
import type { JsonObject } from './sdkFormat'
import { errorCode } from '../../fs/storeFs'
import type { StoreFs } from '../../fs/storeFs'

/**
 * Our session-level fields (`archived`, `metadata`, `pinned`, `folderId`) kept beside the store in
 * `.activemirror/sessions/<id>.json`. The JS SDK rewrites a session file with only its own six
 * session fields, so these would vanish (an archived session would reappear); the sidecar is
 * read only when the session file lacks the field. Only non-default values are kept; a session
 * with none has no sidecar.
 */
export const SIDECAR_DIR = join('.activemirror', 'sessions')

/**
 * The versions that are not on the current path (docs/json-store.md "Versions"): the session
 * file holds the path only, so the SDK sees a plain conversation. `messages` are SDK-shaped
 * message objects with a `parentId`, parents before children; `versions` the order of siblings
 * at each position with more than one (key: parent id, '' for first messages); `choices` the
 * child each parent off the path used last. A damaged tree is ignored, never the whole sidecar.
 */
export const SidecarTreeSchema = z.object({
  messages: z.array(z.unknown()),
  versions: z.record(z.string(), z.array(z.string())).optional(),
  choices: z.record(z.string(), z.string()).optional(),
})
export type SidecarTree = z.infer<typeof SidecarTreeSchema>

const SidecarSchema = z.object({
  archived: z.boolean().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
  // Only ever here (never in the SDK's session file): organising is the app's own business.
  pinned: z.boolean().optional().catch(undefined),
  folderId: z.string().min(1).optional().catch(undefined),
  tree: SidecarTreeSchema.optional().catch(undefined),
})
export type Sidecar = z.infer<typeof SidecarSchema>

function sidecarFileName(id: string): string {
  return join(SIDECAR_DIR, `${id}.json`)
}

/** What the sidecar of `session` should hold; null when every field is at its default. */
export function sidecarFor(session: Session, tree: SidecarTree | null = null): Sidecar | null {
  const { userId: _userId, ...metadata } = session.metadata
  const out: Sidecar = {}
  if (session.archived) out.archived = true
  if (Object.keys(metadata).length > 0) out.metadata = metadata
  if (session.pinned) out.pinned = true
  if (session.folderId) out.folderId = session.folderId
  if (tree) out.tree = tree
  return Object.keys(out).length > 0 ? out : null
}

/** The session file's own values win; the sidecar fills in what the SDK dropped. */
export function sessionFieldsFromSidecar(
  file: { archived?: unknown; metadata?: unknown },
  sidecar: Sidecar | null,
): { archived: boolean; metadata: JsonObject; pinned: boolean; folderId: string | null } {
  return {
    archived: typeof file.archived === 'boolean' ? file.archived : (sidecar?.archived ?? false),
    metadata: isJsonObject(file.metadata) ? file.metadata : (sidecar?.metadata ?? {}),
    pinned: sidecar?.pinned ?? false,
    folderId: sidecar?.folderId ?? null,
  }
}

/** The sidecar of `id`, or null when there is none or it cannot be used (it is only a copy). */
export async function readSidecar(fs: StoreFs, dir: string, id: string): Promise<Sidecar | null> {
  let text: string
  try {
    text = await fs.readFile(join(dir, sidecarFileName(id)))
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return null
    throw error
  }
  const parsed = parseJsonObject(text)
  return parsed.ok ? (SidecarSchema.safeParse(parsed.value).data ?? null) : null
}

/** Ids that have a sidecar, so opening a store reads only those. */
export async function sidecarIds(fs: StoreFs, dir: string): Promise<Set<string>> {
  const names = await fs.list(join(dir, SIDECAR_DIR))
  return new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -5)))
}

export async function removeSidecar(fs: StoreFs, dir: string, id: string): Promise<void> {
  await fs.unlink(join(dir, sidecarFileName(id))).catch((error: unknown) => {
    if (errorCode(error) !== 'ENOENT') throw error
  })
}

/** Brings the sidecar in line with `next` (written, removed, or left alone when unchanged). */
export async function syncSidecar(
  fs: StoreFs,
  dir: string,
  id: string,
  previous: Sidecar | null,
  next: Sidecar | null,
): Promise<void> {
  if (isDeepStrictEqual(previous, next)) return
  if (next === null) return removeSidecar(fs, dir, id)
  await fs.mkdirp(join(dir, SIDECAR_DIR))
  await writeJsonAtomic(fs, join(dir, SIDECAR_DIR), `${id}.json`, next)
}
