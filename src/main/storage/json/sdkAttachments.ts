import { AttachmentRefSchema } from '../../../shared/attachments'
import type { Message } from '../../../shared/domain'
import { SDK_MIRROR_KEY } from '../../formats/sdkMessageFields'
import { isJsonObject } from './sdkFormat'
import type { JsonObject } from './sdkFormat'

/**
 * A message's attachment references in an SDK file live only in `metadata.activemirror.
 * attachments`: the SDK keeps a message's metadata whole (and drops unknown top-level fields),
 * and knows nothing of files. Unreadable references are left out of the domain message.
 */
export function attachmentsFromSdk(metadata: unknown): Message['attachments'] {
  const mirror = isJsonObject(metadata) ? metadata[SDK_MIRROR_KEY] : undefined
  const list = isJsonObject(mirror) ? mirror.attachments : undefined
  if (!Array.isArray(list)) return undefined
  const refs = list.flatMap((item) => AttachmentRefSchema.safeParse(item).data ?? [])
  return refs.length > 0 ? refs : undefined
}

/** `out.metadata` with the message's references put in (or taken out of) our copy. */
export function putAttachments(out: JsonObject, message: Message): void {
  const metadata = isJsonObject(out.metadata) ? out.metadata : null
  const mirror =
    metadata && isJsonObject(metadata[SDK_MIRROR_KEY]) ? metadata[SDK_MIRROR_KEY] : null
  const refs = message.attachments ?? []
  if (refs.length === 0) {
    if (!mirror || !Object.hasOwn(mirror, 'attachments')) return
    const { attachments: _gone, ...rest } = mirror
    const { [SDK_MIRROR_KEY]: _old, ...others } = metadata!
    out.metadata = Object.keys(rest).length > 0 ? { ...others, [SDK_MIRROR_KEY]: rest } : others
    return
  }
  out.metadata = { ...metadata, [SDK_MIRROR_KEY]: { ...mirror, attachments: refs } }
}
