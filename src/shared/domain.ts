import { z } from 'zod'
import { AttachmentRefSchema, AttachmentUseRecordSchema } from './attachments'
import { StoredErrorSchema } from './errorInfo'

export const PATTERNS = ['exploratory', 'analytical', 'creative', 'strategic'] as const
export const PatternSchema = z.enum(PATTERNS)
export type Pattern = z.infer<typeof PatternSchema>

export const UNCERTAINTY_LEVELS = ['none', 'low', 'medium', 'high'] as const
export const UncertaintyLevelSchema = z.enum(UNCERTAINTY_LEVELS)
export type UncertaintyLevel = z.infer<typeof UncertaintyLevelSchema>

/**
 * `tool` and `function` come from other programs (the ActiveMirrorOS SDK stores any role, and
 * OpenAI-style tool results use them); ActiveMirror never writes them itself, but keeps and shows
 * them. Providers never receive them as roles (see docs/providers.md).
 */
export const ROLES = ['user', 'assistant', 'system', 'tool', 'function'] as const
export const RoleSchema = z.enum(ROLES)
export type Role = z.infer<typeof RoleSchema>

export const MessageStatusSchema = z.enum(['complete', 'stopped', 'failed'])
export type MessageStatus = z.infer<typeof MessageStatusSchema>

export const IsoDateSchema = z.string().min(1)

export const UsageSchema = z.object({
  inputTokens: z.number().int().nonnegative().nullable(),
  outputTokens: z.number().int().nonnegative().nullable(),
})
export type Usage = z.infer<typeof UsageSchema>

export const UncertaintyMarkerSchema = z.object({
  level: z.enum(['low', 'medium', 'high']),
  /** UTF-16 offset of the marker in the reply text. */
  index: z.number().int().nonnegative(),
  /** The exact marker text as it appears (`⟨low⟩`, `⟨medium⟩`, `⟨⟨high⟩⟩`). */
  raw: z.string(),
})
export type UncertaintyMarker = z.infer<typeof UncertaintyMarkerSchema>

export const ReflectionSchema = z.object({
  /** Highest uncertainty marked in the reply; `none` when no marker appears. */
  level: UncertaintyLevelSchema,
  markers: z.array(UncertaintyMarkerSchema),
  glyphs: z.array(z.string()),
  /** 0..5: how many reflective moves the reply makes (see docs/reflection.md). */
  depth: z.number().int().min(0).max(5),
})
export type Reflection = z.infer<typeof ReflectionSchema>

/** A failed reply's error; unknown stored codes read as INTERNAL (see StoredErrorSchema). */
export const MessageErrorSchema = StoredErrorSchema

/** How recall found a snippet: its words, vector similarity (semantic recall), or both. */
export const RecallMatchSchema = z.enum(['keywords', 'meaning', 'both'])
export type RecallMatch = z.infer<typeof RecallMatchSchema>

/** Something besides the conversation that the model was given for a reply (shown as chips). */
export const ContextSourceUseSchema = z.object({
  kind: z.enum(['memory', 'recall']),
  id: z.string(),
  label: z.string(),
  sessionId: z.string().optional(),
  messageId: z.string().optional(),
  /** Recall only; absent on replies stored before it was recorded. */
  match: RecallMatchSchema.optional(),
})
export type ContextSourceUse = z.infer<typeof ContextSourceUseSchema>

/**
 * A context source left out of a reply (`recall`, `vault-memories`, …): `slow` when it was
 * still running when the request had to leave (docs/continuity.md).
 */
export const SkippedContextSourceSchema = z.object({
  id: z.string(),
  reason: z.enum(['slow']),
})
export type SkippedContextSource = z.infer<typeof SkippedContextSourceSchema>

/**
 * Memories and recall kept from a reply's model: "Send memories only to local models" was on
 * and the provider is not local (docs/memory.md).
 */
export const WithheldContextSchema = z.object({
  memories: z.boolean(),
  recall: z.boolean(),
  reason: z.enum(['localOnly']),
})
export type WithheldContext = z.infer<typeof WithheldContextSchema>

/**
 * What a reply's model was given: token counts and the ids of the stored messages included.
 * Never any text: the system prompt can be recomputed, and memories must not be copied here.
 */
export const ContextRecordSchema = z.object({
  tokens: z.object({
    used: z.number().int().nonnegative(),
    window: z.number().int().positive(),
  }),
  messageIds: z.array(z.string()),
  truncated: z.boolean(),
  /** `o200k_base`, `cl100k_base`, or `estimate` where no tokenizer is published. */
  tokenizer: z.string().optional(),
  /** The attachments of the messages above, and how each reached the model. */
  attachments: z.array(AttachmentUseRecordSchema).optional(),
})
export type ContextRecord = z.infer<typeof ContextRecordSchema>

