import type { AttachmentRef } from '../../shared/attachments'
import type { Message } from '../../shared/domain'
import { MessageMetadataSchema } from '../../shared/domain'
import { MirrorError, isMirrorError } from '../../shared/errors'
import type {
  ContextEstimate,
  ContextEstimateInput,
  ContextView,
} from '../../shared/routeGroups/chatContext'
import type { ProviderRegistry } from '../llm/provider'
import type { Storage } from '../storage/storage'
import type { ContextBudget } from './contextAssembly'
import type { ContextSource } from './contextSources'
import { assembleContext, contextTarget } from './contextAssembly'
import type { ReflectiveApi } from './contracts'
import { AppliedInstructionsSchema } from '../../shared/instructions'
import type { InstructionsApi } from './instructions/instructionsService'
import { withInstructions } from './instructions/sessionInstructions'
import { resolveProvider } from './sessionProvider'

export interface ContextApi {
  /** What the model was given for an assistant reply. */
  seen(sessionId: string, messageId: string): Promise<ContextView>
  /** Tokens the next turn would use with `text` as the new message (the composer's meter). */
  estimate(input: ContextEstimateInput): Promise<ContextEstimate>
}

export interface ContextInspectorDeps {
  storage: Storage
  providers: ProviderRegistry
  reflective: ReflectiveApi
  contextBudget?: ContextBudget
  instructions?: Pick<InstructionsApi, 'forTurn'>
  /** The chat's context sources: a draft lets them start early (see ContextSource.prepare). */
  contextSources?: readonly ContextSource[]
}

export const EXCERPT_CHARS = 280

/** An attachment whose message is gone or unreadable (locked) in "What the model saw". */
const MISSING_REF = { name: '', mimeType: '', size: 0 }

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > EXCERPT_CHARS ? `${flat.slice(0, EXCERPT_CHARS - 1)}…` : flat
}

async function readMessage(storage: Storage, id: string): Promise<Message | null> {
  try {
    return await storage.getMessage(id)
  } catch (error) {
    if (isMirrorError(error)) return null
    throw error
  }
}

/** Read-only views of a turn's context, for the "What the model saw" dialog and the meter. */
export class ContextInspector implements ContextApi {
  constructor(private readonly deps: ContextInspectorDeps) {}

  async seen(sessionId: string, messageId: string): Promise<ContextView> {
    const { storage, reflective } = this.deps
    const reply = await readMessage(storage, messageId)
    if (!reply || reply.sessionId !== sessionId || reply.role !== 'assistant') {
      throw new MirrorError('NOT_FOUND', 'That reply is not in this session.', { messageId })
    }
    const meta = MessageMetadataSchema.safeParse(reply.metadata)
    const context = meta.success ? meta.data.context : undefined
    const sources = meta.success ? (meta.data.contextSources ?? []) : []
    const skipped = meta.success ? (meta.data.contextSkipped ?? []) : []
    const withheld = meta.success ? meta.data.contextWithheld : undefined
    // As the reply was given them, not as they read now.
    const recordedInstructions = AppliedInstructionsSchema.safeParse(reply.metadata['instructions'])
    const instructions = recordedInstructions.success ? recordedInstructions.data : null
    const messages: ContextView['messages'] = []
    const refs = new Map<string, AttachmentRef>()
    for (const id of context?.messageIds ?? []) {
      const m = await readMessage(storage, id)
      const readable = m !== null && m.sessionId === sessionId
      for (const ref of (readable && m.attachments) || []) refs.set(`${id}\u0000${ref.id}`, ref)
      messages.push({
        id,
        role: readable ? m.role : 'user',
        excerpt: readable ? excerpt(m.content) : '',
        missing: !readable,
      })
    }
    return {
      messageId,
      provider: reply.provider,
      model: reply.model,
      recorded: context !== undefined,
      systemPrompt: withInstructions(
        reflective.systemPrompt(reply.pattern ?? 'exploratory', reply.uncertainty ?? 'none'),
        instructions,
      ),
      instructions,
      messages,
      tokens: context ? context.tokens : null,
      truncated: context?.truncated ?? false,
      tokenizer: context?.tokenizer ?? null,
      sources,
      skipped,
      ...(withheld && { withheld }),
      attachments: (context?.attachments ?? []).map((use) => {
        // Names come from the message (a sensitive one's from the vault), never from the record.
        const ref = refs.get(`${use.messageId}\u0000${use.id}`) ?? MISSING_REF
        return { ...use, name: ref.name, mimeType: ref.mimeType, size: ref.size }
      }),
    }
  }

  async estimate(input: ContextEstimateInput): Promise<ContextEstimate> {
    const { storage, providers, reflective, contextBudget, instructions } = this.deps
    const session = await storage.getSession(input.sessionId)
    const { provider, model } = resolveProvider(providers, session, input.providerId)
    // The meter follows the draft, so a send is near: have the provider ready for it.
    provider.prepare?.()
    if (input.text.trim()) {
      for (const source of this.deps.contextSources ?? [])
        source.prepare?.({ session, text: input.text })
    }
    const applied = (await instructions?.forTurn(session)) ?? null
    const system = withInstructions(
      reflective.systemPrompt(input.pattern, input.uncertainty),
      applied,
    )
    const target = contextTarget(provider, model, contextBudget)
    const drafted = input.attachments ?? []
    const draft =
      input.text.trim() || drafted.length > 0
        ? { id: null, message: { role: 'user' as const, content: input.text, drafted } }
        : undefined
    const context = await assembleContext(storage, session.id, system, target, contextBudget, draft)
    return {
      used: context.tokens.used,
      window: context.tokens.window,
      truncated: context.truncated,
      provider: provider.id,
      model,
      tokenizer: context.tokenizer,
      attachments:
        drafted.length +
        context.messages.reduce(
          (n, m) => n + (m.role === 'user' ? (m.attachments?.length ?? 0) : 0),
          0,
        ),
    }
  }
}
