import { isMirrorError, MirrorError } from '../../../../shared/errors'
import type { ImportRun } from './importRun'
import {
  describeConversation,
  importChatGptConversation,
  looksLikeChatGpt,
} from './formats/chatgpt/importChatGpt'
import { invalidImport, unsupportedImport } from './importShared'

/**
 * ChatGPT conversations, from a parsed list or a stream of one. Each good conversation is
 * stored as soon as it is read; a bad one is reported and the rest go on. A stream that breaks
 * (truncated or malformed JSON) keeps what came before it and reports where it stopped.
 */
export async function importConversations(
  run: ImportRun,
  file: string,
  conversations: AsyncIterable<unknown> | Iterable<unknown>,
): Promise<void> {
  let index = 0
  try {
    for await (const value of conversations) {
      if (run.cancelled) return
      if (index === 0 && !looksLikeChatGpt(value)) {
        throw unsupportedImport(
          'a JSON list that is not a ChatGPT conversations.json (its first item has no "mapping")',
        )
      }
      await importOne(run, file, value, index)
      index += 1
    }
  } catch (error) {
    if (isMirrorError(error) || run.cancelled) throw error
    const detail = error instanceof Error ? error.message : String(error)
    throw invalidImport(
      `the JSON is malformed or truncated after ${index} conversation${index === 1 ? '' : 's'} (${detail})`,
    )
  }
  if (index === 0) throw invalidImport('the list holds no conversations')
}

async function importOne(run: ImportRun, file: string, value: unknown, index: number) {
  let parsed
  try {
    parsed = importChatGptConversation(value)
  } catch (error) {
    if (!isMirrorError(error)) throw error
    const what = describeConversation(value, index)
    run.fail(file, new MirrorError(error.code, `${what}: ${error.message}`))
    return
  }
  if (parsed.messages.length === 0) {
    run.skip(
      file,
      parsed.session.id,
      `${describeConversation(value, index)} has no visible messages`,
    )
    return
  }
  await run.store(file, parsed)
}
