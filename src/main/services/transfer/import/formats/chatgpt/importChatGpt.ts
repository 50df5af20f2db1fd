import { createHash } from 'node:crypto'
import { z } from 'zod'
import type { Message, Role } from '../../../../../../shared/domain'
import {
  chatGptContentText,
  chatGptImageAssets,
  chatGptTypedText,
  madeUpTitle,
} from './chatgptContent'
import type { ParsedSession, PendingMessageFiles } from '../../importShared'
import { checkUniqueMessageIds, invalidImport, parseOrInvalid } from '../../importShared'
import { walkMapping } from './chatgptTree'

const GptMessageSchema = z.looseObject({
  id: z.string().nullish(),
  author: z.looseObject({ role: z.string() }),
  create_time: z.number().nullish(),
  content: z.unknown(),
  recipient: z.string().nullish(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
})

const NodeSchema = z.looseObject({
  id: z.string().nullish(),
  parent: z.string().nullish(),
  children: z.array(z.string()).nullish(),
  message: GptMessageSchema.nullish(),
})

const ConversationSchema = z.looseObject({
  title: z.string().nullish(),
  create_time: z.number().nullish(),
  update_time: z.number().nullish(),
  conversation_id: z.string().nullish(),
  id: z.string().nullish(),
  current_node: z.string().nullish(),
  default_model_slug: z.string().nullish(),
  mapping: z.record(z.string(), NodeSchema),
})

type Conversation = z.infer<typeof ConversationSchema>
type GptNode = z.infer<typeof NodeSchema>

const ROLES = new Set<string>(['user', 'assistant', 'system'])
const SAFE = /^[A-Za-z0-9_.-]{1,120}$/

/** Cheap shape check used to tell a conversations.json from another JSON list. */
export function looksLikeChatGpt(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    'mapping' in value &&
    typeof (value as { mapping: unknown }).mapping === 'object'
  )
}

/** A stable, file-name-safe id: the same conversation always gets the same session id. */
function safeId(raw: string): string {
  return SAFE.test(raw) ? raw : createHash('sha256').update(raw).digest('hex').slice(0, 32)
}

export function chatGptSessionId(conversationId: string): string {
  return `chatgpt-${safeId(conversationId)}`
}

function isoFromSeconds(seconds: number, field: string): string {
  const ms = Math.round(seconds * 1000)
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) {
    throw invalidImport(`${field} is not a valid time: ${seconds}`)
  }
  return new Date(ms).toISOString()
}

/** Without a usable current_node: the newest branch, following the last child from the root. */
function lastLeaf(conversation: Conversation): string | undefined {
  const { mapping } = conversation
  const root = Object.entries(mapping).find(([, n]) => !n.parent || !(n.parent in mapping))?.[0]
  let at = root
  const visited = new Set<string>()
  while (at !== undefined && !visited.has(at)) {
    visited.add(at)
    const next = mapping[at]?.children?.at(-1)
    if (next === undefined || !(next in mapping)) return at
    at = next
  }
  return at
}

function isHidden(message: NonNullable<GptNode['message']>): boolean {
  return message.metadata?.is_visually_hidden_from_conversation === true
}

/** A kept message and the Unix time it stands at (a later message without a time takes it). */
interface Kept {
  message: Message
  seconds: number
  /** A user message's typed text only (no placeholders), for making up a title. */
  typedText: string
  /** Its images, found in the export's zip when the session is stored. */
  files?: PendingMessageFiles
}

/** One node as a message of the session, or null when the import leaves it out. */
function keptMessage(
  sessionId: string,
  node: GptNode,
  nodeId: string,
  above: Kept | null,
  fallbackTime: number | null,
): Kept | null {
  const m = node.message
  if (!m || !ROLES.has(m.author.role) || isHidden(m)) return null
  if (m.recipient && m.recipient !== 'all') return null
  const content = chatGptContentText(m.content)
  if (content.trim() === '') return null
  const seconds = m.create_time ?? above?.seconds ?? fallbackTime
  if (seconds == null) throw invalidImport('a message has no create_time')
  const gptId = m.id ?? node.id ?? nodeId
  const model = m.metadata?.model_slug
  const message: Message = {
    id: `${sessionId}-${safeId(gptId)}`,
    sessionId,
    role: m.author.role as Role,
    content,
    createdAt: isoFromSeconds(seconds, 'create_time'),
    pattern: null,
    uncertainty: null,
    sensitive: false,
    status: 'complete',
    provider: null,
    model: typeof model === 'string' ? model : null,
    metadata: { chatgptMessageId: gptId },
    parentId: above?.message.id ?? null,
  }
  const typedText = m.author.role === 'user' ? chatGptTypedText(m.content) : ''
  const assets = chatGptImageAssets(m.content)
  if (assets.length === 0) return { message, seconds, typedText }
  return { message, seconds, typedText, files: chatGptMessageFiles(m.content, assets) }
}

