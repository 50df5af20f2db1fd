import type { Message } from '../../../../shared/domain'
import { renderedText } from '../../lib/plainText'
import { isDamagedPlaceholder, isLockedPlaceholder } from '../../lib/sealedMessages'
import { useChatStore } from '../../stores/chatStore'
import { isLocal } from '../../stores/chatTree'
import { useMemoryStore } from '../../stores/memoryStore'
import { useUiStore } from '../../stores/uiStore'
import { useVaultStore } from '../../stores/vaultStore'
import type { IconName } from './icons'

export interface MessageAction {
  /** The accessible name, the same in the toolbar and in the context menu. */
  label: string
  icon: IconName
  run(): void
  disabled?: boolean
  danger?: boolean
  /** Opens a dialog: focus moves there, not back to where the action was chosen. */
  opensDialog?: boolean
}

const REGENERATE_REASON = 'Unlock the vault to regenerate a sensitive reply.'
const BRANCH_REASON = 'Unlock the vault to branch a conversation with sensitive messages.'

async function copy(text: string, note: string): Promise<void> {
  const ui = useUiStore.getState()
  try {
    await navigator.clipboard.writeText(text)
    ui.setStatus(note)
  } catch {
    ui.reportError({ code: 'INTERNAL', message: 'The clipboard refused the text.' })
  }
}

/** The message as rendered on screen (its Markdown laid out), for "Copy as text". */
function renderedBody(messageId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-message-id="${messageId}"] .message-body`)
}

/** Everything one can do with a message, in the order the toolbar and the context menu show it. */
export function useMessageActions(message: Message): MessageAction[] {
  const busy = useChatStore((s) =>
    Boolean(s.activeBySession[message.sessionId] || s.sending[message.sessionId]),
  )
  const startEdit = useChatStore((s) => s.startEdit)
  const regenerate = useChatStore((s) => s.regenerate)
  const askRegenerate = useChatStore((s) => s.askRegenerate)
  const askDelete = useChatStore((s) => s.askDeleteMessage)
  const branch = useChatStore((s) => s.branch)
  const ensureUnlocked = useVaultStore((s) => s.ensureUnlocked)
  const stored = !isLocal(message)
  // A branch is a stored session: a temporary chat has nothing to branch into.
  const temporary = useMemoryStore((s) => s.temporaryIds.includes(message.sessionId))
  // A sealed message's placeholder is not its text: nothing to copy or edit until unlocked.
  const readable = !isLockedPlaceholder(message) && !isDamagedPlaceholder(message)

  /** Regenerating or branching a sensitive conversation needs its text: the vault opens first. */
  function unsealed(reason: string, run: () => unknown): () => void {
    return () => {
      void (async () => {
        if (message.sensitive && !(await ensureUnlocked(reason))) return
        run()
      })()
    }
  }

  const actions: MessageAction[] = []
  if (readable) {
    actions.push(
      {
        label: 'Copy',
        icon: 'copy',
        run: () => void copy(message.content, 'Copied the message (Markdown).'),
      },
      {
        label: 'Copy as text',
        icon: 'text',
        run: () =>
          void copy(renderedText(renderedBody(message.id), message.content), 'Copied as text.'),
      },
    )
  }
  if (message.role === 'user' && stored && readable) {
    actions.push({ label: 'Edit', icon: 'edit', run: () => startEdit(message.id), disabled: busy })
  }
  if (message.role === 'assistant') {
    actions.push(
      {
        label: 'Regenerate',
        icon: 'regenerate',
        run: unsealed(REGENERATE_REASON, () => regenerate(message)),
        disabled: busy,
      },
      {
        label: 'Regenerate with…',
        icon: 'more',
        run: unsealed(REGENERATE_REASON, () => askRegenerate(message)),
        disabled: busy || !stored,
        opensDialog: true,
      },
    )
  }
  actions.push({
    label: 'Delete',
    icon: 'delete',
    run: () => askDelete(message),
    disabled: busy,
    danger: true,
    opensDialog: true,
  })
  if (stored && !temporary)
    actions.push({
      label: 'Branch',
      icon: 'branch',
      run: unsealed(BRANCH_REASON, () => branch(message)),
    })
  return actions
}
