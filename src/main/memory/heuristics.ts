import type { MemoryReason } from '../../shared/memory'

/** A candidate memory before it is checked against what is stored and rejected. */
export interface DraftedMemory {
  text: string
  reason: MemoryReason
  messageIds: string[]
}

export interface UserLine {
  id: string
  content: string
}

/** Longest object a heuristic keeps: past this a sentence is a story, not a fact. */
const MAX_OBJECT_CHARS = 160

interface Rule {
  reason: MemoryReason
  pattern: RegExp
  write(object: string, match: RegExpExecArray): string
}

const capital = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

// Each pattern captures the rest of the sentence as the object; the first rule that matches a
// sentence wins, so the more specific ones come first.
// A name: one word, then up to two more that start with a capital ("Ana", "Mary Jane").
const NAME = "(\\p{L}[\\p{L}'-]*(?: \\p{Lu}[\\p{L}'-]*){0,2})"
const RELATIVES =
  'wife|husband|partner|girlfriend|boyfriend|son|daughter|dog|cat|boss|sister|brother|mother|father|mum|mom|dad|friend'

const RULES: Rule[] = [
  {
    reason: 'name',
    pattern: new RegExp(`\\b[Mm]y name is ${NAME}`, 'u'),
    write: (o) => `Name is ${capital(o)}`,
  },
  {
    reason: 'name',
    pattern: new RegExp(`^(?:(?:[Pp]lease|[Jj]ust|[Yy]ou can) )?[Cc]all me ${NAME}[.!]?$`, 'u'),
    write: (o) => `Name is ${capital(o)}`,
  },
  {
    reason: 'name',
    pattern: new RegExp(`\\b[Mm]y (${RELATIVES})(?:'s name)? is (?:called |named )?${NAME}`, 'u'),
    write: (o, m) => `${capital(m[1]!)} is called ${capital(o)}`,
  },
  { reason: 'goal', pattern: /\bmy goal is (?:to )?(.+)/i, write: (o) => `Goal: ${o}` },
  {
    reason: 'goal',
    pattern: /\bI(?:'m| am) (?:currently )?working on (.+)/i,
    write: (o) => `Is working on ${o}`,
  },
  { reason: 'goal', pattern: /\bI want to (.+)/i, write: (o) => `Wants to ${o}` },
  {
    reason: 'decision',
    pattern: /\b(?:we|I)(?:'ve| have)? decided (?:to |that |on )?(.+)/i,
    write: (o) => `Decided ${/^(to|on|that) /i.test(o) ? o : `to ${o}`}`,
  },
  {
    reason: 'decision',
    pattern: /\blet'?s go with (.+)/i,
    write: (o) => `Decided to go with ${o}`,
  },
  { reason: 'preference', pattern: /\bI prefer (.+)/i, write: (o) => `Prefers ${o}` },
  {
    reason: 'preference',
    pattern: /\bI (?:really )?(like|love|hate|dislike) (.+)/i,
    write: (o, m) => `${capital(m[1]!.toLowerCase())}s ${o}`,
  },
  {
    reason: 'preference',
    pattern: /\bplease (always|never) (.+)/i,
    write: (o, m) => `${capital(m[1]!.toLowerCase())} ${o}`,
  },
]

/** Sentences of a message; questions and conditionals are left out (they state nothing). */
function statements(content: string): string[] {
  return (
    content
      // Typographic apostrophes (what phones and macOS type) read as plain ones: "I’m", "let’s".
      .replace(/[\u2018\u2019]/g, "'")
      .split(/(?<=[.!?])\s+|\n+/)
      .map((s) => s.trim())
      .filter(
        (s) => s.length > 0 && !s.endsWith('?') && !/^(if|when|would|do|does|should)\b/i.test(s),
      )
  )
}

/**
 * A sentence's clauses, split where a new statement about the user begins after "and", "but" or
 * "so" (or a semicolon): "My name is Ada and I prefer short answers" states two facts. A list
 * ("I like tea and coffee") has no new subject after "and" and stays whole.
 */
function clauses(sentence: string): string[] {
  return sentence
    .split(/\s*;\s+|,?\s+(?:and|but|so)\s+(?=(?:I|I'm|I've|my|we|we've|let's|please)\b)/i)
    .map((c) => c.trim())
    .filter((c) => c.length > 0)
}

function cleanObject(raw: string): string | null {
  const object = raw
    .replace(/[.!;:,\s]+$/u, '')
    .replace(/\s+/g, ' ')
    .trim()
  if (object.length < 2 || object.length > MAX_OBJECT_CHARS) return null
  return object
}

/**
 * The offline engine's drafting: stated preferences, goals, names and decisions in the user's
 * own messages, one memory per clause at most. Deterministic, so fixed conversations test it.
 */
export function draftByHeuristics(lines: readonly UserLine[]): DraftedMemory[] {
  const drafts: DraftedMemory[] = []
  for (const line of lines) {
    for (const sentence of statements(line.content).flatMap(clauses)) {
      for (const rule of RULES) {
        const match = rule.pattern.exec(sentence)
        const object = match ? cleanObject(match[match.length - 1]!) : null
        if (!match || !object) continue
        drafts.push({ text: rule.write(object, match), reason: rule.reason, messageIds: [line.id] })
        break
      }
    }
  }
  return drafts
}
