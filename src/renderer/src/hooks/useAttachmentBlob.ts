import type { RefObject } from 'react'
import { useEffect, useState } from 'react'
import type { AttachmentRef } from '../../../shared/attachments'
import type { ErrorInfo } from '../../../shared/errors'
import { readAttachment } from '../lib/attachmentBlobs'

/** True once the element has come near the screen (then stays true); at once without observers. */
export function useSeen(ref: RefObject<Element | null>): boolean {
  const [seen, setSeen] = useState(false)
  useEffect(() => {
    if (seen) return
    const element = ref.current
    if (!element || typeof IntersectionObserver === 'undefined') {
      setSeen(true)
      return
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setSeen(true)
      },
      { rootMargin: '200px' },
    )
    observer.observe(element)
    return () => observer.disconnect()
  }, [ref, seen])
  return seen
}

/** A stored attachment's bytes once `enabled` (a thumbnail on screen, an open viewer). */
export function useAttachmentBlob(
  ref: AttachmentRef,
  enabled: boolean,
): { blob: Blob | null; error: ErrorInfo | null } {
  const [state, setState] = useState<{ blob: Blob | null; error: ErrorInfo | null }>({
    blob: null,
    error: null,
  })
  useEffect(() => {
    if (!enabled) return
    let current = true
    void readAttachment(ref).then((result) => {
      if (!current) return
      setState(result.ok ? { blob: result.blob, error: null } : { blob: null, error: result.error })
    })
    return () => {
      current = false
    }
    // The id names the bytes; a new ref object for the same file need not read again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ref.id, enabled])
  return state
}
