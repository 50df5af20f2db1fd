import type { Session } from '../../shared/domain'
import { isMirrorError } from '../../shared/errors'
import { SessionPreferencesSchema } from '../../shared/routes'
import type { ChatProvider, ProviderRegistry } from '../llm/provider'

export interface ResolvedProvider {
  provider: ChatProvider
  model: string
}

/** The provider and model a session chose (`metadata.preferences`), if it chose one. */
export function sessionChoice(session: Session): { providerId?: string; model?: string } {
  const parsed = SessionPreferencesSchema.safeParse(session.metadata['preferences'])
  if (!parsed.success) return {}
  const { providerId, model } = parsed.data
  return { ...(providerId ? { providerId } : {}), ...(model ? { model } : {}) }
}

function tryGet(providers: ProviderRegistry, id: string): ChatProvider | null {
  try {
    return providers.get(id)
  } catch (error) {
    if (isMirrorError(error)) return null
    throw error
  }
}

/**
 * Which provider answers a turn: the one asked for, else the session's choice, else the default.
 * A session whose provider was removed since falls back to the default rather than failing; an
 * explicitly requested id that is unknown is an error (PROVIDER_NOT_CONFIGURED).
 */
export function resolveProvider(
  providers: ProviderRegistry,
  session: Session,
  requestedId?: string,
): ResolvedProvider {
  const choice = sessionChoice(session)
  const fromSession = choice.providerId ? tryGet(providers, choice.providerId) : null
  const provider = requestedId
    ? providers.get(requestedId)
    : (fromSession ?? providers.defaultProvider())
  // The session's model belongs to the session's provider only.
  const model =
    choice.model && provider.id === choice.providerId ? choice.model : provider.defaultModel
  return { provider, model }
}
