import type { MemorySettings, MemoryUse } from '../../../../shared/continuity'
import { useEffect, useState } from 'react'
import { useEscapeLayer } from '../../hooks/useEscapeLayer'
import type { VaultEntry } from '../../../../shared/vault'
import { useChatStore } from '../../stores/chatStore'
import { useMemoryStore } from '../../stores/memoryStore'
import { useVaultEntriesStore } from '../../stores/vaultEntriesStore'
import { useVaultStore } from '../../stores/vaultStore'
import { EntryForm } from '../vault/EntryForm'
import { EntryRow } from '../vault/VaultEntries'
import '../../styles/cards.css'
import '../../styles/vault.css'
import '../../styles/memory.css'
import { CheckboxField } from '../CheckboxField'
import { MemoryList } from './MemoryList'
import { SuggestionsButton } from './SuggestionsButton'

function UseItem({ use }: { use: MemoryUse }) {
  const openSource = useMemoryStore((s) => s.openSource)
  const times = use.uses === 1 ? 'once' : `${use.uses} times`
  if (use.kind === 'recall' && use.sessionId && use.messageId) {
    return (
      <li>
        <button
          type="button"
          className="link-button"
          onClick={() => void openSource(use.sessionId!, use.messageId!)}
        >
          {use.label}
        </button>{' '}
        <span className="memory-meta">recalled message · used {times}</span>
      </li>
    )
  }
  return (
    <li>
      {use.label} <span className="memory-meta">vault memory · used {times}</span>
    </li>
  )
}

/**
 * The vault entry a use names: replies record memories by their memory id (`vault:<key>` for an
 * entry marked "Use in conversations", `mem_…` for the entry `memory:mem_…`); older replies
 * recorded the entry's key itself.
 */
function entryKeyOf(useId: string): string {
  if (useId.startsWith('vault:')) return useId.slice('vault:'.length)
  if (useId.startsWith('mem_')) return `memory:${useId}`
  return useId
}

/** A memory (category memory) is edited in the list above; here it shows its text. */
function MemoryUseItem({ use, text }: { use: MemoryUse; text: string }) {
  const times = use.uses === 1 ? 'once' : `${use.uses} times`
  return (
    <li>
      {text} <span className="memory-meta">memory · used {times}</span>
    </li>
  )
}

/**
 * The vault memories this conversation used, editable and deletable in place while the vault is
 * open (the same row and form as the Vault screen); only their names while it is locked.
 */
function VaultMemories({ uses }: { uses: MemoryUse[] }) {
  const unlocked = useVaultStore((s) => s.status?.unlocked === true)
  const entries = useVaultEntriesStore((s) => s.entries)
  const refresh = useVaultEntriesStore((s) => s.refresh)
  const [editing, setEditing] = useState<VaultEntry | null>(null)
  useEffect(() => {
    if (unlocked) void refresh()
  }, [unlocked, refresh])
  if (uses.length === 0) return <p className="settings-note">None yet.</p>
  if (editing) return <EntryForm entry={editing} onDone={() => setEditing(null)} />
  return (
    <ul className="memory-uses" aria-label="Vault memories used">
      {uses.map((use) => {
        const key = entryKeyOf(use.id)
        const entry = unlocked ? entries.find((e) => e.key === key) : undefined
        if (entry?.category === 'memory' && typeof entry.value === 'string') {
          return <MemoryUseItem key={use.id} use={use} text={entry.value} />
        }
        return entry ? (
          <EntryRow key={use.id} entry={entry} onEdit={() => setEditing(entry)} />
        ) : (
          <UseItem key={use.id} use={use} />
        )
      })}
    </ul>
  )
}

/** What this conversation remembered and why, and the switches that control it. */
export function MemoryPanel() {
  const sessionId = useMemoryStore((s) => s.panelSessionId)
  const used = useMemoryStore((s) => (s.panelSessionId ? s.used[s.panelSessionId] : undefined))
  const openPanel = useMemoryStore((s) => s.openPanel)
  const setSwitch = useMemoryStore((s) => s.setSwitch)
  const loadUsed = useMemoryStore((s) => s.loadUsed)
  useEscapeLayer(sessionId !== null, () => openPanel(null))
  const messageCount = useChatStore((s) =>
    sessionId ? (s.bySession[sessionId]?.items.length ?? 0) : 0,
  )
  // A new reply may have used memory: read the list again.
  useEffect(() => {
    if (sessionId && messageCount > 0) void loadUsed(sessionId)
  }, [sessionId, messageCount, loadUsed])
  if (!sessionId) return null
  const settings: MemorySettings | undefined = used?.settings
  const set = (patch: Partial<MemorySettings>) => void setSwitch(sessionId, patch)
  const memories = used?.items.filter((i) => i.kind === 'memory') ?? []
  const recalled = used?.items.filter((i) => i.kind === 'recall') ?? []

  return (
    <section className="memory-panel" role="region" aria-labelledby="memory-panel-title">
      <header className="settings-header">
        <h2 id="memory-panel-title">Memory</h2>
        <button
          type="button"
          className="icon-button"
          aria-label="Close memory"
          onClick={() => openPanel(null)}
        >
          ×
        </button>
      </header>
      {!settings ? (
        <p>Loading…</p>
      ) : (
        <>
          {used?.temporary && (
            <p className="settings-note">
              This is a temporary chat: it is not saved and never recalled.
            </p>
          )}
          <fieldset className="memory-switches" disabled={used?.temporary}>
            <legend>In this conversation</legend>
            <CheckboxField
              className="memory-switch"
              label="Recall from past sessions"
              checked={settings.recall}
              disabled={!settings.useMemory}
              onChange={(recall) => set({ recall })}
            />
            <CheckboxField
              className="memory-switch"
              label="Don't use memory here"
              checked={!settings.useMemory}
              onChange={(off) => set({ useMemory: !off })}
            />
            <CheckboxField
              className="memory-switch"
              label="Exclude this session from recall"
              checked={settings.excludeFromRecall}
              onChange={(excludeFromRecall) => set({ excludeFromRecall })}
            />
          </fieldset>
          {!used?.temporary && (
            <>
              <div className="memory-section-head">
                <h3>Memories</h3>
                <SuggestionsButton />
              </div>
              <MemoryList sessionId={sessionId} />
            </>
          )}
          <h3>Vault memories used</h3>
          <VaultMemories uses={memories} />
          <h3>Recalled from past sessions</h3>
          {recalled.length > 0 ? (
            <ul className="memory-uses" aria-label="Recalled messages">
              {recalled.map((use) => (
                <UseItem key={use.id} use={use} />
              ))}
            </ul>
          ) : (
            <p className="settings-note">Nothing recalled yet.</p>
          )}
        </>
      )}
    </section>
  )
}
