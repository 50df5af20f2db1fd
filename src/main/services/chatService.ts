import { z } from 'zod'
import type {
  Message,
  MessageMetadata,
  Pattern,
  Session,
  UncertaintyLevel,
} from '../../shared/domain'
import { PatternSchema, UncertaintyLevelSchema } from '../../shared/domain'
import type { ErrorInfo } from '../../shared/errors'
import { MirrorError, isMirrorError } from '../../shared/errors'
import type { ChatProvider, ProviderRegistry } from '../llm/provider'
import type { Storage } from '../storage/storage'
import { ActiveRequests } from './activeRequests'
import type { ContextBudget } from './contextAssembly'
import { assembleContext, contextTarget } from './contextAssembly'
import type { ContextSource } from './contextSources'
import { gatherContext } from './contextSources'
import type { ChatApi, ChatListener, ChatOutcome, ChatSendInput, ReflectiveApi } from './contracts'
import type { Clock, IdGenerator } from './ids'
import { readReply } from './replyStream'
import { resolveProvider } from './sessionProvider'

export interface ChatServiceDeps {
  storage: Storage
  providers: ProviderRegistry
  reflective: ReflectiveApi
  clock: Clock
  ids: IdGenerator
  /** Overrides of the provider's context window (tests); see contextAssembly.ts. */
  contextBudget?: ContextBudget
  /** Vault memories, recall, …: each may add to the system prompt (see contextSources.ts). */
  contextSources?: readonly ContextSource[]
}

const MAX_TEXT = 200_000

const SendSchema = z.object({
  sessionId: z.string().min(1).max(200),
  text: z.string().max(MAX_TEXT),
  pattern: PatternSchema,
  uncertainty: UncertaintyLevelSchema,
  sensitive: z.boolean().optional(),
  providerId: z.string().min(1).max(200).optional(),
})

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

const nextMacrotask = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Listener callbacks belong to the host (a window may be gone): they must not break the turn. */
function notify<T>(callback: ((event: T) => void) | undefined, event: T): void {
  try {
    callback?.(event)
  } catch {
    // The reply is still stored; only this notification is lost.
  }
}

function invalidInput(error: z.ZodError): MirrorError {
  const field = error.issues[0]?.path.join('.') || 'input'
  if (field === 'text') return new MirrorError('VALIDATION_FAILED', 'The message is too long.')
  return new MirrorError('VALIDATION_FAILED', `The chat request is not valid (${field}).`)
}

interface Turn {
  requestId: string
  session: Session
  userMessage: Message
  /** Settles once the user's message is stored (see storeUserMessage). */
  stored: Promise<void>
  pattern: Pattern
  uncertainty: UncertaintyLevel
  provider: ChatProvider
  model: string
  signal: AbortSignal
  listener: ChatListener
}

/**
 * One turn of conversation: persist the user's message, stream the reply from a provider and
 * persist it once at the end. A stopped or failed reply is kept only when some text arrived.
 */
export class ChatService implements ChatApi {
  private readonly deps: ChatServiceDeps
  private readonly active = new ActiveRequests()

  constructor(deps: ChatServiceDeps) {
    this.deps = deps
  }

  /**
   * Resolves once the user's message is stored. The request to the provider may already be on
   * its way: a failed write (the session was deleted meanwhile) stops it, and send throws.
   */
  async send(
    input: ChatSendInput,
    listener: ChatListener = {},
  ): Promise<{ requestId: string; userMessage: Message; completion: Promise<ChatOutcome> }> {
    const parsed = SendSchema.safeParse(input)
    if (!parsed.success) throw invalidInput(parsed.error)
    const { sessionId, text, pattern, uncertainty, sensitive = false, providerId } = parsed.data
    if (text.trim().length === 0) throw new MirrorError('VALIDATION_FAILED', 'Message is empty.')
    const { storage, providers, clock, ids } = this.deps
    // Resolve everything that can fail before anything is written.
    const session = await storage.getSession(sessionId)
    const { provider, model } = resolveProvider(providers, session, providerId)

    const userMessage: Message = {
      id: ids.messageId(),
      sessionId,
      role: 'user',
      content: text,
      createdAt: clock.now().toISOString(),
      pattern,
      uncertainty,
      sensitive,
      status: 'complete',
      provider: null,
      model: null,
      metadata: {},
    }
    const stored = this.storeUserMessage(userMessage)
    // Observed here too: when the write fails, send throws and the turn ends quietly.
    stored.catch(() => undefined)
    const requestId = ids.requestId()
    const controller = new AbortController()
    const turn: Turn = {
      requestId,
      session,
      userMessage,
      stored,
      pattern,
      uncertainty,
      provider,
      model,
      signal: controller.signal,
      listener,
    }
    const completion = this.run(turn)
    this.active.add(requestId, controller, completion)
    try {
      await stored
    } catch (error) {
      controller.abort()
      throw error
    }
    return { requestId, userMessage, completion }
  }

