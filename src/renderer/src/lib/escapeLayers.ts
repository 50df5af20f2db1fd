/**
 * Panels and dialogs that Esc closes, newest on top. Esc closes the top one wherever focus is
 * (a field inside it, the composer beside a side panel), so no panel depends on catching the
 * key itself; only when none is open does Esc fall through to stopping a reply.
 */
const layers: Array<{ close(): void }> = []

/** Registers a layer while it is open; returns the function that removes it. */
export function pushEscapeLayer(close: () => void): () => void {
  const layer = { close }
  layers.push(layer)
  return () => {
    const at = layers.indexOf(layer)
    if (at >= 0) layers.splice(at, 1)
  }
}

/** Closes the top layer; false when none is open. */
export function closeTopLayer(): boolean {
  const top = layers[layers.length - 1]
  if (!top) return false
  top.close()
  return true
}
