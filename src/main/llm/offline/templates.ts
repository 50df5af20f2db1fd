import type { Pattern } from '../../../shared/domain'

/** `f` is a focus phrase: a quoted term from the user's message, or a neutral fallback. */
type Line = (f: string, g: string) => string

export interface PatternTemplates {
  /** Three tentative readings, from least to most uncertain (marked ⟨low⟩, ⟨medium⟩, ⟨⟨high⟩⟩). */
  claims: [Line[], Line[], Line[]]
  questions: Line[]
  nextSteps: string[]
}

export const OFFLINE_DISCLAIMER =
  '— This is offline reflection, not an AI model: the reply was assembled on this device from your own words.'

export const TEMPLATES: Record<Pattern, PatternTemplates> = {
  exploratory: {
    claims: [
      [
        (f) => `${cap(f)} seems to carry weight for you here`,
        (f) => `You keep circling around ${f}`,
      ],
      [
        (f, g) => `There may be more than one thing going on between ${f} and ${g}`,
        (_f, g) => `${cap(g)} might be opening a door you have not walked through yet`,
      ],
      [
        (f) => `Perhaps this is less about ${f} than about something you have not named yet`,
        () => `This could be connected to a question older than this conversation`,
      ],
    ],
    questions: [
      (f) => `What else comes up when you stay with ${f} a little longer?`,
      (f, g) => `What would you discover if you followed ${f} toward ${g}?`,
      (f) => `If ${f} could speak for itself, what would it ask you?`,
    ],
    nextSteps: [
      'You could try writing down three different ways this thought might continue.',
      'You might try noticing, over the next day, when this comes back to mind.',
    ],
  },
  analytical: {
    claims: [
      [
        (f) => `The core of what you describe seems to be ${f}`,
        (f) => `${cap(f)} appears to be the central term in your reasoning`,
      ],
      [
        (_f, g) => `Your reasoning appears to rest on an unstated assumption about ${g}`,
        (f, g) => `The link between ${f} and ${g} may be weaker than it first looks`,
      ],
      [
        () => `The evidence so far may not be enough to settle the question either way`,
        (f) => `A different explanation for ${f} could fit the same facts`,
      ],
    ],
    questions: [
      (f) => `What evidence would change your mind about ${f}?`,
      () => `Which assumption here, if it turned out false, would matter most?`,
      (f, g) => `How do you know that ${f} and ${g} are really connected?`,
    ],
    nextSteps: [
      'You could list each claim in what you wrote, with the evidence for it next to it.',
      'Consider separating what you know first-hand from what you are inferring.',
    ],
  },
  creative: {
    claims: [
      [
        (f) => `${cap(f)} sounds like it has an image hiding inside it`,
        (f) => `There is energy in the way you put ${f}`,
      ],
      [
        (f) => `If ${f} were a landscape, it might be a crossroads rather than a wall`,
        (f, g) => `${cap(f)} and ${g} could be two characters in the same story`,
      ],
      [
        (f) => `Turned upside down, ${f} might turn out to be the answer instead of the problem`,
        () => `The opposite of what you fear here might hold the most interesting idea`,
      ],
    ],
    questions: [
      (f) => `What image or metaphor would you choose for ${f}?`,
      (f) =>
        `How would ${f} look if you described it to a child, or to someone from a hundred years ago?`,
      (f, g) => `What happens if you swap the roles of ${f} and ${g}?`,
    ],
    nextSteps: [
      'Try describing it as a scene in a film: where is the camera, and what is just out of frame?',
      'You could try writing one sentence about it in the voice of someone very unlike you.',
    ],
  },
  strategic: {
    claims: [
      [
        (f) => `Your goal seems to involve ${f}`,
        (f) => `${cap(f)} looks like the thing you most want to move forward`,
      ],
      [
        (_f, g) =>
          `There are likely at least two realistic options around ${g}, each with a different cost`,
        (f) => `Acting on ${f} now may rule out some options later`,
      ],
      [
        () => `The best option may depend on something that is not visible yet`,
        (_f, g) => `The real constraint could be time rather than ${g}`,
      ],
    ],
    questions: [
      (f) => `What outcome would make ${f} feel settled, and what is the smallest step toward it?`,
      () => `Which option would you choose if you had to decide today, and what would you give up?`,
      (f) => `What would have to be true in three months for ${f} to count as a success?`,
    ],
    nextSteps: [
      'A next step could be to name one action you can take this week and how you would know it worked.',
      'Consider writing down two options side by side, with the main trade-off of each.',
    ],
  },
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
