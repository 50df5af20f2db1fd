import type { ProviderInfo, ProviderKind } from '../../../../shared/routeGroups/providers'

export const KIND_OPTIONS: Array<{ value: ProviderKind; label: string }> = [
  { value: 'openai', label: 'OpenAI' },
  { value: 'anthropic', label: 'Anthropic' },
  { value: 'ollama', label: 'Ollama' },
  { value: 'openai-compatible', label: 'OpenAI-compatible' },
]

export const BASE_URL_HINTS: Record<ProviderKind, string> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com/v1',
  ollama: 'http://127.0.0.1:11434',
  'openai-compatible': 'http://127.0.0.1:1234/v1',
}

export const MODEL_HINTS: Record<ProviderKind, string> = {
  openai: 'gpt-4o-mini',
  anthropic: 'claude-sonnet-4-5',
  ollama: 'llama3.2',
  'openai-compatible': 'the model the server runs',
}

export interface FormValues {
  type: ProviderKind
  label: string
  baseUrl: string
  model: string
  /** Empty: the kind's default embedding model (or none). */
  embeddingModel: string
  key: string
}

export function initialValues(existing: ProviderInfo | null): FormValues {
  if (!existing || existing.type === 'offline') {
    return {
      type: 'openai-compatible',
      label: '',
      baseUrl: '',
      model: '',
      embeddingModel: '',
      key: '',
    }
  }
  const isDefaultUrl = existing.baseUrl === BASE_URL_HINTS[existing.type]
  return {
    type: existing.type,
    label: existing.label,
    baseUrl:
      existing.baseUrl && !(isDefaultUrl && existing.type !== 'openai-compatible')
        ? existing.baseUrl
        : '',
    model: existing.model,
    embeddingModel: existing.configuredEmbeddingModel ?? '',
    key: '',
  }
}

/** An id for a new provider from its name: lowercase, dashes, unique among `taken`. */
export function providerIdFor(name: string, type: ProviderKind, taken: readonly string[]): string {
  const base =
    (name || type)
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 32) || type
  const used = new Set([...taken, 'offline'])
  if (!used.has(base)) return base
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`
}
