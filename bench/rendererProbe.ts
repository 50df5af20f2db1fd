/**
 * Code that runs inside the page, kept as plain JavaScript text: functions passed to
 * page.evaluate are serialized from source, and tsx's transform can add helpers
 * (`__name`) that do not exist in the page.
 */
export const PROBE_SCRIPT = `
window.__probe = {
  scroller() {
    return document.querySelector('[role="log"][aria-label="Messages"]')
  },

  /** Clicks the session, then waits until its newest message is on screen and painted. */
  open(title, lastId) {
    return new Promise((resolve, reject) => {
      const link = Array.from(document.querySelectorAll('nav a')).find(
        (a) => a.textContent.trim() === title,
      )
      if (!link) return reject(new Error('no session link named ' + title))
      const started = performance.now()
      link.click()
      const check = () => {
        const scroller = this.scroller()
        const el = scroller && scroller.querySelector('[data-message-id="' + lastId + '"]')
        if (el) {
          const row = el.getBoundingClientRect()
          const view = scroller.getBoundingClientRect()
          if (row.height > 0 && row.bottom <= view.bottom + 1 && row.bottom > view.top) {
            // In the DOM for this frame; a task queued now runs after the frame is painted.
            const inFrame = performance.now() - started
            setTimeout(() => resolve({ painted: performance.now() - started, inFrame }), 0)
            return
          }
        }
        if (performance.now() - started > 15000) return reject(new Error('not painted in 15 s'))
        requestAnimationFrame(check)
      }
      requestAnimationFrame(check)
    })
  },

  /**
   * Scrolls up by stepPx on every frame until the very first message is on screen (the app loads
   * older pages on the way; "Load older messages" is gone once none is left), or maxMs passed.
   */
  scrollToTop(stepPx, maxMs) {
    const scroller = this.scroller()
    return new Promise((resolve) => {
      const deltas = []
      let start = 0
      let last = 0
      const frame = (now) => {
        deltas.push(now - last)
        last = now
        const done = scroller.scrollTop === 0 && !scroller.querySelector('.load-older')
        if (done || now - start > maxMs) {
          resolve({ deltas, reachedTop: done, ms: now - start, height: scroller.scrollHeight })
          return
        }
        scroller.scrollTop -= stepPx
        requestAnimationFrame(frame)
      }
      requestAnimationFrame((now) => {
        start = now
        last = now
        scroller.scrollTop -= stepPx
        requestAnimationFrame(frame)
      })
    })
  },

  /** Scrolls by stepPx on every frame for durationMs; returns the frame-to-frame times. */
  scroll(stepPx, durationMs) {
    const scroller = this.scroller()
    return new Promise((resolve) => {
      const deltas = []
      let start = 0
      let last = 0
      let oldest = Infinity
      const frame = (now) => {
        deltas.push(now - last)
        last = now
        const first = scroller.querySelector('[data-message-id]')
        const index = first ? Number(/(\\d+)$/.exec(first.getAttribute('data-message-id'))?.[1]) : NaN
        if (index < oldest) oldest = index
        scroller.scrollTop += stepPx
        if (now - start < durationMs) requestAnimationFrame(frame)
        else resolve({ deltas, oldest })
      }
      requestAnimationFrame((now) => {
        start = now
        last = now
        scroller.scrollTop += stepPx
        requestAnimationFrame(frame)
      })
    })
  },
}
`

export interface OpenTiming {
  /** Click to the frame after the newest message was on screen. */
  painted: number
  /** Click to the animation frame in which it was first in the DOM and on screen. */
  inFrame: number
}

export interface ScrollRun {
  deltas: number[]
  /** Index (in the whole session) of the oldest message the list showed while scrolling. */
  oldest: number
}

export interface FullDepthRun {
  deltas: number[]
  /** The first message was reached (false: stopped at the time cap). */
  reachedTop: boolean
  ms: number
  /** The scroller's height at the end, in px (the whole conversation once at the top). */
  height: number
}
