import { createHash, randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Message, Session } from '../../../../src/shared/domain'
import { createMirror } from '../../../../src/main/mirror'
import { makeMessage, makeSession } from '../../storage/helpers/fixtures'
import type { Mirror } from '../../../../src/main/mirrorApi'

export const PASSWORD = 'Backup-Test-Password-Qx7!'
export const KEYCHAIN = `ActiveMirror-test-backup-${randomUUID().slice(0, 8)}`

export const SECRET = {
  title: 'Title-CERULEAN-PANGOLIN',
  userText: 'plain message MAGENTA-WOMBAT about my week',
  reply: 'assistant reply CHARTREUSE-IBIS',
  branch: 'other version SIENNA-KOALA',
  sensitive: 'sensitive text VERMILION-HERON about therapy',
  vaultValue: 'vault value PLUM-OCTOPUS-4417',
  instructions: 'global instructions INDIGO-MARMOT',
}

export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix))
}

export function openMirror(dir: string, storage: 'sqlite' | 'json' = 'sqlite'): Promise<Mirror> {
  return createMirror({
    dataDir: dir,
    storage,
    vault: { keychainService: KEYCHAIN, iterations: 100_000 },
    providerSettings: { keychainService: KEYCHAIN },
  })
}

let clock = Date.parse('2026-01-01T10:00:00.000Z')
const at = (): string => new Date((clock += 1000)).toISOString()

/** A message below `parentId`, at a later time than every one before it. */
export function message(
  session: Session,
  id: string,
  content: string,
  parentId: string | null,
  extra: Partial<Message> = {},
): Message {
  return makeMessage(session.id, { id, content, parentId, createdAt: at(), ...extra })
}

export function newSession(id: string, title: string, extra: Partial<Session> = {}): Session {
  const now = at()
  return makeSession({ id, title, createdAt: now, updatedAt: now, ...extra })
}

/** A source with a bit of everything: folders, a tree with versions, sensitive, vault, settings. */
export async function seed(mirror: Mirror): Promise<void> {
  await mirror.vault.init(PASSWORD)
  await mirror.storage.createFolder({ id: 'folder-1', name: 'Work', createdAt: at() })
  const a = newSession('session-a', SECRET.title, { pinned: true })
  await mirror.storage.createSession(a)
  await mirror.storage.updateSession(a.id, { folderId: 'folder-1', pinned: true })
  await mirror.storage.appendMessage(message(a, 'm1', SECRET.userText, null))
  await mirror.storage.appendMessage(message(a, 'm2', SECRET.reply, 'm1', { role: 'assistant' }))
  await mirror.storage.appendMessage(message(a, 'm2b', SECRET.branch, 'm1', { role: 'assistant' }))
  await mirror.storage.appendMessage(message(a, 'm3', SECRET.sensitive, 'm2b', { sensitive: true }))
  const b = newSession('session-b', 'Archived one')
  await mirror.storage.createSession(b)
  await mirror.storage.appendMessage(message(b, 'b1', 'hello there', null))
  await mirror.storage.updateSession(b.id, { archived: true })
  await mirror.vault.set('goal', SECRET.vaultValue, { category: 'goals' })
  await mirror.instructions.setGlobal(SECRET.instructions)
  await mirror.instructions.addPersona({ name: 'Coach', instructions: 'be brief' })
}

/** Everything a user would miss, read through the public APIs, in a comparable shape. */
export async function snapshot(mirror: Mirror) {
  const sessions = await mirror.storage.listSessions({ archived: 'all', limit: 500 })
  const trees: Record<string, Message[]> = {}
  for (const s of sessions.items) {
    trees[s.id] = (await mirror.storage.listTree(s.id, { limit: 500 })).items
  }
  return {
    sessions: [...sessions.items].sort((x, y) => x.id.localeCompare(y.id)),
    trees,
    folders: await mirror.storage.listFolders(),
    vault: mirror.vault.unlocked ? await mirror.vault.list() : null,
    instructions: await mirror.instructions.getGlobal(),
    personas: await mirror.instructions.listPersonas(),
  }
}

function allFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name)
    return d.isDirectory() ? allFiles(p) : [p]
  })
}

/** A hash of every file's name and bytes under `dir` (WAL and SHM included). */
export function hashDir(dir: string): string {
  const hash = createHash('sha256')
  for (const file of allFiles(dir).sort()) {
    hash.update(path.relative(dir, file))
    hash.update(fs.readFileSync(file))
  }
  return hash.digest('hex')
}
