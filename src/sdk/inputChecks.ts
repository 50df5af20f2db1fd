import { z } from 'zod'
import { MirrorError } from '../shared/errors'

// The services check what they are given; these cover the few SDK calls whose arguments reach
// code that assumes their shape (the hosts' routes parse them before, the SDK has no router).

const ImportFilesSchema = z.array(z.object({ name: z.string().min(1), content: z.string() }))
const PathsSchema = z.array(z.string().min(1))

export function checkImportFiles(files: unknown): { name: string; content: string }[] {
  const parsed = ImportFilesSchema.safeParse(files)
  if (parsed.success) return parsed.data
  throw new MirrorError(
    'VALIDATION_FAILED',
    'importFiles takes an array of { name, content } texts.',
  )
}

export function checkPaths(paths: unknown): string[] {
  const parsed = PathsSchema.safeParse(paths)
  if (parsed.success) return parsed.data
  throw new MirrorError('VALIDATION_FAILED', 'importPaths takes an array of file or folder paths.')
}

export function checkText(text: unknown): string {
  if (typeof text === 'string') return text
  throw new MirrorError('VALIDATION_FAILED', 'The text to analyze must be a string.')
}

export function checkFile(file: unknown): string {
  if (typeof file === 'string' && file.trim() !== '') return file
  throw new MirrorError('VALIDATION_FAILED', 'writeAllZip takes the path of the file to write.')
}

export function checkListener(listener: unknown): void {
  if (typeof listener !== 'function') {
    throw new MirrorError('VALIDATION_FAILED', 'on(event, listener) needs a function to call.')
  }
}
