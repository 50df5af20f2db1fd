import '@testing-library/jest-dom/vitest'
import { cleanup, configure } from '@testing-library/react'
import { afterEach } from 'vitest'

// jsdom has no layout: scrolling calls (virtualizer, jump to a search hit) are no-ops here.
if (typeof Element !== 'undefined' && !Element.prototype.scrollTo) {
  Element.prototype.scrollTo = function scrollTo() {}
}

// jsdom's Blob/File lack text(), which every browser the app runs in has.
if (typeof Blob !== 'undefined' && typeof FileReader !== 'undefined' && !Blob.prototype.text) {
  Blob.prototype.text = function text(this: Blob) {
    return new Promise<string>((resolve, reject) => {
      const reader = new FileReader()
      reader.onload = () => resolve(String(reader.result))
      reader.onerror = () => reject(reader.error ?? new Error('read failed'))
      reader.readAsText(this)
    })
  }
}

// jsdom has no object URLs; the app makes them for Blobs it shows (thumbnails) and revokes them.
if (typeof URL !== 'undefined' && !URL.createObjectURL) {
  let next = 0
  URL.createObjectURL = () => `blob:jsdom/${++next}`
  URL.revokeObjectURL = () => {}
}

// findBy*/waitFor wait for the real core (keychain, SQLite, lazy grammar chunks): on a loaded
// machine that can take longer than the library's 1 s default, which is a wait, not a target.
configure({ asyncUtilTimeout: 5000 })

afterEach(() => {
  if (typeof document !== 'undefined') cleanup()
})
