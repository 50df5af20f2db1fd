import type { ConformanceContext, StorageHarness } from './conformanceTypes'
import { attachmentConformance } from './conformanceAttachments'
import { folderConformance } from './conformanceFolders'
import { idConformance } from './conformanceIds'
import { messageConformance } from './conformanceMessages'
import { persistenceConformance } from './conformancePersistence'
import { rolesConformance } from './conformanceRoles'
import { searchConformance } from './conformanceSearch'
import { sessionConformance } from './conformanceSessions'
import { treeConformance } from './conformanceTree'
import { treeEditConformance } from './conformanceTreeEdits'
import { afterEach, beforeEach, describe, useRunner } from './runner'
import type { TestRunner } from './runner'

export type { StorageHarness } from './conformanceTypes'
export type { TestRunner } from './runner'

export interface ConformanceOptions {
  /** The backend keeps its data (default true): give `reopen`, and the persistence tests run. */
  durable?: boolean
  /** node:test's `{ describe, it, beforeEach, afterEach }` to run under `node --test`; default vitest. */
  runner?: TestRunner
}

/**
 * The contract every Storage backend must meet (src/main/storage/storage.ts). A backend that
 * passes this suite is a valid custom backend. `open` is called before each test with fresh,
 * empty data. Registers the tests (vitest's, or those of `options.runner`): call it at the top
 * level of a test file.
 */
export function describeStorageConformance(
  name: string,
  open: () => Promise<StorageHarness>,
  options: ConformanceOptions = {},
): void {
  useRunner(options.runner)
  describe(`Storage conformance: ${name}`, () => {
    let harness: StorageHarness | null = null

    beforeEach(async () => {
      harness = await open()
    })

    afterEach(async () => {
      await harness?.cleanup()
      harness = null
    })

    const ctx: ConformanceContext = {
      harness: () => {
        if (!harness) throw new Error('No storage open')
        return harness
      },
      storage: () => ctx.harness().storage,
      durable: options.durable ?? true,
      reopen: () => {
        const reopen = ctx.harness().reopen
        if (!reopen) throw new Error(`${name} cannot reopen its data`)
        return reopen()
      },
    }

    sessionConformance(ctx)
    messageConformance(ctx)
    searchConformance(ctx)
    persistenceConformance(ctx)
    rolesConformance(ctx)
    treeConformance(ctx)
    treeEditConformance(ctx)
    idConformance(ctx)
    folderConformance(ctx)
    attachmentConformance(ctx)
  })
}
