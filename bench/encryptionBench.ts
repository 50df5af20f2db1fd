import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3-multiple-ciphers'
import { createMirror } from '../src/main/mirror'
import type { Mirror } from '../src/main/mirrorApi'
import { SQLITE_FILE_NAME } from '../src/main/paths'
import { benchSessionId, ensureCorpus } from './recallCorpus'
import { median } from './stats'
import { ms, report } from './summary'

/**
 * Issue 16: "Encrypt all history" must stay fast. The same corpus (bench/recallCorpus.ts, 50
 * messages a session) opened twice through the whole core (createMirror: vault, sensitive and
 * continuity layers included), once plain and once encrypted (`encryption.enable`, AEGIS-256
 * pages), in the same run; each figure alternates between the two so both see the same machine.
 * Figures (median ms): append one message, open a session's last 50 messages, search.
 * Target: encrypted ≤ 1.3× plain for each. AMOS_ENCRYPTION_BENCH_MESSAGES changes the size.
 */

const MESSAGES = Number(process.env.AMOS_ENCRYPTION_BENCH_MESSAGES ?? 100_000)
const PER_SESSION = 50
const RUNS = 200
const SEARCH_RUNS = 40
const TARGET = 1.3
const PASSWORD = 'encryption bench password'
const QUERIES = ['feel today', 'think about work', 'mir*', 'still really know']

/**
 * The recall corpus stores each session's messages flat; here each one becomes the next link of
 * its session's current path (as the app writes them), so "open the last 50" reads real rows.
 */
function chainSessions(file: string): void {
  const db = new Database(file)
  try {
    const missing = db
      .prepare('SELECT count(*) FROM sessions WHERE current_leaf_id IS NULL')
      .pluck()
      .get() as number
    if (missing === 0) return
    db.exec(`
      BEGIN;
      UPDATE messages SET on_path = 1, parent_id = (
        SELECT p.id FROM messages p WHERE p.session_id = messages.session_id AND p.seq < messages.seq
        ORDER BY p.seq DESC LIMIT 1);
      UPDATE messages SET active_child_id = (
        SELECT c.id FROM messages c WHERE c.parent_id = messages.id LIMIT 1);
      UPDATE sessions SET current_leaf_id = (
        SELECT m.id FROM messages m WHERE m.session_id = sessions.id ORDER BY m.seq DESC LIMIT 1);
      COMMIT;
    `)
  } finally {
    db.close()
  }
}

async function openBoth(root: string): Promise<{ plain: Mirror; encrypted: Mirror }> {
  const corpus = path.join(os.tmpdir(), 'amos-encryption-bench', `corpus-${MESSAGES}.db`)
  fs.mkdirSync(path.dirname(corpus), { recursive: true })
  const built = ensureCorpus(corpus, { messages: MESSAGES, perSession: PER_SESSION }, console.log)
  chainSessions(corpus)
  if (built > 0)
    console.log(`built ${MESSAGES.toLocaleString('en')} messages in ${(built / 1000).toFixed(1)} s`)
  const open = async (name: string): Promise<Mirror> => {
    const dataDir = path.join(root, name)
    fs.mkdirSync(dataDir, { recursive: true })
    fs.copyFileSync(corpus, path.join(dataDir, SQLITE_FILE_NAME))
    // Encrypting rewrites the file compactly (VACUUM INTO); the plain copy gets the same layout.
    const db = new Database(path.join(dataDir, SQLITE_FILE_NAME))
    db.exec('VACUUM')
    db.close()
    const mirror = await createMirror({
      dataDir,
      storage: 'sqlite',
      vault: { iterations: 100_000, keychainService: `ActiveMirror-bench-${process.pid}` },
    })
    await mirror.vault.init(PASSWORD)
    return mirror
  }
  const plain = await open('plain')
  const encrypted = await open('encrypted')
  const started = performance.now()
  await encrypted.encryption.enable()
  console.log(
    `encrypted ${MESSAGES.toLocaleString('en')} messages in ${((performance.now() - started) / 1000).toFixed(1)} s (copy, re-key, verify, swap)`,
  )
  return { plain, encrypted }
}

async function timed(op: () => Promise<unknown>): Promise<number> {
  const started = performance.now()
  await op()
  return performance.now() - started
}

/** Runs `op` on both mirrors in turn, `runs` times each; medians in ms. */
async function alternate(
  runs: number,
  both: { plain: Mirror; encrypted: Mirror },
  op: (mirror: Mirror, i: number) => Promise<unknown>,
): Promise<{ plain: number; encrypted: number }> {
  const plain: number[] = []
  const encrypted: number[] = []
  for (let i = 0; i < runs; i++) {
    plain.push(await timed(() => op(both.plain, i)))
    encrypted.push(await timed(() => op(both.encrypted, i)))
  }
  return { plain: median(plain), encrypted: median(encrypted) }
}

/** One line of the closing table (./summary.ts): app = encrypted, raw = plain, same run. */
function line(figure: string, result: { plain: number; encrypted: number }): void {
  const ratio = result.encrypted / result.plain
  report({
    figure: `encrypted history: ${figure}`,
    app: ms(result.encrypted, 3),
    raw: `${ms(result.plain, 3)} plain`,
    ratio,
    target: `≤ ${TARGET}×`,
    met: ratio <= TARGET,
  })
  console.log(
    `${figure}: encrypted ${ms(result.encrypted, 3)}, plain ${ms(result.plain, 3)}, ${ratio.toFixed(2)}×`,
  )
}

export async function run(): Promise<void> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'amos-encryption-bench-'))
  const both = await openBoth(root)
  try {
    const sessions = Math.floor(MESSAGES / PER_SESSION)
    console.log(
      `${MESSAGES.toLocaleString('en')} messages; app = encrypted, raw = plain, same core, same run`,
    )
    const appendTo = benchSessionId(0)
    line(
      'append one message (full core)',
      await alternate(RUNS, both, async (mirror, i) => {
        const now = new Date().toISOString()
        await mirror.storage.appendMessage({
          id: `msg_encbench_${i}`,
          sessionId: appendTo,
          role: 'user',
          content: `appended message ${i} about the garden and the week ahead`,
          createdAt: now,
          pattern: null,
          uncertainty: null,
          sensitive: false,
          status: 'complete',
          provider: null,
          model: null,
          metadata: {},
        })
      }),
    )
    line(
      'open a session: last 50 messages',
      await alternate(RUNS, both, async (mirror, i) => {
        const page = await mirror.sessions.messages(
          benchSessionId(1 + ((i * 7919) % (sessions - 1))),
          {
            limit: 50,
          },
        )
        if (page.items.length !== 50) throw new Error('the bench session has no current path')
      }),
    )
    line(
      'search (20 hits)',
      await alternate(SEARCH_RUNS, both, (mirror, i) =>
        mirror.storage.search(QUERIES[i % QUERIES.length]!, { limit: 20 }),
      ),
    )
  } finally {
    await both.plain.close()
    await both.encrypted.close()
    fs.rmSync(root, { recursive: true, force: true })
  }
}
