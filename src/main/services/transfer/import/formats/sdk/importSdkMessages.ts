import { z } from 'zod'
import type { Message } from '../../../../../../shared/domain'
import { RoleSchema } from '../../../../../../shared/domain'
import { importMetadata } from '../../importMetadata'
import { messageExtrasFromSdk, withoutSdkMirror } from '../../../../../formats/sdkMessageFields'
import { checkUniqueMessageIds } from '../../importShared'

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
    const metadata = importMetadata(withoutSdkMirror(m.metadata ?? {}))
    return {
      id: m.id,
      sessionId,
      role: m.role,
      content: m.content,
      createdAt: timestamp(m.timestamp, `messages.${i}.timestamp`),
      // Read as the JSON store reads them; the text of a message that was sensitive is not in
      // the file (it stayed in its vault), so an import never claims to hold it.
      ...messageExtrasFromSdk(m, m.metadata),
      sensitive: false,
      metadata,
    }
  })
  checkUniqueMessageIds(messages)
  return messages
}
