import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'
import { createSession, openApp } from './helpers'

interface SelectLike {
  clientWidth: number
  selectedIndex: number
  options: ArrayLike<{ text: string }>
  ownerDocument: {
    createElement(tag: 'canvas'): {
      getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null
    }
    defaultView: {
      getComputedStyle(element: unknown): {
        font: string
        fontSize: string
        paddingLeft: string
        paddingRight: string
      }
    } | null
  }
}

/** How much wider the chosen option's text is than the room the select gives it (≤ 0: fits). */
async function overflowOfChosen(page: Page): Promise<number> {
  return page.getByLabel('Session provider').evaluate((element) => {
    const select = element as unknown as SelectLike
    const style = select.ownerDocument.defaultView!.getComputedStyle(select)
    const context = select.ownerDocument.createElement('canvas').getContext('2d')
    if (!context) throw new Error('no canvas')
    context.font = style.font
    const text = select.options[select.selectedIndex]?.text ?? ''
    const padding = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight)
    // The drop-down arrow takes about 1.2em on the right.
    const arrow = 1.2 * parseFloat(style.fontSize)
    return context.measureText(text).width + padding + arrow - select.clientWidth
  })
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 800, height: 600 },
]) {
  test(`the session provider picker shows the whole name at ${size.width}×${size.height}`, async ({
    page,
    host,
  }, testInfo) => {
    await page.setViewportSize(size)
    await openApp(page, host)
    await createSession(page, 'Picker')
    const picker = page.getByLabel('Session provider')
    await expect(picker).toBeVisible()
    await expect(picker.locator('option:checked')).toHaveText(
      'Default: Offline reflection (not an AI model)',
    )
    expect(await overflowOfChosen(page)).toBeLessThanOrEqual(0)
    // The picker stays inside the window, not cut off at its edge.
    const box = await picker.boundingBox()
    expect(box && box.x + box.width).toBeLessThanOrEqual(size.width)
    const body = await page.screenshot({ animations: 'disabled', caret: 'hide' })
    await testInfo.attach(`picker-${size.width}x${size.height}`, {
      body,
      contentType: 'image/png',
    })
  })
}
