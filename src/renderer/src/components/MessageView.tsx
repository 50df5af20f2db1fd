import type { KeyboardEvent, MouseEvent } from 'react'
import { memo, useCallback, useRef, useState } from 'react'
import { createPortal } from 'react-dom'
import type { Message } from '../../../shared/domain'
import { PATTERN_INFO } from '../../../shared/patterns'
import { formatMessageTime } from '../lib/format'
import { ROLE_NAMES } from '../lib/roles'
import { isDamagedPlaceholder, isLockedPlaceholder } from '../lib/sealedMessages'
import { overallLevel } from '../lib/uncertainty'
import { useChatStore } from '../stores/chatStore'
import { MessageAttachments } from './attachments/MessageAttachments'
import { ContextButton } from './context/ContextButton'
import { Markdown } from './Markdown'
import { RecallChips } from './memory/RecallChips'
import type { MenuPlace } from './message/MessageMenu'
import { MessageMenu } from './message/MessageMenu'
import { MessageEditor } from './message/MessageEditor'
import { MessageToolbar } from './message/MessageToolbar'
import { StatusNote } from './message/StatusNote'
import { useMessageActions } from './message/useMessageActions'
import { VersionSwitcher } from './message/VersionSwitcher'
import { UncertaintyBadge } from './UncertaintyBadge'
import { DamagedMessage } from './vault/DamagedMessage'
import { LockedMessage } from './vault/LockedMessage'
import { MemoryChips } from './vault/MemoryChips'

interface Props {
  message: Message
  highlighted?: boolean
}

function MessageBody({ message }: { message: Message }) {
  if (isLockedPlaceholder(message)) return <LockedMessage />
  if (isDamagedPlaceholder(message)) return <DamagedMessage />
  if (message.role === 'assistant') return <Markdown text={message.content} />
  return <div className="message-plain">{message.content}</div>
}

/** One message; memoized so a streaming reply or a new message does not re-render the rest. */
export const MessageView = memo(function MessageView({ message, highlighted = false }: Props) {
  const isAssistant = message.role === 'assistant'
  const pattern = isAssistant && message.pattern ? PATTERN_INFO[message.pattern] : null
  const editing = useChatStore((s) => s.editingId === message.id)
  const articleRef = useRef<HTMLElement>(null)
  const returnFocusRef = useRef<HTMLElement | null>(null)
  const [menu, setMenu] = useState<MenuPlace | null>(null)
  const actions = useMessageActions(message)

  const classes = ['message', `message-${message.role}`, `message-${message.status}`]
  if (highlighted) classes.push('message-highlighted')

  function openMenu(place: MenuPlace) {
    if (editing) return
    if (!menu) returnFocusRef.current = document.activeElement as HTMLElement | null
    setMenu(place)
  }

  function onContextMenu(event: MouseEvent<HTMLElement>) {
    if (editing) return
    event.preventDefault()
    // A keyboard-made contextmenu event has no pointer position: open at the message.
    if (event.clientX === 0 && event.clientY === 0) openAtMessage()
    else openMenu({ x: event.clientX, y: event.clientY })
  }

  function openAtMessage() {
    const rect = articleRef.current?.getBoundingClientRect()
    openMenu({ x: (rect?.right ?? 240) - 220, y: (rect?.top ?? 0) + 8 })
  }

  function onKeyDown(event: KeyboardEvent<HTMLElement>) {
    if (event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey)) {
      event.preventDefault()
      openAtMessage()
    }
  }

  const closeMenu = useCallback((refocus: boolean) => {
    setMenu(null)
    if (refocus) (returnFocusRef.current ?? articleRef.current)?.focus()
  }, [])

  return (
    <article
      ref={articleRef}
      className={classes.join(' ')}
      aria-label={`${message.role} message`}
      data-message-id={message.id}
      aria-current={highlighted ? 'true' : undefined}
      tabIndex={-1}
      onContextMenu={onContextMenu}
      onKeyDown={onKeyDown}
    >
      <header className="message-header">
        <span className="message-role">{ROLE_NAMES[message.role]}</span>
        {pattern && (
          <span
            className={`pattern-glyph pattern-${pattern.id}`}
            role="img"
            aria-label={`pattern: ${pattern.label}`}
            title={`${pattern.label} pattern`}
          >
            {pattern.glyph}
          </span>
        )}
        {isAssistant && <UncertaintyBadge level={overallLevel(message)} overall />}
        {message.sensitive && <span className="tag tag-sensitive">Sensitive</span>}
        <time className="message-time" dateTime={message.createdAt}>
          {formatMessageTime(message.createdAt)}
        </time>
        {isAssistant && <ContextButton message={message} />}
      </header>
      {editing ? (
        <MessageEditor message={message} onDone={() => articleRef.current?.focus()} />
      ) : (
        <div className="message-body">
          <MessageBody message={message} />
        </div>
      )}
      <MessageAttachments message={message} />
      <StatusNote message={message} />
      {isAssistant && <MemoryChips message={message} />}
      {isAssistant && <RecallChips message={message} />}
      {!editing && (
        <footer className="message-footer">
          <VersionSwitcher message={message} />
          <MessageToolbar actions={actions} />
        </footer>
      )}
      {menu &&
        createPortal(
          <MessageMenu actions={actions} place={menu} onClose={closeMenu} />,
          document.body,
        )}
    </article>
  )
})
