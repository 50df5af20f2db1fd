import type { RouteName, RouteOutput, RouteParsedInput } from '../../shared/routes'
import type { Mirror } from '../mirrorApi'
import { createAppHandlers } from './handlerGroups/app'
import { createBackupHandlers } from './handlerGroups/backup'
import { createAttachmentHandlers } from './handlerGroups/attachments'
import { createChatHandlers } from './handlerGroups/chat'
import { createContinuityHandlers } from './handlerGroups/continuity'
import { createEncryptionHandlers } from './handlerGroups/encryption'
import { createFolderHandlers } from './handlerGroups/folders'
import { createInstructionsHandlers } from './handlerGroups/instructions'
import { createMemoryHandlers } from './handlerGroups/memory'
import { createMessageHandlers } from './handlerGroups/messages'
import { createProviderHandlers } from './handlerGroups/providers'
import { createSessionHandlers } from './handlerGroups/sessions'
import { createStorageHandlers } from './handlerGroups/storage'
import { createTransferHandlers } from './handlerGroups/transfer'
import { createVaultHandlers } from './handlerGroups/vault'
import type { RequestContext } from './requestContext'

/** One handler per route: a missing or extra entry is a compile error. */
export type Handlers = {
  [K in RouteName]: (input: RouteParsedInput<K>, ctx: RequestContext) => Promise<RouteOutput<K>>
}

/** The handlers for the routes whose names start with `prefix` (e.g. `'sessions.'`). */
export type HandlerGroup<P extends string> = Pick<Handlers, Extract<RouteName, `${P}${string}`>>

export interface HostInfo {
  host: 'electron' | 'browser'
  version: string
  /** Whether a flag or AMOS_STORAGE chose the storage (a saved choice then waits). */
  storage?: { overridden: boolean }
}

/** Thin handlers, one group per domain in handlerGroups/: the router parses, the services work. */
export function createHandlers(mirror: Mirror, info: HostInfo): Handlers {
  return {
    ...createAppHandlers(mirror, info),
    ...createSessionHandlers(mirror),
    ...createFolderHandlers(mirror),
    ...createTransferHandlers(mirror),
    ...createVaultHandlers(mirror),
    ...createChatHandlers(mirror),
    ...createMessageHandlers(mirror),
    ...createProviderHandlers(mirror),
    ...createContinuityHandlers(mirror),
    ...createEncryptionHandlers(mirror),
    ...createInstructionsHandlers(mirror),
    ...createBackupHandlers(mirror),
    ...createAttachmentHandlers(mirror),
    ...createStorageHandlers(mirror, info),
    ...createMemoryHandlers(mirror),
  }
}
