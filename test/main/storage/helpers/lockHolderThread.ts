/**
 * Worker thread for the folder-lock tests, standing in for the app's core thread: takes the JSON
 * store's lock, posts 'locked' and holds it until it gets a message (then posts 'released'), or
 * until the test terminates the thread, as the app does to a core thread it restarts. With
 * `busyMs`, its event loop is blocked for that long over and over while it holds the lock (a
 * core thread under load; only the gaps between let it renew the lock).
 */
import { parentPort, workerData } from 'node:worker_threads'
import { withStoreLock } from '../../../../src/main/storage/json/storeLock'

const { dir, busyMs } = workerData as { dir: string; busyMs: number }
const port = parentPort!

function blockFor(ms: number): void {
  const until = Date.now() + ms
  while (Date.now() < until) {
    // Busy on purpose: nothing else in this thread runs meanwhile.
  }
}

await withStoreLock(
  dir,
  () =>
    new Promise<void>((resolve) => {
      const load = busyMs > 0 ? setInterval(() => blockFor(busyMs), 20) : undefined
      port.once('message', () => {
        clearInterval(load)
        resolve()
      })
      port.postMessage('locked')
    }),
)
port.postMessage('released')
port.close()
