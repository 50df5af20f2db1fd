import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { MirrorError } from '../../../shared/errors'
import type { Persona, PersonaDraft, PersonaPatch } from '../../../shared/instructions'
import {
  InstructionsTextSchema,
  MAX_INSTRUCTIONS_CHARS,
  MAX_PERSONA_NAME_CHARS,
  MAX_PERSONAS,
  PersonaSchema,
} from '../../../shared/instructions'
import { JsonSettingsFile } from '../../fs/jsonSettingsFile'
import type { StoreFs } from '../../fs/storeFs'

export const INSTRUCTIONS_FILE = 'instructions.json'

export const InstructionsFileSchema = z.object({
  version: z.literal(1),
  /** Settings → Instructions: sent with every conversation. */
  instructions: InstructionsTextSchema,
  personas: z.array(PersonaSchema).max(MAX_PERSONAS),
})
export type InstructionsFile = z.infer<typeof InstructionsFileSchema>

const empty = (): InstructionsFile => ({ version: 1, instructions: '', personas: [] })

/** INSTRUCTIONS_TOO_LONG unless `text` fits; `what` names the field for the message. */
export function checkInstructions(text: string, what: string): string {
  if (text.length > MAX_INSTRUCTIONS_CHARS) {
    throw new MirrorError(
      'INSTRUCTIONS_TOO_LONG',
      `${what} can be at most ${MAX_INSTRUCTIONS_CHARS} characters (this is ${text.length}).`,
      { max: MAX_INSTRUCTIONS_CHARS, length: text.length },
    )
  }
  return text
}

function cleanName(raw: string): string {
  // One line: control characters (newlines, tabs) become spaces before trimming.
  // eslint-disable-next-line no-control-regex
  const name = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  if (name.length === 0) throw new MirrorError('VALIDATION_FAILED', 'A persona needs a name.')
  if (name.length > MAX_PERSONA_NAME_CHARS) {
    throw new MirrorError(
      'VALIDATION_FAILED',
      `A persona name can be at most ${MAX_PERSONA_NAME_CHARS} characters.`,
    )
  }
  return name
}

const sameName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

function checkUnique(personas: Persona[], name: string, exceptId: string | null): void {
  const clash = personas.find((p) => p.id !== exceptId && sameName(p.name, name))
  if (clash) {
    throw new MirrorError('PERSONA_NAME_TAKEN', `A persona named "${clash.name}" already exists.`, {
      name: clash.name,
    })
  }
}

function notFound(id: string): MirrorError {
  return new MirrorError('NOT_FOUND', `No persona with id ${id}.`, { id })
}

const newPersonaId = (): string => `persona_${Date.now()}_${randomBytes(5).toString('hex')}`

/**
 * Global instructions and personas, in `instructions.json` beside the app's other settings (so
 * the app and `amos` share them whatever the storage backend). Bad input throws before anything
 * is written; a damaged file is STORAGE_CORRUPT and stays as it is.
 */
export class InstructionsStore {
  private readonly file: JsonSettingsFile<InstructionsFile>

  constructor(dir: string, fs?: StoreFs) {
    this.file = new JsonSettingsFile(dir, INSTRUCTIONS_FILE, InstructionsFileSchema, empty, fs)
  }

  get filePath(): string {
    return this.file.filePath
  }

  read(): Promise<InstructionsFile> {
    return this.file.read()
  }

  async setGlobal(text: string): Promise<string> {
    checkInstructions(text, 'Instructions')
    return this.file.mutate((settings) => {
      settings.instructions = text
      return text
    })
  }

  async addPersona(draft: PersonaDraft, createdAt: string): Promise<Persona> {
    const name = cleanName(draft.name)
    const persona = PersonaSchema.parse({
      id: newPersonaId(),
      name,
      instructions: checkInstructions(draft.instructions ?? '', 'Persona instructions'),
      pattern: draft.pattern ?? 'exploratory',
      uncertainty: draft.uncertainty ?? 'none',
      ...(draft.providerId ? { providerId: draft.providerId } : {}),
      ...(draft.model ? { model: draft.model } : {}),
      createdAt,
    })
    return this.file.mutate((settings) => {
      checkUnique(settings.personas, name, null)
      if (settings.personas.length >= MAX_PERSONAS) {
        throw new MirrorError('VALIDATION_FAILED', `At most ${MAX_PERSONAS} personas.`)
      }
      settings.personas.push(persona)
      return persona
    })
  }

  async updatePersona(id: string, patch: PersonaPatch): Promise<Persona> {
    const name = patch.name === undefined ? undefined : cleanName(patch.name)
    if (patch.instructions !== undefined) {
      checkInstructions(patch.instructions, 'Persona instructions')
    }
    return this.file.mutate((settings) => {
      const index = settings.personas.findIndex((p) => p.id === id)
      const current = settings.personas[index]
      if (!current) throw notFound(id)
      if (name !== undefined) checkUnique(settings.personas, name, id)
      const merged: Record<string, unknown> = { ...current, ...patch, ...(name ? { name } : {}) }
      for (const key of ['providerId', 'model']) if (merged[key] === null) delete merged[key]
      const persona = PersonaSchema.parse(merged)
      settings.personas[index] = persona
      return persona
    })
  }

  removePersona(id: string): Promise<boolean> {
    return this.file.mutate((settings) => {
      const before = settings.personas.length
      settings.personas = settings.personas.filter((p) => p.id !== id)
      return settings.personas.length < before
    })
  }

  async persona(id: string): Promise<Persona> {
    const found = (await this.read()).personas.find((p) => p.id === id)
    if (!found) throw notFound(id)
    return found
  }
}
