import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'

/** Kept after the run (outside Playwright's output folder, which is wiped on each run). */
export const SCREENSHOT_DIR = join('test-results', 'screenshots')

/**
 * What is on screen now in light and dark, at 1280×800 and 800×600, as
 * `<scheme>-<name>-<width>x<height>.png` (for people to look at, never committed); `prepare`
 * runs before each shot (e.g. scroll a section into view). Leaves 1280×800, light.
 */
export async function themedScreenshots(
  page: Page,
  name: string,
  prepare?: () => Promise<void>,
): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  for (const [width, height] of [
    [1280, 800],
    [800, 600],
  ] as const) {
    await page.setViewportSize({ width, height })
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' })
      await prepare?.()
      await page.screenshot({
        path: join(SCREENSHOT_DIR, `${scheme}-${name}-${width}x${height}.png`),
        animations: 'disabled',
        caret: 'hide',
      })
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.emulateMedia({ colorScheme: 'light' })
}
