import type { MirrorBridge } from '../../../shared/bridge'
import type { Message } from '../../../shared/domain'
import { request } from '../bridge/bridgeClient'
import { upsertMessage } from '../lib/messages'
import { MESSAGES_PAGE, useChatStore } from './chatStore'
import { useSessionsStore } from './sessionsStore'
import { reportError, useUiStore } from './uiStore'
import { useVaultStore } from './vaultStore'

type CoreStopCode = 'CORE_RESTARTED' | 'CORE_UNAVAILABLE'

const REPLY_CUT_OFF = 'The app’s core stopped while the reply was arriving.'

/** What the notice says; the vault sentence only when this window knew it was open. */
export function restartNotice(reason: string, vaultWasUnlocked: boolean): string {
  const vault = vaultWasUnlocked ? ' The vault was locked: unlock it to use it again.' : ''
  return (
    `ActiveMirror’s core stopped unexpectedly and was restarted (cause: ${reason}). ` +
    `Your saved conversations are kept.${vault}`
  )
}

/**
 * The stopped core's streams will never send chat.done or chat.error: each reply is marked
 * failed in its thread (even one with no text yet), so nothing spins forever.
 */
function failStreams(code: CoreStopCode): void {
  const chat = useChatStore.getState()
  for (const { requestId, sessionId, text } of Object.values(chat.streams)) {
    const error = { code, message: REPLY_CUT_OFF }
    const message: Message = {
      id: `local:${requestId}`,
      sessionId,
      role: 'assistant',
      content: text,
      createdAt: new Date().toISOString(),
      pattern: null,
      uncertainty: null,
      sensitive: false,
      status: 'failed',
      provider: null,
      model: null,
      metadata: { error },
    }
    chat.failed({ requestId, sessionId, error, message })
  }
}

/**
 * The open session is read again from the new core (fresh copies win); replies marked failed
 * here stay. Other cached sessions are dropped, so they are read again when next opened.
 */
async function refreshChat(openId: string | null): Promise<void> {
  useChatStore.setState((state) => {
    const open = openId ? state.bySession[openId] : undefined
    return { bySession: openId && open ? { [openId]: open } : {} }
  })
  if (!openId) return
  const result = await request('sessions.messages', { id: openId, limit: MESSAGES_PAGE })
  if (!result.ok) {
    reportError(result.error)
    return
  }
  const fresh = result.data.items
  const newest = fresh.at(-1)?.createdAt ?? ''
  useChatStore.setState((state) => {
    const cached = state.bySession[openId]?.items ?? []
    // Local failures, and messages that arrived while the page was read, are not in `fresh`.
    const kept = cached.filter((m) => m.id.startsWith('local:') || m.createdAt > newest)
    const items = kept.reduce((all, m) => upsertMessage(all, m), fresh)
    const entry = { items, hasOlder: result.data.hasOlder, loading: false, loadingOlder: false }
    return { bySession: { ...state.bySession, [openId]: entry } }
  })
}

async function coreRestarted(reason: string): Promise<void> {
  const vaultWasUnlocked = useVaultStore.getState().status?.unlocked === true
  useUiStore.getState().coreRestarted(restartNotice(reason, vaultWasUnlocked))
  failStreams('CORE_RESTARTED')
  // The new core knows nothing of this window: ask it rather than assume (the vault is locked).
  await Promise.all([
    useVaultStore.getState().load(),
    useSessionsStore.getState().load(),
    refreshChat(useSessionsStore.getState().selectedId),
  ])
}

function coreStopped(): void {
  useUiStore.getState().coreGaveUp()
  failStreams('CORE_UNAVAILABLE')
}

/**
 * Routes the hosts' core.restarted / core.stopped (the core's worker stopped) into the stores;
 * returns the unsubscribe function.
 */
export function connectCoreRestarts(bridge: Pick<MirrorBridge, 'on'>): () => void {
  const offs = [
    bridge.on('core.restarted', ({ reason }) => void coreRestarted(reason)),
    bridge.on('core.stopped', () => coreStopped()),
  ]
  return () => offs.forEach((off) => off())
}