/** Known metadata keys are typed; anything else (imported fields) is kept as-is. */
export const MessageMetadataSchema = z
  .object({
    usage: UsageSchema.optional(),
    reflection: ReflectionSchema.optional(),
    error: MessageErrorSchema.optional(),
    contextSources: z.array(ContextSourceUseSchema).optional(),
    contextSkipped: z.array(SkippedContextSourceSchema).optional(),
    contextWithheld: WithheldContextSchema.optional(),
    context: ContextRecordSchema.optional(),
  })
  .catchall(z.unknown())
export type MessageMetadata = z.infer<typeof MessageMetadataSchema>

export const MessageSchema = z.object({
  id: z.string().min(1),
  sessionId: z.string().min(1),
  role: RoleSchema,
  content: z.string(),
  createdAt: IsoDateSchema,
  pattern: PatternSchema.nullable(),
  uncertainty: UncertaintyLevelSchema.nullable(),
  sensitive: z.boolean(),
  status: MessageStatusSchema,
  provider: z.string().nullable(),
  model: z.string().nullable(),
  metadata: MessageMetadataSchema,
  /** Files attached to the message (docs/attachments.md); left out or empty: none. */
  attachments: z.array(AttachmentRefSchema).optional(),
  /**
   * Messages form a tree (docs/storage.md): the message this one answers or follows, null for a
   * first message. Always set on messages read from storage; left out of a message handed to
   * `appendMessage`, it means "below the session's current leaf".
   */
  parentId: z.string().min(1).nullable().optional(),
  /** 1-based position among its siblings (same parent), oldest first; set on path listings. */
  versionIndex: z.number().int().positive().optional(),
  /** How many siblings (versions) share this message's position, itself included. */
  versionCount: z.number().int().positive().optional(),
})
export type Message = z.infer<typeof MessageSchema>

export const SessionSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  createdAt: IsoDateSchema,
  updatedAt: IsoDateSchema,
  /** Every message stored in the session, all versions included. */
  messageCount: z.number().int().nonnegative(),
  archived: z.boolean(),
  metadata: z.record(z.string(), z.unknown()),
  /**
   * The last message of the current path (null while the session is empty). Always set on
   * sessions read from storage; storage keeps it (a session given to createSession or
   * importSession may leave it out: importSession then picks the newest leaf).
   */
  currentLeafId: z.string().min(1).nullable().optional(),
  /**
   * Pinned sessions list before all others. Always set on sessions read from storage (optional
   * so sessions written by older versions and other programs still parse).
   */
  pinned: z.boolean().optional(),
  /** The folder the session is filed in, null for none. Always set on sessions from storage. */
  folderId: z.string().min(1).nullable().optional(),
})
export type Session = z.infer<typeof SessionSchema>

/** A folder sessions can be filed in (docs/organising.md). Names are unique ignoring case. */
export const FolderSchema = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  createdAt: IsoDateSchema,
})
export type Folder = z.infer<typeof FolderSchema>

export const SessionPageSchema = z.object({
  items: z.array(SessionSchema),
  /** Opaque cursor for the next (older) page; null when there is none. */
  nextCursor: z.string().nullable(),
})
export type SessionPage = z.infer<typeof SessionPageSchema>

export const MessagePageSchema = z.object({
  /** Oldest first. */
  items: z.array(MessageSchema),
  /** True when older messages exist before `items[0]`. */
  hasOlder: z.boolean(),
})
export type MessagePage = z.infer<typeof MessagePageSchema>

export const SearchHitSchema = z.object({
  sessionId: z.string(),
  sessionTitle: z.string(),
  messageId: z.string(),
  role: RoleSchema,
  createdAt: IsoDateSchema,
  /** Excerpt around the match; matched terms wrapped in SNIPPET_OPEN / SNIPPET_CLOSE. */
  snippet: z.string(),
  /**
   * False when the hit is an inactive version (another branch): opening it means switching the
   * session to that message first. Optional so hits from older clients still parse.
   */
  onCurrentPath: z.boolean().optional(),
  /** True when the hit's session is archived (shown with an "Archived" marker). */
  sessionArchived: z.boolean().optional(),
})
export type SearchHit = z.infer<typeof SearchHitSchema>

export { SNIPPET_CLOSE, SNIPPET_OPEN } from './snippet'
