import { join } from 'node:path'
import type { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import { writeJsonAtomic } from './atomicWrite'
import { errorCode, nodeStoreFs } from './storeFs'
import type { StoreFs } from './storeFs'

/**
 * One JSON settings file in the data dir, shared by every process that opens it (app, CLI,
 * browser host): each read and each change reads the file again, changes are queued in this
 * process and written atomically. A missing file reads as `empty()`; a file that does not parse
 * or match `schema` is STORAGE_CORRUPT and is never overwritten by a change.
 */
export class JsonSettingsFile<T> {
  private queue: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly dir: string,
    readonly fileName: string,
    private readonly schema: z.ZodType<T>,
    private readonly empty: () => T,
    private readonly fs: StoreFs = nodeStoreFs,
  ) {}

  get filePath(): string {
    return join(this.dir, this.fileName)
  }

  async read(): Promise<T> {
    let text: string
    try {
      text = await this.fs.readFile(this.filePath)
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return this.empty()
      throw new MirrorError('STORAGE_UNAVAILABLE', `Could not read ${this.fileName}.`, {
        file: this.fileName,
      })
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    const parsed = this.schema.safeParse(json)
    if (!parsed.success) {
      throw new MirrorError(
        'STORAGE_CORRUPT',
        `${this.fileName} is not valid; fix or delete it (it was left as it is).`,
        { file: this.fileName },
      )
    }
    return parsed.data
  }

  /** Reads, applies `change` (which may throw: nothing is written then), writes. */
  mutate<R>(change: (value: T) => R): Promise<R> {
    const run = async (): Promise<R> => {
      const value = await this.read()
      const result = change(value)
      await this.fs.mkdirp(this.dir)
      await writeJsonAtomic(this.fs, this.dir, this.fileName, value)
      return result
    }
    const next = this.queue.then(run, run)
    this.queue = next.catch(() => undefined)
    return next
  }
}
