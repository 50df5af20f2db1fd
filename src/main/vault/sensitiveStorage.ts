import type { Message, MessagePage, Session } from '../../shared/domain'
import { isMirrorError, MirrorError } from '../../shared/errors'
import type { SensitiveMessage } from '../../shared/vault'
import type {
  ListMessagesOptions,
  ListTreeOptions,
  RemovedBranch,
  SessionImport,
  SessionImportResult,
  Storage,
  TreePage,
} from '../storage/storage'
import { importSessionsOf } from '../storage/storage'
import { isDamaged } from './sensitiveMessages'
import type { StoredContent } from './sensitiveMessages'

/** What the decorator needs from the vault (VaultService implements it). */
export interface SensitiveVault {
  readonly unlocked: boolean
  status(): Promise<{ initialized: boolean }>
  putMessage(message: SensitiveMessage): Promise<void>
  getMessages(messageIds: readonly string[]): Promise<Map<string, StoredContent>>
  deleteMessage(messageIds: string | readonly string[]): Promise<number>
}

const PAGE = 500

/** A message whose content lives in the vault: the stored row has content '' and this flag. */
export function isSealed(message: Message): boolean {
  return message.sensitive && message.metadata.sealed === true
}

/**
 * A sealed message's attachment as the main store keeps it: the id only (clean-up needs it),
 * the name, type and size in the vault record.
 */
export const SEALED_ATTACHMENT = { name: 'sealed', mimeType: 'application/octet-stream', size: 0 }

/** The row that reaches the main store: no content, and none of the read-time flags. */
function sealed(message: Message): Message {
  const {
    locked: _locked,
    vaultMissing: _missing,
    vaultDamaged: _damaged,
    ...metadata
  } = message.metadata
  const refs = message.attachments?.map((a) => ({ ...SEALED_ATTACHMENT, id: a.id }))
  return {
    ...message,
    content: '',
    metadata: { ...metadata, sealed: true },
    ...(refs && { attachments: refs }),
  }
}

/** Read-time flags must never be stored with a plain message either. */
function plain(message: Message): Message {
  const { locked, vaultMissing, vaultDamaged, sealed: seal, ...metadata } = message.metadata
  if ([locked, vaultMissing, vaultDamaged, seal].every((flag) => flag === undefined)) return message
  return { ...message, metadata }
}

function content(message: Message): SensitiveMessage {
  const { sessionId, id: messageId, content: text, attachments } = message
  return { sessionId, messageId, content: text, ...(attachments?.length && { attachments }) }
}

/**
 * A Storage whose sensitive messages keep their content only in the vault (docs/vault.md): the
 * main store (SQLite + FTS, or JSON files) gets the message with content '' and
 * `metadata.sealed = true`. Reads put the content back while the vault is unlocked; while it is
 * locked they answer content '' with `metadata.locked = true`; a vault record that cannot be
 * read answers content '' with `metadata.vaultDamaged` set to the reason. Writing a sensitive
 * message while locked fails with VAULT_LOCKED before anything is written anywhere.
 */
class SensitiveStorage implements Storage {
  readonly kind: Storage['kind']

  constructor(
    private readonly inner: Storage,
    private readonly vault: SensitiveVault,
  ) {
    this.kind = inner.kind
  }

  // ── writes ───────────────────────────────────────────────────────────────────────────────

  async appendMessage(message: Message): Promise<void> {
    if (!message.sensitive) return this.inner.appendMessage(plain(message))
    await this.requireUnlocked()
    await this.refuseTakenIds([message])
    await this.vault.putMessage(content(message))
    try {
      await this.inner.appendMessage(sealed(message))
    } catch (error) {
      await this.forget([message.id])
      throw error
    }
  }

  async updateMessage(message: Message): Promise<void> {
    if (!message.sensitive) {
      const before = await this.inner.getMessage(message.id)
      await this.inner.updateMessage(plain(message))
      if (isSealed(before)) await this.forget([message.id])
      return
    }
    await this.requireUnlocked()
    await this.inner.getMessage(message.id)
    const stored = (await this.vault.getMessages([message.id])).get(message.id)
    // A damaged record has no content to put back; the new one replaces it like a missing one.
    const previous = stored && !isDamaged(stored) ? stored : undefined
    await this.vault.putMessage(content(message))
    try {
      await this.inner.updateMessage(sealed(message))
    } catch (error) {
      if (previous) await this.vault.putMessage(previous).catch(() => undefined)
      else await this.forget([message.id])
      throw error
    }
  }

