import { z } from 'zod'
import { MirrorError } from '../../shared/errors'
import {
  MEMORY_EXPORT_FORMAT,
  MEMORY_EXPORT_VERSION,
  MemoryExportFileSchema,
  MemoryScopeSchema,
  MemorySourceSchema,
  MemoryTextSchema,
} from '../../shared/memory'
import type { Memory, MemoryImportReport } from '../../shared/memory'
import type { MemoryBook } from './memoryBook'
import { memoryFingerprint } from './memoryText'

/** The export file (docs/memory.md "Export format"): plain JSON, so keep it somewhere safe. */
export function exportMemories(memories: readonly Memory[], now: Date): string {
  return `${JSON.stringify(
    {
      format: MEMORY_EXPORT_FORMAT,
      version: MEMORY_EXPORT_VERSION,
      exportedAt: now.toISOString(),
      memories,
    },
    null,
    2,
  )}\n`
}

/** Ids this app gives memories: kept on import, so importing twice adds nothing. */
const OWN_ID = /^mem_[A-Za-z0-9-]{1,100}$/

const ImportRecordSchema = z.object({
  id: z.string().optional(),
  text: MemoryTextSchema,
  scope: MemoryScopeSchema.optional(),
  source: MemorySourceSchema.optional(),
})

function readFile(content: string): unknown[] {
  let json: unknown
  try {
    json = JSON.parse(content)
  } catch {
    throw new MirrorError('IMPORT_INVALID', 'This memory file is not JSON.')
  }
  const head = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(json)
  if (!head.success || head.data.format !== MEMORY_EXPORT_FORMAT) {
    throw new MirrorError('IMPORT_UNSUPPORTED_FORMAT', 'This is not an ActiveMirror memory export.')
  }
  const file = MemoryExportFileSchema.safeParse(json)
  if (!file.success) {
    throw new MirrorError(
      'IMPORT_UNSUPPORTED_FORMAT',
      `This memory export is version ${String(head.data.version)}; this app reads version ${MEMORY_EXPORT_VERSION}.`,
    )
  }
  return file.data.memories
}

/**
 * Adds the file's memories that are not already here (same id, or the same text once
 * normalized). A record that cannot be read is reported by position; the others still import.
 */
export async function importMemories(
  book: MemoryBook,
  content: string,
): Promise<MemoryImportReport> {
  const records = readFile(content)
  const existing = await book.list()
  const ids = new Set(existing.map((m) => m.id))
  const prints = new Set(existing.map((m) => memoryFingerprint(m.text)))
  const report: MemoryImportReport = { added: 0, duplicates: 0, errors: [] }
  for (const [index, raw] of records.entries()) {
    const parsed = ImportRecordSchema.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''
      report.errors.push({ index, message: `${where}${issue?.message ?? 'invalid'}` })
      continue
    }
    const record = parsed.data
    const print = memoryFingerprint(record.text)
    if ((record.id !== undefined && ids.has(record.id)) || prints.has(print)) {
      report.duplicates++
      continue
    }
    const memory = await book.add({
      text: record.text,
      ...(record.scope && { scope: record.scope }),
      ...(record.source && { source: record.source }),
      ...(record.id !== undefined && OWN_ID.test(record.id) && { id: record.id }),
    })
    ids.add(memory.id)
    prints.add(print)
    report.added++
  }
  return report
}
