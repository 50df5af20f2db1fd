import { parentPort } from 'node:worker_threads'
import { JsonListSplitter } from '../../jsonListSplitter'
import type { FromListWorker, ToListWorker, WireResult } from './chatgptListProtocol'
import { toWire } from './chatgptListProtocol'
import { mapConversation } from './chatgptListResults'
import { looksLikeChatGpt } from './importChatGpt'

/**
 * The entry of the thread that reads a ChatGPT conversations.json for an import
 * (chatgptListParser.ts starts it): it cuts the bytes main sends into conversations, parses and
 * maps each, and sends the results back in batches while main writes the previous ones.
 */

/** Messages' worth of results per batch (a failed or skipped conversation counts as one). */
const WORKER_BATCH_MESSAGES = 500

if (!parentPort) throw new Error('chatgptListWorker must run in a worker thread.')
const port = parentPort
const post = (message: FromListWorker): void => port.postMessage(message)

const splitter = new JsonListSplitter()
let count = 0
let batch: WireResult[] = []
let batchMessages = 0
let stopped = false

function flush(): void {
  if (batch.length === 0) return
  post({ type: 'batch', results: batch })
  batch = []
  batchMessages = 0
}

/** Ends the thread's work: what was read goes first, then `last`. */
function finish(last: FromListWorker): void {
  flush()
  post(last)
  stopped = true
  port.close()
}

function read(bytes: Buffer): void {
  for (const text of splitter.push(bytes)) {
    const value = JSON.parse(text) as unknown
    if (count === 0 && !looksLikeChatGpt(value)) {
      finish({ type: 'notChatGpt' })
      return
    }
    const result = toWire(mapConversation(value, count))
    count += 1
    batch.push(result)
    batchMessages += result.kind === 'session' ? Math.max(1, result.messages.length) : 1
    if (batchMessages >= WORKER_BATCH_MESSAGES) flush()
  }
}

port.on('message', (message: ToListWorker) => {
  if (stopped) return
  try {
    switch (message.type) {
      case 'chunk':
        read(Buffer.from(message.bytes))
        if (!stopped) post({ type: 'read' })
        return
      case 'end':
        splitter.end()
        finish({ type: 'done' })
        return
      case 'fail':
        finish({ type: 'listError', detail: message.detail, before: count })
        return
      case 'stop':
        stopped = true
        port.close()
        return
    }
  } catch (error) {
    // The splitter or JSON.parse: the list itself is broken here.
    const detail = error instanceof Error ? error.message : String(error)
    finish({ type: 'listError', detail, before: count })
  }
})
