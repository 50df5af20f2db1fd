import { z } from 'zod'
import { MessageSchema } from './domain'
import { ErrorInfoSchema } from './errorInfo'
import { ImportProgressSchema, ImportReportSchema } from './routeGroups/transfer'

/** The outcome of File ▸ Import… or File ▸ Export all… (desktop menus run in the main process). */
const MenuTransferSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('import'), report: ImportReportSchema }),
  z.object({
    kind: z.literal('exportAll'),
    fileName: z.string(),
    sessionCount: z.number().int().nonnegative(),
  }),
  z.object({
    kind: z.literal('error'),
    action: z.enum(['import', 'exportAll']),
    error: ErrorInfoSchema,
  }),
])
export type MenuTransferEvent = z.output<typeof MenuTransferSchema>

/** Main → renderer events, delivered only to the window (or socket) that made the request. */
/** More changed sessions than this in one `sessions.changed` become `all: true`. */
export const MAX_CHANGED_SESSION_IDS = 100

export const events = {
  'chat.started': z.object({
    requestId: z.string(),
    sessionId: z.string(),
    provider: z.string(),
    model: z.string(),
  }),
  'chat.delta': z.object({ requestId: z.string(), sessionId: z.string(), text: z.string() }),
  'chat.done': z.object({ requestId: z.string(), sessionId: z.string(), message: MessageSchema }),
  /** `message` is the partial reply that was kept (status failed/stopped), if any text arrived. */
  'chat.error': z.object({
    requestId: z.string(),
    sessionId: z.string(),
    error: ErrorInfoSchema,
    message: MessageSchema.nullable(),
  }),
  /** An automatic title, made after the session's first reply (to the window that sent it). */
  'sessions.titled': z.object({ sessionId: z.string(), title: z.string() }),
  /** Vault events go to every window (or socket) of the mirror, not just the one that asked. */
  'vault.locked': z.object({ reason: z.enum(['manual', 'idle', 'system', 'closed']) }),
  'vault.unlocked': z.object({ method: z.enum(['password', 'keychain', 'init', 'restore']) }),
  /**
   * To every window: another process (the CLI, a second app, the browser host) created,
   * changed or deleted these sessions or their messages. `all`: more changed than listed, read
   * everything shown again. The ids may include this process's own recent changes. `folders`:
   * folders were created, renamed or deleted (read the folder list again; `all` implies it).
   */
  'sessions.changed': z.object({
    sessionIds: z.array(z.string()).max(MAX_CHANGED_SESSION_IDS),
    all: z.boolean(),
    folders: z.boolean().optional(),
  }),
  /**
   * To every window: another process changed the vault file (created or restored it, changed
   * its password or remembered flag, its entries): read its status and entries again. Locking
   * is per process (each holds its own key), so another process locking does not lock this one.
   */
  'vault.changed': z.object({}),
  /** A chunked upload's import (import.commit): throttled progress, then one done with the report. */
  'import.progress': ImportProgressSchema,
  'import.done': z.object({ uploadId: z.string(), report: ImportReportSchema }),
  /**
   * To every window: the core (storage, crypto, providers; it runs in a worker thread) stopped
   * unexpectedly and was restarted. Open requests failed with CORE_RESTARTED; the vault is locked.
   */
  'core.restarted': z.object({ reason: z.string() }),
  /** To every window: the core stopped too often and was not restarted (CORE_UNAVAILABLE). */
  'core.stopped': z.object({ reason: z.string() }),
  /**
   * To every window: memories or suggestions changed (drafted, accepted, rejected, edited,
   * deleted, imported); `pending` is the count of suggestions waiting (the review badge).
   */
  'memory.changed': z.object({ pending: z.number().int().nonnegative() }),
  /** Desktop only, to every window: what a File menu command did. */
  'menu.transfer': MenuTransferSchema,
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)
}

/** An event payload that does not match the events table (development and test builds check). */
export class EventContractError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'EventContractError'
  }
}

/**
 * Parses an event against its schema in the events table, both where main emits it and where
 * the renderer's bridge receives it. Throws EventContractError naming the event and the field.
 */
export function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E>
export function parseEvent(event: string, payload: unknown): unknown
export function parseEvent(event: string, payload: unknown): unknown {
  if (!isEventName(event)) throw new EventContractError(`Unknown event: ${event.slice(0, 100)}`)
  const parsed = events[event].safeParse(payload)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]
  const where = issue && issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ` : ''
  throw new EventContractError(
    `Event ${event} does not match its schema: ${where}${issue?.message ?? 'invalid'}`,
  )
}
