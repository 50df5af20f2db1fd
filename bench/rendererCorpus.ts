import type { Message, Session } from '../src/shared/domain'

/**
 * Conversation text for the renderer benchmark: the Markdown a reflective chat really holds
 * (paragraphs, lists, uncertainty markers, now and then a table or a code block), so the
 * benchmark pays what parsing and highlighting really cost. Deterministic, so runs compare.
 */

const WORDS =
  'the a and to of I you it in is that was for my me this with on be have not but what so we just feel think about like today time really know more want would one when how there some still because work garden morning quiet decision deadline project plan budget family friend sleep walk river memory remember uncertain change habit focus energy tired grateful calm writing reading music lighthouse ocean winter summer city train coffee meeting team release design question answer pattern reflection insight doubt choice path'.split(
    ' ',
  )
const MARKERS = ['⟨low⟩', '⟨medium⟩', '⟨⟨high⟩⟩']
const GLYPHS = ['◊', '✦', '★', '⬢']
const PATTERNS = ['exploratory', 'analytical', 'creative', 'strategic'] as const

function rng(seed: number): () => number {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function writer(seed: number) {
  const random = rng(seed)
  const int = (n: number) => Math.floor(random() * n)
  const sentence = (min: number, spread: number): string => {
    const words = Array.from({ length: min + int(spread) }, () => WORDS[int(WORDS.length)]!)
    const text = words.join(' ')
    return `${text[0]!.toUpperCase()}${text.slice(1)}`
  }
  const claim = () => `${sentence(6, 12)} ${MARKERS[int(MARKERS.length)]!}.`

  function user(): string {
    const lines = Array.from({ length: 1 + int(3) }, () => `${sentence(5, 25)}.`)
    return lines.join(random() < 0.3 ? '\n' : ' ')
  }

  function assistant(index: number): string {
    const parts = [`${GLYPHS[index % 4]!} ${sentence(8, 10)}.`, `${claim()} ${claim()} ${claim()}`]
    const r = random()
    if (r < 0.25)
      parts.push(
        ['1. **First**, ' + sentence(4, 8), '2. ' + sentence(4, 8), '3. ' + sentence(4, 8)].join(
          '\n',
        ),
      )
    else if (r < 0.35)
      parts.push('| option | cost | gain |\n|---|---|---|\n| A | low | some |\n| B | high | more |')
    else if (r < 0.42)
      parts.push(
        '```ts\nconst plan = steps.filter((s) => s.done === false).map((s) => s.title)\n```',
      )
    parts.push(`${sentence(6, 10)}?`)
    return parts.join('\n\n')
  }

  return { user, assistant }
}

export function makeSession(
  id: string,
  title: string,
  count: number,
  seed: number,
): {
  session: Session
  messages: Message[]
} {
  const write = writer(seed)
  const base = Date.parse('2024-01-01T00:00:00Z')
  const messages: Message[] = Array.from({ length: count }, (_, i) => {
    const isUser = i % 2 === 0
    const pattern = PATTERNS[Math.floor(i / 2) % 4]!
    return {
      id: `${id}_m${String(i).padStart(6, '0')}`,
      sessionId: id,
      role: isUser ? 'user' : 'assistant',
      content: isUser ? write.user() : write.assistant(Math.floor(i / 2)),
      createdAt: new Date(base + i * 60_000).toISOString(),
      pattern,
      uncertainty: 'low',
      sensitive: false,
      status: 'complete',
      provider: isUser ? null : 'offline',
      model: isUser ? null : 'reflective-offline-1',
      metadata: {},
    }
  })
  const session: Session = {
    id,
    title,
    createdAt: messages[0]?.createdAt ?? new Date(base).toISOString(),
    updatedAt: messages[messages.length - 1]?.createdAt ?? new Date(base).toISOString(),
    messageCount: count,
    archived: false,
    metadata: {},
  }
  return { session, messages }
}
