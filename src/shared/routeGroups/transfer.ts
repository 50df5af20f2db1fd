import { z } from 'zod'
import { route } from './route'

export const ImportReportSchema = z.object({
  imported: z.array(z.object({ file: z.string(), sessionId: z.string(), title: z.string() })),
  skipped: z.array(z.object({ file: z.string(), sessionId: z.string(), reason: z.string() })),
  failed: z.array(z.object({ file: z.string(), code: z.string(), reason: z.string() })),
})
export type ImportReport = z.infer<typeof ImportReportSchema>

export const transferRoutes = {
  'import.files': route(
    z
      .object({
        files: z
          .array(
            z
              .object({ name: z.string().max(500), content: z.string().max(50 * 1024 * 1024) })
              .strict(),
          )
          .min(1)
          .max(100),
      })
      .strict(),
    ImportReportSchema,
  ),
} as const