  importSession(session: Session, messages: Message[]): Promise<void> {
    return this.sealing(messages, (rows) => this.inner.importSession(session, rows))
  }

  /** Sessions without sensitive messages go to the store in one batch; others one at a time. */
  importSessions(batch: SessionImport[]): Promise<SessionImportResult[]> {
    if (batch.some((item) => item.messages.some((m) => m.sensitive))) {
      return importSessionsOf({ importSession: (s, m) => this.importSession(s, m) }, batch)
    }
    return importSessionsOf(
      this.inner,
      batch.map((item) => ({ session: item.session, messages: item.messages.map(plain) })),
    )
  }

  /** Like an import: sensitive messages go back to the vault (which must be unlocked). */
  restoreMessages(
    sessionId: string,
    messages: Message[],
    options?: { currentLeafId?: string | null },
  ): Promise<Session> {
    return this.sealing(messages, (rows) => this.inner.restoreMessages(sessionId, rows, options))
  }

  /**
   * Puts the sensitive messages' content in the vault, then `write`s the sealed rows. A message
   * read while locked (Undo of a delete made then) has no content to put: its record was kept.
   */
  private async sealing<T>(
    messages: Message[],
    write: (rows: Message[]) => Promise<T>,
  ): Promise<T> {
    const secret = messages.filter((m) => m.sensitive && m.metadata.locked !== true)
    const rows = messages.map((m) => (m.sensitive ? sealed(m) : plain(m)))
    if (secret.length === 0) return write(rows)
    await this.requireUnlocked()
    await this.refuseTakenIds(secret)
    const written: string[] = []
    try {
      for (const m of secret) {
        await this.vault.putMessage(content(m))
        written.push(m.id)
      }
      return await write(rows)
    } catch (error) {
      await this.forget(written)
      throw error
    }
  }

  /**
   * The removed messages come back revealed (so Undo can put them back). Their vault records
   * are dropped only when their content could be read, so nothing is lost while locked.
   */
  async deleteMessage(messageId: string): Promise<RemovedBranch> {
    const branch = await this.inner.deleteMessage(messageId)
    const removed = await this.reveal(branch.removed)
    const readable = removed.filter(
      (m, i) => isSealed(branch.removed[i]!) && m.metadata.locked === undefined,
    )
    await this.forget(readable.map((m) => m.id))
    return { ...branch, removed }
  }

  async deleteSession(id: string): Promise<void> {
    const ids = await this.sealedIds(id)
    await this.inner.deleteSession(id)
    // Works while locked: record ids come from message ids, nothing needs decrypting.
    if (ids.length > 0) await this.vault.deleteMessage(ids)
  }

  // ── reads ────────────────────────────────────────────────────────────────────────────────

  async getMessage(id: string): Promise<Message> {
    const [message] = await this.reveal([await this.inner.getMessage(id)])
    return message!
  }

  async listMessages(sessionId: string, options?: ListMessagesOptions): Promise<MessagePage> {
    const page = await this.inner.listMessages(sessionId, options)
    return { ...page, items: await this.reveal(page.items) }
  }

  async listVersions(messageId: string): Promise<Message[]> {
    return this.reveal(await this.inner.listVersions(messageId))
  }

  async listPathTo(messageId: string): Promise<Message[]> {
    return this.reveal(await this.inner.listPathTo(messageId))
  }

  async listTree(sessionId: string, options?: ListTreeOptions): Promise<TreePage> {
    const page = await this.inner.listTree(sessionId, options)
    return { ...page, items: await this.reveal(page.items) }
  }

  // ── forwarded as is (typed from the interface, so its changes need no edit here) ──────────

  readonly listFolders: Storage['listFolders'] = () => this.inner.listFolders()
  readonly createFolder: Storage['createFolder'] = (f) => this.inner.createFolder(f)
  readonly renameFolder: Storage['renameFolder'] = (id, n) => this.inner.renameFolder(id, n)
  readonly deleteFolder: Storage['deleteFolder'] = (id) => this.inner.deleteFolder(id)

