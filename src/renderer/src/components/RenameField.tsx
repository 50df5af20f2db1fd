import { useSessionsStore } from '../stores/sessionsStore'
import { InlineNameField } from './InlineNameField'

/** Inline title editor: Enter saves, Esc cancels, leaving the field saves. */
export function RenameField({ sessionId, title }: { sessionId: string; title: string }) {
  const rename = useSessionsStore((s) => s.rename)
  const startRename = useSessionsStore((s) => s.startRename)
  return (
    <InlineNameField
      label="Session title"
      initial={title}
      maxLength={200}
      onDone={(name) => (name === null ? startRename(null) : void rename(sessionId, name))}
    />
  )
}