  cancel(requestId: string): boolean {
    return typeof requestId === 'string' && this.active.cancel(requestId)
  }

  /** Stops every running reply and waits until each is stored (for shutdown). */
  cancelAll(): Promise<void> {
    return this.active.cancelAll()
  }

  /**
   * Storing the message (and logging it) overlaps the provider's own latency rather than adding
   * to the first token: it waits one macrotask, by which time the request is on the wire (the path
   * from the SDK to the socket is microtasks and nextTicks). A sensitive message is the exception:
   * it is stored, encrypted, first, and the turn waits for it, so a locked vault stops the turn
   * before anything leaves the machine.
   */
  private storeUserMessage(message: Message): Promise<void> {
    const { storage } = this.deps
    if (message.sensitive) return storage.appendMessage(message)
    return nextMacrotask().then(() => storage.appendMessage(message))
  }

  private async run(turn: Turn): Promise<ChatOutcome> {
    // Nothing is reported before the caller has received the request id, so `started` never
    // arrives first.
    const ready = turn.stored.then(nextMacrotask)
    // A failed write is send's to report; here it only ends the turn quietly (below).
    ready.catch(() => undefined)
    const { requestId, listener } = turn
    const { sessionId } = turn.userMessage
    let outcome: ChatOutcome
    try {
      outcome = await this.streamAndStore(turn, ready)
    } catch (thrown) {
      // Context assembly or a write failed (e.g. the session was deleted meanwhile).
      outcome = { message: null, error: toErrorInfo(thrown) }
    }
    try {
      await ready
    } catch {
      // The user's message was never stored, so send threw: no caller knows this request.
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

  private async streamAndStore(turn: Turn, ready: Promise<void>): Promise<ChatOutcome> {
    const { requestId, session, userMessage, pattern, uncertainty, provider, model, signal } = turn
    const { listener } = turn
    const { storage, reflective, clock, ids } = this.deps
    const { sessionId } = userMessage
    // Context sources and the history read run side by side.
    const gathered = gatherContext(this.deps.contextSources ?? [], { session, userMessage })
    const base = reflective.systemPrompt(pattern, uncertainty)
    const budget = this.deps.contextBudget
    const target = contextTarget(provider, model, budget)
    const context = await assembleContext(
      storage,
      sessionId,
      gathered.then((extra) => (extra.systemText ? `${base}\n\n${extra.systemText}` : base)),
      target,
      budget,
      { id: userMessage.id, message: { role: 'user', content: userMessage.content } },
    )
    const { system } = context
    const extra = await gathered
    if (userMessage.sensitive) await turn.stored
    // The request starts now; its first delta waits until `started` has been reported.
    const started = ready.then(() =>
      notify(listener.started, { requestId, sessionId, provider: provider.id, model }),
    )
    const result = await readReply(
      provider,
      { model, system, messages: context.messages, pattern, uncertainty },
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
    if (status !== 'complete' && result.text.length === 0) return { message: null, error }

    const metadata: MessageMetadata = { reflection: reflective.analyze(result.text) }
    if (result.usage) metadata.usage = result.usage
    if (status === 'failed' && error) metadata.error = { code: error.code, message: error.message }
    metadata.context = {
      tokens: context.tokens,
      messageIds: context.messageIds,
      truncated: context.truncated,
      tokenizer: context.tokenizer,
    }
    if (extra.used.length > 0) metadata.contextSources = extra.used
    const message: Message = {
      id: ids.messageId(),
      sessionId,
      role: 'assistant',
      content: result.text,
      createdAt: clock.now().toISOString(),
      pattern,
      uncertainty,
      // A reply echoes the user's words, so it is as sensitive as the message it answers.
      sensitive: userMessage.sensitive,
      status,
      provider: provider.id,
      model,
      metadata,
    }
    await storage.appendMessage(message)
    return { message, error }
  }
}
