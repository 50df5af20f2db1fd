import { execFile } from 'node:child_process'
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const exec = promisify(execFile)
const ROOT = path.join(import.meta.dirname, '../..')
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'
// A vitest run inside this one must not think it is a worker of ours, and an npm started from
// `npm test` must not take the repo for its project (npm passes its own settings down).
const OURS = /^(VITEST|npm_package_|npm_lifecycle_|npm_config_local_prefix$)/i
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !OURS.test(key)))

let work = ''
let app = ''

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>

/**
 * What a developer does: `npm pack` the package, install the tarball into an empty project, and
 * run a program on it with plain Node (docs/sdk.md, examples/).
 */
beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'amos-pack-'))
  const ownPackageJson = readFileSync(path.join(ROOT, 'package.json'), 'utf8')
  // `npm pack` runs `prepare` (the CLI build) and `prepack` (the type declarations); vitest's
  // global setup built the first already, so both run here only when stale and the pack itself
  // skips the scripts. The assertion keeps the two in step with package.json.
  const scripts = readJson(path.join(ROOT, 'package.json')).scripts as Record<string, string>
  expect(scripts.prepare).toBe('node scripts/build-cli.mjs')
  expect(scripts.prepack).toBe('node scripts/build-sdk-types.mjs')
  for (const build of ['scripts/build-cli.mjs', 'scripts/build-sdk-types.mjs']) {
    await exec(process.execPath, [path.join(ROOT, build), '--if-stale'], { cwd: ROOT })
  }
  const packed = await exec(
    NPM,
    ['pack', '--ignore-scripts', '--json', '--pack-destination', work],
    {
      cwd: ROOT,
      env,
    },
  )
  const [{ filename }] = JSON.parse(packed.stdout) as [{ filename: string }]

  app = path.join(work, 'app')
  mkdirSync(app)
  writeFileSync(
    path.join(app, 'package.json'),
    '{ "name": "app", "private": true, "type": "module" }\n',
  )
  // Offline from the npm cache where it holds every dependency (CI's `npm ci` filled it).
  // --ignore-scripts: compiling better-sqlite3-multiple-ciphers again would take minutes; the repo's own build,
  // of the very same version (the same lockfile), is copied in instead. keytar (N-API) is loaded
  // only for the keychain, which this program does not use.
  await exec(
    NPM,
    [
      'install',
      path.join(work, filename),
      '--ignore-scripts',
      '--prefer-offline',
      '--no-audit',
      '--no-fund',
    ],
    { cwd: app, env },
  )
  // The install went to the empty project, not to the repo it was packed from.
  expect(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).toBe(ownPackageJson)
  expect(readJson(path.join(app, 'package.json')).dependencies).toHaveProperty('activemirror')
  const sqlite = (base: string) => path.join(base, 'node_modules/better-sqlite3-multiple-ciphers')
  expect(readJson(path.join(sqlite(app), 'package.json')).version).toBe(
    readJson(path.join(sqlite(ROOT), 'package.json')).version,
  )
  mkdirSync(path.join(sqlite(app), 'build/Release'), { recursive: true })
  copyFileSync(
    path.join(sqlite(ROOT), 'build/Release/better_sqlite3.node'),
    path.join(sqlite(app), 'build/Release/better_sqlite3.node'),
  )
}, 150_000)

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true })
})

