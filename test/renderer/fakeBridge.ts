import type { MirrorBridge } from '../../src/shared/bridge'
import type { Message, Session } from '../../src/shared/domain'
import { SNIPPET_CLOSE, SNIPPET_OPEN } from '../../src/shared/domain'
import type { ErrorInfo } from '../../src/shared/errors'
import type { EventName, EventPayload } from '../../src/shared/events'
import type { Result } from '../../src/shared/result'
import type { RouteInput, RouteName, RouteOutput } from '../../src/shared/routes'

type Handler<K extends RouteName> = (
  input: RouteInput<K>,
) => RouteOutput<K> | Promise<RouteOutput<K>>
type HandlerMap = { [K in RouteName]?: Handler<K> }

let clock = Date.parse('2026-01-05T10:00:00.000Z')
function tick(): string {
  clock += 1000
  return new Date(clock).toISOString()
}

/**
 * A MirrorBridge for renderer tests: a small in-memory model of main (sessions, messages,
 * search), a log of calls, scripted failures, and `emit` to push chat events like main does.
 */
export class FakeBridge implements MirrorBridge {
  readonly sessions = new Map<string, Session>()
  readonly messages = new Map<string, Message[]>()
  readonly calls: Array<{ route: RouteName; input: unknown }> = []
  private readonly failures = new Map<RouteName, ErrorInfo>()
  private readonly overrides: HandlerMap = {}
  private readonly holds = new Map<RouteName, Promise<void>>()
  private readonly listeners = new Map<string, Set<(payload: unknown) => void>>()
  private nextId = 1

  addSession(title: string, patch: Partial<Session> = {}): Session {
    const at = tick()
    const session: Session = {
      id: `s${this.nextId++}`,
      title,
      createdAt: at,
      updatedAt: at,
      messageCount: 0,
      archived: false,
      metadata: {},
      ...patch,
    }
    this.sessions.set(session.id, session)
    this.messages.set(session.id, [])
    return session
  }

  addMessage(
    sessionId: string,
    role: Message['role'],
    content: string,
    patch: Partial<Message> = {},
  ): Message {
    const message: Message = {
      id: `m${this.nextId++}`,
      sessionId,
      role,
      content,
      createdAt: tick(),
      pattern: role === 'assistant' ? 'exploratory' : null,
      uncertainty: null,
      sensitive: false,
      status: 'complete',
      provider: role === 'assistant' ? 'offline' : null,
      model: role === 'assistant' ? 'mirror-1' : null,
      metadata: {},
      ...patch,
    }
    this.messages.get(sessionId)?.push(message)
    const session = this.sessions.get(sessionId)
    if (session) {
      this.sessions.set(sessionId, {
        ...session,
        updatedAt: message.createdAt,
        messageCount: session.messageCount + 1,
      })
    }
    return message
  }

  /** Make a route answer with this error until `succeed(route)`. */
  fail(route: RouteName, error: ErrorInfo): void {
    this.failures.set(route, error)
  }

  succeed(route: RouteName): void {
    this.failures.delete(route)
  }

  /** Hold the next call to `route` until the returned function is called. */
  hold(route: RouteName): () => void {
    let release = () => {}
    this.holds.set(route, new Promise<void>((resolve) => (release = resolve)))
    return () => release()
  }

