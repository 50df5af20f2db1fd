import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { ProviderKindSchema } from '../../shared/routeGroups/providers'
import type { ProviderKind } from '../../shared/routeGroups/providers'

export type ProviderType = ProviderKind

/** Where each kind listens when no base URL is given (OpenAI-compatible servers have no default). */
export const DEFAULT_BASE_URLS: Record<ProviderType, string | null> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  ollama: 'http://127.0.0.1:11434',
  'openai-compatible': null,
}

/** Kinds that cannot work without an API key (OpenAI-compatible servers often need none). */
export const KEY_REQUIRED: Record<ProviderType, boolean> = {
  openai: true,
  anthropic: true,
  ollama: false,
  'openai-compatible': false,
}

export const RESERVED_PROVIDER_IDS = ['offline']

const ProviderIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,39}$/,
    'Use 1–40 lowercase letters, digits, "-" or "_", starting with a letter or digit.',
  )
  .refine(
    (id) => !RESERVED_PROVIDER_IDS.includes(id),
    'This id is reserved for the offline engine.',
  )

const BaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.protocol === 'http:' || url.protocol === 'https:'
    } catch {
      return false
    }
  }, 'Enter a full http:// or https:// URL.')
  .refine((value) => {
    try {
      const url = new URL(value)
      return url.username === '' && url.password === ''
    } catch {
      return true
    }
  }, 'Do not put credentials in the URL; use the API key field.')
  .transform((value) => value.replace(/\/+$/, ''))

export const ProviderConfigSchema = z
  .object({
    id: ProviderIdSchema,
    type: ProviderKindSchema,
    label: z.string().trim().min(1, 'Give the provider a name.').max(80),
    baseUrl: BaseUrlSchema.optional(),
    model: z.string().trim().min(1, 'Choose a model.').max(200),
    /** Tokens the model accepts; when unset, a known value for the model or a safe default. */
    contextWindow: z.number().int().min(256).max(10_000_000).optional(),
    /** Model for semantic recall; when unset, the kind's default (embeddings/embeddingModels.ts). */
    embeddingModel: z.string().trim().min(1).max(200).optional(),
  })
  .strict()
  .refine((c) => c.type !== 'anthropic' || c.embeddingModel === undefined, {
    message: 'Anthropic offers no embedding models; recall stays lexical with it.',
    path: ['embeddingModel'],
  })
  .refine((c) => c.type !== 'openai-compatible' || c.baseUrl !== undefined, {
    message:
      'An OpenAI-compatible provider needs a base URL (for example http://127.0.0.1:1234/v1).',
    path: ['baseUrl'],
  })
export type ProviderConfig = z.infer<typeof ProviderConfigSchema>
export type ProviderConfigInput = z.input<typeof ProviderConfigSchema>

export const ProviderSettingsSchema = z.object({
  version: z.literal(1),
  defaultProviderId: z.string().nullable(),
  providers: z.array(ProviderConfigSchema),
})
export type ProviderSettings = z.infer<typeof ProviderSettingsSchema>

export const EMPTY_PROVIDER_SETTINGS: ProviderSettings = {
  version: 1,
  defaultProviderId: null,
  providers: [],
}

export function baseUrlOf(config: ProviderConfig): string {
  const url = config.baseUrl ?? DEFAULT_BASE_URLS[config.type]
  if (!url) {
    throw new MirrorError(
      'PROVIDER_NOT_CONFIGURED',
      `Provider ${config.id} has no base URL. Add one in Settings.`,
      {
        id: config.id,
      },
    )
  }
  return url
}

/** Parses a provider config, turning zod issues into one VALIDATION_FAILED line per field. */
export function parseProviderConfig(input: unknown): ProviderConfig {
  if (typeof input === 'object' && input !== null && 'apiKey' in input) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      'API keys are not part of provider settings; they are stored in the OS keychain separately.',
    )
  }
  const result = ProviderConfigSchema.safeParse(input)
  if (result.success) return result.data
  const issues = result.error.issues.map((i) => `${i.path.join('.') || 'provider'}: ${i.message}`)
  throw new MirrorError('VALIDATION_FAILED', `Invalid provider settings. ${issues.join(' ')}`, {
    issues: result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  })
}
