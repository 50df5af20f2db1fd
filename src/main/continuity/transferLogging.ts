import type { TransferApi } from '../services/contracts'
import type { ContinuityRecorder } from './continuityRecorder'

/**
 * A TransferApi that records exports in the continuity log after they succeed: one `export`
 * entry per session export or drag-out file (subject: the session), one (subject null, format
 * `zip`) per archive of every session. Everything else is the wrapped service, untouched, so
 * the transfer code knows nothing of the log.
 */
export function withExportLogging(
  transfer: TransferApi,
  recorder: ContinuityRecorder,
): TransferApi {
  const overrides: Partial<TransferApi> = {
    async exportSession(id, format, options) {
      const file = await transfer.exportSession(id, format, options)
      await recorder.exported(id, format)
      return file
    },
    async writeDragFile(id, format) {
      const written = await transfer.writeDragFile(id, format)
      await recorder.exported(id, format)
      return written
    },
    async exportAll() {
      const archive = await transfer.exportAll()
      await recorder.exported(null, 'zip')
      return archive
    },
    async writeSessionZip(id, format, file, options) {
      const written = await transfer.writeSessionZip(id, format, file, options)
      await recorder.exported(id, format === 'json' ? 'zip' : 'markdown-zip')
      return written
    },
    async writeAllZip(file) {
      const count = await transfer.writeAllZip(file)
      await recorder.exported(null, 'zip')
      return count
    },
  }
  return new Proxy(transfer, {
    get(target, property, receiver) {
      if (typeof property === 'string' && Object.hasOwn(overrides, property)) {
        return overrides[property as keyof TransferApi]
      }
      const value: unknown = Reflect.get(target, property, receiver)
      // Methods run on the real service (its private fields live there, not on the proxy).
      return typeof value === 'function'
        ? (value as (...args: unknown[]) => unknown).bind(target)
        : value
    },
  })
}
