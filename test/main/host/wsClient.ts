import type { RawData } from 'ws'
import { WebSocket } from 'ws'

export interface Frame {
  id?: string | number | null
  result?: { ok: boolean; data?: unknown; error?: { code: string; message: string } }
  event?: string
  payload?: unknown
}

/** A real `ws` client that records every frame, for talking to the browser host in tests. */
export class TestClient {
  readonly frames: Frame[] = []
  private nextId = 1
  private waiters: Array<() => void> = []

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => {
      this.frames.push(JSON.parse(data.toString()) as Frame)
      for (const wake of this.waiters.splice(0)) wake()
    })
  }

  static async connect(
    port: number,
    token: string,
    origin = `http://127.0.0.1:${port}`,
  ): Promise<TestClient> {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, {
      origin,
    })
    const client = new TestClient(socket)
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve())
      socket.once('error', reject)
    })
    return client
  }

  async waitFor(predicate: (frame: Frame) => boolean, timeoutMs = 5000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const found = this.frames.find(predicate)
      if (found) return found
      if (Date.now() > deadline)
        throw new Error(`Timed out; frames so far: ${JSON.stringify(this.frames)}`)
      await new Promise<void>((wake) => {
        this.waiters.push(wake)
        setTimeout(wake, 50)
      })
    }
  }

  sendRaw(text: string | Buffer): void {
    this.socket.send(text)
  }

  async request(route: string, input: unknown): Promise<NonNullable<Frame['result']>> {
    const id = this.nextId++
    this.socket.send(JSON.stringify({ id, route, input }))
    const frame = await this.waitFor((f) => f.id === id && f.result !== undefined)
    return frame.result as NonNullable<Frame['result']>
  }

  events(name?: string): Frame[] {
    return this.frames.filter(
      (f) => f.event !== undefined && (name === undefined || f.event === name),
    )
  }

  close(): void {
    this.socket.close()
  }
}

/** Opens a socket with arbitrary headers and reports how the host answered. */
export async function tryConnect(
  url: string,
  options: { origin?: string; host?: string },
): Promise<{ status?: number; closeCode?: number }> {
  const headers: Record<string, string> = {}
  if (options.host) headers.Host = options.host
  const socket = new WebSocket(url, { origin: options.origin, headers })
  return new Promise((resolve) => {
    socket.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode })
      socket.terminate()
    })
    socket.on('error', () => undefined)
    socket.on('close', (code) => resolve({ closeCode: code }))
  })
}