  createSession(...args: Parameters<Storage['createSession']>) {
    return this.inner.createSession(...args)
  }

  getSession(...args: Parameters<Storage['getSession']>) {
    return this.inner.getSession(...args)
  }

  listSessions(...args: Parameters<Storage['listSessions']>) {
    return this.inner.listSessions(...args)
  }

  updateSession(...args: Parameters<Storage['updateSession']>) {
    return this.inner.updateSession(...args)
  }

  switchToMessage(...args: Parameters<Storage['switchToMessage']>) {
    return this.inner.switchToMessage(...args)
  }

  hasSession(...args: Parameters<Storage['hasSession']>) {
    return this.inner.hasSession(...args)
  }

  findIds(...args: Parameters<Storage['findIds']>) {
    return this.inner.findIds(...args)
  }

  /** Sealed messages are stored with no text, so they can never match. */
  search(...args: Parameters<Storage['search']>) {
    return this.inner.search(...args)
  }

  problems() {
    return this.inner.problems()
  }

  close() {
    return this.inner.close()
  }

  // ── internals ────────────────────────────────────────────────────────────────────────────

  private async requireUnlocked(): Promise<void> {
    if (this.vault.unlocked) return
    if (!(await this.vault.status()).initialized) {
      throw new MirrorError(
        'VAULT_NOT_INITIALIZED',
        'Set up the vault first: sensitive messages are stored only in the vault.',
      )
    }
    throw new MirrorError('VAULT_LOCKED', 'Unlock the vault to send or store sensitive messages.')
  }

  /**
   * A vault record may exist for an id only if its message is gone (an orphan): overwriting the
   * record of a stored message and then failing on the duplicate id would destroy its content.
   */
  private async refuseTakenIds(messages: readonly Message[]): Promise<void> {
    const existing = await this.vault.getMessages(messages.map((m) => m.id))
    for (const id of existing.keys()) {
      const stored = await this.inner.getMessage(id).catch((error: unknown) => {
        if (isMirrorError(error) && error.code === 'NOT_FOUND') return null
        throw error
      })
      if (stored) {
        throw new MirrorError('VALIDATION_FAILED', `A message with id ${id} is already stored.`)
      }
    }
  }

  /** Best effort: a failed cleanup leaves an orphan record, never a lost message. */
  private async forget(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return
    await this.vault.deleteMessage(ids).catch(() => undefined)
  }

  /** Every version, not just the current path: inactive branches have vault records too. */
  private async sealedIds(sessionId: string): Promise<string[]> {
    const ids: string[] = []
    let after: string | null = null
    for (;;) {
      const page = await this.inner.listTree(sessionId, { limit: PAGE, after })
      for (const m of page.items) if (isSealed(m)) ids.push(m.id)
      const last = page.items.at(-1)
      if (!page.hasMore || !last) return ids
      after = last.id
    }
  }

  private async reveal(messages: Message[]): Promise<Message[]> {
    const ids = messages.filter(isSealed).map((m) => m.id)
    if (ids.length === 0) return messages
    let contents: Map<string, StoredContent> | null = null
    if (this.vault.unlocked) {
      try {
        contents = await this.vault.getMessages(ids)
      } catch (error) {
        // Locked in the meantime: answer as locked rather than failing the whole page.
        if (!isMirrorError(error) || error.code !== 'VAULT_LOCKED') throw error
      }
    }
    return messages.map((m) => {
      if (!isSealed(m)) return m
      if (!contents) return { ...m, content: '', metadata: { ...m.metadata, locked: true } }
      const found = contents.get(m.id)
      if (!found) return { ...m, content: '', metadata: { ...m.metadata, vaultMissing: true } }
      // One unreadable record shows as such; the rest of the session still opens.
      if (isDamaged(found)) {
        return { ...m, content: '', metadata: { ...m.metadata, vaultDamaged: found.damaged } }
      }
      return {
        ...m,
        content: found.content,
        ...(found.attachments && { attachments: found.attachments }),
      }
    })
  }
}

/** Wraps `storage` so sensitive message contents are kept only in `vault` (see SensitiveStorage). */
export function withSensitiveVault(storage: Storage, vault: SensitiveVault): Storage {
  return new SensitiveStorage(storage, vault)
}
