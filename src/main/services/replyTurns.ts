import type {
  Message,
  MessageMetadata,
  Pattern,
  Session,
  UncertaintyLevel,
} from '../../shared/domain'
import type { ErrorInfo } from '../../shared/errors'
import { isMirrorError } from '../../shared/errors'
import type { FileReader } from '../attachments/modelAttachments'
import { prepareAttachments } from '../attachments/modelAttachments'
import { extractPdfText } from '../attachments/pdfText'
import { capabilitiesOf } from '../llm/modelCapabilities'
import type { ChatProvider, ProviderRegistry } from '../llm/provider'
import type { Storage } from '../storage/storage'
import { ActiveRequests } from './activeRequests'
import type { ContextBudget } from './contextAssembly'
import { assembleContext, contextTarget } from './contextAssembly'
import { BudgetedSources } from './budgetedSources'
import type { ContextSource } from './contextSources'
import type { ChatListener, ChatOutcome, ReflectiveApi } from './contracts'
import type { Clock, IdGenerator } from './ids'
import { toProviderMessage } from './providerMessage'
import type { InstructionsApi } from './instructions/instructionsService'
import { withInstructions } from './instructions/sessionInstructions'
import { readReply } from './replyStream'

export interface ReplyTurnsDeps {
  storage: Storage
  providers: ProviderRegistry
  reflective: ReflectiveApi
  clock: Clock
  ids: IdGenerator
  /** Overrides of the provider's context window (tests); see contextAssembly.ts. */
  contextBudget?: ContextBudget
  /** Vault memories, recall, …: each may add to the system prompt (see contextSources.ts). */
  contextSources?: readonly ContextSource[]
  /** How long a request waits for the context sources (tests); see CONTEXT_SOURCE_BUDGET_MS. */
  contextSourceBudgetMs?: number
  /** Global, persona and session instructions (docs/instructions.md); none without it. */
  instructions?: Pick<InstructionsApi, 'forTurn'>
  /** Reads attachment bytes for the model (AttachmentService); without it none can be read. */
  attachments?: Pick<FileReader, 'read'>
}

/** One reply to stream: from chat.send, messages.edit or messages.regenerate. */
export interface Turn {
  requestId: string
  session: Session
  /** The message the reply answers: the reply is stored as its child. */
  prompt: Message
  /** Settles once `prompt` is stored (see ChatService.storeUserMessage). */
  stored: Promise<void>
  /**
   * A message on the current path: the history sent is what comes before it (a regenerated
   * reply's old version). Null: the path up to `prompt`, the newest message of the session.
   */
  historyBefore: string | null
  pattern: Pattern
  uncertainty: UncertaintyLevel
  provider: ChatProvider
  model: string
  listener: ChatListener
  /** Leave images out of this request (the user's answer to MODEL_NO_VISION). */
  withoutImages?: boolean
}

const NO_FILES: Pick<FileReader, 'read'> = {
  read: () => Promise.reject(new Error('No attachment store')),
}

const STOPPED: ErrorInfo = { code: 'CANCELLED', message: 'The reply was stopped.' }
const INTERNAL: ErrorInfo = {
  code: 'INTERNAL',
  message: 'Something went wrong while generating the reply.',
}

/**
 * A provider's own MirrorError is shown as is; anything else may carry paths or secrets.
 * Provider errors keep their data (already redacted: status, retryAfterSeconds, …) so the UI
 * can say when to try again.
 */
function toErrorInfo(error: unknown): ErrorInfo {
  if (!isMirrorError(error)) return INTERNAL
  if (error.code.startsWith('PROVIDER_') && error.data) return error.toInfo()
  return { code: error.code, message: error.message }
}

export const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Listener callbacks belong to the host (a window may be gone): they must not break the turn. */
function notify<T>(callback: ((event: T) => void) | undefined, event: T): void {
  try {
    callback?.(event)
  } catch {
    // The reply is still stored; only this notification is lost.
  }
}

/**
 * Streams replies from a provider and stores each once at the end, as a child of the message
 * it answers. A stopped reply is kept when some text arrived; a failed one is always kept (with
 * its error), so it stays in the thread with "Retry". Every running turn can be cancelled here.
 */
export class ReplyTurns {
  private readonly active = new ActiveRequests()
  private readonly sources: BudgetedSources

  constructor(private readonly deps: ReplyTurnsDeps) {
    this.sources = new BudgetedSources(deps.contextSources ?? [], {
      ...(deps.contextSourceBudgetMs !== undefined ? { budgetMs: deps.contextSourceBudgetMs } : {}),
    })
  }

  /** Starts `turn` (its request id becomes cancellable at once); never rejects. */
  start(turn: Turn, controller = new AbortController()): Promise<ChatOutcome> {
    const completion = this.run(turn, controller.signal)
    this.active.add(turn.requestId, controller, completion)
    return completion
  }

  cancel(requestId: string): boolean {
    return typeof requestId === 'string' && this.active.cancel(requestId)
  }

