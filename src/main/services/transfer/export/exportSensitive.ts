import type { Message } from '../../../../shared/domain'
import { MirrorError } from '../../../../shared/errors'

/** What a sensitive message's text becomes in an export unless the user asks for the text. */
export const SENSITIVE_PLACEHOLDER = '[Sensitive message: its text is not included in this export]'

// Set by the vault decorator while reading; they describe this process, not the message.
const READ_TIME_FLAGS = ['sealed', 'locked', 'vaultMissing', 'vaultDamaged']

function withoutReadTimeFlags(message: Message): Message {
  if (!READ_TIME_FLAGS.some((flag) => flag in message.metadata)) return message
  const metadata = { ...message.metadata }
  for (const flag of READ_TIME_FLAGS) delete metadata[flag]
  return { ...message, metadata }
}

/**
 * Messages as they go into a file: sensitive ones whose text the vault holds (sealed) get a
 * placeholder unless `includeSensitive`, which needs their text (the vault unlocked). Read-time
 * vault flags never travel. A store without a vault (memory, tests) has no sealed messages.
 */
export function messagesForExport(
  messages: Message[],
  includeSensitive: boolean,
): { messages: Message[]; sensitiveMessages: number } {
  let sensitiveMessages = 0
  const out = messages.map((message) => {
    if (!message.sensitive || message.metadata.sealed !== true) {
      return withoutReadTimeFlags(message)
    }
    sensitiveMessages += 1
    if (!includeSensitive) {
      // Its files' names and bytes are as private as its text: none of them travel either.
      const { attachments: _files, ...rest } = withoutReadTimeFlags(message)
      return { ...rest, content: SENSITIVE_PLACEHOLDER }
    }
    if (message.metadata.locked === true) {
      throw new MirrorError('VAULT_LOCKED', 'Unlock the vault to export sensitive messages.')
    }
    if (message.metadata.vaultMissing === true) {
      throw new MirrorError(
        'VAULT_CORRUPT',
        `The text of sensitive message ${message.id} is missing from the vault.`,
      )
    }
    if (message.metadata.vaultDamaged !== undefined) {
      throw new MirrorError(
        'VAULT_CORRUPT',
        `The text of sensitive message ${message.id} cannot be read from the vault ` +
          '(`amos vault check` lists damaged records).',
        { messageId: message.id },
      )
    }
    return withoutReadTimeFlags(message)
  })
  return { messages: out, sensitiveMessages }
}
