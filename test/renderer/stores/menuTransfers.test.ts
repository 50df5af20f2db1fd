import { beforeEach, describe, expect, it } from 'vitest'
import { useImportStore } from '../../../src/renderer/src/stores/importStore'
import { connectMenuTransfers } from '../../../src/renderer/src/stores/menuTransfers'
import { useSessionsStore } from '../../../src/renderer/src/stores/sessionsStore'
import { useUiStore } from '../../../src/renderer/src/stores/uiStore'
import type { FaultyBridge } from '../core/faultyBridge'
import type { TestCore } from '../core/testCore'
import { freshCore } from '../helpers'

let core: TestCore
let bridge: FaultyBridge
let off: () => void
beforeEach(async () => {
  core = await freshCore()
  bridge = core.bridge
  off = connectMenuTransfers(bridge)
  return () => off()
})

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('File menu results', () => {
  it('an import reports what happened and shows the new sessions', async () => {
    await useSessionsStore.getState().load()
    const added = await core.addSession('From the menu')
    const report = {
      imported: [{ file: '/home/ada/notes.json', sessionId: added.id, title: added.title }],
      skipped: [],
      failed: [
        { file: '/home/ada/broken.json', code: 'IMPORT_INVALID' as const, reason: 'not JSON' },
      ],
    }
    bridge.emit('menu.transfer', { kind: 'import', report })
    await settle()
    expect(useUiStore.getState().status).toBe(
      'Imported 1 session. Could not import /home/ada/broken.json: not JSON.',
    )
    expect(useImportStore.getState().lastReport).toEqual(report)
    expect(useSessionsStore.getState().order).toContain(added.id)
  })

  it('an export says how many sessions went to which file', () => {
    bridge.emit('menu.transfer', { kind: 'exportAll', fileName: 'backup.zip', sessionCount: 3 })
    expect(useUiStore.getState().status).toBe('Exported 3 sessions to backup.zip.')
  })

  it('a failure is shown as an alert', () => {
    bridge.emit('menu.transfer', {
      kind: 'error',
      action: 'exportAll',
      error: { code: 'EXPORT_FAILED', message: 'Cannot write all.zip (EACCES).' },
    })
    expect(useUiStore.getState().alerts.map((a) => a.message)).toEqual([
      'Cannot write all.zip (EACCES).',
    ])
  })

  it('stops listening when unsubscribed', () => {
    off()
    bridge.emit('menu.transfer', { kind: 'exportAll', fileName: 'late.zip', sessionCount: 1 })
    expect(useUiStore.getState().status).toBe('')
  })
})
