import type { z } from 'zod'
import { appRoutes } from './routeGroups/app'
import { backupRoutes } from './routeGroups/backup'
import { attachmentRoutes } from './routeGroups/attachments'
import { chatRoutes } from './routeGroups/chat'
import { continuityRoutes } from './routeGroups/continuity'
import { encryptionRoutes } from './routeGroups/encryption'
import { folderRoutes } from './routeGroups/folders'
import { instructionsRoutes } from './routeGroups/instructions'
import { memoryRoutes } from './routeGroups/memory'
import { messageRoutes } from './routeGroups/messages'
import { providerRoutes } from './routeGroups/providers'
import { sessionRoutes } from './routeGroups/sessions'
import { storageRoutes } from './routeGroups/storage'
import { transferRoutes } from './routeGroups/transfer'
import { vaultRoutes } from './routeGroups/vault'

export { AppInfoSchema, type AppInfo } from './routeGroups/app'
export { UndoTokenSchema } from './routeGroups/messages'
export {
  ExportFileSchema,
  SessionPreferencesSchema,
  type ExportFile,
  type SessionPreferences,
} from './routeGroups/sessions'
export {
  ExportArchiveSchema,
  ImportProgressSchema,
  ImportReportSchema,
  SESSION_ZIP_MAX_BYTES,
  SessionZipArchiveSchema,
  UPLOAD_CHUNK_BYTES,
  type ExportArchive,
  type SessionZipArchive,
  type ImportProgress,
  type ImportReport,
} from './routeGroups/transfer'

/**
 * The one route table, assembled from one group per domain in routeGroups/.
 * Adding a call = an entry in its group + a handler + a service method + tests; the handler map
 * type in src/main/ipc/handlers.ts makes a missing or extra handler a compile error.
 */
export const routes = {
  ...appRoutes,
  ...sessionRoutes,
  ...folderRoutes,
  ...transferRoutes,
  ...vaultRoutes,
  ...chatRoutes,
  ...messageRoutes,
  ...providerRoutes,
  ...continuityRoutes,
  ...encryptionRoutes,
  ...instructionsRoutes,
  ...backupRoutes,
  ...attachmentRoutes,
  ...storageRoutes,
  ...memoryRoutes,
} as const

export type Routes = typeof routes
export type RouteName = keyof Routes
export type RouteInput<K extends RouteName> = z.input<Routes[K]['input']>
export type RouteParsedInput<K extends RouteName> = z.output<Routes[K]['input']>
export type RouteOutput<K extends RouteName> = z.output<Routes[K]['output']>

export function isRouteName(name: unknown): name is RouteName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(routes, name)
}
