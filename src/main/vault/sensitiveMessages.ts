import { MirrorError } from '../../shared/errors'
import { SensitiveMessageSchema } from '../../shared/vault'
import type { SensitiveMessage } from '../../shared/vault'
import type { Clock } from '../services/ids'
import { messageRecordId, messageToPlaintext } from './recordFormat'
import { openRecord, sealRecord } from './recordCodec'
import type { VaultRecordStore } from './recordStore'

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

  async get(messageId: string): Promise<SensitiveMessage | null> {
    return (await this.getMany([messageId])).get(messageId) ?? null
  }

  /** Contents for the given ids (missing ones are absent from the map), e.g. to reveal a session. */
  async getMany(messageIds: readonly string[]): Promise<Map<string, SensitiveMessage>> {
    this.deps.key()
    const found = new Map<string, SensitiveMessage>()
    for (const messageId of messageIds.map(validId)) {
      const record = await this.deps.store.getRecord(messageRecordId(messageId))
      if (!record) continue
      // Fetched after each await: a lock() meanwhile zeroes the key in place.
      const plain = openRecord(this.deps.key(), record)
      if (plain.kind !== 'message' || plain.messageId !== messageId) {
        throw new MirrorError(
          'VAULT_CORRUPT',
          `Vault record ${record.id} does not hold message ${messageId}.`,
        )
      }
      found.set(messageId, { sessionId: plain.sessionId, messageId, content: plain.content })
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
