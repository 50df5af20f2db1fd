import type { Message, Session } from '../../../shared/domain'
import { MirrorError } from '../../../shared/errors'
import type { ChatProvider, ProviderRegistry } from '../../llm/provider'
import type { Storage } from '../../storage/storage'
import { readReply } from '../replyStream'
import { resolveProvider } from '../sessionProvider'
import { DEFAULT_SESSION_TITLE, namedByUser, titleSource } from './titleSource'
import { cleanModelTitle, offlineTitle } from './titleText'

/** How long a provider gets to name a session before the offline title is used instead. */
export const TITLE_TIMEOUT_MS = 15_000
/** The first exchange is what a title is made from; this much of each message is enough. */
const EXCERPT = 2_000
const PAGE = 200

const TITLE_SYSTEM =
  'You name conversations. Answer with a title of 3 to 6 words that says what the ' +
  'conversation is about, in the language the user wrote in. Answer with the title only: ' +
  'no quotes, no "Title:", no punctuation at the end.'

export interface TitleServiceDeps {
  storage: Storage
  providers: ProviderRegistry
  timeoutMs?: number
}

export interface TitleApi {
  /** A new title from the conversation's start (the session's provider, else offline). */
  regenerate(id: string): Promise<Session>
}

function excerpt(message: Message): string {
  return message.content.length > EXCERPT
    ? `${message.content.slice(0, EXCERPT)}…`
    : message.content
}

/**
 * Automatic session titles (docs/reflection.md "Session titles"). Sensitive messages are never used: the
 * title is stored in plain text, their content only in the vault.
 */
export class TitleService implements TitleApi {
  private readonly timeoutMs: number

  constructor(private readonly deps: TitleServiceDeps) {
    this.timeoutMs = deps.timeoutMs ?? TITLE_TIMEOUT_MS
  }

  /**
   * After a reply was stored: names the session unless the user named it or it was named here
   * before. Null when nothing changed. `signal` ends a provider request early (shutdown).
   */
  async afterReply(
    sessionId: string,
    provider: ChatProvider,
    model: string,
    signal?: AbortSignal,
  ): Promise<Session | null> {
    const session = await this.deps.storage.getSession(sessionId)
    if (namedByUser(session) || titleSource(session) === 'auto') return null
    const opening = await this.opening(sessionId)
    if (!opening) return null
    const title = await this.make(opening, provider, model, signal)
    // The user may have renamed it while the provider was thinking.
    const now = await this.deps.storage.getSession(sessionId)
    if (namedByUser(now) || titleSource(now) === 'auto') return null
    return this.store(now, title)
  }

  async regenerate(id: string): Promise<Session> {
    const session = await this.deps.storage.getSession(id)
    const opening = await this.opening(id)
    if (!opening) {
      throw new MirrorError(
        'VALIDATION_FAILED',
        'There is nothing to make a title from yet (no messages, or only sensitive ones).',
      )
    }
    const { provider, model } = resolveProvider(this.deps.providers, session)
    return this.store(session, await this.make(opening, provider, model))
  }

  /** Titles are not activity: `updatedAt` (the list's order) stays as it was. */
  private store(session: Session, title: string): Promise<Session> {
    return this.deps.storage.updateSession(session.id, {
      title,
      metadata: { ...session.metadata, titleSource: 'auto' },
      updatedAt: session.updatedAt,
    })
  }

  private async make(
    opening: { user: Message; reply: Message | null },
    provider: ChatProvider,
    model: string,
    signal?: AbortSignal,
  ): Promise<string> {
    const fallback = offlineTitle(opening.user.content) ?? DEFAULT_SESSION_TITLE
    if (provider.kind === 'offline') return fallback
    const timeout = AbortSignal.timeout(this.timeoutMs)
    const conversation = [`User: ${excerpt(opening.user)}`]
    if (opening.reply) conversation.push(`Assistant: ${excerpt(opening.reply)}`)
    const result = await readReply(
      provider,
      {
        model,
        system: TITLE_SYSTEM,
        messages: [
          {
            role: 'user',
            content: `${conversation.join('\n\n')}\n\nTitle for this conversation:`,
          },
        ],
        pattern: 'analytical',
        uncertainty: 'none',
      },
      signal ? AbortSignal.any([timeout, signal]) : timeout,
      () => undefined,
    )
    if (result.failure || result.cancelled) return fallback
    return cleanModelTitle(result.text) ?? fallback
  }

  /** The first user message on the current path that is not sensitive, and the reply to it. */
  private async opening(id: string): Promise<{ user: Message; reply: Message | null } | null> {
    let page = await this.deps.storage.listMessages(id, { limit: PAGE })
    let items = page.items
    // Paging back from the newest: cheap for the first reply, bounded for long sessions.
    for (let pages = 1; page.hasOlder && pages < 10; pages += 1) {
      const oldest = page.items[0]
      if (!oldest) break
      page = await this.deps.storage.listMessages(id, { limit: PAGE, before: oldest.id })
      items = [...page.items, ...items]
    }
    const index = items.findIndex((m) => m.role === 'user' && !m.sensitive)
    const user = items[index]
    if (!user || user.content.trim().length === 0) return null
    const next = items[index + 1]
    const reply = next && next.role === 'assistant' && !next.sensitive ? next : null
    return { user, reply }
  }
}
