import { z } from 'zod'
import type { Message, Pattern, Session, UncertaintyLevel } from '../../shared/domain'
import { PatternSchema, UncertaintyLevelSchema } from '../../shared/domain'
import { isMirrorError, MirrorError } from '../../shared/errors'
import { SessionPreferencesSchema } from '../../shared/routes'
import type { ProviderRegistry } from '../llm/provider'
import type { Storage } from '../storage/storage'
import type {
  ChatListener,
  ChatOutcome,
  DeletedBranch,
  MessageApi,
  MessageTurnOptions,
  RestoredBranch,
} from './contracts'
import type { Clock, IdGenerator } from './ids'
import type { ReplyTurns } from './replyTurns'
import { copyPath, branchTitle } from './branchCopy'
import { resolveProvider } from './sessionProvider'
import { UndoDeletes } from './undoDeletes'

export interface MessageServiceDeps {
  storage: Storage
  providers: ProviderRegistry
  /** The chat service's turns (ChatService.turns), so chat.cancel reaches these replies too. */
  turns: ReplyTurns
  clock: Clock
  ids: IdGenerator
  /** Deletes kept for Undo; one per service by default. */
  undo?: UndoDeletes
}

const Id = z.string().min(1).max(200)
const TurnSchema = {
  pattern: PatternSchema.optional(),
  uncertainty: UncertaintyLevelSchema.optional(),
  providerId: Id.optional(),
  model: z.string().trim().min(1).max(200).optional(),
}
const EditSchema = z.object({ messageId: Id, text: z.string().max(200_000), ...TurnSchema })
const RegenerateSchema = z.object({ messageId: Id, ...TurnSchema })

function invalid(message: string): MirrorError {
  return new MirrorError('VALIDATION_FAILED', message)
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const field = parsed.error.issues[0]?.path.join('.') || 'input'
  if (field === 'text') throw invalid('The message is too long.')
  throw invalid(`The message request is not valid (${field}).`)
}

function checkId(id: unknown, what = 'message'): string {
  const parsed = Id.safeParse(id)
  if (!parsed.success) throw invalid(`The ${what} id is not valid.`)
  return parsed.data
}

/** A sensitive message read while the vault is locked has no text to send or copy. */
function requireReadable(messages: readonly Message[], action: string): void {
  if (messages.some((m) => m.sensitive && m.metadata.locked === true)) {
    throw new MirrorError(
      'VAULT_LOCKED',
      `Unlock the vault to ${action}: it holds sensitive messages.`,
    )
  }
}

/**
 * Actions on one message of the tree: edit and regenerate add a version (a sibling) and stream a
 * reply through the chat service's turns; switch, delete (with Undo) and branch work on the
 * stored tree. Nothing is overwritten: old versions stay, reachable with switch.
 */
export class MessageService implements MessageApi {
  private readonly undo: UndoDeletes

  constructor(private readonly deps: MessageServiceDeps) {
    this.undo = deps.undo ?? new UndoDeletes(deps.clock)
  }

  async edit(
    input: { messageId: string; text: string } & MessageTurnOptions,
    listener: ChatListener = {},
  ): Promise<{ requestId: string; userMessage: Message; completion: Promise<ChatOutcome> }> {
    const { messageId, text, ...options } = parse(EditSchema, input)
    if (text.trim().length === 0) throw invalid('Message is empty.')
    const { storage, clock, ids } = this.deps
    const old = await storage.getMessage(messageId)
    if (old.role !== 'user') throw invalid('Only your own messages can be edited.')
    const session = await storage.getSession(old.sessionId)
    const { provider, model } = this.provider(session, options)
    const settings = turnSettings(options, old, session)
    const userMessage: Message = {
      id: ids.messageId(),
      sessionId: old.sessionId,
      role: 'user',
      content: text,
      createdAt: clock.now().toISOString(),
      ...settings,
      // A new version of a sensitive message is as private as the old one.
      sensitive: old.sensitive,
      status: 'complete',
      provider: null,
      model: null,
      metadata: {},
      // The files stay with the message through its versions (docs/attachments.md).
      ...(old.attachments?.length && { attachments: old.attachments }),
      parentId: old.parentId ?? null,
    }
    // Stored first (the new version is current), so the history read is the new path.
    await storage.appendMessage(userMessage)
    // Read before the turn starts, so no event can come before this call has returned.
    const listed = (await storage.listVersions(userMessage.id)).find((m) => m.id === userMessage.id)
    const requestId = ids.requestId()
    const completion = this.deps.turns.start({
      requestId,
      session,
      prompt: userMessage,
      stored: Promise.resolve(),
      historyBefore: null,
      ...settings,
      provider,
      model,
      listener,
    })
    return { requestId, userMessage: listed ?? userMessage, completion }
  }

