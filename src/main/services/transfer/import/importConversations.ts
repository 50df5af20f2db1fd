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
  for await (const value of readable(conversations, () => index, run)) {
    if (run.cancelled) return
    if (index === 0 && !looksLikeChatGpt(value)) {
      throw unsupportedImport(
        'a JSON list that is not a ChatGPT conversations.json (its first item has no "mapping")',
      )
    }
    await importOne(run, file, value, index)
    index += 1
  }
  if (index === 0) throw invalidImport('the list holds no conversations')
}

/**
 * The list's items, where only a failure of the list itself (the stream or its JSON) becomes
 * "malformed or truncated": a fault while storing a conversation is not the file's, and is
 * reported as what it is.
 */
async function* readable(
  conversations: AsyncIterable<unknown> | Iterable<unknown>,
  read: () => number,
  run: ImportRun,
): AsyncGenerator<unknown> {
  const iterator =
    Symbol.asyncIterator in conversations
      ? conversations[Symbol.asyncIterator]()
      : (conversations as Iterable<unknown>)[Symbol.iterator]()
  for (;;) {
    let next: IteratorResult<unknown>
    try {
      next = await iterator.next()
    } catch (error) {
      if (isMirrorError(error) || run.cancelled) throw error
      const index = read()
      const detail = error instanceof Error ? error.message : String(error)
      throw invalidImport(
        `the JSON is malformed or truncated after ${index} conversation${index === 1 ? '' : 's'} (${detail})`,
      )
    }
    if (next.done) return
    yield next.value
  }
}

async function importOne(run: ImportRun, file: string, value: unknown, index: number) {
  let parsed
  try {
    parsed = importChatGptConversation(value)
  } catch (error) {
    // A conversation shaped in a way the mapper did not foresee is that conversation's
    // problem: it is reported, and the rest of the file goes on.
    const what = describeConversation(value, index)
    const reason = error instanceof Error ? error.message : String(error)
    run.fail(
      file,
      isMirrorError(error)
        ? new MirrorError(error.code, `${what}: ${error.message}`)
        : invalidImport(`${what} could not be read (${reason})`),
    )
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