  handle<K extends RouteName>(route: K, handler: Handler<K>): void {
    ;(this.overrides as Record<string, unknown>)[route] = handler
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners.get(event) ?? []) listener(payload)
  }

  callsTo(route: RouteName): unknown[] {
    return this.calls.filter((c) => c.route === route).map((c) => c.input)
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    const set = this.listeners.get(event) ?? new Set()
    this.listeners.set(event, set)
    set.add(listener as (payload: unknown) => void)
    return () => set.delete(listener as (payload: unknown) => void)
  }

  async request<K extends RouteName>(
    route: K,
    input: RouteInput<K>,
  ): Promise<Result<RouteOutput<K>>> {
    this.calls.push({ route, input })
    const held = this.holds.get(route)
    this.holds.delete(route)
    await (held ?? Promise.resolve())
    const failure = this.failures.get(route)
    if (failure) return { ok: false, error: failure }
    try {
      const override = this.overrides[route] as Handler<K> | undefined
      const data = override ? await override(input) : (this.builtIn(route, input) as RouteOutput<K>)
      return { ok: true, data }
    } catch (error) {
      return { ok: false, error: { code: 'NOT_FOUND', message: (error as Error).message } }
    }
  }

  private session(id: string): Session {
    const session = this.sessions.get(id)
    if (!session) throw new Error(`Session ${id} not found.`)
    return session
  }

  private update(id: string, patch: Partial<Session>): Session {
    const session = { ...this.session(id), ...patch, updatedAt: tick() }
    this.sessions.set(id, session)
    return session
  }

  private builtIn(route: RouteName, raw: unknown): unknown {
    const input = raw as Record<string, unknown>
    const id = input['id'] as string
    switch (route) {
      case 'app.info':
        return {
          version: '0.1.0',
          storage: 'memory',
          dataDir: '/tmp/mirror',
          provider: { id: 'offline', label: 'Mirror Engine', model: 'mirror-1', offline: true },
          host: 'browser',
        }
      case 'sessions.list': {
        const archived = input['archived'] ?? false
        const limit = (input['limit'] as number | undefined) ?? 50
        const start = Number(input['cursor'] ?? 0)
        const all = [...this.sessions.values()]
          .filter((s) => archived === 'all' || s.archived === archived)
          .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
        const items = all.slice(start, start + limit)
        return { items, nextCursor: start + limit < all.length ? String(start + limit) : null }
      }
      case 'sessions.create':
        return this.addSession((input['title'] as string | undefined) ?? 'New session')
      case 'sessions.get':
        return this.session(id)
      case 'sessions.messages': {
        const all = this.messages.get(this.session(id).id) ?? []
        const before = input['before'] as string | undefined
        const end = before ? all.findIndex((m) => m.id === before) : all.length
        const limit = (input['limit'] as number | undefined) ?? 50
        const start = Math.max(0, end - limit)
        return { items: all.slice(start, end), hasOlder: start > 0 }
      }
      case 'sessions.messagesAround': {
        const all = this.messages.get(this.session(id).id) ?? []
        const at = all.findIndex((m) => m.id === input['messageId'])
        const limit = (input['limit'] as number | undefined) ?? 50
        const start = Math.max(0, at - limit + 1)
        return { items: all.slice(start), hasOlder: start > 0 }
      }
      case 'sessions.rename':
        return this.update(id, { title: String(input['title']).trim() })
      case 'sessions.archive':
        return this.update(id, { archived: true })
      case 'sessions.unarchive':
        return this.update(id, { archived: false })
      case 'sessions.delete':
        this.session(id)
        this.sessions.delete(id)
        this.messages.delete(id)
        return { id }
      case 'sessions.setPreferences':
        return this.update(id, {
          metadata: { ...this.session(id).metadata, preferences: input['preferences'] },
        })
      case 'sessions.search': {
        const query = String(input['query']).toLowerCase()
        const sessions = [...this.sessions.values()].filter((s) =>
          s.title.toLowerCase().includes(query),
        )
        const hits = [...this.messages.values()].flat().flatMap((m) => {
          const at = m.content.toLowerCase().indexOf(query)
          if (at < 0) return []
          const snippet = `${m.content.slice(0, at)}${SNIPPET_OPEN}${m.content.slice(at, at + query.length)}${SNIPPET_CLOSE}${m.content.slice(at + query.length)}`
          const session = this.session(m.sessionId)
          return [
            {
              sessionId: m.sessionId,
              sessionTitle: session.title,
              messageId: m.id,
              role: m.role,
              createdAt: m.createdAt,
              snippet,
            },
          ]
        })
        return { sessions, hits }
      }
      case 'sessions.export': {
        const session = this.session(id)
        const json = input['format'] === 'json'
        return {
          fileName: `${session.title}.${json ? 'json' : 'md'}`,
          mimeType: json ? 'application/json' : 'text/markdown',
          content: json ? JSON.stringify(session) : `# ${session.title}\n`,
        }
      }
      case 'import.files': {
        const files = input['files'] as Array<{ name: string; content: string }>
        const imported = files
          .filter((f) => f.content.trim().startsWith('{'))
          .map((f) => {
            const s = this.addSession(f.name.replace(/\.json$/, ''))
            return { file: f.name, sessionId: s.id, title: s.title }
          })
        const failed = files
          .filter((f) => !f.content.trim().startsWith('{'))
          .map((f) => ({
            file: f.name,
            code: 'IMPORT_UNSUPPORTED_FORMAT',
            reason: 'not a known export format',
          }))
        return { imported, skipped: [], failed }
      }
      case 'chat.send': {
        const sessionId = input['sessionId'] as string
        const userMessage = this.addMessage(sessionId, 'user', String(input['text']), {
          pattern: input['pattern'] as Message['pattern'],
          uncertainty: input['uncertainty'] as Message['uncertainty'],
          sensitive: Boolean(input['sensitive']),
        })
        return { requestId: `r${this.nextId++}`, userMessage }
      }
      case 'chat.cancel':
        return { cancelled: true }
      default:
        // A route this fake does not know answers as an error, never as `ok` with no data.
        throw new Error(`The fake bridge has no route ${route}.`)
    }
  }
}