  async regenerate(
    input: { messageId: string } & MessageTurnOptions,
    listener: ChatListener = {},
  ): Promise<{ requestId: string; sessionId: string; completion: Promise<ChatOutcome> }> {
    const { messageId, ...options } = parse(RegenerateSchema, input)
    const { storage, ids } = this.deps
    const old = await storage.getMessage(messageId)
    if (old.role !== 'assistant') throw invalid('Only replies can be regenerated.')
    if (!old.parentId) throw invalid('This reply answers no message, so it cannot be regenerated.')
    const prompt = await storage.getMessage(old.parentId)
    requireReadable([prompt], 'regenerate this reply')
    const session = await storage.getSession(old.sessionId)
    const { provider, model } = this.provider(session, options)
    // The context is the path up to the reply's parent, read as the path before the old reply.
    await storage.switchToMessage(old.id)
    const requestId = ids.requestId()
    const completion = this.deps.turns.start({
      requestId,
      session,
      prompt,
      stored: Promise.resolve(),
      historyBefore: old.id,
      ...turnSettings(options, old, session),
      provider,
      model,
      listener,
    })
    return { requestId, sessionId: old.sessionId, completion }
  }

  versions(messageId: string): Promise<Message[]> {
    return this.deps.storage.listVersions(checkId(messageId))
  }

  async currentVersion(messageId: string): Promise<string | null> {
    const { storage } = this.deps
    for (const version of await storage.listVersions(checkId(messageId))) {
      try {
        // Paging from a message works only on the current path (one row read).
        await storage.listMessages(version.sessionId, { before: version.id, limit: 1 })
        return version.id
      } catch (error) {
        if (!isMirrorError(error) || error.code !== 'NOT_FOUND') throw error
      }
    }
    return null
  }

  switch(messageId: string): Promise<Session> {
    return this.deps.storage.switchToMessage(checkId(messageId))
  }

  async delete(messageId: string): Promise<DeletedBranch> {
    const branch = await this.deps.storage.deleteMessage(checkId(messageId))
    const undoToken = this.undo.keep(branch)
    return { session: branch.session, removed: branch.removed.length, undoToken }
  }

  async undoDelete(undoToken: string): Promise<RestoredBranch> {
    if (typeof undoToken !== 'string') throw invalid('The undo token is not valid.')
    const branch = this.undo.get(undoToken)
    const session = await this.deps.storage.restoreMessages(branch.sessionId, branch.removed, {
      currentLeafId: branch.previousLeafId,
    })
    this.undo.forget(undoToken)
    return { session, messageId: branch.removed[0]!.id, restored: branch.removed.length }
  }

  hasUndo(undoToken: string): boolean {
    return this.undo.has(undoToken)
  }

  async branch(messageId: string): Promise<Session> {
    const { storage, clock, ids } = this.deps
    const path = await storage.listPathTo(checkId(messageId))
    const source = await storage.getSession(path[0]!.sessionId)
    if (source.metadata['temporary'] === true) {
      throw invalid('A temporary chat cannot be branched: nothing of it is stored.')
    }
    requireReadable(path, 'branch this conversation')
    const now = clock.now().toISOString()
    const session: Session = {
      id: ids.sessionId(),
      title: branchTitle(source.title),
      createdAt: now,
      updatedAt: now,
      messageCount: 0,
      archived: false,
      metadata: { ...copiedMetadata(source), branchedFrom: { sessionId: source.id, messageId } },
      currentLeafId: null,
    }
    const copies = copyPath(path, session.id, () => ids.messageId())
    await storage.createSession(session)
    try {
      return await storage.restoreMessages(session.id, copies, {
        currentLeafId: copies.at(-1)!.id,
      })
    } catch (error) {
      await storage.deleteSession(session.id).catch(() => undefined)
      throw error
    }
  }

  private provider(session: Session, options: MessageTurnOptions) {
    const resolved = resolveProvider(this.deps.providers, session, options.providerId)
    return options.model ? { ...resolved, model: options.model } : resolved
  }
}

/**
 * This turn's pattern and uncertainty: as asked, else as the old version had them, else the
 * session's preferences (imported messages may have none), else exploratory without markers.
 */
function turnSettings(
  options: MessageTurnOptions,
  old: Message,
  session: Session,
): { pattern: Pattern; uncertainty: UncertaintyLevel } {
  const preferences = SessionPreferencesSchema.safeParse(session.metadata['preferences'])
  const preferred = preferences.success ? preferences.data : null
  return {
    pattern: options.pattern ?? old.pattern ?? preferred?.pattern ?? 'exploratory',
    uncertainty: options.uncertainty ?? old.uncertainty ?? preferred?.uncertainty ?? 'none',
  }
}

/** The branch answers like its source: same preferences and memory switches. */
function copiedMetadata(source: Session): Record<string, unknown> {
  const metadata: Record<string, unknown> = {}
  for (const key of ['preferences', 'memory']) {
    if (source.metadata[key] !== undefined) metadata[key] = structuredClone(source.metadata[key])
  }
  return metadata
}
