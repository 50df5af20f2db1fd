import { MEMORY_TEXT_MAX } from '../../../../shared/memory'

/** The "Memory text" field of the edit forms (a suggestion before accepting, a memory). */
export function MemoryTextField({
  value,
  onChange,
}: {
  value: string
  onChange(text: string): void
}) {
  return (
    <label>
      Memory text
      <textarea
        value={value}
        maxLength={MEMORY_TEXT_MAX}
        rows={2}
        onChange={(event) => onChange(event.target.value)}
      />
    </label>
  )
}
