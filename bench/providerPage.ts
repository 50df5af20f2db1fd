/**
 * Runs inside the Chromium page (as plain JavaScript, so no compiler helper can leak into it).
 * Speaks the browser host's WebSocket protocol ({id, route, input} → {id, result} / {event,
 * payload}) the way the renderer's bridge does, and measures against the stamp server's clock:
 *   - the clock offset page → server (NTP-style, best of 40 round trips to /clock);
 *   - per delta: arrival in the page − the stamp the server wrote into it;
 *   - per turn: chat.send leaving the page → first chat.delta arriving;
 *   - the same two figures for the server's SSE fetched directly by the page (no app between),
 *     one direct turn after each app turn.
 */
export const PAGE_SCRIPT = String.raw`async (args) => {
  const now = () => performance.timeOrigin + performance.now()
  const stamps = (text) => [...text.matchAll(/\[(\d+\.\d+)\]/g)].map((m) => Number(m[1]))
  let best = null
  for (let i = 0; i < 40; i++) {
    const t0 = now()
    const server = Number(await (await fetch(args.clockUrl)).text())
    const t1 = now()
    if (!best || t1 - t0 < best.rtt) best = { rtt: t1 - t0, offset: server - (t0 + t1) / 2 }
  }
  const ws = new WebSocket(args.wsUrl)
  await new Promise((resolve, reject) => { ws.onopen = resolve; ws.onerror = reject })
  let nextId = 1
  const pending = new Map()
  let listener = null
  ws.onmessage = (e) => {
    const at = now()
    const frame = JSON.parse(e.data)
    if (frame.event) { if (listener) listener(frame.event, frame.payload, at) }
    else { pending.get(frame.id)?.(frame.result); pending.delete(frame.id) }
  }
  const call = (route, input) => new Promise((resolve) => {
    const id = nextId++
    pending.set(id, resolve)
    ws.send(JSON.stringify({ id, route, input }))
  })
  const session = await call('sessions.create', { title: 'provider bench' })
  if (!session.ok) throw new Error(JSON.stringify(session.error))
  // App and direct turns alternate, so a change in machine load affects both alike.
  const app = { deltas: [], first: [] }
  const direct = { deltas: [], first: [] }
  for (let turn = 0; turn < args.turns; turn++) {
    await appTurn(turn)
    await directTurn()
  }
  ws.close()

  async function appTurn(turn) {
    let sent = 0
    let firstSeen = false
    const done = new Promise((resolve) => {
      listener = (event, payload, at) => {
        if (event === 'chat.delta') {
          for (const s of stamps(payload.text)) app.deltas.push(at + best.offset - s)
          if (!firstSeen) { firstSeen = true; app.first.push(at - sent) }
        } else if (event === 'chat.done' || event === 'chat.error') {
          resolve(event === 'chat.error' ? payload.error : null)
        }
      }
    })
    sent = now()
    const r = await call('chat.send', { sessionId: session.data.id, text: 'turn ' + turn, pattern: 'exploratory', uncertainty: 'none' })
    if (!r.ok) throw new Error(JSON.stringify(r.error))
    const error = await done
    if (error) throw new Error(JSON.stringify(error))
  }

  async function directTurn() {
    const sent = now()
    const res = await fetch(args.directUrl, { method: 'POST' })
    const reader = res.body.getReader()
    const decoder = new TextDecoder()
    let buffer = ''
    let firstSeen = false
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      const at = now()
      buffer += decoder.decode(value, { stream: true })
      const events = buffer.split('\n\n')
      buffer = events.pop()
      for (const event of events) {
        for (const s of stamps(event)) {
          direct.deltas.push(at + best.offset - s)
          if (!firstSeen) { firstSeen = true; direct.first.push(at - sent) }
        }
      }
    }
  }
  return { offset: best.offset, rtt: best.rtt, app, direct }
}`

export interface PageFigures {
  offset: number
  rtt: number
  app: { deltas: number[]; first: number[] }
  direct: { deltas: number[]; first: number[] }
}
