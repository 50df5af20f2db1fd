import type { Page } from '@playwright/test'

// The browser globals used inside page.evaluate (tests are type-checked without the DOM).
export interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: unknown[], name: string, options?: { type: string }) => unknown
  Uint8Array: typeof Uint8Array
  DragEvent: new (type: string, init: object) => unknown
  ClipboardEvent: new (type: string, init: object) => unknown
  dispatchEvent(event: unknown): boolean
  document: { querySelector(selector: string): { dispatchEvent(e: unknown): boolean } | null }
}

/**
 * A drag and drop of files as the OS delivers it: `stages` of DragEvents carrying a DataTransfer
 * of real Files, dispatched on `selector` (or the window).
 */
export async function dropFiles(
  page: Page,
  selector: string | null,
  files: Array<{ name: string; data: number[]; type?: string }>,
  stages: string[] = ['dragenter', 'dragover', 'drop'],
) {
  await page.evaluate(
    ({ selector, files, stages }) => {
      const w = globalThis as unknown as PageGlobals
      const transfer = new w.DataTransfer()
      for (const f of files) {
        transfer.items.add(new w.File([w.Uint8Array.from(f.data)], f.name, { type: f.type ?? '' }))
      }
      const target = selector ? w.document.querySelector(selector) : w
      for (const type of stages) {
        target?.dispatchEvent(
          new w.DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }),
        )
      }
    },
    { selector, files, stages },
  )
}
