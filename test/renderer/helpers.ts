import { randomUUID } from 'node:crypto'
import { onTestFinished } from 'vitest'
import { MIN_ITERATIONS } from '../../src/main/crypto/kdf'
import { createMirror } from '../../src/main/mirror'
import type { Mirror } from '../../src/main/mirrorApi'
import { setBridge } from '../../src/renderer/src/bridge/bridgeClient'
import { useAppStore } from '../../src/renderer/src/stores/appStore'
import { useAttachmentsStore } from '../../src/renderer/src/stores/attachmentsStore'
import { useBackupStore } from '../../src/renderer/src/stores/backupStore'
import { useChatStore } from '../../src/renderer/src/stores/chatStore'
import { useDraftStore } from '../../src/renderer/src/stores/draftStore'
import { useFoldersStore } from '../../src/renderer/src/stores/foldersStore'
import { useImportStore } from '../../src/renderer/src/stores/importStore'
import { useInstructionsStore } from '../../src/renderer/src/stores/instructionsStore'
import { useMemoriesStore } from '../../src/renderer/src/stores/memoriesStore'
import { useMemoryStore } from '../../src/renderer/src/stores/memoryStore'
import { useSearchStore } from '../../src/renderer/src/stores/searchStore'
import { useSendQueueStore } from '../../src/renderer/src/stores/sendQueueStore'
import { useSessionsStore } from '../../src/renderer/src/stores/sessionsStore'
import { useShortcutsStore } from '../../src/renderer/src/stores/shortcutsStore'
import { useStorageStore } from '../../src/renderer/src/stores/storageStore'
import { useSuggestionsStore } from '../../src/renderer/src/stores/suggestionsStore'
import { useUiStore } from '../../src/renderer/src/stores/uiStore'
import { useVaultEntriesStore } from '../../src/renderer/src/stores/vaultEntriesStore'
import { useVaultStore } from '../../src/renderer/src/stores/vaultStore'
import type { StorageKind } from '../../src/main/mirrorApi'
import type { TestCore } from './core/testCore'
import { startTestCore } from './core/testCore'

const stores = [
  useAppStore,
  useAttachmentsStore,
  useBackupStore,
  useChatStore,
  useDraftStore,
  useFoldersStore,
  useImportStore,
  useInstructionsStore,
  useMemoriesStore,
  useMemoryStore,
  useSearchStore,
  useSendQueueStore,
  useSessionsStore,
  useShortcutsStore,
  useStorageStore,
  useSuggestionsStore,
  useUiStore,
  useVaultEntriesStore,
  useVaultStore,
]

/**
 * Fresh stores talking to a fresh real core (memory storage) through the in-process bridge;
 * the core closes when the test finishes.
 */
export async function freshCore(storage?: StorageKind): Promise<TestCore> {
  // Drafts an earlier test left in the renderer's storage belong to sessions of another core.
  if (typeof localStorage !== 'undefined') localStorage.clear()
  for (const store of stores) {
    ;(store as { setState(state: unknown, replace: true): void }).setState(
      store.getInitialState(),
      true,
    )
  }
  const core = await startTestCore(storage)
  setBridge(core.bridge)
  onTestFinished(async () => {
    setBridge(null)
    await core.close()
  })
  return core
}

/** Another process on the same data folder as `core` (its own SQLite connection), as the CLI is. */
export async function otherProcess(core: TestCore): Promise<Mirror> {
  const keychainService = `ActiveMirror-renderer-other-${randomUUID()}`
  const other = await createMirror({
    dataDir: core.dir,
    storage: 'sqlite',
    vault: { keychainService, iterations: MIN_ITERATIONS },
    providerSettings: { keychainService },
  })
  onTestFinished(() => other.close())
  return other
}
