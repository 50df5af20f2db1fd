import type { z } from 'zod'
import type { MessageMetadata } from '../../../../shared/domain'
import { MessageErrorSchema, ReflectionSchema, UsageSchema } from '../../../../shared/domain'

// Keys whose shape ActiveMirror relies on; the SDKs may use the same names for other shapes.
const TYPED_KEYS: Record<'usage' | 'reflection' | 'error', z.ZodType> = {
  usage: UsageSchema,
  reflection: ReflectionSchema,
  error: MessageErrorSchema,
}

/**
 * Keeps every metadata field of an imported message. A typed key holding a foreign shape is
 * moved to `imported<Key>` (e.g. `importedUsage`) rather than dropped or trusted.
 */
export function importMetadata(raw: Record<string, unknown>): MessageMetadata {
  const out: Record<string, unknown> = { ...raw }
  for (const [key, schema] of Object.entries(TYPED_KEYS)) {
    if (!(key in out) || schema.safeParse(out[key]).success) continue
    out[`imported${key[0]!.toUpperCase()}${key.slice(1)}`] = out[key]
    delete out[key]
  }
  return out as MessageMetadata
}
