import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = join(import.meta.dirname, '../..')
const CONFIG = join(ROOT, '.dependency-cruiser.cjs')
const DEPCRUISE = join(ROOT, 'node_modules/.bin/depcruise')

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

let roots: string[] = []
afterEach(() => {
  for (const r of roots) rmSync(r, { recursive: true, force: true })
  roots = []
})

/** A throw-away project with the repository's folder names, the given files and its packages. */
function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'amos-layers-'))
  roots.push(root)
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir')
  writeFileSync(
    join(root, 'tsconfig.node.json'),
    JSON.stringify({ compilerOptions: { moduleResolution: 'bundler', module: 'esnext' } }),
  )
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, dirname(path)), { recursive: true })
    writeFileSync(join(root, path), `${text}\nexport const here = 1\n`)
  }
  return root
}

/** Runs the real check (the same command as `npm run layers`) and returns what it refused. */
async function check(root: string): Promise<Violation[]> {
  const out = await run(DEPCRUISE, ['src', '--config', CONFIG, '-T', 'json'], {
    cwd: root,
    maxBuffer: 32 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
  const result = JSON.parse(out.stdout) as { summary: { violations: Violation[] } }
  return result.summary.violations
}

/** Loads the keytar addon the way keychain/keytarStore.ts does. */
const KEYTAR =
  "import { createRequire } from 'node:module'\nconst require = createRequire(import.meta.url)\nrequire('keytar')"

const ruleOf = (violations: Violation[], from: string): string[] =>
  violations.filter((v) => v.from === from).map((v) => v.rule.name)

describe('the layer rules (.dependency-cruiser.cjs)', () => {
  it('let each layer import what docs/architecture.md allows', async () => {
    const root = project({
      'src/shared/domain.ts': "import 'zod'",
      'src/renderer/src/app.tsx': "import '../../shared/domain'",
      'src/preload/index.ts': "import 'electron'\nimport '../shared/domain'",
      'src/main/fs/storeFs.ts': "import 'node:fs'\nimport '../../shared/domain'",
      'src/main/storage/storage.ts': "import '../fs/storeFs'",
      'src/main/storage/sqlite/sqliteStorage.ts': "import '../storage'",
      'src/main/services/sessionService.ts': "import type { here } from '../storage/storage'",
      'src/main/services/contracts.ts': "import '../../shared/domain'",
      'src/main/continuity/recall.ts': "import '../services/sessionService'",
      'src/main/mirrorApi.ts': "import './services/contracts'",
      'src/main/llm/providers/index.ts': "import '../../../shared/domain'",
      'src/main/keychain/secretStore.ts': '',
      'src/main/keychain/keytarStore.ts': `import './secretStore'\n${KEYTAR}`,
      'src/main/llm/apiKeys.ts': "import type { here } from '../keychain/secretStore'",
      'src/main/vault/vaultKeyring.ts': "import type { here } from '../keychain/secretStore'",
      'src/main/providerSetup.ts':
        "import './llm/providers/index'\nimport './services/contracts'\nimport './keychain/keytarStore'",
      'src/main/mirror.ts':
        "import './storage/sqlite/sqliteStorage'\nimport './continuity/recall'\nimport './providerSetup'\nimport './keychain/keytarStore'\nimport './vault/vaultKeyring'",
      'src/main/ipc/router.ts': "import '../mirrorApi'\nimport '../services/contracts'",
      'src/main/host/hostServer.ts': "import '../ipc/router'\nimport '../core/coreClient'",
      'src/main/core/coreClient.ts': "import '../ipc/router'\nimport '../mirror'",
      // A leaf that finds a worker entry's script: the import starts its own worker with it.
      'src/main/core/workerScript.ts': "import 'node:fs'",
      'src/main/services/listParser.ts': "import '../core/workerScript'",
      'src/main/index.ts': "import 'electron'\nimport './mirror'\nimport './ipc/router'",
      'src/cli/main.ts': "import '../main/mirror'\nimport '../main/mirrorApi'",
    })
    expect(await check(root)).toEqual([])
  })

  it('fail the build for every kind of layer break, naming the rule', async () => {
    const root = project({
      'src/shared/domain.ts': "import 'node:fs'",
      'src/renderer/src/app.tsx': "import '../../main/paths'\nimport 'node:path'",
      'src/preload/index.ts': "import '../main/paths'",
      'src/main/paths.ts': '',
      'src/main/electron/menu.ts': '',
      'src/main/services/ids.ts': "import 'electron'",
      'src/main/services/chat.ts': "import '../continuity/chain'",
      'src/main/services/providerSettings.ts': "import '../llm/providers/openai'",
      'src/main/llm/providers/openai.ts': '',
      'src/main/host/staticFiles.ts': "import '../electron/menu'\nimport '../storage/storage'",
      'src/main/storage/storage.ts': '',
      'src/main/storage/sqlite/rows.ts': '',
      'src/main/continuity/chain.ts': "import '../storage/sqlite/rows'",
      'src/main/vault/lockout.ts': "import '../ipc/router'\nimport '../continuity/chain'",
      'src/main/ipc/router.ts': "import '../vault/settings'",
      'src/main/vault/settings.ts': '',
      'src/main/llm/contextWindow.ts': "import '../services/ids'",
      'src/main/formats/sdkFields.ts': "import '../storage/storage'",
      'src/cli/output.ts': "import '../main/storage/storage'",
      'src/main/crypto/kdf.ts': "import './wipe'",
      'src/main/crypto/wipe.ts': "import './kdf'",
      'src/main/keychain/secretStore.ts': "import type { here } from '../sqlite/types'",
      'src/main/sqlite/types.ts': "import type { here } from '../keychain/secretStore'",
      'src/main/fs/storeFs.ts': "import 'no-such-package-anywhere'",
      'src/main/keychain/keytarStore.ts': '',
      'src/main/vault/mirrorVault.ts': "import '../keychain/keytarStore'",
      'src/main/llm/apiKeys.ts': KEYTAR,
      'src/cli/keys.ts': "import '../main/keychain/keytarStore'",
      'src/cli/commands/vaultImportSdk.ts': "import '../../main/vault/sdk/sdkVaultFolder'",
      'src/main/vault/sdk/sdkVaultFolder.ts': '',
      'src/cli/commands/providers.ts': "import '../../main/providerSetup'",
      'src/main/providerSetup.ts': '',
      'src/main/core/coreRuntime.ts': "import '../services/chat'",
      'src/main/services/startCore.ts': "import '../core/coreRuntime'",
      'src/sdk/index.ts': "import '../main/storage/sqlite/rows'",
    })
    const violations = await check(root)
    const expected: Record<string, string[]> = {
      'src/shared/domain.ts': ['shared-only-zod'],
      'src/renderer/src/app.tsx': ['renderer-only-shared', 'renderer-no-node'],
      'src/preload/index.ts': ['preload-only-shared'],
      'src/main/services/ids.ts': ['electron-only-in-electron-layer'],
      'src/main/services/chat.ts': ['services-below-continuity-and-vault'],
      'src/main/services/providerSettings.ts': ['domain-not-provider-clients'],
      'src/main/host/staticFiles.ts': [
        'nothing-imports-the-electron-layer',
        'browser-host-through-contracts',
      ],
      'src/main/continuity/chain.ts': ['storage-internals-only-from-storage'],
      'src/main/vault/lockout.ts': ['domain-not-hosts', 'vault-not-continuity'],
      'src/main/ipc/router.ts': ['transport-through-contracts'],
      'src/main/llm/contextWindow.ts': ['interfaces-below-domain'],
      'src/main/formats/sdkFields.ts': ['toolkits-are-leaves'],
      'src/cli/output.ts': ['cli-through-contracts'],
      'src/main/vault/mirrorVault.ts': ['keytar-store-only-from-composition'],
      'src/main/llm/apiKeys.ts': ['keytar-only-in-keytar-store'],
      'src/cli/keys.ts': ['keytar-store-only-from-composition', 'cli-through-contracts'],
      'src/cli/commands/vaultImportSdk.ts': ['cli-through-contracts'],
      'src/cli/commands/providers.ts': ['cli-through-contracts'],
      'src/main/crypto/kdf.ts': ['no-circular'],
      'src/main/sqlite/types.ts': ['toolkits-are-leaves'],
      'src/main/fs/storeFs.ts': ['not-to-unresolvable'],
      'src/main/core/coreRuntime.ts': ['core-runtime-below-hosts'],
      'src/main/services/startCore.ts': ['only-hosts-start-the-core'],
      'src/sdk/index.ts': ['sdk-through-composition'],
    }
    for (const [from, rules] of Object.entries(expected)) {
      for (const rule of rules) expect(ruleOf(violations, from), from).toContain(rule)
    }
    // A cycle is reported from whichever of its files the checker meets first.
    const crossFolder = violations.filter((v) => v.rule.name === 'no-cross-folder-cycle')
    expect(crossFolder.map((v) => v.from)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^src\/main\/(keychain|sqlite)\//)]),
    )
  })

  it('are each described in docs/architecture.md, which names no rule that does not exist', () => {
    const config = createRequire(import.meta.url)(CONFIG) as { forbidden: Array<{ name: string }> }
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8')
    const documented = [...doc.matchAll(/^\| `([a-z-]+)` \|/gm)].map((m) => m[1])
    expect(documented.sort()).toEqual(config.forbidden.map((r) => r.name).sort())
  })
})
