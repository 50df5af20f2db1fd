import { sessionHref } from '../lib/location'
import { useFoldersStore } from '../stores/foldersStore'
import { useSessionsStore } from '../stores/sessionsStore'
import { useSuggestionsStore } from '../stores/suggestionsStore'
import { useUiStore } from '../stores/uiStore'
import type { MenuAction } from './ActionsMenu'
import { ActionsMenu } from './ActionsMenu'
import { downloadSessionZip } from './transfer/sessionZip'

/** After Pin/Unpin the session moves to another list: focus follows it there. */
function focusSession(sessionId: string): void {
  const href = sessionHref(sessionId)
  const link = Array.from(document.querySelectorAll<HTMLAnchorElement>('.session-link')).find(
    (a) => a.getAttribute('href') === href,
  )
  link?.focus()
}

export function SessionActionsMenu({ sessionId }: { sessionId: string }) {
  const archived = useSessionsStore((s) => s.byId[sessionId]?.archived ?? false)
  const pinned = useSessionsStore((s) => s.byId[sessionId]?.pinned ?? false)
  const startRename = useSessionsStore((s) => s.startRename)
  const regenerateTitle = useSessionsStore((s) => s.regenerateTitle)
  const hasMessages = useSessionsStore((s) => (s.byId[sessionId]?.messageCount ?? 0) > 0)
  const archive = useSessionsStore((s) => s.archive)
  const unarchive = useSessionsStore((s) => s.unarchive)
  const pin = useSessionsStore((s) => s.pin)
  const unpin = useSessionsStore((s) => s.unpin)
  const exportSession = useSessionsStore((s) => s.exportSession)
  const askDelete = useUiStore((s) => s.askDelete)
  const askMove = useFoldersStore((s) => s.askMove)
  const suggest = useSuggestionsStore((s) => s.suggest)

  // Rename, Move and Delete move focus (a field, a dialog): the menu must not take it back.
  const items: MenuAction[] = [
    { label: 'Rename', run: () => startRename(sessionId), refocus: false },
    ...(hasMessages
      ? [{ label: 'Regenerate title', run: () => void regenerateTitle(sessionId) }]
      : []),
    pinned
      ? {
          label: 'Unpin',
          run: () => void unpin(sessionId).then(() => focusSession(sessionId)),
          refocus: false,
        }
      : {
          label: 'Pin',
          run: () => void pin(sessionId).then(() => focusSession(sessionId)),
          refocus: false,
        },
    { label: 'Move to folder…', run: () => askMove(sessionId), refocus: false },
    // Opens the review list, which takes focus.
    ...(hasMessages
      ? [{ label: 'What should I remember?', run: () => void suggest(sessionId), refocus: false }]
      : []),
    archived
      ? { label: 'Unarchive', run: () => void unarchive(sessionId) }
      : { label: 'Archive', run: () => void archive(sessionId) },
    { label: 'Export as JSON', run: () => void exportSession(sessionId, 'json') },
    { label: 'Export as Markdown', run: () => void exportSession(sessionId, 'markdown') },
    // Zips carry the attachments' bytes; the plain files above only their names.
    {
      label: 'Export as zip (with attachments)',
      run: () => void downloadSessionZip(sessionId, 'json'),
    },
    { label: 'Export as Markdown zip', run: () => void downloadSessionZip(sessionId, 'markdown') },
    { label: 'Delete', run: () => askDelete(sessionId), danger: true, refocus: false },
  ]
  return <ActionsMenu label="Session actions" items={items} />
}
