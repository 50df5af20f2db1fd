import { z } from 'zod'
import { RoleSchema } from '../../../shared/domain'

/**
 * The ActiveMirrorOS JS SDK folder store (docs/json-store.md). Schemas are loose: fields we do not know pass through
 * and are written back unchanged. Our own fields are optional because SDK files lack them.
 */

export type JsonObject = Record<string, unknown>

export const INDEX_FILE = 'index.json'

const JsonObjectSchema = z.record(z.string(), z.unknown())

export const SdkIndexSchema = z.looseObject({
  sessions: z.array(z.string()),
  updatedAt: z.unknown().optional(),
})

export const SdkMessageSchema = z.looseObject({
  id: z.string().min(1),
  sessionId: z.string().optional(),
  role: RoleSchema,
  content: z.string(),
  timestamp: z.string().min(1),
  metadata: JsonObjectSchema.nullable().optional(),
  // ActiveMirror's own fields (pattern, sensitive, …) pass through loosely and are read by
  // messageExtrasFromSdk: a value it cannot use falls back, it never makes the file unusable.
})
export type SdkMessage = z.infer<typeof SdkMessageSchema>

export const SdkSessionSchema = z.looseObject({
  id: z.string().min(1),
  title: z.string().nullable().optional(),
  createdAt: z.string().min(1),
  updatedAt: z.string().min(1),
  userId: z.unknown().optional(),
  // Each message is read on its own, so one damaged message does not make the session unusable.
  messages: z.array(z.unknown()),
  archived: z.unknown().optional(),
  metadata: z.unknown().optional(),
})
export type SdkSession = z.infer<typeof SdkSessionSchema>

const SAFE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,199}$/
// `index` would collide with index.json; the rest are device names on Windows.
const RESERVED_ID = /^(index|con|prn|aux|nul|com\d|lpt\d)$/i

/** Session ids become file names, so only plain names are allowed. */
export function isSafeSessionId(id: string): boolean {
  return SAFE_ID.test(id) && !RESERVED_ID.test(id) && !id.endsWith('.')
}

export function sessionFileName(id: string): string {
  return `${id}.json`
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string }

/** One short line naming the first thing wrong with a file. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'it has the wrong shape'
  const path = issue.path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
    .join('')
  return path ? `${path}: ${issue.message}` : issue.message
}

export function parseJsonObject(text: string): Parsed<JsonObject> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return { ok: false, reason: `not valid JSON (${(error as Error).message})` }
  }
  if (!isJsonObject(value)) return { ok: false, reason: 'not a JSON object' }
  return { ok: true, value }
}

export interface IndexFile {
  /** The parsed object as it is on disk, unknown fields included. */
  raw: JsonObject
  sessions: string[]
}

export function parseIndex(text: string): Parsed<IndexFile> {
  const parsed = parseJsonObject(text)
  if (!parsed.ok) return parsed
  const result = SdkIndexSchema.safeParse(parsed.value)
  if (!result.success) return { ok: false, reason: describeZodError(result.error) }
  return { ok: true, value: { raw: parsed.value, sessions: result.data.sessions } }
}

/** The index to write: the current one with its session list replaced, unknown fields kept. */
export function indexToFile(raw: JsonObject | null, sessions: string[], now: Date): JsonObject {
  const unique = [...new Set(sessions)]
  return { ...(raw ?? {}), sessions: unique, updatedAt: now.toISOString() }
}
