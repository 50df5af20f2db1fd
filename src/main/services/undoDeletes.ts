import { randomBytes } from 'node:crypto'
import { MirrorError } from '../../shared/errors'
import type { RemovedBranch } from '../storage/storage'
import type { Clock } from './ids'

/** How long a delete can be undone. */
export const UNDO_TTL_MS = 10 * 60 * 1000
/** At most this many deletes are kept for Undo (oldest forgotten first): they hold message text. */
export const MAX_UNDOS = 50

/**
 * What messages.delete removed, kept in memory (never on disk: a deleted sensitive message must
 * not linger in a file) under a random `undo_…` token, until it is used, expires or the core
 * stops.
 */
export class UndoDeletes {
  private readonly kept = new Map<string, { branch: RemovedBranch; expiresAt: number }>()

  constructor(
    private readonly clock: Clock,
    private readonly ttlMs = UNDO_TTL_MS,
  ) {}

  keep(branch: RemovedBranch): string {
    this.prune()
    while (this.kept.size >= MAX_UNDOS) {
      const oldest = this.kept.keys().next().value
      if (oldest === undefined) break
      this.kept.delete(oldest)
    }
    const token = `undo_${randomBytes(18).toString('base64url')}`
    this.kept.set(token, { branch, expiresAt: this.clock.now().getTime() + this.ttlMs })
    return token
  }

  has(token: string): boolean {
    this.prune()
    return this.kept.has(token)
  }

  /** The branch, which stays kept until `forget` (a failed restore can be tried again). */
  get(token: string): RemovedBranch {
    this.prune()
    const entry = this.kept.get(token)
    if (!entry) {
      throw new MirrorError(
        'NOT_FOUND',
        'This delete can no longer be undone (Undo lasts 10 minutes and ends when the app restarts).',
      )
    }
    return entry.branch
  }

  forget(token: string): void {
    this.kept.delete(token)
  }

  private prune(): void {
    const now = this.clock.now().getTime()
    for (const [token, entry] of this.kept) if (entry.expiresAt <= now) this.kept.delete(token)
  }
}
