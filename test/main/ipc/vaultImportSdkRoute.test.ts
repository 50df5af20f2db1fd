import fs from 'node:fs'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { RequestContext } from '../../../src/main/ipc/requestContext'
import type { Router } from '../../../src/main/ipc/router'
import { routes } from '../../../src/shared/routes'
import { filesContaining, mirrorFixture, VAULT_PASSWORD } from '../vault/helpers/mirrorFixture'
import type { MirrorFixture } from '../vault/helpers/mirrorFixture'
import { checkedRouter } from '../helpers/checkedRouter'

const FIXTURE = path.resolve(__dirname, '../../fixtures/sdk-vault/js')
const SDK_PASSWORD = 'fixture pässword ✦ 2026'

/** The files as the renderer sends them: names in the folder, bytes in base64. */
function folderInput() {
  return fs.readdirSync(FIXTURE).map((name) => ({
    name,
    base64: fs.readFileSync(path.join(FIXTURE, name)).toString('base64'),
  }))
}

/** vault.importSdk through the router, output validated, over a real mirror. */
describe('vault.importSdk', () => {
  let fx: MirrorFixture
  let router: Router<null>
  const ctx: RequestContext = { emit: () => {} }
  const dispatch = (input: unknown) => router.dispatch(null, 'vault.importSdk', input, ctx)

  beforeEach(async () => {
    fx = await mirrorFixture()
    router = checkedRouter(fx.mirror)
  })
  afterEach(async () => fx.cleanup())

  it('imports the files it is sent into the open vault', async () => {
    await fx.mirror.vault.init(VAULT_PASSWORD)
    const result = await dispatch({ files: folderInput(), password: SDK_PASSWORD })
    expect(result.ok).toBe(true)
    const report = routes['vault.importSdk'].output.parse(result.ok ? result.data : null)
    expect(report).toMatchObject({ format: 'javascript', found: 5, imported: 5, damaged: [] })
    expect((await fx.mirror.vault.get('goal-marathon'))?.tags).toEqual(['health', 'running'])
    // Sealed like any entry: neither keys nor values are on disk in plaintext.
    for (const needle of ['goal-marathon', 'Run a marathon', '日本語のメモ']) {
      expect(filesContaining(fx.dir, needle)).toEqual([])
    }
  })

  it('answers VAULT_LOCKED, VAULT_BAD_PASSWORD and VALIDATION_FAILED as typed errors', async () => {
    await fx.mirror.vault.init(VAULT_PASSWORD)
    const wrong = await dispatch({ files: folderInput(), password: 'not it' })
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VAULT_BAD_PASSWORD' } })
    expect(await dispatch({ files: [], password: SDK_PASSWORD })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    })
    fx.mirror.vault.lock()
    const locked = await dispatch({ files: folderInput(), password: SDK_PASSWORD })
    expect(locked).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
  })
})
