import { MirrorError } from '../../shared/errors'
import { SensitiveMessageSchema } from '../../shared/vault'
import type { SensitiveMessage, VaultDamageReason } from '../../shared/vault'
import type { Clock } from '../services/ids'
import { messageRecordId, messageToPlaintext } from './recordFormat'
import { openRecord, sealRecord } from './recordCodec'
import type { VaultRecordStore } from './recordStore'

/** A message whose vault record exists but cannot be read (see recordCodec.openRecord). */
export interface DamagedContent {
  messageId: string
  damaged: VaultDamageReason
}
export type StoredContent = SensitiveMessage | DamagedContent

export function isDamaged(content: StoredContent): content is DamagedContent {
  return 'damaged' in content
}

export interface MessageDeps {
  store: VaultRecordStore
  clock: Clock
  key(): Buffer
}

function validId(messageId: unknown): string {
  if (typeof messageId !== 'string' || messageId === '') {
    throw new MirrorError('VALIDATION_FAILED', 'A message id is required.')
  }
  return messageId
}

/** The content of messages sent with "Sensitive" ticked: stored only as vault records. */
export class SensitiveMessages {
  constructor(private readonly deps: MessageDeps) {}

  async put(message: SensitiveMessage): Promise<void> {
    const parsed = SensitiveMessageSchema.safeParse(message)
    if (!parsed.success) {
      throw new MirrorError('VALIDATION_FAILED', 'Invalid sensitive message.', {
        issues: parsed.error.issues,
      })
    }
    const dek = this.deps.key()
    const id = messageRecordId(parsed.data.messageId)
    const now = this.deps.clock.now().toISOString()
    await this.deps.store.putRecords([sealRecord(dek, id, messageToPlaintext(parsed.data), now)])
  }

  /** One message's content; a damaged record is VAULT_CORRUPT naming its id. */
  async get(messageId: string): Promise<SensitiveMessage | null> {
    const content = (await this.getMany([messageId])).get(messageId)
    if (content && isDamaged(content)) {
      throw new MirrorError(
        'VAULT_CORRUPT',
        `Vault record ${messageRecordId(messageId)} cannot be read (${content.damaged}).`,
        { recordId: messageRecordId(messageId), reason: content.damaged },
      )
    }
    return content ?? null
  }

  /**
   * Contents for the given ids, e.g. to reveal a session: missing ones are absent from the map,
   * damaged ones say why, so one bad record does not stop the rest of the session from opening.
   */
  async getMany(messageIds: readonly string[]): Promise<Map<string, StoredContent>> {
    this.deps.key()
    const found = new Map<string, StoredContent>()
    for (const messageId of messageIds.map(validId)) {
      const record = await this.deps.store.getRecord(messageRecordId(messageId))
      if (!record) continue
      // Fetched after each await: a lock() meanwhile zeroes the key in place.
      const opened = openRecord(this.deps.key(), record)
      if (!opened.ok) found.set(messageId, { messageId, damaged: opened.reason })
      else if (opened.plain.kind !== 'message') {
        found.set(messageId, { messageId, damaged: 'wrongShape' })
      } else {
        const { sessionId, content, attachments } = opened.plain
        found.set(messageId, { sessionId, messageId, content, ...(attachments && { attachments }) })
      }
    }
    return found
  }

  /** Needs no key: the record id comes from the message id, so a locked vault can still delete. */
  async delete(messageIds: string | readonly string[]): Promise<number> {
    const ids = (typeof messageIds === 'string' ? [messageIds] : messageIds).map(validId)
    return this.deps.store.deleteRecords(ids.map(messageRecordId))
  }

  async count(): Promise<number> {
    return this.deps.store.countRecords('message')
  }
}
