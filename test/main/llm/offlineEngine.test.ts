import { describe, expect, it } from 'vitest'
import { OfflineEngine } from '../../../src/main/llm/offlineEngine'
import type { ProviderDelta, ProviderRequest } from '../../../src/main/llm/provider'
import { ReflectiveService } from '../../../src/main/services/reflectiveService'
import type { Pattern, UncertaintyLevel } from '../../../src/shared/domain'
import { PATTERNS, UNCERTAINTY_LEVELS } from '../../../src/shared/domain'
import { MirrorError } from '../../../src/shared/errors'
import { PATTERN_INFO } from '../../../src/shared/patterns'

const reflective = new ReflectiveService()
const engine = new OfflineEngine({ delayMs: 0 })

function request(
  text: string,
  pattern: Pattern = 'exploratory',
  uncertainty: UncertaintyLevel = 'medium',
  history: ProviderRequest['messages'] = [],
): ProviderRequest {
  return {
    model: 'reflective-offline-1',
    system: reflective.systemPrompt(pattern, uncertainty),
    messages: [...history, { role: 'user', content: text }],
    pattern,
    uncertainty,
  }
}

async function collect(
  e: OfflineEngine,
  req: ProviderRequest,
  signal = new AbortController().signal,
): Promise<ProviderDelta[]> {
  const out: ProviderDelta[] = []
  for await (const d of e.stream(req, signal)) out.push(d)
  return out
}

const textOf = (deltas: ProviderDelta[]): string =>
  deltas.map((d) => (d.type === 'text' ? d.text : '')).join('')

const SAMPLE = 'I keep postponing the conversation with my sister about our father’s house.'

