import type { Message } from '../../shared/domain'
import type { ProviderMessage } from '../llm/provider'

/**
 * Tool and function messages come from other programs, without the call that produced them.
 * No provider accepts them as they are (OpenAI wants a `tool_call_id` that answers an assistant
 * call, Anthropic has no such role), so they go to the model as user-side text under a label
 * that says who wrote it: the model keeps the information without taking it for the user's words.
 */
export const FOLDED_ROLE_LABELS = {
  tool: '[Tool message: output of a tool in this conversation, not written by the user]',
  function:
    '[Function message: output of a function call in this conversation, not written by the user]',
} as const

/** A stored message as a provider may receive it. */
export function toProviderMessage(
  m: Pick<Message, 'role' | 'content' | 'attachments'>,
): ProviderMessage {
  switch (m.role) {
    case 'user':
      // Attachments are read later, for the messages that fit (see prepareAttachments).
      return m.attachments?.length
        ? { role: 'user', content: m.content, attachments: m.attachments }
        : { role: 'user', content: m.content }
    case 'assistant':
    case 'system':
      return { role: m.role, content: m.content }
    case 'tool':
    case 'function':
      return { role: 'user', content: `${FOLDED_ROLE_LABELS[m.role]}\n${m.content}` }
  }
}
