import type { ProviderKind } from '../../../../shared/providerKinds'
import { DEFAULT_EMBEDDING_MODELS } from '../../../../shared/providerKinds'

interface Props {
  id: string
  type: ProviderKind
  value: string
  onChange(value: string): void
}

function noteFor(type: ProviderKind): string {
  if (type === 'anthropic')
    return 'Anthropic offers no embeddings: recall finds past sessions by keywords only.'
  if (type === 'openai-compatible')
    return 'Name the embedding model the server runs to use semantic recall; without one, recall uses keywords only.'
  return 'Used for semantic recall (finding past sessions by meaning). Empty: the default shown.'
}

/** The provider's embedding model for semantic recall; the placeholder is the kind's default. */
export function EmbeddingModelField({ id, type, value, onChange }: Props) {
  const none = type === 'anthropic'
  return (
    <>
      <label htmlFor={id}>Embedding model</label>
      <input
        id={id}
        value={none ? '' : value}
        placeholder={DEFAULT_EMBEDDING_MODELS[type] ?? (none ? '' : 'none')}
        disabled={none}
        aria-describedby={`${id}-note`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={`${id}-note`} className="provider-key-note">
        {noteFor(type)}
      </p>
    </>
  )
}
