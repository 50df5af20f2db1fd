import { isMirrorError } from '../../../../shared/errors'
import type { ImportRun } from './importRun'
import type { ConversationResult } from './formats/chatgpt/chatgptListResults'
import { brokenList, mapConversation, notChatGptList } from './formats/chatgpt/chatgptListResults'
import { looksLikeChatGpt } from './formats/chatgpt/importChatGpt'
import { invalidImport } from './importShared'

/**
 * ChatGPT conversations, from a parsed list or a stream of one, read on this thread. Each good
 * conversation is stored as soon as it is read; a bad one is reported and the rest go on. A
 * stream that breaks (truncated or malformed JSON) keeps what came before it and reports where
 * it stopped. (Large files are read on a worker instead: chatgptListParser.ts.)
 */
export async function importConversations(
  run: ImportRun,
  file: string,
  conversations: AsyncIterable<unknown> | Iterable<unknown>,
): Promise<void> {
  await storeConversationResults(run, file, mapped(conversations, run))
}

/**
 * Stores, reports or skips each conversation of a list as `results` yields it (from this
 * thread or the worker); what the list itself throws (not ChatGPT's, broken) goes to the caller.
 */
export async function storeConversationResults(
  run: ImportRun,
  file: string,
  results: AsyncIterable<ConversationResult>,
): Promise<void> {
  let count = 0
  for await (const result of results) {
    if (run.cancelled) return
    switch (result.kind) {
      case 'session':
        await run.store(file, result.parsed)
        break
      case 'failed':
        run.fail(file, result.error)
        break
      case 'skipped':
        run.skip(file, result.sessionId, result.reason)
        break
    }
    count += 1
  }
  if (count === 0 && !run.cancelled) throw invalidImport('the list holds no conversations')
}

async function* mapped(
  conversations: AsyncIterable<unknown> | Iterable<unknown>,
  run: ImportRun,
): AsyncGenerator<ConversationResult> {
  let index = 0
  for await (const value of readable(conversations, () => index, run)) {
    if (index === 0 && !looksLikeChatGpt(value)) throw notChatGptList()
    yield mapConversation(value, index)
    index += 1
  }
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
      throw brokenList(read(), error instanceof Error ? error.message : String(error))
    }
    if (next.done) return
    yield next.value
  }
}
