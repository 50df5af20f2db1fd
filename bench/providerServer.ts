import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** Wall-clock milliseconds with sub-millisecond precision, comparable with a browser page's. */
export const wallNow = (): number => performance.timeOrigin + performance.now()

export interface StampServer {
  baseUrl: string
  /** Per request, in order: how long the server itself waited before its first byte. */
  firstByteDelays: { app: number[]; direct: number[] }
  close(): Promise<void>
}

export interface StampOptions {
  deltas: number
  gapMs: number
  firstByteDelayMs: number
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function chunk(content: string | null, finish: string | null): string {
  const delta = content === null ? {} : { content }
  const body = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1_760_000_000,
    model: 'bench-model',
    choices: [{ index: 0, delta, finish_reason: finish }],
  }
  return `data: ${JSON.stringify(body)}\n\n`
}

/**
 * An OpenAI-compatible SSE server on 127.0.0.1 whose every delta carries the wall-clock time it
 * was written (`[stamp]`), so a page can measure how long each took to reach it. `/clock`
 * answers the server's time (for the page's clock offset) and `/direct` streams the same deltas
 * straight to a page, as the baseline with no app in between.
 */
export async function startStampServer(options: StampOptions): Promise<StampServer> {
  const firstByteDelays: StampServer['firstByteDelays'] = { app: [], direct: [] }
  const server = http.createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      const cors = { 'access-control-allow-origin': '*' }
      if (req.url === '/clock') {
        res.writeHead(200, { ...cors, 'content-type': 'text/plain' }).end(String(wallNow()))
        return
      }
      const direct = req.url === '/direct'
      if (!direct && req.url !== '/v1/chat/completions') {
        res.writeHead(404).end()
        return
      }
      void stream(res, direct ? cors : {}, direct ? firstByteDelays.direct : firstByteDelays.app)
    })
  })

  async function stream(
    res: http.ServerResponse,
    headers: Record<string, string>,
    delays: number[],
  ) {
    const received = performance.now()
    await sleep(options.firstByteDelayMs)
    res.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
    })
    for (let i = 0; i < options.deltas; i++) {
      if (res.destroyed) return
      if (i === 0) delays.push(performance.now() - received)
      res.write(chunk(`[${wallNow().toFixed(3)}]`, null))
      await sleep(options.gapMs)
    }
    res.write(chunk(null, 'stop'))
    res.end('data: [DONE]\n\n')
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    firstByteDelays,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
