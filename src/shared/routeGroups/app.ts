import { z } from 'zod'
import { EmptyInputSchema, route } from './route'
import { StorageBackendKindSchema } from '../storageKinds'

export const AppInfoSchema = z.object({
  version: z.string(),
  storage: StorageBackendKindSchema,
  dataDir: z.string(),
  provider: z.object({
    id: z.string(),
    label: z.string(),
    model: z.string(),
    offline: z.boolean(),
  }),
  host: z.enum(['electron', 'browser']),
})
export type AppInfo = z.infer<typeof AppInfoSchema>

export const appRoutes = {
  'app.info': route(EmptyInputSchema, AppInfoSchema),
} as const
