import { z } from 'zod'
import { MessageSchema, PatternSchema, SessionSchema, UncertaintyLevelSchema } from '../domain'
import { IdSchema as Id, route } from './route'

/**
 * Actions on one message of the message tree (docs/storage.md "Message tree"). Versions are
 * siblings and are never overwritten: an edit or a regeneration adds one and makes it current.
 * Replies stream as the same chat.started / chat.delta / chat.done / chat.error events as
 * chat.send, for the `requestId` returned here.
 */

/** This turn only (Regenerate ▸ with another pattern, uncertainty or provider/model). */
const TurnOptions = {
  pattern: PatternSchema.optional(),
  uncertainty: UncertaintyLevelSchema.optional(),
  /** A configured provider; the session's (else the default) when absent. */
  providerId: Id.optional(),
  /** A model of that provider other than its configured one. */
  model: z.string().trim().min(1).max(200).optional(),
}

/** Undo of messages.delete: valid while the core that made it runs (minutes, not forever). */
export const UndoTokenSchema = z.string().regex(/^undo_[A-Za-z0-9_-]{1,100}$/, 'not an undo token')

export const messageRoutes = {
  /**
   * "Save and send" on a user message: its new version (a sibling with `text`) becomes current,
   * and a reply to it is streamed below. The old version and its replies stay as versions.
   */
  'messages.edit': route(
    z
      .object({ messageId: Id, text: z.string().trim().min(1).max(200_000), ...TurnOptions })
      .strict(),
    z.object({ requestId: z.string(), userMessage: MessageSchema }),
  ),
  /**
   * "Regenerate" on an assistant reply, and "Retry" on a failed or stopped one: a new version
   * of that reply (its sibling) is streamed and becomes current.
   */
  'messages.regenerate': route(
    z.object({ messageId: Id, ...TurnOptions }).strict(),
    z.object({ requestId: z.string() }),
  ),
  /** The message and its siblings (same parent), oldest first, with version fields. */
  'messages.versions': route(z.object({ messageId: Id }).strict(), z.array(MessageSchema)),
  /**
   * Makes a version current: the path runs through it and on down the branch used last there.
   * Also opens a search hit on an inactive version. Returns the session (its new current leaf).
   */
  'messages.switch': route(z.object({ messageId: Id }).strict(), SessionSchema),
  /** Deletes the message and everything below it (on every branch below it), with Undo. */
  'messages.delete': route(
    z.object({ messageId: Id }).strict(),
    z.object({
      session: SessionSchema,
      /** How many messages went (the message and those below it). */
      removed: z.number().int().positive(),
      undoToken: UndoTokenSchema,
    }),
  ),
  /** Puts back exactly what one messages.delete removed, with the path as it was. */
  'messages.undoDelete': route(z.object({ undoToken: UndoTokenSchema }).strict(), SessionSchema),
  /** A new session holding the path up to and including this message, titled "<title> (branch)". */
  'messages.branch': route(z.object({ messageId: Id }).strict(), SessionSchema),
} as const