describe('the packed package, installed from its tarball', () => {
  it('ships the built entries, types and CLI, and no sources or tests', () => {
    const installed = path.join(app, 'node_modules/activemirror')
    const files = readdirTree(installed)
    expect(files).toEqual(
      expect.arrayContaining([
        'out/cli/sdk.mjs',
        'out/cli/testing.mjs',
        'out/types/sdk/index.d.ts',
        'out/types/testing/index.d.ts',
        'bin/amos.mjs',
        'docs/sdk.md',
      ]),
    )
    expect(files.filter((f) => /^(src|test|examples|scripts)\//.test(f))).toEqual([])
  })

  it('runs examples/node-app with plain Node', async () => {
    cpSync(path.join(ROOT, 'examples/node-app/index.mjs'), path.join(app, 'index.mjs'))
    const { stdout } = await exec(process.execPath, ['index.mjs', path.join(work, 'data')], {
      cwd: app,
      env,
    })
    expect(stdout).toContain('you: What could grow in a shady garden?')
    expect(stdout).toMatch(/mirror: \S/)
    expect(stdout).toContain('stored: complete reply from offline, pattern analytical')
    expect(stdout).toContain('search "shady garden": 2 message(s)')
    expect(stdout).toContain('sessions: Garden planning (2 messages)')
    expect(stdout).toContain('typed error: NOT_FOUND')
    // The installed `amos` opens what the program wrote.
    const listed = await exec(
      process.execPath,
      [
        'node_modules/activemirror/bin/amos.mjs',
        'sessions',
        'list',
        '--json',
        '--data-dir',
        path.join(work, 'data'),
      ],
      { cwd: app, env },
    )
    expect((JSON.parse(listed.stdout) as { title: string }[]).map((s) => s.title)).toEqual([
      'Garden planning',
    ])
  }, 60_000)

  it('loads from CommonJS too (require of an ES module, Node 20.19+)', async () => {
    const script = `require('activemirror').createMirror({ dataDir: 'unused', storage: 'memory' })
      .then(async (m) => { console.log(m.storageKind); await m.close() })`
    const { stdout } = await exec(process.execPath, ['--input-type=commonjs', '-e', script], {
      cwd: app,
      env,
    })
    expect(stdout.trim()).toBe('memory')
  }, 60_000)

  it('proves the docs’ custom backend with the shipped conformance suite under vitest', async () => {
    // vitest is the developer's own (an optional peer dependency): here, the repo's.
    symlinkSync(
      path.join(ROOT, 'node_modules/vitest'),
      path.join(app, 'node_modules/vitest'),
      'dir',
    )
    cpSync(path.join(ROOT, 'examples/custom-storage'), path.join(app, 'custom-storage'), {
      recursive: true,
    })
    const { stdout } = await exec(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', '--root', 'custom-storage', '--reporter', 'dot'],
      { cwd: app, env: { ...env, NO_COLOR: '1' } },
    )
    expect(stdout).toMatch(/Tests\s+7\d passed \(7\d\)/)
    expect(stdout).not.toMatch(/failed|skipped/)
  }, 60_000)

  it('gives TypeScript its types through `exports` (moduleResolution nodenext)', async () => {
    writeFileSync(path.join(app, 'consumer.ts'), CONSUMER)
    writeFileSync(
      path.join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib: ['es2023'],
          types: [],
          strict: true,
          noEmit: true,
          // zod's own declarations need DOM or Node types; a broken import in ours still fails
          // the check, through the @ts-expect-error below (the types would turn `any`).
          skipLibCheck: true,
        },
        files: ['consumer.ts'],
      }),
    )
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc')
    await expect(exec(process.execPath, [tsc, '-p', app], { cwd: app })).resolves.toBeDefined()
  }, 60_000)
})

// Typed use of both entries; the @ts-expect-error fails the check if the types went `any`.
const CONSUMER = `import { createMirror, MirrorError } from 'activemirror'
import type { ActiveMirror, Reply, Session, Storage } from 'activemirror'
import { describeStorageConformance } from 'activemirror/testing'

export async function run(storage: Storage): Promise<string> {
  const mirror: ActiveMirror = await createMirror({ dataDir: 'data', storage })
  const session: Session = await mirror.sessions.create({ title: 'Typed' })
  const reply: Reply = await mirror.send({ sessionId: session.id, text: 'hi' })
  // @ts-expect-error only the four patterns exist
  await mirror.send({ sessionId: session.id, text: 'hi', pattern: 'loud' })
  const outcome = await reply.completion
  return outcome.error instanceof MirrorError ? outcome.error.code : (outcome.message?.content ?? '')
}
export const suite: typeof describeStorageConformance = describeStorageConformance
`

/** Every file under `dir`, as relative paths with `/`. */
function readdirTree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) =>
      path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'),
    )
}
