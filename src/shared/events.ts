import { z } from 'zod'
import { MessageSchema } from './domain'

const ErrorInfoSchema = z.object({
  code: z.string(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
})

/** Main → renderer events, delivered only to the window (or socket) that made the request. */
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
} as const

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<K extends EventName> = z.output<Events[K]>
