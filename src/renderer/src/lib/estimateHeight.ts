import type { Message } from '../../../shared/domain'

/**
 * A message row's height before it is measured, from its text. The closer the guess, the fewer
 * rows a long session mounts (and parses) before its first paint, and the less the list shifts
 * when real sizes arrive. Figures follow chat.css: 15 px text at 1.5 line height in a message
 * box at most 46rem wide, header, the actions row (messageActions.css), paddings and the gap
 * between rows.
 */
const ROW_CHROME_PX = 84
const LINE_PX = 22.5
const BLOCK_GAP_PX = 11
const CODE_BLOCK_PX = 42
const STATUS_NOTE_PX = 56
const CHAR_PX = 8
const MESSAGE_MAX_PX = 736
const MESSAGE_INSET_PX = 70

/** Per message, for the line width it was estimated at (a resize makes new guesses). */
const cache = new WeakMap<Message, { perLine: number; height: number }>()

function charsPerLine(listWidth: number): number {
  const textWidth = Math.min(listWidth - MESSAGE_INSET_PX, MESSAGE_MAX_PX - 30)
  return Math.max(20, Math.floor(textWidth / CHAR_PX))
}

export function estimateMessageHeight(message: Message, listWidth: number): number {
  const perLine = charsPerLine(listWidth)
  const known = cache.get(message)
  if (known?.perLine === perLine) return known.height
  const blocks = message.content.split(/\n{2,}/)
  let lines = 0
  for (const block of blocks) {
    for (const line of block.split('\n')) lines += Math.max(1, Math.ceil(line.length / perLine))
  }
  const fences = message.content.match(/^```/gm)?.length ?? 0
  const height = Math.round(
    ROW_CHROME_PX +
      lines * LINE_PX +
      (blocks.length - 1) * BLOCK_GAP_PX +
      Math.floor(fences / 2) * CODE_BLOCK_PX +
      (message.status === 'complete' ? 0 : STATUS_NOTE_PX),
  )
  cache.set(message, { perLine, height })
  return height
}
