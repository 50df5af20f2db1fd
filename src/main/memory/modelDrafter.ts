import { z } from 'zod'
import { MEMORY_REASONS } from '../../shared/memory'
import type { MemoryReason } from '../../shared/memory'
import type { ChatProvider, ProviderRequest } from '../llm/provider'
import type { DraftedMemory, UserLine } from './heuristics'

/** The drafting prompt, word for word as docs/memory.md documents it. */
export const DRAFT_SYSTEM_PROMPT = [
  'You help a person decide what their assistant should remember about them across conversations.',
  'Read their messages below and propose at most 5 short memories: lasting facts about the person',
  'such as preferences, goals, names and decisions. Leave out anything passing, anything about this',
  'one task only, and anything private about other people.',
  'Reply with a JSON array only, no other text. Each item: {"text": "<one short sentence in the',
  'third person without a subject, e.g. Prefers metric units>", "reason": "preference" | "goal" |',
  '"name" | "decision" | "fact", "messageIds": ["<the id in brackets of the message it comes from>"]}.',
  'Reply [] when nothing is worth remembering.',
].join('\n')

export const MAX_MODEL_DRAFTS = 5
/** A drafting request that takes longer than this falls back to the heuristics. */
export const DRAFT_TIMEOUT_MS = 60_000

/** The user message: one line per message, `[<messageId>] <text>` (line breaks flattened). */
export function draftUserText(lines: readonly UserLine[]): string {
  return lines.map((l) => `[${l.id}] ${l.content.replace(/\s+/g, ' ').trim()}`).join('\n')
}

export function draftRequest(lines: readonly UserLine[], model: string): ProviderRequest {
  return {
    model,
    system: DRAFT_SYSTEM_PROMPT,
    messages: [{ role: 'user', content: draftUserText(lines) }],
    pattern: 'analytical',
    uncertainty: 'none',
  }
}

const ItemSchema = z.object({
  text: z.string().trim().min(1).max(300),
  reason: z.unknown().optional(),
  messageIds: z.array(z.unknown()).optional(),
})

function jsonItems(body: string): unknown[] | null {
  try {
    const value: unknown = JSON.parse(body)
    return Array.isArray(value) ? value : null
  } catch {
    // Not one JSON value: perhaps JSON lines.
  }
  const lines = body
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  if (lines.length === 0) return null
  const items: unknown[] = []
  for (const line of lines) {
    try {
      items.push(JSON.parse(line))
    } catch {
      return null
    }
  }
  return items
}

/**
 * The model's reply as drafts: a JSON array (a fenced code block is accepted) or JSON lines.
 * Null when it is neither, or when no item has a text: the caller falls back to the heuristics.
 * An unknown reason reads as `fact`; message ids the model made up are dropped.
 */
export function parseDraftReply(
  reply: string,
  knownIds: ReadonlySet<string>,
): DraftedMemory[] | null {
  const body = reply
    .trim()
    .replace(/^```[a-z]*\s*/i, '')
    .replace(/```$/, '')
    .trim()
  const items = jsonItems(body)
  if (!items) return null
  const drafts: DraftedMemory[] = []
  for (const item of items) {
    const parsed = ItemSchema.safeParse(item)
    if (!parsed.success) continue
    const { text, reason, messageIds = [] } = parsed.data
    drafts.push({
      text,
      reason: MEMORY_REASONS.includes(reason as MemoryReason) ? (reason as MemoryReason) : 'fact',
      messageIds: messageIds.filter(
        (id): id is string => typeof id === 'string' && knownIds.has(id),
      ),
    })
  }
  if (items.length > 0 && drafts.length === 0) return null
  return drafts.slice(0, MAX_MODEL_DRAFTS)
}

/** Asks `provider` to draft; the whole reply text, or a thrown provider error. */
export async function askForDrafts(
  provider: ChatProvider,
  model: string,
  lines: readonly UserLine[],
  timeoutMs = DRAFT_TIMEOUT_MS,
): Promise<string> {
  const signal = AbortSignal.timeout(timeoutMs)
  let text = ''
  for await (const delta of provider.stream(draftRequest(lines, model), signal)) {
    if (delta.type === 'text') text += delta.text
  }
  return text
}