describe('OfflineEngine', () => {
  it('identifies itself as offline and not an AI model', () => {
    expect(engine).toMatchObject({
      id: 'offline',
      kind: 'offline',
      defaultModel: 'reflective-offline-1',
    })
    expect(engine.label).toBe('Offline reflection (not an AI model)')
  })

  it('is deterministic and varies with the input', async () => {
    const a = textOf(await collect(engine, request(SAMPLE)))
    const b = textOf(await collect(new OfflineEngine({ delayMs: 0 }), request(SAMPLE)))
    expect(a).toBe(b)
    const variants = new Set(
      ['one', 'two', 'three', 'four', 'five', 'six'].map((w) =>
        engine.reply(request(`${SAMPLE} Also ${w} more thing about gardens.`)),
      ),
    )
    expect(variants.size).toBeGreaterThan(1)
  })

  it.each(PATTERNS)('starts a %s reply with its glyph and asks a question', (pattern) => {
    const reply = engine.reply(request(SAMPLE, pattern))
    expect(reply.startsWith(`${PATTERN_INFO[pattern].glyph} `)).toBe(true)
    expect(reflective.analyze(reply).glyphs).toEqual([PATTERN_INFO[pattern].glyph])
    expect(reply).toMatch(/\?/)
  })

  it('gives each pattern a different reply to the same words', () => {
    const replies = PATTERNS.map((p) => engine.reply(request(SAMPLE, p)).slice(2))
    expect(new Set(replies).size).toBe(PATTERNS.length)
  })

  it('reflects the user’s own words back', () => {
    const reply = engine.reply(request(SAMPLE))
    expect(reply).toContain(
      '“I keep postponing the conversation with my sister about our father’s house”',
    )
    expect(reply).toContain('you keep postponing the conversation with your sister')
    // Key words are quoted back too.
    expect(reply).toMatch(/“(sister|father's|house|conversation|postponing)”/)
  })

  it('marks uncertainty at or above the chosen level only', () => {
    const allowed: Record<UncertaintyLevel, string[]> = {
      none: [],
      low: ['low', 'medium', 'high'],
      medium: ['medium', 'high'],
      high: ['high'],
    }
    for (const pattern of PATTERNS) {
      for (const level of UNCERTAINTY_LEVELS) {
        const found = reflective.analyze(engine.reply(request(SAMPLE, pattern, level))).markers
        const levels = [...new Set(found.map((m) => m.level))].sort()
        expect(levels, `${pattern}/${level}`).toEqual([...allowed[level]].sort())
      }
    }
  })

  it('says once, plainly, that it is offline reflection and not an AI model', () => {
    for (const pattern of PATTERNS) {
      const reply = engine.reply(request(SAMPLE, pattern, 'low'))
      expect(reply.match(/not an AI model/g)).toHaveLength(1)
      expect(reply).toMatch(/offline reflection/i)
    }
  })

  it('reaches full reflective depth on an ordinary message', () => {
    const r = reflective.analyze(engine.reply(request(SAMPLE, 'strategic', 'low')))
    expect(r.depth).toBe(5)
    expect(r.level).toBe('high')
  })

  it('cannot be tricked into markers or glyphs by the user’s text', () => {
    const sneaky = 'I think ⟨⟨high⟩⟩ this is ★ ⟨low⟩ certain.'
    const reply = engine.reply(request(sneaky, 'analytical', 'none'))
    expect(reflective.analyze(reply).markers).toEqual([])
    expect(reflective.analyze(reply).glyphs).toEqual(['✦'])
  })

  it('answers empty-ish and very long messages sensibly', () => {
    for (const text of ['', '   ', '?!…', '🙂🙂']) {
      const reply = engine.reply(request(text, 'creative', 'high'))
      expect(reply.startsWith('★ ')).toBe(true)
      expect(reply).toMatch(/no words here yet/)
      expect(reply).toMatch(/\?/)
      expect(reflective.analyze(reply).markers.map((m) => m.level)).toEqual(['high'])
    }
    const long = `${'My garden project keeps growing. '.repeat(5000)}The end is near.`
    const started = Date.now()
    const reply = engine.reply(request(long))
    expect(Date.now() - started).toBeLessThan(1000)
    expect(reply.length).toBeLessThan(2000)
    expect(reply).toContain('“garden”')
    expect(reply).toMatch(/“My garden project keeps growing”/)
  })

  it('calls back to the previous user message', () => {
    const history = [
      { role: 'user' as const, content: 'Work has been exhausting lately.' },
      { role: 'assistant' as const, content: 'What makes it exhausting?' },
    ]
    const reply = engine.reply(request(SAMPLE, 'exploratory', 'none', history))
    expect(reply).toContain('Earlier you mentioned “Work has been exhausting lately”.')
  })

  it('streams word by word, ending with a usage estimate', async () => {
    const req = request(SAMPLE)
    const deltas = await collect(engine, req)
    const texts = deltas.filter((d) => d.type === 'text')
    expect(texts.length).toBeGreaterThan(20)
    expect(textOf(deltas)).toBe(engine.reply(req))
    const last = deltas[deltas.length - 1]!
    expect(last.type).toBe('usage')
    if (last.type !== 'usage') return
    expect(last.outputTokens).toBe(Math.ceil(engine.reply(req).length / 4))
    expect(last.inputTokens).toBeGreaterThan(Math.ceil(req.system.length / 4))
  })

  it('waits between deltas when a delay is configured', async () => {
    const slow = new OfflineEngine({ delayMs: 5 })
    const times: number[] = []
    for await (const d of slow.stream(request('Short one.'), new AbortController().signal)) {
      if (d.type === 'text') times.push(performance.now())
    }
    const span = times[times.length - 1]! - times[0]!
    expect(span).toBeGreaterThanOrEqual((times.length - 1) * 4)
  })

  it('stops promptly when aborted mid-stream', async () => {
    const slow = new OfflineEngine({ delayMs: 20 })
    const controller = new AbortController()
    const received: string[] = []
    const started = performance.now()
    const run = (async () => {
      for await (const d of slow.stream(request(SAMPLE), controller.signal)) {
        if (d.type === 'text') received.push(d.text)
        if (received.length === 3) setTimeout(() => controller.abort(), 5)
      }
    })()
    const error = await run.then(
      () => null,
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(MirrorError)
    expect((error as MirrorError).code).toBe('CANCELLED')
    expect(received.length).toBeGreaterThanOrEqual(3)
    expect(received.length).toBeLessThan(6)
    expect(performance.now() - started).toBeLessThan(500)
  })

  it('refuses to start with an already aborted signal', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(collect(engine, request(SAMPLE), controller.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    })
  })
})
