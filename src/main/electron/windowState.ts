import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'

const BoundsSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
})
export type Bounds = z.infer<typeof BoundsSchema>

export const WindowStateSchema = z.object({ bounds: BoundsSchema, maximized: z.boolean() })
export type WindowState = z.infer<typeof WindowStateSchema>

export interface Display {
  workArea: Bounds
}

export const MIN_WIDTH = 720
export const MIN_HEIGHT = 480
/** How much of the title bar must be on a screen for the window to be grabbable. */
const GRAB_WIDTH = 80
const GRAB_HEIGHT = 32

function overlap(aStart: number, aLength: number, bStart: number, bLength: number): number {
  return Math.max(0, Math.min(aStart + aLength, bStart + bLength) - Math.max(aStart, bStart))
}

/**
 * Where to put a remembered window on today's displays: the saved bounds when the title bar is
 * still reachable on some display (shrunk to fit that display), otherwise null (use defaults).
 * Screens get unplugged and resolutions change between runs.
 */
export function fitBounds(saved: Bounds, displays: readonly Display[]): Bounds | null {
  const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: GRAB_HEIGHT }
  const home = displays.find(({ workArea }) => {
    const w = overlap(titleBar.x, titleBar.width, workArea.x, workArea.width)
    const h = overlap(titleBar.y, titleBar.height, workArea.y, workArea.height)
    return w >= Math.min(GRAB_WIDTH, saved.width) && h >= Math.min(GRAB_HEIGHT, saved.height)
  })
  if (!home) return null
  const area = home.workArea
  const width = Math.min(Math.max(saved.width, MIN_WIDTH), area.width)
  const height = Math.min(Math.max(saved.height, MIN_HEIGHT), area.height)
  // Keep the top edge on the display so the title bar can never end up above the screen.
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - GRAB_HEIGHT)
  return { x: saved.x, y, width, height }
}

/** The remembered state, or null when there is none or the file is unreadable. */
export async function loadWindowState(file: string): Promise<WindowState | null> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch {
    return null
  }
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export async function saveWindowState(file: string, state: WindowState): Promise<void> {
  const checked = WindowStateSchema.parse(state)
  await mkdir(dirname(file), { recursive: true })
  const temp = `${file}.${process.pid}.tmp`
  await writeFile(temp, `${JSON.stringify(checked, null, 2)}\n`, 'utf8')
  await rename(temp, file)
}
