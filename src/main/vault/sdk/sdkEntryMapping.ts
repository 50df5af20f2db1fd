import { MirrorError } from '../../../shared/errors'
import type { VaultCategory, VaultEntry, VaultValue } from '../../../shared/vault'
import {
  VAULT_CATEGORIES,
  VAULT_KEY_MAX_LENGTH,
  VaultEntryOptionsSchema,
} from '../../../shared/vault'
import { localTimestamp } from '../../services/transfer/import/importShared'
import { TAGS_KEY, USE_IN_CONVERSATIONS_KEY } from '../recordFormat'
import { DEFAULT_CATEGORY } from '../vaultEntries'
import type { SdkEntry } from './sdkVaultReader'

/** SDK metadata fields that would collide with ActiveMirror's own, kept under these names. */
export const SDK_TAGS_KEY = 'sdkTags'
export const SDK_USE_KEY = 'sdkUseInConversations'
/** Metadata that is not an object (the JavaScript SDK accepts anything) is kept under this name. */
export const SDK_METADATA_KEY = 'sdkMetadata'

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function categoryOf(metadata: Record<string, unknown>): VaultCategory {
  const category = metadata['category']
  return VAULT_CATEGORIES.find((c) => c === category) ?? DEFAULT_CATEGORY
}

function tagsOf(raw: unknown): string[] | null {
  const parsed = VaultEntryOptionsSchema.shape.tags.safeParse(raw)
  return parsed.success && parsed.data ? parsed.data : null
}

/** Python writes naive local times, JavaScript ISO with a zone; anything unreadable becomes `fallback`. */
function timestamp(raw: unknown, fallback: string): string {
  if (typeof raw !== 'string') return fallback
  try {
    return localTimestamp(raw, 'timestamp')
  } catch {
    return fallback
  }
}

/**
 * An SDK entry as a vault entry: same key, value and metadata. The category is the metadata's
 * `category` when it names one of the vault's (else "private"), a list of strings under `tags`
 * becomes the entry's tags, and fields that would collide with the vault's own are renamed
 * (docs/vault.md). Throws VALIDATION_FAILED for a key the vault cannot hold.
 */
export function sdkEntryToVaultEntry(sdk: SdkEntry, now: string): VaultEntry {
  if (sdk.key.trim() === '' || sdk.key.length > VAULT_KEY_MAX_LENGTH) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `its key is not 1 to ${VAULT_KEY_MAX_LENGTH} characters`,
    )
  }
  const metadata: Record<string, unknown> = isObject(sdk.metadata)
    ? { ...sdk.metadata }
    : sdk.metadata === null || sdk.metadata === undefined
      ? {}
      : { [SDK_METADATA_KEY]: sdk.metadata }
  let tags: string[] = []
  if (TAGS_KEY in metadata) {
    const found = tagsOf(metadata[TAGS_KEY])
    if (found) tags = found
    else metadata[SDK_TAGS_KEY] = metadata[TAGS_KEY]
    delete metadata[TAGS_KEY]
  }
  if (USE_IN_CONVERSATIONS_KEY in metadata) {
    metadata[SDK_USE_KEY] = metadata[USE_IN_CONVERSATIONS_KEY]
    delete metadata[USE_IN_CONVERSATIONS_KEY]
  }
  const createdAt = timestamp(sdk.createdAt, now)
  return {
    key: sdk.key,
    value: sdk.value as VaultValue,
    category: categoryOf(metadata),
    tags,
    metadata,
    useInConversations: false,
    createdAt,
    updatedAt: timestamp(sdk.updatedAt, createdAt),
  }
}
