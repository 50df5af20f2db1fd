import type { Pattern, UncertaintyLevel } from '../../../shared/domain'
import type { EventPayload } from '../../../shared/events'
import type { SessionMessages, TreeSlice } from './chatTree'

export type { SessionMessages } from './chatTree'

/** A reply being streamed: only its own component re-renders as text arrives. */
export interface Stream {
  requestId: string
  sessionId: string
  text: string
}

export interface SendInput {
  text: string
  pattern: Pattern
  uncertainty: UncertaintyLevel
  sensitive: boolean
  /** Staged attachment ids (attachments.finish), in order. */
  attachments?: string[]
  /** Keep the images on the message but leave them out of the request (MODEL_NO_VISION). */
  withoutImages?: boolean
}

/** A send refused with MODEL_NO_VISION: the composer asks what to do (never a silent drop). */
export interface VisionChoice {
  sessionId: string
  model: string
  images: string[]
  visionProviders: Array<{ id: string; label: string; model: string }>
}

export interface ChatState extends TreeSlice {
  bySession: Record<string, SessionMessages>
  streams: Record<string, Stream>
  /** sessionId → requestId of the reply streaming there. */
  activeBySession: Record<string, string>
  /** Sessions with a send in flight (before the request id is known). */
  sending: Record<string, boolean>
  /** The message a search hit pointed to: scrolled to and highlighted once. */
  highlight: { sessionId: string; messageId: string } | null
  visionChoice: VisionChoice | null
  dismissVisionChoice(): void
  open(sessionId: string): Promise<void>
  /** Opens the page around a message; `switchTo` first makes its branch current (a search hit). */
  openAt(sessionId: string, messageId: string, options?: { switchTo?: boolean }): Promise<void>
  loadOlder(sessionId: string): Promise<void>
  send(sessionId: string, input: SendInput): Promise<boolean>
  stop(sessionId: string): Promise<void>
  clearHighlight(): void
  /** Reload a session's newest page (after a reconnect, when events may have been missed). */
  reload(sessionId: string): Promise<void>
  /** The socket dropped: replies streaming over it will never finish; keep what arrived. */
  connectionLost(): void
  started(event: EventPayload<'chat.started'>): void
  delta(event: EventPayload<'chat.delta'>): void
  done(event: EventPayload<'chat.done'>): void
  failed(event: EventPayload<'chat.error'>): void
}