  cancelAll(): Promise<void> {
    return this.active.cancelAll()
  }

  private async run(turn: Turn, signal: AbortSignal): Promise<ChatOutcome> {
    // Nothing is reported before the caller has received the request id, so `started` never
    // arrives first.
    const ready = turn.stored.then(nextMacrotask)
    // A failed write is the caller's to report; here it only ends the turn quietly (below).
    ready.catch(() => undefined)
    const { requestId, listener } = turn
    const { sessionId } = turn.prompt
    let outcome: ChatOutcome
    try {
      outcome = await this.streamAndStore(turn, ready, signal)
    } catch (thrown) {
      // Context assembly or a write failed (e.g. the session was deleted meanwhile).
      outcome = { message: null, error: toErrorInfo(thrown) }
    }
    try {
      await ready
    } catch {
      // The prompt was never stored, so the caller threw: no one knows this request.
      return outcome
    }
    if (outcome.error) {
      notify(listener.error, {
        requestId,
        sessionId,
        error: outcome.error,
        message: outcome.message,
      })
    } else if (outcome.message) {
      notify(listener.done, { requestId, sessionId, message: outcome.message })
    }
    return outcome
  }

  private async streamAndStore(
    turn: Turn,
    ready: Promise<void>,
    signal: AbortSignal,
  ): Promise<ChatOutcome> {
    const { requestId, session, prompt, pattern, uncertainty, provider, model, listener } = turn
    const { storage, reflective, clock, ids } = this.deps
    const { sessionId } = prompt
    // Context sources and the history read run side by side; late sources are left out.
    const gathered = this.sources.gather({ session, userMessage: prompt, provider })
    // Read side by side with the sources and the history. A damaged instructions file fails the
    // turn (STORAGE_CORRUPT) rather than answering without the instructions the user set.
    const instructions = Promise.resolve(this.deps.instructions?.forTurn(session) ?? null)
    const budget = this.deps.contextBudget
    const target = contextTarget(provider, model, budget)
    const context = await assembleContext(
      storage,
      sessionId,
      Promise.all([instructions, gathered]).then(([applied, extra]) => {
        const base = withInstructions(reflective.systemPrompt(pattern, uncertainty), applied)
        return extra.systemText ? `${base}\n\n${extra.systemText}` : base
      }),
      target,
      budget,
      { id: prompt.id, message: toProviderMessage(prompt) },
      turn.historyBefore,
    )
    const applied = await instructions
    const { system } = context
    const files = await prepareAttachments(
      context.messages,
      context.messageIds,
      { read: (id) => (this.deps.attachments ?? NO_FILES).read(id), pdfText: extractPdfText },
      { capabilities: capabilitiesOf(provider, model), withoutImages: turn.withoutImages === true },
    )
    const extra = await gathered
    if (prompt.sensitive) await turn.stored
    // The request starts now; its first delta waits until `started` has been reported.
    const started = ready.then(() =>
      notify(listener.started, { requestId, sessionId, provider: provider.id, model }),
    )
    const result = await readReply(
      provider,
      { model, system, messages: files.messages, pattern, uncertainty },
      signal,
      (text) => notify(listener.delta, { requestId, sessionId, text }),
      started,
    )
    // A reply is stored only after the message it answers.
    await turn.stored
    const error = result.cancelled
      ? STOPPED
      : result.failure
        ? toErrorInfo(result.failure.error)
        : null
    const status = result.cancelled ? 'stopped' : result.failure ? 'failed' : 'complete'
    if (status === 'stopped' && result.text.length === 0) return { message: null, error }

    const metadata: MessageMetadata = { reflection: reflective.analyze(result.text) }
    if (result.usage) metadata.usage = result.usage
    if (status === 'failed' && error) metadata.error = { code: error.code, message: error.message }
    metadata.context = {
      tokens: context.tokens,
      messageIds: context.messageIds,
      truncated: context.truncated,
      tokenizer: context.tokenizer,
      ...(files.uses.length > 0 && { attachments: files.uses }),
    }
    if (extra.used.length > 0) metadata.contextSources = extra.used
    if (extra.skipped.length > 0) metadata.contextSkipped = extra.skipped
    if (extra.withheld.length > 0) {
      metadata.contextWithheld = {
        memories: extra.withheld.includes('memories'),
        recall: extra.withheld.includes('recall'),
        reason: 'localOnly',
      }
    }
    if (applied) metadata['instructions'] = applied
    const message: Message = {
      id: ids.messageId(),
      sessionId,
      role: 'assistant',
      content: result.text,
      createdAt: clock.now().toISOString(),
      pattern,
      uncertainty,
      // A reply echoes the user's words, so it is as sensitive as the message it answers.
      sensitive: prompt.sensitive,
      status,
      provider: provider.id,
      model,
      metadata,
      // Below the message it answers, even if the user switched versions meanwhile.
      parentId: prompt.id,
    }
    await storage.appendMessage(message)
    return { message, error }
  }
}
