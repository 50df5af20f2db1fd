import pg from 'pg'
import type { StorageChange, StorageChangeListener } from '../storage'
import { CHANGE_CHANNEL } from './migrations/0002_change_notify'
import { quoteIdent } from './pgPool'

/** Notifications arriving within this window are reported together. */
export const CHANGE_BATCH_MS = 50
const RECONNECT_MS = [250, 500, 1_000, 2_000]

export interface PgChangeSource {
  url: string
  schema: string
  /** Server process ids whose notices are this process's own writes (left out). */
  ownBackends?: ReadonlySet<number>
}

/**
 * Live changes from every other writer on the database (migration 0002): one dedicated
 * connection LISTENs on the change channel and reports the session ids of each short batch as
 * one StorageChange; notices from this process's own pool are left out, as SQLite's
 * `data_version` leaves out a connection's own commits. When that connection drops (server restart, network), it reconnects with
 * backoff and then reports `all: true`, since notifications sent meanwhile are lost.
 */
export function watchPgChanges(
  source: PgChangeSource,
  listener: StorageChangeListener,
): () => void {
  const prefix = `${source.schema} `
  let stopped = false
  let client: pg.Client | null = null
  let pending = new Set<string>()
  let folders = false
  let flushTimer: NodeJS.Timeout | null = null
  let retry: NodeJS.Timeout | null = null
  let failures = 0

  const flush = (): void => {
    flushTimer = null
    if (stopped || (pending.size === 0 && !folders)) return
    const change: StorageChange = { sessionIds: [...pending], all: false }
    if (folders) change.folders = true
    pending = new Set()
    folders = false
    listener(change)
  }

  const onNotification = (message: pg.Notification): void => {
    const payload = message.payload ?? ''
    if (message.channel !== CHANGE_CHANNEL || !payload.startsWith(prefix)) return
    if (source.ownBackends?.has(message.processId)) return
    const id = payload.slice(prefix.length)
    if (id === '') folders = true
    else pending.add(id)
    flushTimer ??= setTimeout(flush, CHANGE_BATCH_MS)
  }

  const connect = async (reconnecting: boolean): Promise<void> => {
    retry = null
    const next = new pg.Client({ connectionString: source.url })
    next.on('error', () => lost(next))
    next.on('end', () => lost(next))
    next.on('notification', onNotification)
    try {
      await next.connect()
      await next.query(`LISTEN ${quoteIdent(CHANGE_CHANNEL)}`)
    } catch {
      lost(next)
      return
    }
    if (stopped) {
      void next.end().catch(() => {})
      return
    }
    client = next
    failures = 0
    // Whatever changed while no one listened: read everything again.
    if (reconnecting) listener({ sessionIds: [], all: true })
  }

  const lost = (which: pg.Client): void => {
    if (client !== null && client !== which) return
    client = null
    void which.end().catch(() => {})
    if (stopped || retry) return
    const delay = RECONNECT_MS[Math.min(failures, RECONNECT_MS.length - 1)]!
    failures++
    retry = setTimeout(() => void connect(true), delay)
    retry.unref()
  }

  void connect(false)
  return () => {
    stopped = true
    if (flushTimer) clearTimeout(flushTimer)
    if (retry) clearTimeout(retry)
    const open = client
    client = null
    if (open) void open.end().catch(() => {})
  }
}
