import type { Message } from '../../../shared/domain'
import type { MessageTree } from '../messageTree'
import type { ParentKey, StoredMessage } from '../messageTree'
import { SdkMessageSchema, describeZodError, isJsonObject } from './sdkFormat'
import type { JsonObject, SdkMessage } from './sdkFormat'
import type { SidecarTree } from './sessionSidecar'

// The session file holds the current path; the other versions live in the sidecar's `tree`
// (sessionSidecar.ts). These two functions split a tree into the two and join them again.

const ROOT_KEY = ''
const keyOf = (parent: ParentKey): string => parent ?? ROOT_KEY
const parentOf = (key: string): ParentKey => (key === ROOT_KEY ? null : key)

export interface TreeRead {
  /** Every message, parents before children, siblings in version order. */
  messages: StoredMessage[]
  choices: Map<ParentKey, string>
  /** The sidecar objects of the versions off the path, by id (merged back when rewritten). */
  rawMessages: Map<string, JsonObject>
  /** Sidecar entries that cannot be placed: kept verbatim, written back, reported. */
  strays: unknown[]
  damage: string[]
}

/**
 * Joins the session file's messages (the path, a chain) with the sidecar's other versions. A
 * version also found in the session file is the file's (it moved onto the path), so a sidecar
 * written just before its session file never shows a message twice.
 */
export function readTree(
  path: readonly Message[],
  tree: SidecarTree | undefined,
  sessionId: string,
  fromSdk: (m: SdkMessage, sessionId: string) => Message,
): TreeRead {
  const known = new Map<string, StoredMessage>()
  path.forEach((m, i) => known.set(m.id, { ...m, parentId: i === 0 ? null : path[i - 1]!.id }))
  const rawMessages = new Map<string, JsonObject>()
  const strays: unknown[] = []
  const damage: string[] = []
  let pending: { message: StoredMessage; raw: JsonObject }[] = []
  for (const raw of tree?.messages ?? []) {
    const parsed = SdkMessageSchema.safeParse(structuredClone(raw))
    const parentId = isJsonObject(raw) ? raw.parentId : undefined
    if (!parsed.success || !(parentId === null || typeof parentId === 'string')) {
      strays.push(raw)
      damage.push(
        `a version in the sidecar cannot be read (${parsed.success ? 'parentId: missing' : describeZodError(parsed.error)}); kept`,
      )
      continue
    }
    if (known.has(parsed.data.id)) continue
    const { parentId: _drop, ...rest } = raw as JsonObject
    pending.push({ message: { ...fromSdk(parsed.data, sessionId), parentId }, raw: rest })
  }
  // Parents come first as written; a few passes place any written out of order.
  for (let placed = true; placed && pending.length > 0;) {
    placed = false
    const later: typeof pending = []
    for (const item of pending) {
      const { parentId, id } = item.message
      if (known.has(id)) continue
      if (parentId === null || known.has(parentId)) {
        known.set(id, item.message)
        rawMessages.set(id, item.raw)
        placed = true
      } else later.push(item)
    }
    pending = later
  }
  for (const { message, raw } of pending) {
    strays.push({ ...raw, parentId: message.parentId })
    damage.push(
      `version ${message.id} in the sidecar: its parent ${message.parentId} is missing; kept`,
    )
  }
  const messages = inVersionOrder([...known.values()], tree?.versions ?? {})
  const choices = new Map<ParentKey, string>()
  for (const [key, child] of Object.entries(tree?.choices ?? {})) choices.set(parentOf(key), child)
  path.forEach((m, i) => choices.set(i === 0 ? null : path[i - 1]!.id, m.id))
  return { messages, choices, rawMessages, strays, damage }
}

/** Depth first from the first messages, each parent's children in their recorded order. */
function inVersionOrder(
  messages: StoredMessage[],
  versions: Record<string, string[]>,
): StoredMessage[] {
  const children = new Map<ParentKey, StoredMessage[]>()
  for (const m of messages) {
    const list = children.get(m.parentId) ?? []
    list.push(m)
    children.set(m.parentId, list)
  }
  const out: StoredMessage[] = []
  const visit = (parent: ParentKey): void => {
    const order = versions[keyOf(parent)] ?? []
    const rank = (m: StoredMessage): number => {
      const at = order.indexOf(m.id)
      return at < 0 ? order.length : at
    }
    const list = [...(children.get(parent) ?? [])].sort((a, b) => rank(a) - rank(b))
    for (const m of list) {
      out.push(m)
      visit(m.id)
    }
  }
  visit(null)
  return out
}

/** The sidecar's `tree` for `tree` (null for a plain chain with nothing kept aside). */
export function treeSidecar(
  tree: MessageTree,
  toSdk: (m: Message) => JsonObject,
  strays: readonly unknown[],
): SidecarTree | null {
  const onPath = new Set(tree.path().map((m) => m.id))
  const off = tree.all().filter((m) => !onPath.has(m.id))
  if (off.length === 0 && strays.length === 0) return null
  const versions: Record<string, string[]> = {}
  const siblings = new Map<ParentKey, string[]>()
  for (const m of tree.all()) siblings.set(m.parentId, [...(siblings.get(m.parentId) ?? []), m.id])
  for (const [parent, ids] of siblings) if (ids.length > 1) versions[keyOf(parent)] = ids
  const choices: Record<string, string> = {}
  for (const [parent, child] of tree.choices()) {
    if (parent !== null && !onPath.has(parent)) choices[keyOf(parent)] = child
  }
  return {
    messages: [...off.map((m) => ({ ...toSdk(m), parentId: m.parentId })), ...strays],
    versions,
    choices,
  }
}
