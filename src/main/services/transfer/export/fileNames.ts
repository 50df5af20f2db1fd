const MAX_BASE = 80

/** A file name safe on every OS, from a session title; falls back to the session id. */
export function exportFileName(
  title: string,
  id: string,
  extension: 'json' | 'md' | 'zip',
): string {
  const base = title
    .normalize('NFKC')
    // eslint-disable-next-line no-control-regex
    .replace(/[<>:"/\\|?*\u0000-\u001f\u007f]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
    .slice(0, MAX_BASE)
    .trim()
  return `${base || id}.${extension}`
}

/** A session's zip: "Title.zip" holds the JSON, "Title (Markdown).zip" the Markdown. */
export function sessionZipFileName(title: string, id: string, format: 'json' | 'markdown'): string {
  const name = exportFileName(title, id, 'zip')
  return format === 'json' ? name : name.replace(/\.zip$/, ' (Markdown).zip')
}

/** The zip of every session: the same name for a download and for the desktop save dialog. */
export function exportAllFileName(now: Date): string {
  return `ActiveMirror sessions ${now.toISOString().slice(0, 10)}.zip`
}
