import { z } from 'zod'
import type { Message, Session } from '../../shared/domain'
import { PatternSchema, UncertaintyLevelSchema } from '../../shared/domain'
import { MirrorError } from '../../shared/errors'
import type { AttachmentService, Committed } from '../attachments/attachmentService'
import { checkVision } from '../attachments/visionCheck'
import type { ChatProvider } from '../llm/provider'
import type { ChatApi, ChatListener, ChatOutcome, ChatSendInput } from './contracts'
import type { ReplyTurnsDeps } from './replyTurns'
import { nextMacrotask, ReplyTurns } from './replyTurns'
import { resolveProvider } from './sessionProvider'
import type { TitleService } from './titles/titleService'

export interface ChatServiceDeps extends ReplyTurnsDeps {
  /** Names a session after its first reply; without it sessions keep their title. */
  titles?: TitleService
  /** Staged and stored attachments; without it a send with attachments is NOT_SUPPORTED. */
  attachments?: AttachmentService
}

const MAX_TEXT = 200_000

const SendSchema = z.object({
  sessionId: z.string().min(1).max(200),
  text: z.string().max(MAX_TEXT),
  pattern: PatternSchema,
  uncertainty: UncertaintyLevelSchema,
  sensitive: z.boolean().optional(),
  providerId: z.string().min(1).max(200).optional(),
  attachments: z.array(z.string().min(1).max(200)).max(100).optional(),
  withoutImages: z.boolean().optional(),
})

function invalidInput(error: z.ZodError): MirrorError {
  const issue = error.issues[0]
  const field = issue?.path.join('.') || 'input'
  if (field === 'text') {
    // Only the length is checked beyond the type: anything else is not text at all.
    const message =
      issue?.code === 'too_big' ? 'The message is too long.' : 'The message must be text.'
    return new MirrorError('VALIDATION_FAILED', message)
  }
  return new MirrorError('VALIDATION_FAILED', `The chat request is not valid (${field}).`)
}

/**
 * One turn of conversation: persist the user's message, stream the reply from a provider and
 * persist it once at the end (see ReplyTurns: a failed reply is kept, a stopped one when some
 * text arrived).
 */
export class ChatService implements ChatApi {
  private readonly deps: ChatServiceDeps
  /** Every reply streaming from this core, shared with the message actions (edit, regenerate). */
  readonly turns: ReplyTurns
  /** Title requests still running: shutdown ends them (offline titles) and waits. */
  private readonly titling = new Set<Promise<unknown>>()
  private readonly stopTitles = new AbortController()

  constructor(deps: ChatServiceDeps) {
    this.deps = deps
    this.turns = new ReplyTurns(deps)
  }

  /**
   * Resolves once the user's message is stored. The request to the provider may already be on
   * its way: a failed write (the session was deleted meanwhile) stops it, and send throws.
   */
  async send(
    input: ChatSendInput,
    listener: ChatListener = {},
  ): Promise<{
    requestId: string
    userMessage: Message
    completion: Promise<ChatOutcome>
    titled: Promise<Session | null>
  }> {
    const parsed = SendSchema.safeParse(input)
    if (!parsed.success) throw invalidInput(parsed.error)
    const { sessionId, text, pattern, uncertainty, sensitive = false, providerId } = parsed.data
    const { attachments: stagedIds = [], withoutImages = false } = parsed.data
    if (text.trim().length === 0 && stagedIds.length === 0) {
      throw new MirrorError('VALIDATION_FAILED', 'Message is empty.')
    }
    const { storage, providers, clock, ids } = this.deps
    // Resolve everything that can fail before anything is written.
    const session = await storage.getSession(sessionId)
    const { provider, model } = resolveProvider(providers, session, providerId)
    const files = await this.commitFiles(stagedIds, sensitive, provider, model, withoutImages)

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
      ...(files && { attachments: files.refs }),
    }
    const stored = this.storeUserMessage(userMessage)
    // Observed here too: when the write fails, send throws and the turn ends quietly.
    stored.catch(() => undefined)
    if (files) {
      // Settled once the message is stored (or is not): until then no clean-up takes the bytes.
      stored.then(
        () => files.settle(true),
        () => files.settle(false),
      )
    }
    const requestId = ids.requestId()
    const controller = new AbortController()
    const completion = this.turns.start(
      {
        requestId,
        session,
        prompt: userMessage,
        stored,
        historyBefore: null,
        pattern,
        uncertainty,
        provider,
        model,
        listener,
        withoutImages,
      },
      controller,
    )
    try {
      await stored
    } catch (error) {
      controller.abort()
      throw error
    }
    const titled = this.titleAfter(completion, sessionId, { provider, model }, listener)
    return { requestId, userMessage, completion, titled }
  }

  /**
   * Once the reply is stored (and chat.done sent), a title for a session nobody named yet: a
   * separate request that never delays the reply; any failure leaves the title as it was.
   */
  private titleAfter(
    completion: Promise<ChatOutcome>,
    sessionId: string,
    { provider, model }: { provider: ChatProvider; model: string },
    listener: ChatListener,
  ): Promise<Session | null> {
    const { titles } = this.deps
    if (!titles) return Promise.resolve(null)
    const job = completion
      .then((outcome) =>
        outcome.message?.status === 'complete'
          ? titles.afterReply(sessionId, provider, model, this.stopTitles.signal)
          : null,
      )
      .then((session) => {
        try {
          if (session) listener.titled?.({ sessionId, title: session.title })
        } catch {
          // The window may be gone; the title is stored all the same.
        }
        return session
      })
      .catch(() => null)
    this.titling.add(job)
    void job.finally(() => this.titling.delete(job))
    return job
  }

  /**
   * Checks the staged files (count, vision) and stores their bytes, all before the message is
   * written; null when there are none.
   */
  private async commitFiles(
    stagedIds: readonly string[],
    sensitive: boolean,
    provider: ChatProvider,
    model: string,
    withoutImages: boolean,
  ): Promise<Committed | null> {
    if (stagedIds.length === 0) return null
    const { attachments, providers } = this.deps
    if (!attachments) {
      throw new MirrorError(
        'NOT_SUPPORTED',
        'Files cannot be attached here (a temporary chat keeps nothing on disk).',
      )
    }
    attachments.check(stagedIds)
    if (!withoutImages) checkVision(attachments.staged(stagedIds), provider, model, providers)
    return attachments.commit(stagedIds, sensitive)
  }

  cancel(requestId: string): boolean {
    return this.turns.cancel(requestId)
  }

  /** Stops every running reply and waits until each is stored (for shutdown). */
  async cancelAll(): Promise<void> {
    await this.turns.cancelAll()
    this.stopTitles.abort()
    await Promise.all([...this.titling])
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
}
