import type { AppInfo } from '../../../shared/routes'
import type { ProviderInfo } from '../../../shared/routeGroups/providers'
import { PROVIDER_KIND_LABELS } from '../../../shared/providerKinds'

const STORAGE_NAMES: Record<AppInfo['storage'], string> = {
  sqlite: 'SQLite database',
  json: 'JSON folder (ActiveMirrorOS SDK)',
  memory: 'In memory',
  custom: 'Custom backend',
  postgres: 'PostgreSQL database (shared)',
}

/** The storage backend in words, for Settings. */
export function storageName(storage: AppInfo['storage']): string {
  return STORAGE_NAMES[storage]
}

/** The kind of a provider in words ("OpenAI-compatible"; "Offline" for the built-in engine). */
export function providerKindName(type: ProviderInfo['type']): string {
  return type === 'offline' ? 'Offline' : PROVIDER_KIND_LABELS[type]
}

/**
 * The name a provider is listed by: its label, or the kind's label when it has none. A provider
 * added without a name got its generated id ("openai-compatible-2") as label; that shows the kind.
 */
export function providerName(p: Pick<ProviderInfo, 'id' | 'label' | 'type'>): string {
  const label = p.label.trim()
  const generated = label === p.id && (p.id === p.type || p.id.startsWith(`${p.type}-`))
  return label && !generated ? label : providerKindName(p.type)
}
