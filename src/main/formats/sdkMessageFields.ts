import type { Message } from '../../shared/domain'
import { MessageStatusSchema, PatternSchema, UncertaintyLevelSchema } from '../../shared/domain'

/**
 * ActiveMirror's per-message fields as they travel in ActiveMirrorOS SDK files. The SDKs keep a
 * message's `metadata` object whole but drop top-level fields they do not know, so we write ours
 * at the top level (readable) and again inside `metadata.activemirror` (kept by the SDK). The JSON
 * store and the importers read them with the same function, so opening a folder and importing it
 * give the same messages.
 */
export const SDK_MIRROR_KEY = 'activemirror'

export type MessageExtras = Pick<
  Message,
  'pattern' | 'uncertainty' | 'sensitive' | 'status' | 'provider' | 'model'
>

/** Our fields' values on a message that says nothing of them. */
export const MESSAGE_EXTRA_DEFAULTS: Readonly<MessageExtras> = {
  pattern: null,
  uncertainty: null,
  sensitive: false,
  status: 'complete',
  provider: null,
  model: null,
}

const READERS: { [K in keyof MessageExtras]: (value: unknown) => MessageExtras[K] | undefined } = {
  pattern: (v) => (v === null ? null : PatternSchema.safeParse(v).data),
  uncertainty: (v) => (v === null ? null : UncertaintyLevelSchema.safeParse(v).data),
  sensitive: (v) => (typeof v === 'boolean' ? v : undefined),
  status: (v) => MessageStatusSchema.safeParse(v).data,
  provider: (v) => (v === null || typeof v === 'string' ? v : undefined),
  model: (v) => (v === null || typeof v === 'string' ? v : undefined),
}

// The SDKs' reflective clients put these in a message's metadata under the same names.
const SDK_METADATA_NAMES = new Set<keyof MessageExtras>([
  'pattern',
  'uncertainty',
  'provider',
  'model',
])

const asObject = (value: unknown): Record<string, unknown> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined

/**
 * Each field from the first place that holds a valid value: the message's top level (ours),
 * `metadata.activemirror` (our copy the SDK kept), the SDK's own metadata name, else the default.
 */
export function messageExtrasFromSdk(
  top: Record<string, unknown>,
  metadata: Record<string, unknown> | null | undefined,
): MessageExtras {
  const mirror = asObject(metadata?.[SDK_MIRROR_KEY]) ?? {}
  const out = { ...MESSAGE_EXTRA_DEFAULTS } as Record<keyof MessageExtras, unknown>
  for (const key of Object.keys(MESSAGE_EXTRA_DEFAULTS) as (keyof MessageExtras)[]) {
    const read = READERS[key]
    const sources = [top, mirror, SDK_METADATA_NAMES.has(key) ? (metadata ?? {}) : {}]
    for (const source of sources) {
      if (!Object.hasOwn(source, key)) continue
      const value = read(source[key])
      if (value !== undefined) {
        out[key] = value
        break
      }
    }
  }
  return out as MessageExtras
}

/** Our copy for `metadata.activemirror`: only the fields that differ from their defaults. */
export function sdkMirrorOf(extras: MessageExtras): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(MESSAGE_EXTRA_DEFAULTS) as (keyof MessageExtras)[]) {
    if (extras[key] !== MESSAGE_EXTRA_DEFAULTS[key]) out[key] = extras[key]
  }
  return Object.keys(out).length > 0 ? out : undefined
}

/** A message's metadata without our copy (the domain never sees `metadata.activemirror`). */
export function withoutSdkMirror(metadata: Record<string, unknown>): Record<string, unknown> {
  if (!Object.hasOwn(metadata, SDK_MIRROR_KEY)) return metadata
  const { [SDK_MIRROR_KEY]: _mirror, ...rest } = metadata
  return rest
}

/** The SDK's userId for sessions created without one. */
export const SDK_DEFAULT_USER_ID = 'anonymous'

/**
 * An SDK session's `userId` as ActiveMirror keeps it (in session metadata): only a real one; the
 * SDK's default says nothing, and an SDK file without a userId gets the default back on write.
 */
export function userIdFromSdk(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' && value !== SDK_DEFAULT_USER_ID
    ? value
    : undefined
}
