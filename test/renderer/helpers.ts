import { setBridge } from '../../src/renderer/src/bridge/bridgeClient'
import { useAppStore } from '../../src/renderer/src/stores/appStore'
import { useChatStore } from '../../src/renderer/src/stores/chatStore'
import { useImportStore } from '../../src/renderer/src/stores/importStore'
import { useSearchStore } from '../../src/renderer/src/stores/searchStore'
import { useSessionsStore } from '../../src/renderer/src/stores/sessionsStore'
import { useUiStore } from '../../src/renderer/src/stores/uiStore'
import { FakeBridge } from './fakeBridge'
import { useMemoryStore } from '../../src/renderer/src/stores/memoryStore'
import { useVaultEntriesStore } from '../../src/renderer/src/stores/vaultEntriesStore'
import { useVaultStore } from '../../src/renderer/src/stores/vaultStore'

const stores = [
  useAppStore,
  useChatStore,
  useImportStore,
  useMemoryStore,
  useSearchStore,
  useSessionsStore,
  useUiStore,
  useVaultEntriesStore,
  useVaultStore,
]

/** Fresh stores talking to a fresh fake bridge. */
export function freshBridge(): FakeBridge {
  for (const store of stores) {
    ;(store as { setState(state: unknown, replace: true): void }).setState(
      store.getInitialState(),
      true,
    )
  }
  const bridge = new FakeBridge()
  setBridge(bridge)
  return bridge
}
