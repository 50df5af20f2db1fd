import type { Message, Session } from '../../../../../../shared/domain'
import type { ErrorCode } from '../../../../../../shared/errors'
import { MirrorError } from '../../../../../../shared/errors'
import type { PendingFile, PendingMessageFiles } from '../../importShared'
import type { ConversationResult } from './chatgptListResults'
import { chatGptMessageFiles } from './importChatGpt'

/**
 * The messages between an import and the worker thread that reads a ChatGPT conversations.json
 * (chatgptListParser.ts ↔ chatgptListWorker.ts). Plain structured-cloneable values only.
 */

/** Main → worker. */
export type ToListWorker =
  /** The next bytes of the file (the ArrayBuffer is transferred, not copied). */
  | { type: 'chunk'; bytes: ArrayBuffer }
  /** The file ended: the list must be closed. */
  | { type: 'end' }
  /** Reading the file failed: report where the list stopped (a `listError` with this detail). */
  | { type: 'fail'; detail: string }
  /** The import was cancelled: stop at once (main terminates the thread as well). */
  | { type: 'stop' }

/** Worker → main. */
export type FromListWorker =
  /** Results of about WORKER_BATCH_MESSAGES messages, in file order. */
  | { type: 'batch'; results: WireResult[] }
  /** One chunk was read (after the batches it completed): main may send another. */
  | { type: 'read' }
  /** The first item is not a ChatGPT conversation; nothing else follows. */
  | { type: 'notChatGpt' }
  /** The list broke after `before` conversations (its JSON, or a `fail` from main). */
  | { type: 'listError'; detail: string; before: number }
  /** The list ended well; every result was sent. */
  | { type: 'done' }

/** A message's images as data: the closure that rebuilds its text cannot cross threads. */
interface WireFiles {
  files: PendingFile[]
  chatgptContent: unknown
}

export type WireResult =
  | { kind: 'session'; session: Session; messages: Message[]; files?: Map<string, WireFiles> }
  | { kind: 'failed'; code: ErrorCode; message: string }
  | { kind: 'skipped'; sessionId: string; reason: string }

export function toWire(result: ConversationResult): WireResult {
  switch (result.kind) {
    case 'failed':
      return { kind: 'failed', code: result.error.code, message: result.error.message }
    case 'skipped':
      return result
    case 'session': {
      const { session, messages, files } = result.parsed
      if (files === undefined) return { kind: 'session', session, messages }
      const wire = new Map<string, WireFiles>()
      for (const [id, f] of files)
        wire.set(id, { files: f.files, chatgptContent: f.chatgptContent })
      return { kind: 'session', session, messages, files: wire }
    }
  }
}

export function fromWire(wire: WireResult): ConversationResult {
  switch (wire.kind) {
    case 'failed':
      return { kind: 'failed', error: new MirrorError(wire.code, wire.message) }
    case 'skipped':
      return wire
    case 'session': {
      const { session, messages } = wire
      if (wire.files === undefined) return { kind: 'session', parsed: { session, messages } }
      const files = new Map<string, PendingMessageFiles>()
      for (const [id, f] of wire.files) {
        const assets = f.files.flatMap((file) => (file.kind === 'chatgpt' ? [file.assetId] : []))
        files.set(id, chatGptMessageFiles(f.chatgptContent, assets))
      }
      return { kind: 'session', parsed: { session, messages, files } }
    }
  }
}
