import { z } from 'zod'
import { FolderSchema } from '../domain'
import { IdSchema as Id, route } from './route'

/** Trimmed, one line, 1–100 characters; uniqueness (ignoring case) is the service's check. */
export const FolderNameSchema = z.string().trim().min(1).max(100)

export const folderRoutes = {
  /** Every folder, by name. */
  'folders.list': route(z.object({}).strict(), z.array(FolderSchema)),
  'folders.create': route(z.object({ name: FolderNameSchema }).strict(), FolderSchema),
  'folders.rename': route(z.object({ id: Id, name: FolderNameSchema }).strict(), FolderSchema),
  /** Its sessions are kept: they go back to no folder. */
  'folders.delete': route(z.object({ id: Id }).strict(), z.object({ id: z.string() })),
} as const
