import { useEffect, useRef } from 'react'
import { pushEscapeLayer } from '../lib/escapeLayers'

/** While `open`, Esc closes this panel or dialog when it is the top one (see lib/escapeLayers). */
export function useEscapeLayer(open: boolean, close: () => void): void {
  const latest = useRef(close)
  useEffect(() => {
    latest.current = close
  })
  useEffect(() => {
    if (!open) return
    return pushEscapeLayer(() => latest.current())
  }, [open])
}
