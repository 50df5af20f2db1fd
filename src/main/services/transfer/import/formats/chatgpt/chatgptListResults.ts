import { isMirrorError, MirrorError } from '../../../../../../shared/errors'
import type { ParsedSession } from '../../importShared'
import { invalidImport, unsupportedImport } from '../../importShared'
import { describeConversation, importChatGptConversation } from './importChatGpt'

/** What one item of a ChatGPT conversations.json becomes, wherever it was read. */
export type ConversationResult =
  | { kind: 'session'; parsed: ParsedSession }
  /** The conversation alone failed; the rest of the file goes on. */
  | { kind: 'failed'; error: MirrorError }
  | { kind: 'skipped'; sessionId: string; reason: string }

/** The `index`-th conversation of a list (0-based) mapped to a session, or why not. */
export function mapConversation(value: unknown, index: number): ConversationResult {
  let parsed: ParsedSession
  try {
    parsed = importChatGptConversation(value)
  } catch (error) {
    // A conversation shaped in a way the mapper did not foresee is that conversation's
    // problem: it is reported, and the rest of the file goes on.
    const what = describeConversation(value, index)
    const reason = error instanceof Error ? error.message : String(error)
    return {
      kind: 'failed',
      error: isMirrorError(error)
        ? new MirrorError(error.code, `${what}: ${error.message}`)
        : invalidImport(`${what} could not be read (${reason})`),
    }
  }
  if (parsed.messages.length === 0) {
    const reason = `${describeConversation(value, index)} has no visible messages`
    return { kind: 'skipped', sessionId: parsed.session.id, reason }
  }
  return { kind: 'session', parsed }
}

/** A JSON list whose first item is not a ChatGPT conversation. */
export function notChatGptList(): MirrorError {
  return unsupportedImport(
    'a JSON list that is not a ChatGPT conversations.json (its first item has no "mapping")',
  )
}

/** The list itself broke (its JSON, or the stream) after `count` conversations were read. */
export function brokenList(count: number, detail: string): MirrorError {
  return invalidImport(
    `the JSON is malformed or truncated after ${count} conversation${count === 1 ? '' : 's'} (${detail})`,
  )
}
