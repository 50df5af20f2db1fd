import type { Message, Session } from '../../../../src/shared/domain'

/** mulberry32: a small seeded PRNG, so the corpus is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const TOPICS: Record<string, string[]> = {
  work: [
    'manager',
    'deadline',
    'project',
    'meeting',
    'promotion',
    'colleague',
    'review',
    'team',
    'budget',
    'client',
  ],
  health: [
    'sleep',
    'running',
    'doctor',
    'knee',
    'diet',
    'energy',
    'headache',
    'yoga',
    'stretching',
    'appointment',
  ],
  family: [
    'mother',
    'father',
    'sister',
    'brother',
    'holidays',
    'dinner',
    'cousin',
    'birthday',
    'phone',
    'visit',
  ],
  travel: [
    'flight',
    'train',
    'hotel',
    'museum',
    'beach',
    'passport',
    'luggage',
    'itinerary',
    'lisbon',
    'rome',
  ],
  garden: [
    'tomatoes',
    'compost',
    'seedlings',
    'watering',
    'roses',
    'soil',
    'greenhouse',
    'weeds',
    'harvest',
    'shade',
  ],
  money: [
    'savings',
    'rent',
    'mortgage',
    'invoice',
    'taxes',
    'spending',
    'pension',
    'salary',
    'loan',
    'receipts',
  ],
  music: [
    'guitar',
    'chords',
    'practice',
    'concert',
    'studio',
    'recording',
    'piano',
    'rhythm',
    'lyrics',
    'band',
  ],
  reading: [
    'novel',
    'chapter',
    'library',
    'author',
    'poetry',
    'essay',
    'notes',
    'bookshop',
    'translation',
    'plot',
  ],
  cooking: [
    'recipe',
    'bread',
    'oven',
    'spices',
    'soup',
    'dough',
    'market',
    'vegetables',
    'kitchen',
    'pasta',
  ],
  mood: [
    'anxious',
    'calm',
    'grateful',
    'tired',
    'restless',
    'hopeful',
    'lonely',
    'overwhelmed',
    'content',
    'uncertain',
  ],
}
const TOPIC_NAMES = Object.keys(TOPICS)

const OPENERS = [
  'Today I',
  'Lately I',
  'I keep thinking that I',
  'This morning I',
  'Honestly I',
  'Again I',
]
const VERBS = [
  'worried about',
  'talked about',
  'noticed',
  'wrote down',
  'could not stop thinking about',
  'planned',
  'enjoyed',
]
const LINKS = [
  'and then',
  'because of',
  'even though',
  'while thinking of',
  'right after',
  'instead of',
]
const REPLIES = [
  'What feels most important to you about',
  'It sounds like there is something here around',
  'Notice how you describe',
  'What would change if you looked again at',
  'You mentioned',
]

export interface CorpusSession {
  session: Session
  messages: Message[]
}

const DAY = 86_400_000
export const CORPUS_NOW = new Date('2025-06-01T12:00:00.000Z')

function sessionFor(
  id: string,
  title: string,
  daysAgo: number,
  metadata: Record<string, unknown> = {},
): Session {
  const at = new Date(CORPUS_NOW.getTime() - daysAgo * DAY).toISOString()
  return { id, title, createdAt: at, updatedAt: at, messageCount: 0, archived: false, metadata }
}

function messageFor(session: Session, index: number, content: string, sensitive = false): Message {
  return {
    id: `${session.id}_m${index}`,
    sessionId: session.id,
    role: index % 2 === 0 ? 'user' : 'assistant',
    content,
    createdAt: new Date(Date.parse(session.createdAt) + index * 60_000).toISOString(),
    pattern: null,
    uncertainty: null,
    sensitive,
    status: 'complete',
    provider: null,
    model: null,
    metadata: {},
  }
}

/** `count` sessions of 6–12 realistic-ish messages each, spread over the last two years. */
export function generateCorpus(count: number, seed = 42): CorpusSession[] {
  const random = prng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!
  const out: CorpusSession[] = []
  for (let s = 0; s < count; s++) {
    const topic = pick(TOPIC_NAMES)
    const second = pick(TOPIC_NAMES)
    const words = [...TOPICS[topic]!, ...TOPICS[topic]!, ...TOPICS[second]!]
    const session = sessionFor(
      `gen_${s}`,
      `${topic[0]!.toUpperCase()}${topic.slice(1)} notes ${s}`,
      Math.floor(random() * 730),
    )
    const length = 6 + Math.floor(random() * 7)
    const messages = Array.from({ length }, (_, i) => {
      const text =
        i % 2 === 0
          ? `${pick(OPENERS)} ${pick(VERBS)} the ${pick(words)} ${pick(LINKS)} the ${pick(words)}, and the ${pick(words)} too.`
          : `${pick(REPLIES)} the ${pick(words)}? And how does the ${pick(words)} fit in?`
      return messageFor(session, i, text)
    })
    out.push({ session, messages })
  }
  return out
}

export interface Plant {
  id: string
  fact: string
  /** A paraphrase sharing some keywords with the fact. */
  question: string
}

/** Distinctive facts, each in its own (older) session, plus decoys sharing some of the words. */
export const PLANTS: Plant[] = [
  {
    id: 'plant_lisbon',
    fact: 'My sister Ilse finally opened her ceramics studio in Lisbon, near the tram stop in Alfama.',
    question: 'Remind me, where did my sister open that ceramics studio?',
  },
  {
    id: 'plant_biscuit',
    fact: 'The vet says Biscuit needs his thyroid tablets twice a day, always with food.',
    question: 'How often should Biscuit get the thyroid medicine?',
  },
  {
    id: 'plant_milan',
    fact: 'I booked the night train from Zurich to Milan for the architecture conference on October 14.',
    question: 'Which day is my train to Milan for that conference?',
  },
]

const DECOYS = [
  'We spent a week in Lisbon and the tram rides were the best part.',
  'My sister called about the holidays and we argued again.',
  'The recording studio was booked solid, so the band practiced at home.',
  'The conference keynote was dull; I left early to catch the train.',
  'Took the cat to the vet for a check-up, nothing serious.',
  'Milan was crowded, the train station especially.',
]

export function plantedSessions(): CorpusSession[] {
  const planted = PLANTS.map((plant, i) => {
    const session = sessionFor(plant.id, `Catch-up ${i + 1}`, 200 + i * 30)
    const messages = [
      messageFor(session, 0, 'A lot happened this month, let me write it down.'),
      messageFor(session, 1, 'Take your time. What stands out?'),
      messageFor(session, 2, plant.fact),
      messageFor(session, 3, 'That sounds like a meaningful change.'),
    ]
    return { session, messages }
  })
  // Decoys are newer than the planted sessions, so recency alone would favour them.
  const decoys = DECOYS.map((text, i) => {
    const session = sessionFor(`decoy_${i}`, `Decoy ${i}`, 3 + i)
    return {
      session,
      messages: [messageFor(session, 0, text), messageFor(session, 1, 'Say more about that.')],
    }
  })
  // The same distinctive fact, but sent as Sensitive: must never be recalled.
  const secret = sessionFor('secret_biscuit', 'Private vet notes', 1)
  const sensitive = {
    session: secret,
    messages: [
      messageFor(secret, 0, 'Biscuit thyroid tablets: twice a day, with food, said the vet.', true),
    ],
  }
  return [...planted, ...decoys, sensitive]
}

export function withCounts(entry: CorpusSession): CorpusSession {
  return { ...entry, session: { ...entry.session, messageCount: entry.messages.length } }
}
