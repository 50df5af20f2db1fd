import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual'
import { useCallback, useEffect, useLayoutEffect, useRef } from 'react'
import type { Message } from '../../../shared/domain'
import { estimateMessageHeight } from '../lib/estimateHeight'
import { useChatStore } from '../stores/chatStore'
import { MessageView } from './MessageView'
import { StreamingMessage } from './StreamingMessage'

const NO_MESSAGES: Message[] = []
/** Closer than this to the bottom counts as "following the conversation". */
const STICK_PX = 80
/** Closer than this to the top loads the previous page. */
const LOAD_OLDER_PX = 300
/** Used while the scroller has no layout yet (first paint, jsdom): render a screenful, not nothing. */
const FALLBACK_RECT = { width: 800, height: 900 }
/** The reply arriving now starts small and grows; the list follows it while at the bottom. */
const STREAMING_ESTIMATE_PX = 120

const observeRect: typeof observeElementRect = (instance, callback) =>
  observeElementRect(instance, (rect) => callback(rect.height > 0 ? rect : FALLBACK_RECT))

export function MessageList({ sessionId }: { sessionId: string }) {
  const items = useChatStore((s) => s.bySession[sessionId]?.items ?? NO_MESSAGES)
  const hasOlder = useChatStore((s) => s.bySession[sessionId]?.hasOlder ?? false)
  const loadingOlder = useChatStore((s) => s.bySession[sessionId]?.loadingOlder ?? false)
  const activeRequest = useChatStore((s) => s.activeBySession[sessionId])
  const highlightId = useChatStore((s) =>
    s.highlight?.sessionId === sessionId ? s.highlight.messageId : null,
  )
  const loadOlder = useChatStore((s) => s.loadOlder)

  const scrollRef = useRef<HTMLDivElement>(null)
  const stickRef = useRef(highlightId === null)
  const firstIdRef = useRef<string | undefined>(items[0]?.id)
  const totalRef = useRef(0)
  const count = items.length + (activeRequest ? 1 : 0)

  // No React Compiler in this project; the virtualizer re-renders this component itself.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => {
      const message = items[index]
      const width = scrollRef.current?.clientWidth || FALLBACK_RECT.width
      return message ? estimateMessageHeight(message, width) : STREAMING_ESTIMATE_PX
    },
    overscan: 6,
    getItemKey: (index) => items[index]?.id ?? `stream:${activeRequest ?? ''}`,
    initialRect: FALLBACK_RECT,
    observeElementRect: observeRect,
  })
  const totalSize = virtualizer.getTotalSize()

  // Older messages were put in front: keep what the reader was looking at exactly in place.
  // Sizes are cached by message id, so the track grew by just the new rows above the view.
  useLayoutEffect(() => {
    const previousFirst = firstIdRef.current
    const previousTotal = totalRef.current
    firstIdRef.current = items[0]?.id
    totalRef.current = totalSize
    const el = scrollRef.current
    if (!el || !previousFirst || previousFirst === items[0]?.id) return
    if (items.some((m) => m.id === previousFirst)) el.scrollTop += totalSize - previousTotal
  }, [items, totalSize])

  // A reply starting here (Send, Retry, Regenerate) is what the reader waits for: go to it, even
  // from further up the conversation.
  useLayoutEffect(() => {
    if (activeRequest) stickRef.current = true
  }, [activeRequest])

  // Follow new messages and streamed text while the reader is at the bottom.
  useLayoutEffect(() => {
    const el = scrollRef.current
    if (el && stickRef.current) el.scrollTop = el.scrollHeight
  }, [totalSize, count])

  // The window or the space around the list changed size (a resize, the composer growing, a
  // notice): a reader at the bottom stays there, or the newest lines would slip out of view.
  useEffect(() => {
    const el = scrollRef.current
    if (!el || typeof ResizeObserver === 'undefined') return
    const observer = new ResizeObserver(() => {
      if (stickRef.current) el.scrollTop = el.scrollHeight
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  // Once per hit: loading older messages later must not pull the reader back to it.
  const shownHighlightRef = useRef<string | null>(null)
  useEffect(() => {
    if (!highlightId || shownHighlightRef.current === highlightId) return
    const index = items.findIndex((m) => m.id === highlightId)
    if (index < 0) return
    shownHighlightRef.current = highlightId
    stickRef.current = false
    virtualizer.scrollToIndex(index, { align: 'center' })
  }, [highlightId, items, virtualizer])

  const onScroll = useCallback(() => {
    const el = scrollRef.current
    if (!el) return
    stickRef.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_PX
    if (el.scrollTop < LOAD_OLDER_PX && hasOlder && !loadingOlder) void loadOlder(sessionId)
  }, [hasOlder, loadingOlder, loadOlder, sessionId])

  return (
    <div className="message-list">
      {loadingOlder && (
        <p className="message-list-note" role="status">
          Loading older messages…
        </p>
      )}
      <div
        ref={scrollRef}
        className="message-scroller"
        role="log"
        aria-label="Messages"
        aria-live="polite"
        tabIndex={0}
        onScroll={onScroll}
      >
        {hasOlder && (
          // Stays in place while loading: removing it would shift the whole conversation.
          <button
            type="button"
            className="load-older"
            disabled={loadingOlder}
            onClick={() => void loadOlder(sessionId)}
          >
            Load older messages
          </button>
        )}
        <div className="message-track" style={{ height: totalSize }}>
          {virtualizer.getVirtualItems().map((row) => {
            const message = items[row.index]
            return (
              <div
                key={row.key}
                data-index={row.index}
                ref={virtualizer.measureElement}
                className="message-row"
                style={{ transform: `translateY(${row.start}px)` }}
              >
                {message ? (
                  <MessageView message={message} highlighted={message.id === highlightId} />
                ) : activeRequest ? (
                  <StreamingMessage requestId={activeRequest} />
                ) : null}
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