/**
 * The images of a message with `content` (its raw ChatGPT value), and its text once the found
 * ones are left out. Also rebuilds them from data sent across threads (chatgptListParser.ts).
 */
export function chatGptMessageFiles(
  content: unknown,
  assets: string[] = chatGptImageAssets(content),
): PendingMessageFiles {
  return {
    files: assets.map((assetId) => ({ kind: 'chatgpt', assetId })),
    content: (found) => chatGptContentText(content, found),
    chatgptContent: content,
  }
}

/** The kept messages from the first one down to `leaf`, oldest first. */
function pathTo(leaf: Kept | null | undefined, kept: readonly Kept[]): Kept[] {
  const byId = new Map(kept.map((k) => [k.message.id, k]))
  const path: Kept[] = []
  for (let at = leaf ?? undefined; at !== undefined;) {
    path.push(at)
    const parentId = at.message.parentId
    at = parentId ? byId.get(parentId) : undefined
  }
  return path.reverse()
}

/**
 * One ChatGPT conversation → a session holding every branch: edited prompts and regenerated
 * replies become versions (siblings), and the thread the export shows (root to current_node)
 * is the current path. Hidden system messages, tool messages and assistant calls to tools are
 * left out (their children hang from the nearest message kept above them), and so are messages
 * without text.
 */
export function importChatGptConversation(value: unknown): ParsedSession {
  const raw = parseOrInvalid(ConversationSchema, value, 'ChatGPT')
  const conversationId = raw.conversation_id ?? raw.id
  if (!conversationId) throw invalidImport('the conversation has no id')
  const sessionId = chatGptSessionId(conversationId)
  const fallbackTime = raw.create_time ?? raw.update_time ?? null

  const all: Kept[] = []
  const nearest = walkMapping<Kept>(raw.mapping, (nodeId, above) => {
    const kept = keptMessage(sessionId, raw.mapping[nodeId]!, nodeId, above, fallbackTime)
    if (kept) all.push(kept)
    return kept
  })
  const messages = all.map((k) => k.message)
  checkUniqueMessageIds(messages)
  const files = new Map<string, PendingMessageFiles>()
  for (const k of all) if (k.files) files.set(k.message.id, k.files)

  let currentNode = raw.current_node ?? undefined
  if (currentNode === undefined || !Object.hasOwn(raw.mapping, currentNode)) {
    currentNode = lastLeaf(raw)
  }
  const leaf = currentNode === undefined ? undefined : nearest.get(currentNode)
  const keptPath = pathTo(leaf, all)
  const path = keptPath.map((k) => k.message)
  const firstUserText = keptPath.find((k) => k.message.role === 'user')?.typedText

  const createdAt =
    raw.create_time != null ? isoFromSeconds(raw.create_time, 'create_time') : path[0]?.createdAt
  if (createdAt === undefined) throw invalidImport('the conversation has no create_time')
  const updatedAt =
    raw.update_time != null
      ? isoFromSeconds(raw.update_time, 'update_time')
      : (path.at(-1)?.createdAt ?? createdAt)
  const title = raw.title?.trim() || madeUpTitle(firstUserText)
  const metadata: Record<string, unknown> = { source: 'chatgpt', chatgptId: conversationId }
  if (raw.default_model_slug) metadata.chatgptModel = raw.default_model_slug
  return {
    session: {
      id: sessionId,
      title,
      createdAt,
      updatedAt,
      messageCount: messages.length,
      archived: false,
      metadata,
      ...(leaf ? { currentLeafId: leaf.message.id } : {}),
    },
    messages,
    ...(files.size > 0 && { files }),
  }
}

/** A conversation's name for reports: its title and id when it can be read. */
export function describeConversation(value: unknown, index: number): string {
  const record =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {}
  const title = typeof record.title === 'string' && record.title.trim() ? record.title.trim() : null
  const id = record.conversation_id ?? record.id
  const parts = [`conversation ${index + 1}`]
  if (title) parts.push(`"${title.slice(0, 80)}"`)
  if (typeof id === 'string') parts.push(`(${id.slice(0, 80)})`)
  return parts.join(' ')
}
