import { z } from 'zod'
import type { Message } from '../../../shared/domain'
import { RoleSchema } from '../../../shared/domain'
import { importMetadata } from './importMetadata'
import { checkUniqueMessageIds, sdkMessageExtras } from './importShared'

/** A message as both ActiveMirrorOS SDKs (JS and Python) write it. */
export const SdkMessageSchema = z.looseObject({
  id: z.string().min(1).max(200),
  role: RoleSchema,
  content: z.string(),
  timestamp: z.string(),
  metadata: z.record(z.string(), z.unknown()).nullish(),
})

export type SdkMessage = z.infer<typeof SdkMessageSchema>

/**
 * The SDK's messages as ours; `timestamp` reads the SDK's own time format (the JS SDK writes ISO
 * times, the Python one naive local times). Message ids must be unique within the session.
 */
export function sdkMessages(
  sessionId: string,
  raw: readonly SdkMessage[],
  timestamp: (value: string, field: string) => string,
): Message[] {
  const messages: Message[] = raw.map((m, i) => {
    const metadata = importMetadata(m.metadata ?? {})
    return {
      id: m.id,
      sessionId,
      role: m.role,
      content: m.content,
      createdAt: timestamp(m.timestamp, `messages.${i}.timestamp`),
      ...sdkMessageExtras(metadata),
      metadata,
    }
  })
  checkUniqueMessageIds(messages)
  return messages
}
