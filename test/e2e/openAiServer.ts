import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { openAiWire } from '../main/llm/servers/wires'

export type ServerMode =
  | { kind: 'stream'; texts: string[]; gapMs?: number }
  | { kind: 'status'; status: number; headers?: Record<string, string>; message: string }

export interface ChatRequestSeen {
  authorization: string | undefined
  body: { model?: string; messages?: Array<{ role: string; content: string }> }
  /** Resolves when the client hung up before the stream ended (Stop). */
  closedEarly: Promise<void>
}

export interface OpenAiServer {
  /** Base URL as a user types it: http://127.0.0.1:<port>/v1 */
  baseUrl: string
  models: string[]
  chats: ChatRequestSeen[]
  setMode(mode: ServerMode): void
  close(): Promise<void>
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/**
 * An OpenAI-compatible server on 127.0.0.1 for end-to-end tests: `GET /v1/models` and streamed
 * `POST /v1/chat/completions` in the real SSE wire format (frames from test/main/llm/servers).
 */
export async function startOpenAiServer(models: string[]): Promise<OpenAiServer> {
  let mode: ServerMode = { kind: 'stream', texts: ['ok'] }
  const chats: ChatRequestSeen[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/v1/models') {
        res.writeHead(200, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ object: 'list', data: models.map((id) => ({ id })) }))
        return
      }
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') {
        res.writeHead(404).end()
        return
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequestSeen['body']
      let gone = (): void => undefined
      chats.push({
        authorization: req.headers.authorization,
        body,
        closedEarly: new Promise((resolve) => (gone = resolve)),
      })
      res.on('close', () => {
        if (!res.writableFinished) gone()
      })
      void respond(mode, body, res)
    })
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    models,
    chats,
    setMode: (next) => (mode = next),
    close: async () => {
      for (const s of sockets) s.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

async function respond(mode: ServerMode, body: unknown, res: http.ServerResponse): Promise<void> {
  if (mode.kind === 'status') {
    const { body: text, contentType } = openAiWire.errorBody(mode.status, mode.message)
    res.writeHead(mode.status, { 'content-type': contentType, ...mode.headers }).end(text)
    return
  }
  res.writeHead(200, { 'content-type': openAiWire.streamContentType, 'cache-control': 'no-cache' })
  res.flushHeaders()
  for (const frame of openAiWire.streamFrames(mode.texts, { input: 10, output: 5 }, body)) {
    if (res.destroyed) return
    res.write(frame.data)
    if (frame.text) await sleep(mode.gapMs ?? 20)
  }
  res.end()
}
