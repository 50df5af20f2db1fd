import { z } from 'zod'
import { ErrorInfoSchema } from '../errorInfo'
import { PROVIDER_KINDS } from '../providerKinds'
import { IdSchema as Id, route } from './route'

export {
  DEFAULT_EMBEDDING_MODELS,
  DEFAULT_MODELS,
  PROVIDER_KIND_LABELS,
  PROVIDER_KINDS,
} from '../providerKinds'
export type { ProviderKind } from '../providerKinds'

export const ProviderKindSchema = z.enum(PROVIDER_KINDS)

/** A provider as the renderer and the CLI see it: never the key, only whether one is stored. */
export const ProviderInfoSchema = z.object({
  id: z.string(),
  type: z.union([ProviderKindSchema, z.literal('offline')]),
  label: z.string(),
  model: z.string(),
  /** The URL requests go to (configured or the kind's default); null for the offline engine. */
  baseUrl: z.string().nullable(),
  /** What the user configured, null when the model's known window or a default applies. */
  configuredContextWindow: z.number().int().nullable(),
  /** Tokens planned for when fitting the conversation. */
  contextWindow: z.number().int(),
  /** The embedding model semantic recall uses (named or the kind's default); null: cannot embed. */
  embeddingModel: z.string().nullable(),
  /** What the user named, null when the kind's default (or none) applies. */
  configuredEmbeddingModel: z.string().nullable(),
  hasKey: z.boolean(),
  keyRequired: z.boolean(),
  builtIn: z.boolean(),
  isDefault: z.boolean(),
})
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>

export const ProviderListSchema = z.object({
  /** The offline engine first, then the configured providers in the order they were added. */
  providers: z.array(ProviderInfoSchema),
  defaultProviderId: z.string(),
})
export type ProviderList = z.infer<typeof ProviderListSchema>

export const ConnectionTestSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    models: z.array(z.string()),
    /** False when an OpenAI-compatible server does not list the model (many serve any name). */
    modelListed: z.boolean(),
    latencyMs: z.number(),
  }),
  z.object({ ok: z.literal(false), error: ErrorInfoSchema }),
])
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>

const Label = z.string().trim().min(1).max(80)
const BaseUrl = z.string().trim().min(1).max(2_000)
const Model = z.string().trim().min(1).max(200)
const ContextWindow = z.number().int().min(256).max(10_000_000)

export const ProviderDraftSchema = z
  .object({
    id: z.string().min(1).max(40),
    type: ProviderKindSchema,
    label: Label.optional(),
    baseUrl: BaseUrl.optional(),
    model: Model,
    contextWindow: ContextWindow.optional(),
    /** Embedding model for semantic recall (default per kind; Anthropic has none). */
    embeddingModel: Model.optional(),
  })
  .strict()
export type ProviderDraft = z.infer<typeof ProviderDraftSchema>

/** `null` clears an optional field. */
export const ProviderPatchSchema = z
  .object({
    type: ProviderKindSchema.optional(),
    label: Label.optional(),
    baseUrl: BaseUrl.nullable().optional(),
    model: Model.optional(),
    contextWindow: ContextWindow.nullable().optional(),
    embeddingModel: Model.nullable().optional(),
  })
  .strict()
export type ProviderPatchInput = z.infer<typeof ProviderPatchSchema>

export const providerRoutes = {
  'providers.list': route(z.object({}).strict(), ProviderListSchema),
  'providers.add': route(ProviderDraftSchema, ProviderInfoSchema),
  'providers.update': route(
    z.object({ id: Id, patch: ProviderPatchSchema }).strict(),
    ProviderInfoSchema,
  ),
  /** Also deletes the provider's key from the keychain. */
  'providers.remove': route(z.object({ id: Id }).strict(), z.object({ removed: z.boolean() })),
  /** The only route a key ever crosses, renderer → main; it never comes back. */
  'providers.setKey': route(
    z.object({ id: Id, key: z.string().min(1).max(4_096) }).strict(),
    ProviderInfoSchema,
  ),
  'providers.clearKey': route(z.object({ id: Id }).strict(), ProviderInfoSchema),
  /** `null` or `offline` makes the offline engine the default again. */
  'providers.setDefault': route(z.object({ id: Id.nullable() }).strict(), ProviderListSchema),
  'providers.models': route(
    z.object({ id: Id }).strict(),
    z.object({ models: z.array(z.string()) }),
  ),
  'providers.test': route(z.object({ id: Id }).strict(), ConnectionTestSchema),
} as const
