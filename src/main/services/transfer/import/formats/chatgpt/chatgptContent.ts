const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

// What a non-text part becomes: the bytes themselves are not in conversations.json.
const PLACEHOLDERS: Record<string, string> = {
  image_asset_pointer: '[image]',
  audio_asset_pointer: '[audio]',
  real_time_user_audio_video_asset_pointer: '[audio/video]',
  video_container_asset_pointer: '[video]',
}

// `file-service://file-AbC…` (older exports) or `sediment://file_0000…` (newer ones).
const ASSET_POINTER = /^(?:file-service|sediment):\/\/(file[-_][A-Za-z0-9]+)$/

/** The `file-…` id an image part points at (the zip entry that holds it), if any. */
function imageAssetId(part: unknown): string | null {
  if (!isRecord(part) || part.content_type !== 'image_asset_pointer') return null
  const pointer = part.asset_pointer
  return typeof pointer === 'string' ? (ASSET_POINTER.exec(pointer)?.[1] ?? null) : null
}

/** The ids of the images a message's parts point at, in order (importFiles.ts finds them). */
export function chatGptImageAssets(content: unknown): string[] {
  if (!isRecord(content) || !Array.isArray(content.parts)) return []
  return content.parts.map(imageAssetId).filter((id): id is string => id !== null)
}

function partText(part: unknown, found: ReadonlySet<string>): string {
  if (typeof part === 'string') return part
  if (!isRecord(part)) return ''
  // An image brought in as an attachment needs no placeholder.
  const asset = imageAssetId(part)
  if (asset !== null && found.has(asset)) return ''
  const type = typeof part.content_type === 'string' ? part.content_type : 'attachment'
  // Voice messages carry their transcript as text.
  if (typeof part.text === 'string' && part.text.trim() !== '') return part.text
  return PLACEHOLDERS[type] ?? `[${type.replace(/_/g, ' ')}]`
}

/**
 * A ChatGPT message's content as plain text: string parts verbatim, image (and other asset)
 * pointers as placeholders like "[image]" (except the images in `found`, which became
 * attachments), code as a fenced block.
 */
export function chatGptContentText(
  content: unknown,
  found: ReadonlySet<string> = new Set(),
): string {
  if (!isRecord(content)) return ''
  const type = typeof content.content_type === 'string' ? content.content_type : 'text'
  if (Array.isArray(content.parts)) {
    const parts = content.parts.map((part) => partText(part, found)).filter((text) => text !== '')
    return parts.join(type === 'text' ? '\n' : '\n\n')
  }
  if (typeof content.text === 'string') {
    if (type === 'code') {
      const language = typeof content.language === 'string' ? content.language : ''
      return `\`\`\`${language === 'unknown' ? '' : language}\n${content.text}\n\`\`\``
    }
    return content.text
  }
  if (typeof content.result === 'string') return content.result
  return ''
}

/** A title for a conversation that has none: the start of the first user message. */
export function madeUpTitle(firstUserText: string | undefined): string {
  const text = (firstUserText ?? '').replace(/\s+/g, ' ').trim()
  if (text === '') return 'ChatGPT conversation'
  if (text.length <= 60) return text
  const cut = text.slice(0, 60)
  const space = cut.lastIndexOf(' ')
  return `${(space > 30 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The typed text of a message only (no placeholders), for making up a title. */
export function chatGptTypedText(content: unknown): string {
  if (!isRecord(content) || !Array.isArray(content.parts)) return ''
  return content.parts.filter((p): p is string => typeof p === 'string').join(' ')
}
