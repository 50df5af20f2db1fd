import type { EventName } from '../../shared/events'
import type { ErrorInfo } from '../../shared/errorInfo'
import type { Result } from '../../shared/result'
import type { StorageKind } from '../mirrorApi'
import type { ImportReport } from '../../shared/routeGroups/transfer'

/**
 * The framing between a host's window-serving thread and the core's worker thread: one
 * protocol for the Electron main process and the browser host. Plain structured-cloneable
 * values only (postMessage); requests are routed by the worker's router, events and
 * broadcasts come back tagged with the request they belong to.
 */

/** What the worker needs to build the core (createMirror's options, plus host facts). */
export interface CoreConfig {
  dataDir: string
  storage?: StorageKind
  /** The PostgreSQL server for `storage: 'postgres'` (default: env AMOS_DATABASE_URL). */
  databaseUrl?: string
  /** A flag or AMOS_STORAGE chose the storage (a choice saved in Settings was not applied). */
  storageOverridden?: boolean
  host: 'electron' | 'browser'
  version: string
  /** Check route outputs against their schemas (development, tests, e2e). */
  validateOutput: boolean
  /** better-sqlite3 built for Electron's ABI (Electron only). */
  nativeBinding?: string
}

/** Commands the host itself issues (menus, the power monitor), outside the route table. */
export interface CoreCommands {
  importPaths: { args: [paths: string[]]; result: ImportReport }
  writeAllZip: { args: [file: string]; result: number }
  lockVault: { args: [reason: 'system']; result: void }
}
export type CoreCommandName = keyof CoreCommands

/** A worker's workerData: the config, and the entry to import when running from source. */
export interface CoreWorkerData {
  config: CoreConfig
  entryUrl?: string
}

export type HostToCore =
  | { type: 'request'; id: number; route: unknown; input: unknown; canDrag: boolean }
  /** The window or socket a request came from went away: run what the handler asked to. */
  | { type: 'senderClosed'; id: number }
  | { type: 'command'; id: number; name: CoreCommandName; args: unknown[] }
  | { type: 'shutdown' }

export type CoreToHost =
  | { type: 'ready' }
  | { type: 'startFailed'; error: ErrorInfo }
  | { type: 'response'; id: number; result: Result<unknown> }
  | { type: 'event'; id: number; event: EventName; payload: unknown }
  /** Nothing in the core can emit for request `id` any more (its context was collected). */
  | { type: 'release'; id: number }
  /** The handler of request `id` wants to know when its window or socket closes. */
  | { type: 'watchClose'; id: number }
  | { type: 'drag'; id: number; file: string }
  /** To every window; `exceptId` names a request whose window made the change and knows it. */
  | { type: 'broadcast'; event: EventName; payload: unknown; exceptId?: number }
  | { type: 'commandResult'; id: number; result: Result<unknown> }
  /** The mirror closed after a shutdown frame. */
  | { type: 'stopped' }
